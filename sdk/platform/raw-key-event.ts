import type { KeyBinding } from '../keys/key-profile.js';

/**
 * Builds the DOM event a box would dispatch for `binding`. Chromium ignores `keyCode`/`which` in
 * KeyboardEventInit, so they are defined on the instance; adapters and the emulator share this.
 * `view` is the window the event belongs to (the device frame's, so `instanceof KeyboardEvent` holds
 * inside it).
 */
export function createRawKeyEvent(
  type: 'keydown' | 'keyup' | 'keypress',
  binding: Pick<KeyBinding, 'keyCode' | 'key' | 'code'>,
  repeat = false,
  view: Window & typeof globalThis = window,
): KeyboardEvent {
  const event = new view.KeyboardEvent(type, {
    key: binding.key ?? '',
    code: binding.code ?? '',
    repeat,
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  Object.defineProperty(event, 'keyCode', { value: binding.keyCode });
  Object.defineProperty(event, 'which', { value: binding.keyCode });
  if (type === 'keypress') Object.defineProperty(event, 'charCode', { value: binding.keyCode });
  return event;
}
