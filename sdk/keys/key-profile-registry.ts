import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import type { KeyProfile } from './key-profile.js';

/**
 * Registry of key profiles. Built-in profiles register themselves at `BUILT_IN`; an operator's JSON
 * profiles register at `OPERATOR` and win over a built-in of the same id.
 */
export const KeyProfilePriority = { BUILT_IN: 1, APPLICATION: 2, OPERATOR: 3 } as const;
export type KeyProfilePriority = (typeof KeyProfilePriority)[keyof typeof KeyProfilePriority];

interface Entry {
  readonly profile: KeyProfile;
  readonly priority: number;
}
const registry = new Map<string, Entry[]>();

/** Registers a profile. A higher priority wins for the same id; equal priority replaces. */
export function registerKeyProfile(profile: KeyProfile, priority: number = KeyProfilePriority.BUILT_IN): void {
  const entries = (registry.get(profile.id) ?? []).filter((e) => e.priority !== priority);
  entries.push({ profile, priority });
  entries.sort((a, b) => b.priority - a.priority);
  registry.set(profile.id, entries);
}

/** Removes the profile registered under `id` at `priority` (all priorities when omitted). */
export function unregisterKeyProfile(id: string, priority?: number): void {
  if (priority === undefined) {
    registry.delete(id);
    return;
  }
  const rest = (registry.get(id) ?? []).filter((e) => e.priority !== priority);
  if (rest.length) registry.set(id, rest);
  else registry.delete(id);
}

/** The winning profile for `id`; throws `KeyProfileNotFound` naming the known ids. */
export function findKeyProfile(id: string): KeyProfile {
  const entry = registry.get(id)?.[0];
  if (!entry) {
    throw new YiwangError(
      ErrorSeverity.Critical,
      ErrorCategory.Keys,
      ErrorCode.KeyProfileNotFound,
      `No key profile "${id}"; known profiles: ${keyProfileIds().join(', ')}`,
      { id, known: keyProfileIds() },
    );
  }
  return entry.profile;
}

/** The profile registered under `id` below `belowPriority`, for profiles that extend a built-in of their own id. */
export function findKeyProfileBelow(id: string, belowPriority: number): KeyProfile | undefined {
  return registry.get(id)?.find((e) => e.priority < belowPriority)?.profile;
}

export function keyProfileIds(): string[] {
  return [...registry.keys()].sort();
}
