/**
 * Samsung Tizen: keys other than arrows, Enter and Back reach the app only after
 * `tizen.tvinputdevice.registerKeyBatch` (needs the tv.inputdevice privilege, or it fails silently on
 * some firmware, which is why the result is checked against `getSupportedKeys`).
 */
import type { KnownKeyName } from '../../keys/key-names.js';
import { TIZEN_KEY_NAMES, tizenProfile } from '../../keys/profiles/tizen.js';
import type { PlatformAdapter } from '../platform-adapter.js';
import { registerPlatformAdapter } from '../platform-registry.js';

interface TvInputDevice {
  registerKeyBatch(names: string[], onSuccess?: () => void, onError?: (e: { message?: string }) => void): void;
  unregisterKeyBatch(names: string[], onSuccess?: () => void, onError?: (e: { message?: string }) => void): void;
  getSupportedKeys(): Array<{ name: string; code: number }>;
}
interface TizenGlobals {
  tizen?: { tvinputdevice?: TvInputDevice };
}

function tizenNames(input: TvInputDevice, keys: readonly KnownKeyName[]): string[] {
  const always = new Set<string>(tizenProfile.alwaysDelivered ?? []);
  const supported = new Set(input.getSupportedKeys().map((k) => k.name));
  return keys
    .filter((k) => !always.has(k))
    .map((k) => TIZEN_KEY_NAMES[k])
    .filter((name): name is string => name !== undefined && supported.has(name));
}

function batch(call: (ok: () => void, fail: (e: { message?: string }) => void) => void): Promise<void> {
  return new Promise((resolve, reject) =>
    call(resolve, (e) => reject(new Error(`tvinputdevice: ${e.message ?? 'key registration refused'}`))));
}

function createTizenAdapter(env: Window): PlatformAdapter {
  const input = (env as unknown as TizenGlobals).tizen?.tvinputdevice;
  if (!input) throw new Error('tizen.tvinputdevice is missing');
  return {
    id: 'tizen',
    keyProfileId: 'tizen',
    keyTarget: env,
    supportsKeyRegistration: () => true,
    registerKeys: (keys) => batch((ok, fail) => input.registerKeyBatch(tizenNames(input, keys), ok, fail)),
    unregisterKeys: (keys) => batch((ok, fail) => input.unregisterKeyBatch(tizenNames(input, keys), ok, fail)),
  };
}

registerPlatformAdapter({
  id: 'tizen',
  detect: (env) => typeof (env as unknown as TizenGlobals).tizen?.tvinputdevice === 'object',
  create: createTizenAdapter,
});
