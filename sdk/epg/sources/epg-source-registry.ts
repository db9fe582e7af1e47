import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { EpgParseReport, EpgSource } from './epg-source.js';

/** Built-in sources register at BUILT_IN; an app's or operator's own source of the same format wins. */
export const EpgSourcePriority = { BUILT_IN: 1, APPLICATION: 2 } as const;

const sources: Array<{ source: EpgSource; priority: number }> = [];

export function registerEpgSource(source: EpgSource, priority: number = EpgSourcePriority.BUILT_IN): void {
  const i = sources.findIndex((s) => s.source.format === source.format && s.priority === priority);
  if (i >= 0) sources.splice(i, 1);
  sources.push({ source, priority });
  sources.sort((a, b) => b.priority - a.priority);
}

export function unregisterEpgSource(format: string, priority?: number): void {
  for (let i = sources.length - 1; i >= 0; i--) {
    const entry = sources[i];
    if (entry?.source.format === format && (priority === undefined || entry.priority === priority)) sources.splice(i, 1);
  }
}

/** Registered format ids, without duplicates. */
export function epgFormats(): string[] {
  return [...new Set(sources.map((s) => s.source.format))].sort();
}

/** The source for a format id; throws `EpgFormatUnknown` naming the known formats. */
export function findEpgSource(format: string): EpgSource {
  const found = sources.find((s) => s.source.format === format);
  if (!found) {
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgFormatUnknown,
      `Unknown EPG format "${format}"; known formats: ${epgFormats().join(', ')}`, { format, known: epgFormats() });
  }
  return found.source;
}

/** The first source (by priority) whose probe recognises these leading bytes; throws `EpgFormatUnknown`. */
export function detectEpgSource(head: Uint8Array): EpgSource {
  for (const { source } of sources) {
    if (source.probe(head)) return source;
  }
  throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgFormatUnknown,
    `Cannot tell the EPG format of this input; give one of: ${epgFormats().join(', ')}`, { format: '(detect)', known: epgFormats() });
}

/** A fresh, empty parse report. */
export function createEpgReport(): EpgParseReport {
  return { channels: 0, programmes: 0, skipped: 0, repaired: 0, warnings: [] };
}
