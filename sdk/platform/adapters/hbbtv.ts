/**
 * HbbTV / OIPF terminals: the app's KeySet (OIPF DAE §7.2.5) decides which keys it receives. The mask
 * bits follow the declared groups; keys of the "other" group go in `otherKeys` by VK_ code.
 */
import { keyGroupOf, type KnownKeyName } from '../../keys/key-names.js';
import { hbbtvProfile } from '../../keys/profiles/hbbtv.js';
import { primaryBinding } from '../../keys/key-profile.js';
import type { PlatformAdapter } from '../platform-adapter.js';
import { registerPlatformAdapter } from '../platform-registry.js';

/** KeySet constants, OIPF DAE §7.2.5.1. */
const KEYSET = { RED: 0x1, GREEN: 0x2, YELLOW: 0x4, BLUE: 0x8, NAVIGATION: 0x10, VCR: 0x20, SCROLL: 0x40, INFO: 0x80, NUMERIC: 0x100, OTHER: 0x400 } as const;
const COLOUR_BITS: Partial<Record<KnownKeyName, number>> = {
  ColorF0Red: KEYSET.RED, ColorF1Green: KEYSET.GREEN, ColorF2Yellow: KEYSET.YELLOW, ColorF3Blue: KEYSET.BLUE,
};
const GROUP_BITS = { navigation: KEYSET.NAVIGATION, vcr: KEYSET.VCR, scroll: KEYSET.SCROLL, info: KEYSET.INFO, numeric: KEYSET.NUMERIC } as const;

interface KeySet {
  value: number;
  setValue(mask: number, otherKeys?: number[]): void;
}
interface OipfApplicationManager extends HTMLElement {
  getOwnerApplication(doc: Document): { privateData: { keyset: KeySet } } | null;
}

/** The KeySet mask and otherKeys for a set of keys. Exported for tests. */
export function keySetFor(keys: readonly KnownKeyName[]): { mask: number; otherKeys: number[] } {
  let mask = 0;
  const otherKeys: number[] = [];
  for (const key of keys) {
    const group = keyGroupOf(key);
    if (group === 'colour') mask |= COLOUR_BITS[key] ?? 0;
    else if (group === 'other') {
      const code = primaryBinding(hbbtvProfile, key)?.keyCode;
      if (code !== undefined) {
        mask |= KEYSET.OTHER;
        otherKeys.push(code);
      }
    } else if (group) mask |= GROUP_BITS[group];
  }
  return { mask, otherKeys };
}

function applicationManager(doc: Document): OipfApplicationManager {
  let object = doc.querySelector<OipfApplicationManager>('object[type="application/oipfApplicationManager"]');
  if (!object) {
    object = doc.createElement('object') as unknown as OipfApplicationManager;
    object.setAttribute('type', 'application/oipfApplicationManager');
    object.style.cssText = 'position:absolute;width:0;height:0;visibility:hidden';
    doc.body.appendChild(object);
  }
  return object;
}

function createHbbtvAdapter(env: Window): PlatformAdapter {
  const registered = new Set<KnownKeyName>();
  const apply = (): Promise<void> => {
    const app = applicationManager(env.document).getOwnerApplication(env.document);
    if (!app) return Promise.reject(new Error('oipfApplicationManager has no owner application'));
    const { mask, otherKeys } = keySetFor([...registered]);
    app.privateData.keyset.setValue(mask, otherKeys);
    return Promise.resolve();
  };
  return {
    id: 'hbbtv',
    keyProfileId: 'hbbtv',
    keyTarget: env.document,
    supportsKeyRegistration: () => true,
    registerKeys(keys) {
      keys.forEach((k) => registered.add(k));
      return apply();
    },
    unregisterKeys(keys) {
      keys.forEach((k) => registered.delete(k));
      return apply();
    },
  };
}

registerPlatformAdapter({
  id: 'hbbtv',
  detect: (env) => 'oipfObjectFactory' in env || /HbbTV\//.test(env.navigator.userAgent),
  create: createHbbtvAdapter,
});
