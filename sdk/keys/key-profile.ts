import type { KnownKeyName } from './key-names.js';

/**
 * One physical key as a platform reports it: the DOM `keyCode` and, where the platform sets them, the
 * `key` and `code` strings. The first binding of a key name in a profile is what that platform's remote
 * sends (the emulator uses it); later bindings of the same name are alternates other firmware sends.
 */
export interface KeyBinding {
  readonly name: KnownKeyName;
  readonly keyCode: number;
  /** `KeyboardEvent.key` as this platform sets it, when it is not the W3C name (webOS Back: `GoBack`). */
  readonly key?: string;
  /** `KeyboardEvent.code` as this platform sets it. */
  readonly code?: string;
}

/**
 * How a box family reports remote keys. Profiles are data: operators add or override them with JSON
 * (see `keyProfileFromJson`), no code change.
 */
export interface KeyProfile {
  readonly id: string;
  readonly label: string;
  readonly bindings: readonly KeyBinding[];
  /** The DOM event that carries a press. Old DVB-C middleware (iPanel) delivers `keypress` only. */
  readonly downEvent: 'keydown' | 'keypress';
  /** Whether the box sends `keyup`. When it does not, releases are inferred from the end of repeats. */
  readonly sendsKeyUp: boolean;
  /**
   * Whether the box delivers keys to an app only after registration: `none`, `per-key` (Tizen
   * `tvinputdevice.registerKey`), or `keyset` (OIPF/HbbTV `KeySet.setValue`).
   */
  readonly registration: 'none' | 'per-key' | 'keyset';
  /** Keys delivered without registration (Tizen: arrows, Enter, Back). */
  readonly alwaysDelivered?: readonly KnownKeyName[];
  /** A line for the emulator's legend per key, for profiles typed on a desktop keyboard. */
  readonly legend?: Readonly<Partial<Record<KnownKeyName, string>>>;
}

/** Builds bindings from `[name, keyCode, key?]` rows, the compact form profile files use. */
export function bindings(rows: ReadonlyArray<readonly [KnownKeyName, number, string?]>): KeyBinding[] {
  return rows.map(([name, keyCode, key]) => (key === undefined ? { name, keyCode } : { name, keyCode, key }));
}

/** Digits 0–9 on DOM key codes 48–57, which every profile here shares. */
export const DIGIT_ROWS: ReadonlyArray<readonly [KnownKeyName, number]> = [
  ['0', 48], ['1', 49], ['2', 50], ['3', 51], ['4', 52], ['5', 53], ['6', 54], ['7', 55], ['8', 56], ['9', 57],
];

/** The first binding of `name`: what this platform's remote sends for it, or undefined if it has no such key. */
export function primaryBinding(profile: KeyProfile, name: KnownKeyName): KeyBinding | undefined {
  return profile.bindings.find((b) => b.name === name);
}
