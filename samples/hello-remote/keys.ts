// What a Lightning key handler receives, in either key mode, read as one shape.
import { rawKeyCode, type KeyKind, type LightningKeyEvent } from '../../sdk/index.js';

/**
 * A CJK-capable font stack for Lightning text (drawn with canvas 2D, so system fonts by family name).
 * Without a CJK font the Chinese labels draw as boxes.
 */
export const FONT = ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

/**
 * SDK mode: the bridge's `LightningKeyEvent`. `lightning` mode: Lightning's raw `KeyboardEvent`, or `{}`
 * for Lightning's own long-press callbacks.
 */
export type HandlerEvent = KeyboardEvent | LightningKeyEvent;

export interface HandledKey {
  /** The normalized key (SDK) or `KeyboardEvent.key` (Lightning keymap). */
  readonly key: string;
  readonly kind: KeyKind;
  readonly raw: number;
  /** The SDK event, when the key came through the SDK bridge. */
  readonly sdk?: LightningKeyEvent;
}

/** Whether a handler argument came from the SDK bridge (it carries `kind` and `raw`). */
export function isSdkKeyEvent(e: object): e is LightningKeyEvent {
  return 'kind' in e && 'raw' in e;
}

/** Reads a handler argument in either mode. */
export function keyEventOf(e: HandlerEvent | undefined): HandledKey {
  if (e && isSdkKeyEvent(e)) return { key: e.key, kind: e.kind, raw: e.raw, sdk: e };
  if (e instanceof KeyboardEvent) {
    const kind: KeyKind = e.type === 'keyup' ? 'up' : e.repeat ? 'repeat' : 'down';
    return { key: e.key || 'Unidentified', kind, raw: rawKeyCode(e) };
  }
  return { key: 'Unidentified', kind: 'long', raw: 0 };
}
