import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import type { PlatformAdapter, PlatformAdapterFactory } from './platform-adapter.js';

/** Higher wins when several adapters detect their box; the plain browser adapter is the fallback. */
export const PlatformPriority = { FALLBACK: 0, BUILT_IN: 1, EMULATOR: 2, APPLICATION: 3 } as const;

const factories: Array<{ factory: PlatformAdapterFactory; priority: number }> = [];
let current: PlatformAdapter | undefined;

export function registerPlatformAdapter(factory: PlatformAdapterFactory, priority: number = PlatformPriority.BUILT_IN): void {
  const i = factories.findIndex((f) => f.factory.id === factory.id);
  if (i >= 0) factories.splice(i, 1);
  factories.push({ factory, priority });
  factories.sort((a, b) => b.priority - a.priority);
}

export function platformAdapterIds(): string[] {
  return factories.map((f) => f.factory.id);
}

/** The factory registered under `id`; throws `PlatformAdapterNotFound`. */
export function findPlatformAdapter(id: string): PlatformAdapterFactory {
  const found = factories.find((f) => f.factory.id === id);
  if (!found) {
    throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Platform, ErrorCode.PlatformAdapterNotFound,
      `No platform adapter "${id}"; registered: ${platformAdapterIds().join(', ')}`, { id });
  }
  return found.factory;
}

/** The highest-priority adapter whose `detect` recognises `env`. */
export function detectPlatformAdapter(env: Window = window): PlatformAdapterFactory {
  for (const { factory } of factories) {
    try {
      if (factory.detect(env)) return factory;
    } catch {
      // A detect that throws (a vendor global half-defined) means "not this box".
    }
  }
  throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Platform, ErrorCode.PlatformAdapterNotFound,
    'No platform adapter recognises this environment', { id: '(detect)' });
}

/**
 * The adapter the SDK uses: the one set with `usePlatform`, else the detected one (created once).
 */
export function currentPlatform(): PlatformAdapter {
  current ??= detectPlatformAdapter().create(window);
  return current;
}

/** Chooses the adapter explicitly, by id or instance (tests, or an operator forcing a platform). */
export function usePlatform(adapter: PlatformAdapter | string): PlatformAdapter {
  current = typeof adapter === 'string' ? findPlatformAdapter(adapter).create(window) : adapter;
  return current;
}
