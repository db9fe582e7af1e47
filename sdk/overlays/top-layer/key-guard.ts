/**
 * An SDK layer's hold on the remote (the alert overlay, the system UI layer). Listens in the capture phase on
 * `window` (the first stop of every key event's path) and on the platform's key target, from the moment the
 * layer is mounted, so it runs before any listener the app adds later. A key it holds or consumes is stopped
 * there (`stopImmediatePropagation`, `preventDefault`): no app listener sees it and the browser does nothing
 * with it. Each layer has its own guard and policy; a layer that must yield to a higher-ranked one asks the
 * top-layer stack (`TopLayerStack.heldAbove`) in its policy.
 */
import { KeyMap } from '../../keys/key-map.js';
import type { KeyName } from '../../keys/key-names.js';
import { findKeyProfile } from '../../keys/key-profile-registry.js';
import type { KeyProfile } from '../../keys/key-profile.js';
import { rawKeyCode } from '../../keys/raw-key-code.js';
// The fallback profile must exist even when the app imported no key profile.
import '../../keys/profiles/keyboard.js';
import type { PlatformAdapter } from '../../platform/platform-adapter.js';

/** What to do with a key press: leave it to the app, hold it, or take it (the overlay acts on it). */
export type KeyDecision = 'pass' | 'hold' | 'take';

export interface KeyGuardPolicy {
  /** Called for each press (the profile's down event, and repeats). */
  decide(key: KeyName): KeyDecision;
  /** Called once for a press the guard took. */
  took(key: KeyName): void;
}

const TYPES = ['keydown', 'keypress', 'keyup'] as const;

export class KeyGuard {
  private readonly keyMap: KeyMap;
  /** Raw codes of presses held or taken: their other events (keypress, repeats, keyup) go the same way. */
  private readonly stopped = new Set<number>();
  private installed = false;
  private readonly targets: EventTarget[];

  constructor(profile: KeyProfile, targets: readonly EventTarget[], private readonly policy: KeyGuardPolicy) {
    this.keyMap = new KeyMap(profile);
    this.targets = [...new Set(targets)];
  }

  install(): void {
    if (this.installed) return;
    this.installed = true;
    for (const target of this.targets) for (const type of TYPES) target.addEventListener(type, this.onKey, { capture: true });
  }

  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    for (const target of this.targets) for (const type of TYPES) target.removeEventListener(type, this.onKey, { capture: true });
    this.stopped.clear();
  }

  private readonly onKey = (e: Event): void => {
    const ke = e as KeyboardEvent;
    // An event on the path of both window and the platform's target is decided at the first one; if that
    // stopped it, it never reaches the second.
    if (this.seen.has(ke)) return;
    this.seen.add(ke);
    const raw = rawKeyCode(ke);
    if (ke.type === 'keyup') {
      if (this.stopped.delete(raw)) this.stop(ke);
      return;
    }
    const primary = ke.type === this.keyMap.profile.downEvent;
    if (!primary && ke.type === 'keypress') {
      // The keypress a keydown-profile browser sends after keydown follows its keydown.
      if (this.stopped.has(raw)) this.stop(ke);
      return;
    }
    // A held or taken press stays so while it repeats.
    if (ke.repeat && this.stopped.has(raw)) {
      this.stop(ke);
      return;
    }
    // A new press decides afresh (boxes without keyup never end the previous one).
    if (!ke.repeat) this.stopped.delete(raw);
    const { key } = this.keyMap.resolve({ keyCode: raw, key: ke.key });
    const decision = this.policy.decide(key);
    if (decision === 'pass') return;
    this.stopped.add(raw);
    if (!primary) {
      // The keydown a desktop browser sends before keypress on a keypress box: stopped, but the default kept,
      // since cancelling it would cancel the keypress that acts.
      ke.stopImmediatePropagation();
      if (decision === 'hold') ke.preventDefault();
      return;
    }
    this.stop(ke);
    if (decision === 'take' && !ke.repeat) this.policy.took(key);
  };

  private readonly seen = new WeakSet<Event>();

  private stop(e: KeyboardEvent): void {
    e.stopImmediatePropagation();
    e.preventDefault();
  }
}

/** The key profile of the platform's remote; the desktop keyboard profile when the platform names an unknown one. */
export function keyProfileOf(platform: Pick<PlatformAdapter, 'keyProfileId'>): KeyProfile {
  try {
    return findKeyProfile(platform.keyProfileId);
  } catch {
    return findKeyProfile('keyboard');
  }
}

/** Where a layer listens for keys: `window` first (when there is one), then the platform's key target. */
export function keyTargetsOf(platform: Pick<PlatformAdapter, 'keyTarget'>): EventTarget[] {
  return typeof window === 'undefined' ? [platform.keyTarget] : [window, platform.keyTarget];
}
