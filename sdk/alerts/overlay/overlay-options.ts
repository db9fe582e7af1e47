/**
 * The overlay's configuration: a typed default tree (every default with its reason) and a validating merge.
 * A wrong or unknown option is reported (console warning with a `ConfigInvalid` YiwangError) and the default
 * is kept: an emergency overlay must come up even when its configuration is bad.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import { isKeyName, type KnownKeyName } from '../../keys/key-names.js';
import type { PlatformAdapter } from '../../platform/platform-adapter.js';
import type { AlertLevel } from '../model.js';

/** Background and text colour of one level. */
export interface AlertLevelColours {
  readonly background: string;
  readonly text: string;
}

export interface AttentionToneConfig {
  /** Play the tone when a level 1–2 alert appears. */
  readonly enabled: boolean;
  /** Frequencies sounded together, in Hz. */
  readonly frequencies: readonly number[];
  readonly durationMs: number;
  /** Gain of the tone, 0–1, before the platform volume. */
  readonly gain: number;
}

export interface AlertOverlayConfig {
  /** Keys the viewer keeps while a level 1–2 alert holds the remote. */
  readonly allowedKeys: readonly KnownKeyName[];
  /** Keys that dismiss a level 3–4 banner (or a drill) once it has been up `minDisplayMs`. */
  readonly dismissKey: readonly KnownKeyName[];
  readonly minDisplayMs: number;
  /** Banners crawling at once; the rest wait for a free row. */
  readonly maxBanners: number;
  /** Crawl speed in pixels per second at 1080 lines (scaled with the screen height). */
  readonly crawlPixelsPerSecond: number;
  readonly tone: AttentionToneConfig;
  /**
   * The platform volume (0–100) a level 1–2 alert raises the output to, for the tone, the details channel's
   * audio and the read-out; a louder setting is kept, a muted output is unmuted, and both are restored when
   * the last level 1–2 alert ends. `false` leaves the volume alone.
   */
  readonly alertVolume: number | false;
  /** Read each new alert aloud with speechSynthesis (a zh-CN voice for Chinese text). */
  readonly speech: boolean;
  /** Tune to a level-1 alert's details channel, and back when it ends. */
  readonly forceTune: boolean;
  /** IANA time zone for the times shown; undefined = the box's own. */
  readonly timeZone: string | undefined;
  readonly colours: Readonly<Record<AlertLevel, AlertLevelColours>>;
}

/** What `mountAlertOverlay` takes: any part of the configuration, plus the objects it works with. */
export interface AlertOverlayOptions extends Partial<Omit<AlertOverlayConfig, 'tone' | 'colours' | 'dismissKey'>> {
  /** The box. Default: the detected platform adapter (`currentPlatform()`). */
  readonly platform?: PlatformAdapter;
  readonly dismissKey?: KnownKeyName | readonly KnownKeyName[];
  readonly tone?: Partial<AttentionToneConfig> | boolean;
  readonly colours?: Partial<Record<AlertLevel, Partial<AlertLevelColours>>>;
  /** Makes the AudioContext for the tone (tests; boxes with a prefixed constructor). Default `new AudioContext()`. */
  readonly createAudioContext?: () => AudioContext;
}

/** The defaults, each with its reason. */
export function defaultAlertOverlayConfig(): AlertOverlayConfig {
  return {
    // Volume and power are the box's own and must keep working; everything else waits for the alert.
    allowedKeys: ['AudioVolumeUp', 'AudioVolumeDown', 'Power'],
    // The two keys every remote has and viewers try first to close something.
    dismissKey: ['BrowserBack', 'Enter'],
    // OCAP's minimum presentation time before an indefinite alert may be dismissed; long enough to read a crawl once.
    minDisplayMs: 10_000,
    // Two rows keep most of the picture visible; more alerts queue by level.
    maxBanners: 2,
    // About 3–4 CJK characters per second at 44 px: the slow, readable crawl SCTE 18 asks for.
    crawlPixelsPerSecond: 150,
    tone: {
      enabled: true,
      // The EAS attention signal: 853 Hz and 960 Hz together (47 CFR 11.31), recognised as an alert sound.
      frequencies: [853, 960],
      // Long enough to draw attention (EAS uses 8–25 s); short enough not to mask spoken instructions.
      durationMs: 8_000,
      gain: 0.4,
    },
    // Audible in a living room without being painful; a louder setting is never lowered.
    alertVolume: 70,
    speech: false,
    forceTune: true,
    timeZone: undefined,
    // China EB level colours (GB/T 35965 / GY/T 385): white on red/orange, black on yellow, white on blue;
    // shades dark enough for 4.5:1 contrast with their text.
    colours: {
      1: { background: '#b3141c', text: '#ffffff' },
      2: { background: '#b84300', text: '#ffffff' },
      3: { background: '#ffd400', text: '#111111' },
      4: { background: '#0b4ea2', text: '#ffffff' },
    },
  };
}

const OPTION_KEYS = new Set([
  'allowedKeys', 'dismissKey', 'minDisplayMs', 'maxBanners', 'crawlPixelsPerSecond', 'tone', 'alertVolume', 'speech', 'forceTune',
  'timeZone', 'colours', 'platform', 'createAudioContext',
]);
const TONE_KEYS = new Set(['enabled', 'frequencies', 'durationMs', 'gain']);

