/**
 * `mountSystemUi` options: the objects the layer works with, and a few settings (each default with its
 * reason). A wrong setting is reported (console warning with a `ConfigInvalid` YiwangError) and the default
 * kept: the layer that shows the fingerprint and CA prompts must come up even when its configuration is bad.
 */
import type { ConditionalAccess } from '../../ca/conditional-access-types.js';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { ParentalControl } from '../../parental/parental-types.js';
import type { PlatformAdapter } from '../../platform/platform-adapter.js';

export interface SystemUiConfig {
  /** OSD crawl speed in pixels per second at 1080 lines (scaled with the screen). */
  readonly crawlPixelsPerSecond: number;
  /** How long a result (purchase done, PIN locked out) stays on screen, ms. */
  readonly resultMs: number;
  /** IANA time zone for the times shown (lock-out end, offer expiry); undefined = the box's own. */
  readonly timeZone: string | undefined;
}

export interface SystemUiOptions extends Partial<SystemUiConfig> {
  /** The CA session whose view the layer draws (prompt, OSD, fingerprint, mail, IPPV, upgrade, feeding). */
  readonly ca?: ConditionalAccess;
  /** Parental control, for `requestParentalPin`. */
  readonly parental?: ParentalControl;
  /** The box (its key profile and key target). Default: the detected platform (`currentPlatform()`). */
  readonly platform?: PlatformAdapter;
  /** The document to mount in; default `document`. One layer per document. */
  readonly container?: Document;
}

export function defaultSystemUiConfig(): SystemUiConfig {
  return {
    // About 8 Chinese characters a second at 1080 lines: readable from the sofa, as operators' own crawls run.
    crawlPixelsPerSecond: 120,
    // Long enough to read "购买成功" or a lock-out time, short enough not to sit on the picture.
    resultMs: 2500,
    timeZone: undefined,
  };
}

function report(path: string, expected: string, actual: unknown): void {
  const error = new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Config, ErrorCode.ConfigInvalid,
    `mountSystemUi: ${path} must be ${expected}; got ${String(actual)}. The default is used.`,
    { path, expected, actual });
  console.warn('[yiwang]', error);
}

/** The configuration with defaults filled in; wrong values reported and replaced by the default. */
export function resolveSystemUiConfig(options: SystemUiOptions): SystemUiConfig {
  const d = defaultSystemUiConfig();
  let { crawlPixelsPerSecond, resultMs, timeZone } = d;
  if (options.crawlPixelsPerSecond !== undefined) {
    const v = options.crawlPixelsPerSecond;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) crawlPixelsPerSecond = v;
    else report('crawlPixelsPerSecond', 'a positive number', v);
  }
  if (options.resultMs !== undefined) {
    const v = options.resultMs;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) resultMs = v;
    else report('resultMs', 'a number of ms ≥ 0', v);
  }
  if (options.timeZone !== undefined) {
    const v = options.timeZone;
    try {
      new Intl.DateTimeFormat('zh-CN', { timeZone: v });
      timeZone = v;
    } catch {
      report('timeZone', 'an IANA time zone', v);
    }
  }
  return { crawlPixelsPerSecond, resultMs, timeZone };
}
