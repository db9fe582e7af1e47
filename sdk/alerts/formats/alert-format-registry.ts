import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { Alert, AlertFormat, AlertInput } from '../model.js';

/** Built-in formats register at BUILT_IN; an operator's own parser of the same format id wins. */
export const AlertFormatPriority = { BUILT_IN: 1, APPLICATION: 2 } as const;

const formats: Array<{ format: AlertFormat; priority: number }> = [];

export function registerAlertFormat(format: AlertFormat, priority: number = AlertFormatPriority.BUILT_IN): void {
  const i = formats.findIndex((f) => f.format.format === format.format && f.priority === priority);
  if (i >= 0) formats.splice(i, 1);
  formats.push({ format, priority });
  formats.sort((a, b) => b.priority - a.priority);
}

export function alertFormats(): string[] {
  return [...new Set(formats.map((f) => f.format.format))].sort();
}

/** The format registered under `id`; throws `AlertFormatUnknown` naming the known ones. */
export function findAlertFormat(id: string): AlertFormat {
  const found = formats.find((f) => f.format.format === id);
  if (!found) {
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertFormatUnknown,
      `Unknown alert format "${id}"; known formats: ${alertFormats().join(', ')}`, { format: id, known: alertFormats() });
  }
  return found.format;
}

/** The first format whose probe recognises the input; throws `AlertFormatUnknown`. */
export function detectAlertFormat(input: AlertInput): AlertFormat {
  for (const { format } of formats) if (format.probe(input)) return format;
  throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertFormatUnknown,
    `Cannot tell the alert format of this input; give one of: ${alertFormats().join(', ')}`, { format: '(detect)', known: alertFormats() });
}

/** Parses with the given format, or the detected one. */
export function parseAlert(input: AlertInput, format?: string): Alert {
  return (format === undefined ? detectAlertFormat(input) : findAlertFormat(format)).parse(input);
}
