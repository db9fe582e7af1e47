import { isKeyName, keyGroupOf, type KeyGroup, type KeyName } from './key-names.js';
import type { KeyProfile } from './key-profile.js';

/** The raw facts of one DOM key event, as far as the platform set them. */
export interface RawKey {
  readonly keyCode: number;
  readonly key?: string;
}

export interface ResolvedKey {
  readonly key: KeyName;
  readonly group: KeyGroup | undefined;
}

/**
 * A profile compiled for lookup. Resolution order: the raw keyCode, then the platform's own `key` string,
 * then a `key` that already is a W3C name (modern browsers), else `Unidentified`.
 */
export class KeyMap {
  private readonly byCode = new Map<number, ResolvedKey>();
  private readonly byKey = new Map<string, ResolvedKey>();

  constructor(readonly profile: KeyProfile) {
    for (const binding of profile.bindings) {
      const resolved = { key: binding.name, group: keyGroupOf(binding.name) };
      // The first binding of a code wins: operator bindings are placed first on purpose.
      if (!this.byCode.has(binding.keyCode)) this.byCode.set(binding.keyCode, resolved);
      if (binding.key !== undefined && !this.byKey.has(binding.key)) this.byKey.set(binding.key, resolved);
    }
  }

  resolve(raw: RawKey): ResolvedKey {
    const byCode = raw.keyCode ? this.byCode.get(raw.keyCode) : undefined;
    if (byCode) return byCode;
    if (raw.key !== undefined) {
      const byKey = this.byKey.get(raw.key);
      if (byKey) return byKey;
      if (isKeyName(raw.key)) return { key: raw.key, group: keyGroupOf(raw.key) };
    }
    return UNIDENTIFIED;
  }
}

const UNIDENTIFIED: ResolvedKey = { key: 'Unidentified', group: undefined };
