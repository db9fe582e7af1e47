import type { PlatformAdapter } from '../platform-adapter.js';

/** An adapter for boxes that deliver every key without registration. */
export function adapterWithoutRegistration(id: string, keyProfileId: string, keyTarget: EventTarget): PlatformAdapter {
  return {
    id,
    keyProfileId,
    keyTarget,
    supportsKeyRegistration: () => false,
    registerKeys: () => Promise.resolve(),
    unregisterKeys: () => Promise.resolve(),
  };
}
