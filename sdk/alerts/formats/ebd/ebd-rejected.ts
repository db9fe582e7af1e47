import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../../errors/yiwang-error.js';

/** Why an EBD message was rejected, in `error.data.reason`. */
export type EbdRejectReason =
  | 'malformed' // not well-formed XML
  | 'encoding' // bytes in an encoding that cannot be decoded
  | 'too-large' // over the size, element-count or depth limits
  | 'not-ebd' // another root element
  | 'not-ebm' // an EBD of another EBDType (a state request, a heartbeat, …)
  | 'missing' // a required element is absent or empty
  | 'invalid'; // a required element holds a value that cannot be used

/**
 * An `AlertRejected` (6002) for format `ebd`. data: {format: 'ebd', reason, where?: element path, line?}.
 */
export function ebdRejected(reason: EbdRejectReason, message: string, data: Readonly<Record<string, unknown>> = {}): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertRejected, message,
    { format: 'ebd', reason, ...data });
}
