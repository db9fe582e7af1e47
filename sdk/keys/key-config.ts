import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import { isKeyName, KEY_NAMES } from './key-names.js';
import type { KeyBinding, KeyProfile } from './key-profile.js';
import { findKeyProfileBelow, KeyProfilePriority, registerKeyProfile } from './key-profile-registry.js';

/**
 * An operator's key profile as JSON. `bindings` maps raw key codes (decimal or 0x hex strings) to
 * normalized key names; they are placed before the inherited ones, so they win for the same code and
 * become what the emulator's remote sends.
 *
 * { "id": "dvn", "extends": "ipanel", "label": "DVN 天柏", "bindings": { "640": "BrowserBack" } }
 */
export interface KeyProfileJson {
  readonly id: string;
  /** Profile to inherit from. Default: the built-in profile of the same id, if there is one. */
  readonly extends?: string;
  readonly label?: string;
  readonly bindings?: Readonly<Record<string, string>>;
  readonly downEvent?: 'keydown' | 'keypress';
  readonly sendsKeyUp?: boolean;
  readonly registration?: 'none' | 'per-key' | 'keyset';
}

export interface KeyConfigJson {
  readonly profiles?: readonly KeyProfileJson[];
}

function invalid(path: string, message: string, value: unknown): YiwangError {
  return new YiwangError(ErrorSeverity.Critical, ErrorCategory.Keys, ErrorCode.KeyOverrideInvalid,
    `${path}: ${message}`, { path, value });
}

function suggest(name: string): string {
  const lower = name.toLowerCase();
  const close = KEY_NAMES.filter((k) => k.toLowerCase().includes(lower) || lower.includes(k.toLowerCase()));
  return close.length ? `; did you mean ${close.slice(0, 3).map((k) => `"${k}"`).join(' or ')}?` : '';
}

function parseCode(text: string, path: string): number {
  const code = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(code) || code <= 0) throw invalid(path, `"${text}" is not a key code (decimal or 0x hex)`, text);
  return code;
}

/** Validates one JSON profile and builds it on top of the profile it extends. Throws naming the bad path. */
export function keyProfileFromJson(json: unknown, path = 'profile', priority: number = KeyProfilePriority.OPERATOR): KeyProfile {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid(path, 'must be an object', json);
  const p = json as Record<string, unknown>;
  const known = new Set(['id', 'extends', 'label', 'bindings', 'downEvent', 'sendsKeyUp', 'registration']);
  for (const key of Object.keys(p)) if (!known.has(key)) throw invalid(`${path}.${key}`, 'unknown setting', p[key]);
  if (typeof p.id !== 'string' || !p.id) throw invalid(`${path}.id`, 'must be a non-empty string', p.id);
  const id = p.id;
  const baseId = p.extends === undefined ? id : p.extends;
  if (typeof baseId !== 'string') throw invalid(`${path}.extends`, 'must be a profile id', p.extends);
  const base = findKeyProfileBelow(baseId, baseId === id ? priority : Infinity);
  if (p.extends !== undefined && !base) {
    throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Keys, ErrorCode.KeyProfileExtendsUnknown,
      `${path}.extends: no profile "${baseId}" to extend`, { id, extends: baseId });
  }
  const own: KeyBinding[] = [];
  if (p.bindings !== undefined) {
    if (typeof p.bindings !== 'object' || p.bindings === null || Array.isArray(p.bindings)) {
      throw invalid(`${path}.bindings`, 'must map key codes to key names', p.bindings);
    }
    for (const [codeText, name] of Object.entries(p.bindings as Record<string, unknown>)) {
      const at = `${path}.bindings["${codeText}"]`;
      const keyCode = parseCode(codeText, at);
      if (!isKeyName(name)) throw invalid(at, `${JSON.stringify(name)} is not a normalized key name${typeof name === 'string' ? suggest(name) : ''}`, name);
      own.push({ name, keyCode });
    }
  }
  const pick = <T>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = p[key];
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) throw invalid(`${path}.${key}`, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
    return value as T;
  };
  if (p.label !== undefined && typeof p.label !== 'string') throw invalid(`${path}.label`, 'must be a string', p.label);
  const profile: KeyProfile = {
    id,
    label: p.label ?? base?.label ?? id,
    bindings: [...own, ...(base?.bindings ?? [])],
    downEvent: pick('downEvent', ['keydown', 'keypress'] as const, base?.downEvent ?? 'keydown'),
    sendsKeyUp: pick('sendsKeyUp', [true, false] as const, base?.sendsKeyUp ?? true),
    registration: pick('registration', ['none', 'per-key', 'keyset'] as const, base?.registration ?? 'none'),
  };
  const alwaysDelivered = base?.alwaysDelivered;
  return alwaysDelivered ? { ...profile, alwaysDelivered } : profile;
}

/**
 * Registers an operator's key configuration: each profile at operator priority, over any built-in of
 * the same id. Validates everything before registering anything. Returns the registered profiles.
 */
export function applyKeyConfig(json: unknown): KeyProfile[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('keys', 'must be an object', json);
  const config = json as Record<string, unknown>;
  for (const key of Object.keys(config)) if (key !== 'profiles') throw invalid(`keys.${key}`, 'unknown setting', config[key]);
  if (config.profiles === undefined) return [];
  if (!Array.isArray(config.profiles)) throw invalid('keys.profiles', 'must be an array', config.profiles);
  const profiles = config.profiles.map((p: unknown, i) => keyProfileFromJson(p, `keys.profiles[${i}]`));
  for (const profile of profiles) registerKeyProfile(profile, KeyProfilePriority.OPERATOR);
  return profiles;
}
