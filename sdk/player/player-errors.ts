// The player's YiwangErrors, built in one place so every path names its code, category and data the same way.
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';

type PlayerErrorCode =
  | typeof ErrorCode.PlayerSourceUnsupported
  | typeof ErrorCode.PlayerLoadFailed
  | typeof ErrorCode.PlayerDecodeFailed
  | typeof ErrorCode.PlayerDrmFailed
  | typeof ErrorCode.PlayerInterrupted
  | typeof ErrorCode.PlayerOperationInvalid
  | typeof ErrorCode.PlayerDestroyed;

export function playerError(code: PlayerErrorCode, message: string, data: Readonly<Record<string, unknown>> = {}): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Player, code, message, data);
}

/** The steps of an EME key-system setup, named in `PlayerDrmFailed` data so a failure says where it stopped. */
export type DrmStep =
  | 'requestMediaKeySystemAccess' | 'createMediaKeys' | 'setMediaKeys' | 'generateRequest' | 'license' | 'update'
  | 'keyStatus' | 'decrypt';

export function drmError(keySystem: string, step: DrmStep, reason: string, extra: Readonly<Record<string, unknown>> = {}): YiwangError {
  return playerError(ErrorCode.PlayerDrmFailed, `DRM ${keySystem} failed at ${step}: ${reason}`, { keySystem, step, reason, ...extra });
}

/** A short text for an unknown thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export function isYiwangError(error: unknown): error is YiwangError {
  return error instanceof YiwangError;
}

/** An aborted signal's reason as an Error (the player always aborts with a YiwangError). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}
