import type { Observable, Subscription } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import type { KeyGroup, KeyName } from './key-names.js';
import type { KeyEvent, KeyKind } from './key-event.js';

/**
 * The part of a Lightning `Application` the bridge drives (Lightning core 2.x). Typed structurally so
 * the SDK does not depend on Lightning.
 */
export interface LightningApplicationLike {
  focusTopDownEvent(events: string[], ...args: unknown[]): boolean;
  focusBottomUpEvent(events: string[], ...args: unknown[]): boolean;
  updateFocusPath(): void;
}

/**
 * The Lightning application as the bridge needs it. Lightning core 2.x declares the focus-event methods only in
 * comments, so its `Application` type lacks them: this checks they are there. Throws `ConfigInvalid` when not.
 */
export function asLightningApplication(app: object): LightningApplicationLike {
  if ('focusTopDownEvent' in app && typeof app.focusTopDownEvent === 'function'
    && 'focusBottomUpEvent' in app && typeof app.focusBottomUpEvent === 'function'
    && 'updateFocusPath' in app && typeof app.updateFocusPath === 'function') {
    return app as LightningApplicationLike;
  }
  throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Config, ErrorCode.ConfigInvalid,
    'this Lightning version has no focusTopDownEvent/focusBottomUpEvent/updateFocusPath on its application',
    { path: 'app', expected: 'a Lightning 2.x Application', actual: app.constructor.name });
}

/** Lightning handler stems per normalized key: `ArrowLeft` → `_handleLeft`, `_handleLeftLong`, `_handleLeftRelease`. */
export const LIGHTNING_KEY_STEMS: Readonly<Record<KeyName, string>> = {
  ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Enter: 'Enter', BrowserBack: 'Back',
  Exit: 'Exit', Home: 'Home', ContextMenu: 'Menu', Guide: 'Guide', Info: 'Info', ChannelUp: 'ChannelUp',
  ChannelDown: 'ChannelDown', AudioVolumeUp: 'VolumeUp', AudioVolumeDown: 'VolumeDown', AudioVolumeMute: 'Mute',
  '0': 'Digit0', '1': 'Digit1', '2': 'Digit2', '3': 'Digit3', '4': 'Digit4', '5': 'Digit5', '6': 'Digit6',
  '7': 'Digit7', '8': 'Digit8', '9': 'Digit9', ColorF0Red: 'Red', ColorF1Green: 'Green', ColorF2Yellow: 'Yellow',
  ColorF3Blue: 'Blue', MediaPlay: 'Play', MediaPause: 'Pause', MediaPlayPause: 'PlayPause', MediaStop: 'Stop',
  MediaFastForward: 'FastForward', MediaRewind: 'Rewind', MediaRecord: 'Record', MediaTrackNext: 'Next',
  MediaTrackPrevious: 'Previous', PageUp: 'PageUp', PageDown: 'PageDown', Power: 'Power', Settings: 'Settings',
  Subtitle: 'Subtitle', Search: 'Search', Unidentified: 'Unidentified',
};

/**
 * What a Lightning handler receives: a real KeyboardEvent (Lightning's handler types expect one) whose
 * `key` is the normalized name and whose `keyCode` is the box's raw code, carrying the SDK event's
 * `kind`, `raw`, `rawKey` and `group` as well.
 */
// The SDK entry also loads in Node (the CLI uses its parsers), where KeyboardEvent does not exist; the
// class is only ever constructed in a browser.
const KeyboardEventBase: typeof KeyboardEvent =
  typeof KeyboardEvent === 'undefined' ? (Object as unknown as typeof KeyboardEvent) : KeyboardEvent;

export class LightningKeyEvent extends KeyboardEventBase implements KeyEvent {
  override readonly key: KeyName;
  readonly kind: KeyKind;
  readonly raw: number;
  readonly rawKey?: string;
  readonly group?: KeyGroup;

  constructor(event: KeyEvent) {
    super(event.kind === 'up' ? 'keyup' : 'keydown', { key: event.key, repeat: event.kind === 'repeat', cancelable: true });
    this.key = event.key;
    this.kind = event.kind;
    this.raw = event.raw;
    if (event.rawKey !== undefined) this.rawKey = event.rawKey;
    if (event.group !== undefined) this.group = event.group;
    // Lightning apps often read keyCode; the event's time is when the box reported the key.
    Object.defineProperty(this, 'keyCode', { value: event.raw });
    Object.defineProperty(this, 'which', { value: event.raw });
    Object.defineProperty(this, 'timeStamp', { value: event.timeStamp });
  }
}

/**
 * Feeds normalized keys into a Lightning app's focus path, the way Lightning delivers its own:
 * `_capture<Stem>` top-down then `_handle<Stem>` bottom-up for `down` and `repeat` (falling back to
 * `_captureKey`/`_handleKey`), `_handle<Stem>Long` for `long`, `_handle<Stem>Release` for `up`.
 * Launch the app with `keys: false` in its settings so Lightning does not also read raw key codes.
 * Returns the subscription; unsubscribe to detach.
 */
export function bridgeLightningKeys(
  app: LightningApplicationLike,
  keys: Observable<KeyEvent>,
  stems: Readonly<Partial<Record<KeyName, string>>> = {},
): Subscription {
  return keys.subscribe((event) => {
    const stem = stems[event.key] ?? LIGHTNING_KEY_STEMS[event.key];
    const suffix = event.kind === 'long' ? 'Long' : event.kind === 'up' ? 'Release' : '';
    const arg = new LightningKeyEvent(event);
    const capture = [`_capture${stem}${suffix}`, `_captureKey${suffix}`];
    const handle = [`_handle${stem}${suffix}`, `_handleKey${suffix}`];
    if (!app.focusTopDownEvent(capture, arg)) app.focusBottomUpEvent(handle, arg);
    app.updateFocusPath();
  });
}
