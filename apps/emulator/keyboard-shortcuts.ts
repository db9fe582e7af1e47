/**
 * Desktop keyboard as the remote: while the emulator page (not the device frame) has focus, keys of the
 * `keyboard` key profile become remote keys, held as long as the real key is held. Typing in form fields
 * and shortcuts with Ctrl/Alt/Meta are left alone.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findKeyProfile, isKeyName, KeyMap, rawKeyCode, type KnownKeyName } from '../../sdk/index.js';

export interface KeyboardShortcutHandlers {
  keyDown(key: KnownKeyName): void;
  keyUp(key: KnownKeyName): void;
}

const EDITABLE = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

function isEditable(e: Event): boolean {
  return e.composedPath().some((t) => t instanceof HTMLElement && (EDITABLE.has(t.tagName) || t.isContentEditable));
}

export class KeyboardShortcuts implements ReactiveController {
  private readonly map = new KeyMap(findKeyProfile('keyboard'));
  /** Physical keys down, by raw code, with the remote key each stands for. */
  private readonly down = new Map<number, KnownKeyName>();

  constructor(
    host: ReactiveControllerHost,
    private readonly handlers: KeyboardShortcutHandlers,
    private readonly target: Window = window,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.target.addEventListener('keydown', this.onKeyDown);
    this.target.addEventListener('keyup', this.onKeyUp);
    this.target.addEventListener('blur', this.onBlur);
  }

  hostDisconnected(): void {
    this.target.removeEventListener('keydown', this.onKeyDown);
    this.target.removeEventListener('keyup', this.onKeyUp);
    this.target.removeEventListener('blur', this.onBlur);
    this.onBlur();
  }

  /** The remote key a desktop key event stands for, if any. */
  resolve(e: KeyboardEvent): KnownKeyName | undefined {
    const { key } = this.map.resolve({ keyCode: rawKeyCode(e), key: e.key });
    return isKeyName(key) ? key : undefined;
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isEditable(e)) return;
    const key = this.resolve(e);
    if (!key) return;
    e.preventDefault(); // no page scrolling, no history back, no button activation
    const code = rawKeyCode(e);
    // The box repeats on its own timing; the desktop's auto-repeat is ignored.
    if (e.repeat || this.down.has(code)) return;
    this.down.set(code, key);
    this.handlers.keyDown(key);
  };

  private readonly onKeyUp = (e: KeyboardEvent): void => {
    const code = rawKeyCode(e);
    const key = this.down.get(code);
    if (key === undefined) return;
    this.down.delete(code);
    e.preventDefault();
    this.handlers.keyUp(key);
  };

  /** Focus left the page mid-press: the keyup will never come. */
  private readonly onBlur = (): void => {
    const keys = [...this.down.values()];
    this.down.clear();
    for (const key of keys) this.handlers.keyUp(key);
  };
}