type Report = (path: string, expected: string, actual: unknown) => void;

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

function number(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function keyList(value: unknown): value is readonly KnownKeyName[] {
  return Array.isArray(value) && value.every(isKeyName);
}

/**
 * The configuration from `options`: defaults where an option is absent, undefined, or invalid. Each invalid
 * or unknown option goes to `report` (default: a console warning carrying a `ConfigInvalid` YiwangError).
 */
export function resolveAlertOverlayConfig(options: AlertOverlayOptions = {}, report: Report = warn): AlertOverlayConfig {
  const d = defaultAlertOverlayConfig();
  const given = options as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(given)) if (!OPTION_KEYS.has(key)) report(`overlay.${key}`, 'a known option', given[key]);

  function pick<T>(key: string, ok: (v: unknown) => v is T, expected: string, fallback: T, source = given, path = `overlay.${key}`): T {
    const value = source[key];
    if (value === undefined) return fallback;
    if (ok(value)) return value;
    report(path, expected, value);
    return fallback;
  }

  const dismiss = given.dismissKey;
  const dismissKey = isKeyName(dismiss) ? [dismiss] : pick('dismissKey', keyList, 'a key name or an array of key names', d.dismissKey);

  let tone = d.tone;
  const toneOption = given.tone;
  if (typeof toneOption === 'boolean') {
    tone = { ...d.tone, enabled: toneOption };
  } else if (typeof toneOption === 'object' && toneOption !== null && !Array.isArray(toneOption)) {
    const t = toneOption as Readonly<Record<string, unknown>>;
    for (const key of Object.keys(t)) if (!TONE_KEYS.has(key)) report(`overlay.tone.${key}`, 'a known option', t[key]);
    const frequencies = (v: unknown): v is readonly number[] => Array.isArray(v) && v.length > 0 && v.every((f) => number(f, 20, 20_000));
    tone = {
      enabled: pick('enabled', (v): v is boolean => typeof v === 'boolean', 'a boolean', d.tone.enabled, t, 'overlay.tone.enabled'),
      frequencies: pick('frequencies', frequencies, 'a non-empty array of frequencies (20–20000 Hz)', d.tone.frequencies, t, 'overlay.tone.frequencies'),
      durationMs: pick('durationMs', (v): v is number => number(v, 0, 120_000), 'a duration 0–120000 ms', d.tone.durationMs, t, 'overlay.tone.durationMs'),
      gain: pick('gain', (v): v is number => number(v, 0, 1), 'a gain 0–1', d.tone.gain, t, 'overlay.tone.gain'),
    };
  } else if (toneOption !== undefined) {
    report('overlay.tone', 'a boolean or tone options', toneOption);
  }

  const colours = { ...d.colours };
  const colourOption = given.colours;
  if (typeof colourOption === 'object' && colourOption !== null && !Array.isArray(colourOption)) {
    for (const [level, value] of Object.entries(colourOption as Readonly<Record<string, unknown>>)) {
      const l = Number(level);
      if (l !== 1 && l !== 2 && l !== 3 && l !== 4) {
        report(`overlay.colours.${level}`, 'a level 1–4', value);
        continue;
      }
      const c = (typeof value === 'object' && value !== null ? value : {}) as Readonly<Record<string, unknown>>;
      const colour = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
      colours[l] = {
        background: pick('background', colour, 'a CSS colour', d.colours[l].background, c, `overlay.colours.${level}.background`),
        text: pick('text', colour, 'a CSS colour', d.colours[l].text, c, `overlay.colours.${level}.text`),
      };
    }
  } else if (colourOption !== undefined) {
    report('overlay.colours', 'colours by level', colourOption);
  }

  return {
    allowedKeys: pick('allowedKeys', keyList, 'an array of key names', d.allowedKeys),
    dismissKey,
    minDisplayMs: pick('minDisplayMs', (v): v is number => number(v, 0, 3_600_000), 'a duration 0–3600000 ms', d.minDisplayMs),
    maxBanners: pick('maxBanners', (v): v is number => number(v, 1, 10) && Number.isInteger(v), 'an integer 1–10', d.maxBanners),
    crawlPixelsPerSecond: pick('crawlPixelsPerSecond', (v): v is number => number(v, 10, 2000), 'a speed 10–2000', d.crawlPixelsPerSecond),
    tone,
    alertVolume: pick('alertVolume', (v): v is number | false => v === false || number(v, 0, 100), 'a volume 0–100 or false', d.alertVolume),
    speech: pick('speech', (v): v is boolean => typeof v === 'boolean', 'a boolean', d.speech),
    forceTune: pick('forceTune', (v): v is boolean => typeof v === 'boolean', 'a boolean', d.forceTune),
    timeZone: pick('timeZone', (v): v is string | undefined => typeof v === 'string', 'an IANA time zone', d.timeZone),
    colours,
  };
}

function warn(path: string, expected: string, actual: unknown): void {
  const error = new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Config, ErrorCode.ConfigInvalid,
    `${path}: expected ${expected}, got ${describe(actual)}; using the default`, { path, expected, actual: describe(actual) });
  console.warn('[yiwang] alert overlay:', error.message, error);
}
