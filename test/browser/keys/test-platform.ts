// A platform adapter for tests: the seam where a box is simulated. Keys are dispatched on a private
// EventTarget so tests never depend on page focus.
import { createRawKeyEvent, primaryBinding, findKeyProfile, type KeyEvent, type KnownKeyName, type PlatformAdapter } from '../../../sdk/index.js';

export interface TestPlatform extends PlatformAdapter {
  readonly registered: KnownKeyName[][];
  readonly unregistered: KnownKeyName[][];
  readonly observed: KeyEvent[];
  /** Dispatches what the box's remote sends for `key`: down (repeat flag optional), or up. */
  send(type: 'keydown' | 'keyup' | 'keypress', key: KnownKeyName, repeat?: boolean): KeyboardEvent;
  sendRaw(type: 'keydown' | 'keyup' | 'keypress', keyCode: number, key?: string): KeyboardEvent;
}

export function testPlatform(profileId: string): TestPlatform {
  const target = new EventTarget();
  const registered: KnownKeyName[][] = [];
  const unregistered: KnownKeyName[][] = [];
  const observed: KeyEvent[] = [];
  const profile = findKeyProfile(profileId);
  return {
    id: 'test',
    keyProfileId: profileId,
    keyTarget: target,
    registered,
    unregistered,
    observed,
    supportsKeyRegistration: () => profile.registration !== 'none',
    registerKeys(keys) {
      registered.push([...keys]);
      return Promise.resolve();
    },
    unregisterKeys(keys) {
      unregistered.push([...keys]);
      return Promise.resolve();
    },
    observeKeyEvent(event) {
      observed.push(event);
    },
    send(type, key, repeat = false) {
      const binding = primaryBinding(profile, key);
      if (!binding) throw new Error(`profile ${profileId} has no ${key}`);
      const event = createRawKeyEvent(type, binding, repeat);
      target.dispatchEvent(event);
      return event;
    },
    sendRaw(type, keyCode, key) {
      const event = createRawKeyEvent(type, key === undefined ? { keyCode } : { keyCode, key });
      target.dispatchEvent(event);
      return event;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
