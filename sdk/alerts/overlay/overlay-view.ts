/**
 * What the overlay shows, decided from the manager's streams without touching the DOM: one takeover for the
 * most urgent level 1–2 alert, crawling banners for level 3–4 alerts and drills, and the words around them.
 */
import type { ActiveAlert } from '../manager/alert-manager-types.js';
import type { AlertLevel, DetailsChannel } from '../model.js';

/** One alert as the overlay places it. */
export interface ShownAlert {
  readonly active: ActiveAlert;
  /** From the `drills` stream: labelled 演练 / DRILL, never a takeover, never holds keys. */
  readonly drill: boolean;
}

export type OverlayView =
  | { readonly mode: 'none' }
  /** A level 1–2 alert fills the screen; `others` are the rest still in effect, listed on it. */
  | { readonly mode: 'takeover'; readonly takeover: ShownAlert; readonly others: readonly ShownAlert[] }
  /** Crawls along the top, most urgent first; `waiting` more queue for a free row. */
  | { readonly mode: 'banner'; readonly banners: readonly ShownAlert[]; readonly waiting: number };

/** Levels that take the whole screen and hold the remote. */
export function isTakeoverLevel(level: AlertLevel): boolean {
  return level <= 2;
}

/**
 * Places the alerts: `active` as the manager orders it (level 1 first), then drills; alerts in `hidden`
 * (dismissed here, not yet gone from the manager) are left out.
 */
export function planOverlay(
  active: readonly ActiveAlert[], drills: readonly ActiveAlert[], hidden: ReadonlySet<string>, maxBanners: number,
): OverlayView {
  const real = active.filter((a) => !a.drill && !hidden.has(a.alert.key))
    .map((a, i) => ({ a, i }))
    // Stable by level, in case a manager ever emits out of order: the most urgent must be the one on screen.
    .sort((x, y) => x.a.alert.level - y.a.alert.level || x.i - y.i)
    .map(({ a }): ShownAlert => ({ active: a, drill: false }));
  const practice = [...active.filter((a) => a.drill), ...drills]
    .filter((a) => !hidden.has(a.alert.key))
    .map((a): ShownAlert => ({ active: a, drill: true }));
  const takeovers = real.filter((s) => isTakeoverLevel(s.active.alert.level));
  const banners = [...real.filter((s) => !isTakeoverLevel(s.active.alert.level)), ...practice];
  const first = takeovers[0];
  if (first) return { mode: 'takeover', takeover: first, others: [...takeovers.slice(1), ...banners] };
  if (banners.length > 0) return { mode: 'banner', banners: banners.slice(0, maxBanners), waiting: Math.max(0, banners.length - maxBanners) };
  return { mode: 'none' };
}

/** Whether `language` (BCP 47 or ISO 639) is Chinese. */
export function isChinese(language: string): boolean {
  const l = language.toLowerCase();
  return l === 'zh' || l.startsWith('zh-') || l === 'zho' || l === 'chi' || l === 'cmn' || l.startsWith('cmn-');
}

