/**
 * The one error type of the SDK. Every failure that crosses a module boundary is a YiwangError with a
 * numeric code; codes are grouped by category in thousands (1xxx config, 2xxx platform, 3xxx keys, 4xxx text,
 * 5xxx EPG, 6xxx alerts, 7xxx channels and tuning, 8xxx player, 9xxx conditional access, 10xxx parental control).
 * A retired code stays listed as a comment so its number is never reused.
 */
export const ErrorSeverity = {
  /** The operation failed but the SDK keeps working (bad input, a skipped item). */
  Recoverable: 1,
  /** The module cannot continue without a fix (no platform adapter, unusable configuration). */
  Critical: 2,
} as const;
export type ErrorSeverity = (typeof ErrorSeverity)[keyof typeof ErrorSeverity];

export const ErrorCategory = {
  Config: 1,
  Platform: 2,
  Keys: 3,
  Text: 4,
  Epg: 5,
  Alerts: 6,
  Channels: 7,
  Player: 8,
  Ca: 9,
  Parental: 10,
} as const;
export type ErrorCategory = (typeof ErrorCategory)[keyof typeof ErrorCategory];

/** Error codes. Each comment says what `error.data` holds. */
export const ErrorCode = {
  /** A configuration value has the wrong type or an unknown key. data: {path, expected, actual} */
  ConfigInvalid: 1001,
  /** No platform adapter is registered under that id, or none detected. data: {id} */
  PlatformAdapterNotFound: 2001,
  /** No key profile is registered under that id. data: {id, known: string[]} */
  KeyProfileNotFound: 3001,
  /** A key override names something that is not a normalized key. data: {path, value} */
  KeyOverrideInvalid: 3002,
  /** A key profile extends a profile that does not exist, or extends itself. data: {id, extends} */
  KeyProfileExtendsUnknown: 3003,
  /** An unknown key group was requested. data: {group, known: string[]} */
  KeyGroupUnknown: 3004,
  /** No codec for a character-set label. data: {label} */
  CharsetUnknown: 4001,
  /** No EPG source is registered under that format id, or none recognises the input. data: {format, known} */
  EpgFormatUnknown: 5001,
  /** The input is not readable as the given format at all (not one bad item: the whole input). data: {format, reason, offset?} */
  EpgInputInvalid: 5002,
  /** XML with a DTD or entity declaration; refused to prevent XXE and entity expansion. data: {format, offset} */
  XmlDoctypeRefused: 5003,
  /** IndexedDB is out of space even after pruning the past. data: {needed?, pruned} */
  EpgStoreQuotaExceeded: 5004,
  // 5020–5039: the guide store, its queries and reminders.
  /** The guide store was closed (by `close()`, or because another tab opened a newer schema). data: {name, reason: 'closed' | 'versionchange' | 'terminated'} */
  EpgStoreClosed: 5020,
  /** The guide database could not be opened (no IndexedDB, a newer schema on disk, a failed migration). data: {name, reason} */
  EpgStoreOpenFailed: 5021,
  /** An import was aborted through its signal; committed transactions stay. data: {programmes: number written before the abort, reason} */
  EpgImportAborted: 5022,
  /** No stored programme has that id. data: {id} */
  EpgProgrammeNotFound: 5023,
  /** An argument of a store, query or reminder call is out of range. data: {name, value, expected} */
  EpgArgumentInvalid: 5024,
  /** A guide store write transaction failed for a reason other than quota (I/O error, ...). data: {name, reason} */
  EpgStoreWriteFailed: 5025,
  /** No alert format is registered under that id, or none recognises the input. data: {format, known} */
  AlertFormatUnknown: 6001,
  /** An alert message was rejected: malformed, missing a required field, or invalid. data: {format, reason, where?} */
  AlertRejected: 6002,
  // 6040–6059: the alert manager.
  /** The alert store could not be opened, read or written; the manager goes on in memory (alerts then do not survive a reload). data: {name, operation: 'open' | 'restore' | 'write', reason} */
  AlertStoreFailed: 6040,
  /** The alert manager was closed. data: {name} */
  AlertManagerClosed: 6041,
  /** A channel lineup is not readable at all (not JSON, no channel array, HTTP failure). data: {source, reason} */
  LineupInvalid: 7001,
  /** The channel preferences store (favourites, recents) could not be opened, read or written. data: {name, operation, reason} */
  ChannelStoreFailed: 7002,
  /** A tune target names no channel of the lineup. data: {target} */
  ChannelUnknown: 7003,
  /** The player cannot play this source (no MSE, unknown type, no key system). data: {source, reason} */
  PlayerSourceUnsupported: 8001,
  /** Media could not be fetched (HTTP status, network). data: {url, status?, reason} */
  PlayerLoadFailed: 8002,
  /** The media element failed to decode. data: {reason, mediaErrorCode?} */
  PlayerDecodeFailed: 8003,
  /** EME: no key system access, no licence, or a key error. data: {keySystem, reason} */
  PlayerDrmFailed: 8004,
  /** A play was superseded by another play or a stop before its first frame. data: {source} */
  PlayerInterrupted: 8005,
  /** The call does not apply now (seek on live without time-shift, an unknown track id). data: {operation, reason} */
  PlayerOperationInvalid: 8006,
  /** The player was destroyed. data: {} */
  PlayerDestroyed: 8007,
  /** The box has no CA module, or it stopped. data: {reason} */
  CaModuleUnavailable: 9001,
  /** A CA command failed with the vendor's result. data: {command, code, raw} */
  CaCommandFailed: 9002,
  /** A vendor event could not be normalized; it was dropped and logged. data: {vendor, event, reason} */
  CaEventInvalid: 9003,
  /** No CA vendor table is registered under that id. data: {vendor, known: string[]} */
  CaVendorUnknown: 9004,
  /** The parental-control store could not be opened, read or written. data: {name, operation, reason} */
  ParentalStoreFailed: 10001,
  /** A PIN that is not 4–8 ASCII digits was given to set. data: {reason} */
  ParentalPinInvalid: 10002,
  /** A PIN is needed for this and none has been set. data: {operation} */
  ParentalPinNotSet: 10003,
  /** A parental setting is out of range (a rating outside 4–18, a viewing window not `HH:MM`). data: {name, value, expected} */
  ParentalSettingInvalid: 10004,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class YiwangError extends Error {
  override readonly name = 'YiwangError';
  constructor(
    readonly severity: ErrorSeverity,
    readonly category: ErrorCategory,
    readonly code: ErrorCode,
    message: string,
    readonly data: Readonly<Record<string, unknown>> = {},
  ) {
    super(`[${code}] ${message}`);
  }
}
