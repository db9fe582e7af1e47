/**
 * XMLTV value syntaxes (XMLTV/xmltv:xmltv.dtd): times and `xmltv_ns` episode numbers.
 */

/** Zone names seen in guides, in minutes east of UTC. CST and IST are ambiguous, so they are not guessed. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120,
  EEST: 180, MSK: 180, EST: -300, EDT: -240, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480,
  HST: -600, HKT: 480, SGT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660,
};

/** Two decimal digits at `i` (caller has checked they are digits). */
const two = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Stop times repeat as the next start: remember the last answer. */
let lastText = '';
let lastValue: number | undefined;

/**
 * Milliseconds since the epoch for an XMLTV time: `YYYYMMDDhhmmss` or any leading substring of at least
 * the year (`2025`, `20250101`, `202501011200`), then an optional zone (`+0800`, `-05:00`, `Z`, `BST`).
 * A time without a zone is UTC. Returns undefined for anything else, including impossible dates.
 */
export function parseXmltvTime(text: string): number | undefined {
  if (text === lastText) return lastValue;
  const value = parseTime(text);
  lastText = text;
  lastValue = value;
  return value;
}

function parseTime(text: string): number | undefined {
  const s = text.trim();
  let n = 0;
  while (n < s.length && isDigit(s.charCodeAt(n))) n++;
  if (n < 4 || n > 14 || n % 2 !== 0) return undefined;
  const year = two(s, 0) * 100 + two(s, 2);
  const month = n > 4 ? two(s, 4) : 1;
  const day = n > 6 ? two(s, 6) : 1;
  const hour = n > 8 ? two(s, 8) : 0;
  const minute = n > 10 ? two(s, 10) : 0;
  const second = n > 12 ? two(s, 12) : 0;
  let zoneAt = n;
  // Fractional seconds are not in the DTD but appear in the wild; they are dropped.
  if (n === 14 && s.charCodeAt(zoneAt) === 46 /* . */) {
    zoneAt++;
    while (zoneAt < s.length && isDigit(s.charCodeAt(zoneAt))) zoneAt++;
  }
  while (s.charCodeAt(zoneAt) === 32) zoneAt++;
  const offset = parseZone(s, zoneAt);
  if (offset === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (day > 28 && new Date(ms).getUTCDate() !== day) return undefined;
  return ms - offset * 60_000;
}

/** Minutes east of UTC for the zone suffix of `s` from `at` ('' is UTC), or undefined when unreadable. */
function parseZone(s: string, at: number): number | undefined {
  const length = s.length - at;
  if (length === 0) return 0;
  const sign = s.charCodeAt(at);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    // +HHMM (the common case), +HH:MM, +HH
    let hours: number;
    let minutes = 0;
    const digitsAt = (i: number, count: number): boolean => {
      for (let k = 0; k < count; k++) if (!isDigit(s.charCodeAt(at + i + k))) return false;
      return true;
    };
    if (length === 5 && digitsAt(1, 4)) {
      hours = two(s, at + 1);
      minutes = two(s, at + 3);
    } else if (length === 6 && digitsAt(1, 2) && s.charCodeAt(at + 3) === 58 /* : */ && digitsAt(4, 2)) {
      hours = two(s, at + 1);
      minutes = two(s, at + 4);
    } else if (length === 3 && digitsAt(1, 2)) {
      hours = two(s, at + 1);
    } else {
      return undefined;
    }
    if (hours > 14 || minutes > 59) return undefined;
    return (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  }
  return ZONE_NAMES[s.slice(at).toUpperCase()];
}

/** Zero-based season, episode and part of an `xmltv_ns` episode number. */
export interface XmltvEpisodeNumber {
  readonly season?: number;
  readonly episode?: number;
  readonly part?: number;
}

/**
 * Reads `season.episode.part`, each zero-based, optionally `X/Y` (X of Y), any of them empty, spaces
 * anywhere: `"1.11.0/1"`, `"0 . 12/13 . 0/3"`, `".25/0."`, `"5.3/10."`. Returns undefined when the text is
 * not in that shape or gives no number at all.
 */
export function parseXmltvNs(text: string): XmltvEpisodeNumber | undefined {
  const parts = text.replace(/\s+/g, '').split('.');
  if (parts.length > 3) return undefined;
  const numbers: Array<number | undefined> = [];
  for (const part of parts) {
    if (part.length === 0) {
      numbers.push(undefined);
      continue;
    }
    const match = /^(\d*)(?:\/(\d+))?$/.exec(part);
    if (!match) return undefined;
    numbers.push(match[1] ? Number(match[1]) : undefined);
  }
  const [season, episode, part] = numbers;
  if (season === undefined && episode === undefined && part === undefined) return undefined;
  return {
    ...(season !== undefined ? { season } : {}),
    ...(episode !== undefined ? { episode } : {}),
    ...(part !== undefined ? { part } : {}),
  };
}