/** The BCP 47 tag for the `lang` attribute and speech: `zho` → `zh-CN`. */
export function bcp47(language: string): string {
  const l = language.toLowerCase();
  if (l === 'zho' || l === 'chi' || l === 'zh' || l === 'cmn') return 'zh-CN';
  if (l === 'eng') return 'en';
  const [first = l, ...rest] = l.split('-');
  return [first, ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

const LEVEL_NAMES_ZH: Record<AlertLevel, string> = {
  1: 'Ⅰ级 特别重大 · 红色预警', 2: 'Ⅱ级 重大 · 橙色预警', 3: 'Ⅲ级 较大 · 黄色预警', 4: 'Ⅳ级 一般 · 蓝色预警',
};
const SHORT_NAMES_ZH: Record<AlertLevel, string> = { 1: '红色预警', 2: '橙色预警', 3: '黄色预警', 4: '蓝色预警' };
const SHORT_NAMES_EN: Record<AlertLevel, string> = { 1: 'Red alert', 2: 'Orange alert', 3: 'Yellow alert', 4: 'Blue alert' };
const LEVEL_NAMES_EN: Record<AlertLevel, string> = {
  1: 'Level I · Extreme · Red alert', 2: 'Level II · Severe · Orange alert', 3: 'Level III · Moderate · Yellow alert',
  4: 'Level IV · Minor · Blue alert',
};

/** Words around the alert text, in the alert's language (Chinese or English). */
export interface OverlayLabels {
  readonly level: string;
  /** The colour name alone, for a banner's tag: `黄色预警`, `Yellow alert`. */
  readonly short: string;
  readonly issued: string;
  readonly alsoInEffect: string;
  readonly more: (n: number) => string;
}

export const DRILL_LABEL = '演练 DRILL';

export function labelsFor(language: string, level: AlertLevel): OverlayLabels {
  return isChinese(language)
    ? {
      level: LEVEL_NAMES_ZH[level], short: SHORT_NAMES_ZH[level], issued: '发布时间', alsoInEffect: '同时生效',
      more: (n) => `另有 ${n} 条预警`,
    }
    : {
      level: LEVEL_NAMES_EN[level], short: SHORT_NAMES_EN[level], issued: 'Issued', alsoInEffect: 'Also in effect',
      more: (n) => `${n} more alert${n === 1 ? '' : 's'}`,
    };
}

/**
 * The event's name: as given in the chosen language, else the alert's event unless it is only a code
 * (`11B06`, `EAN`), which means nothing to a viewer.
 */
export function eventNameOf(a: ActiveAlert): string | undefined {
  return a.text.event ?? (/^[A-Z0-9]{2,8}$/i.test(a.alert.event.trim()) ? undefined : a.alert.event);
}

/** The headline to show: the given headline, else the event name, else the event as given. */
export function headlineOf(a: ActiveAlert): string {
  return a.text.headline ?? eventNameOf(a) ?? a.alert.event;
}

export function senderOf(a: ActiveAlert): string {
  return a.text.senderName ?? a.alert.sender;
}

/** Text parts in reading order, without repeats (a headline is often the event name). */
function parts(a: ActiveAlert): string[] {
  const out: string[] = [];
  for (const part of [eventNameOf(a), headlineOf(a), a.text.description, a.text.instruction, a.text.senderName]) {
    const t = part?.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The text a banner crawls. */
export function crawlText(shown: ShownAlert): string {
  const text = parts(shown.active).join('　·　');
  return shown.drill ? `【${DRILL_LABEL}】 ${text}` : text;
}

/** What the live region announces for one alert. */
export function announcementOf(shown: ShownAlert): string {
  const a = shown.active;
  const labels = labelsFor(a.language, a.alert.level);
  return sentences([...(shown.drill ? [DRILL_LABEL] : []), labels.level, ...parts(a)], isChinese(a.language));
}

/** Joins parts as sentences: a full stop after each part that does not end in punctuation already. */
function sentences(list: readonly string[], chinese: boolean): string {
  let out = '';
  list.forEach((part, i) => {
    const last = i === list.length - 1;
    const ended = /[。．.！!？?；;：:]$/u.test(part);
    out += part + (ended || last ? (last ? '' : ' ') : chinese ? '。' : '. ');
  });
  return out;
}

/** `2025-07-01 14:05` in `timeZone` (undefined: the box's zone). */
export function formatTime(ms: number, timeZone: string | undefined): string {
  try {
    const f = new Intl.DateTimeFormat('en-CA', {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      ...(timeZone === undefined ? {} : { timeZone }),
    });
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
    return `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''} ${p.hour ?? ''}:${p.minute ?? ''}`;
  } catch {
    return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }
}

/**
 * Whether two channel descriptions name the same service: they share one identifying scheme (DVB triplet,
 * major/minor, OOB source id, logical number) and agree on it.
 */
export function sameChannel(a: DetailsChannel | undefined, b: DetailsChannel | undefined): boolean {
  if (!a || !b) return false;
  const schemes: (readonly (keyof DetailsChannel)[])[] = [['onid', 'tsid', 'sid'], ['major', 'minor'], ['sourceId'], ['number']];
  let compared = false;
  for (const scheme of schemes) {
    const inA = scheme.filter((k) => a[k] !== undefined);
    const inB = scheme.filter((k) => b[k] !== undefined);
    // A scheme counts when both give its identifying part (the service id, the major number, …).
    const main = scheme[scheme.length === 3 ? 2 : 0] as keyof DetailsChannel;
    if (a[main] === undefined || b[main] === undefined) continue;
    compared = true;
    for (const k of new Set([...inA, ...inB])) {
      if (a[k] !== undefined && b[k] !== undefined && a[k] !== b[k]) return false;
    }
  }
  return compared;
}

const KEY_WORDS_ZH: Partial<Record<string, string>> = { BrowserBack: '返回', Enter: '确定', Exit: '退出' };
const KEY_WORDS_EN: Partial<Record<string, string>> = { BrowserBack: 'Back', Enter: 'OK', Exit: 'Exit' };

/** `按返回键关闭` / `Press Back to close`, naming the first dismiss key. */
export function dismissHint(language: string, keys: readonly string[]): string {
  const key = keys[0] ?? 'BrowserBack';
  return isChinese(language) ? `按${KEY_WORDS_ZH[key] ?? key}键关闭` : `Press ${KEY_WORDS_EN[key] ?? key} to close`;
}
