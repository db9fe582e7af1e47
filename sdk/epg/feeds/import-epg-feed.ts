/**
 * One guide, from bytes to the store: choose the source (named or detected), parse, import, and sum up
 * what happened as an `EpgImportResult`.
 */
import { YiwangError } from '../../errors/yiwang-error.js';
import type { EpgImportResult } from '../../platform/platform-adapter.js';
import { byteChunks } from '../sources/byte-chunks.js';
import type { ByteChunks, EpgParseOptions } from '../sources/epg-source.js';
import { createEpgReport, detectEpgSource, findEpgSource } from '../sources/epg-source-registry.js';
import type { EpgStore, ImportProgress } from '../store/epg-store.js';

/** Warnings an import result keeps when the caller gives no `maxWarnings`. */
export const DEFAULT_FEED_WARNINGS = 20;
/** Size of the pieces a byte array is handed to the parser in. */
const CHUNK_BYTES = 64 * 1024;
/** Leading bytes read for format detection: enough for every built-in probe (XMLTV reads 4 KB, TS 377 B). */
const HEAD_BYTES = 4096;

/** A guide to import: the whole file in memory, or a stream of chunks (a `fetch` body). */
export interface EpgFeedInput {
  readonly name: string;
  /** EPG source id; detected from the first bytes when absent or empty. */
  readonly format?: string;
  readonly bytes: Uint8Array | ByteChunks;
}

export interface ImportEpgFeedOptions {
  /** Aborting stops the import after the current write; the result then carries `EpgImportAborted`. */
  readonly signal?: AbortSignal;
  /** Warnings kept in the result (all are counted). Default 20. */
  readonly maxWarnings?: number;
  /** Passed to the source: a default charset for undeclared EIT text, a channel filter. */
  readonly parse?: Omit<EpgParseOptions, 'maxWarnings'>;
  /** Called after each committed write transaction. */
  readonly onProgress?: (progress: ImportProgress) => void;
}

interface Peeked {
  readonly head: Uint8Array;
  readonly chunks: AsyncIterable<Uint8Array>;
}

// Async because sources take async iterables; there is nothing to wait for.
// eslint-disable-next-line @typescript-eslint/require-await
async function* slices(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Reads the first bytes of a stream for detection; the chunks returned replay them, then the rest. */
async function peek(input: ByteChunks): Promise<Peeked> {
  const iterator = byteChunks(input)[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<Uint8Array, void, undefined> {
    let finished = ended;
    try {
      yield* buffered;
      while (!finished) {
        const next = await iterator.next();
        if (next.done === true) finished = true;
        else yield next.value;
      }
    } finally {
      // The parser stopped early (an error, an abort): cancel the stream.
      if (!finished) await iterator.return(undefined);
    }
  }
  return { head: concat(buffered, length).subarray(0, HEAD_BYTES), chunks: replay() };
}

function isBytes(input: Uint8Array | ByteChunks): input is Uint8Array {
  return input instanceof Uint8Array;
}

/** A failure as a plain object that survives `postMessage`. */
function describeFailure(error: unknown): { message: string; code?: number } {
  if (error instanceof YiwangError) return { message: error.message, code: error.code };
  if (error instanceof Error) return { message: `${error.name}: ${error.message}` };
  return { message: String(error) };
}

/**
 * Imports one guide into the store: the source is `findEpgSource(feed.format)`, or the one whose probe
 * recognises the first bytes; its batches go through `guide.importBatches`. Resolves with the summary
 * once the import finished or failed — a failure (unknown format, unreadable input, a full store, an
 * abort) is the result's `error`, never a rejection. What was written before a failure stays.
 *
 * ```ts
 * const response = await fetch('/guides/today.xml');
 * const result = await importEpgFeed(guide, { name: 'today.xml', bytes: response.body! });
 * if (result.error) showError(result.error.message);
 * ```
 */
export async function importEpgFeed(
  guide: EpgStore, feed: EpgFeedInput, options: ImportEpgFeedOptions = {},
): Promise<EpgImportResult> {
  const started = performance.now();
  const report = createEpgReport();
  let format: string | undefined;
  let stored: ImportProgress = { channels: 0, programmes: 0, transactions: 0 };
  let storeSkipped = 0;
  let expired = 0;
  let error: { message: string; code?: number } | undefined;
  try {
    const named = typeof feed.format === 'string' && feed.format !== '';
    let chunks: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;
    let head: Uint8Array = new Uint8Array(0);
    if (isBytes(feed.bytes)) {
      chunks = slices(feed.bytes);
      head = feed.bytes.subarray(0, HEAD_BYTES);
    } else if (named) {
      chunks = feed.bytes;
    } else {
      ({ head, chunks } = await peek(feed.bytes));
    }
    const source = named ? findEpgSource(feed.format) : detectEpgSource(head);
    format = source.format;
    const batches = source.parse(chunks, report, { ...options.parse, maxWarnings: options.maxWarnings ?? DEFAULT_FEED_WARNINGS });
    const summary = await guide.importBatches(batches, {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (progress) => {
        stored = progress;
        options.onProgress?.(progress);
      },
    });
    stored = summary;
    storeSkipped = summary.skipped;
    expired = summary.expired;
  } catch (failure) {
    error = describeFailure(failure);
  }
  return {
    name: feed.name,
    ...(format === undefined ? {} : { format }),
    channels: stored.channels,
    programmes: stored.programmes,
    skipped: report.skipped + storeSkipped,
    repaired: report.repaired,
    expired,
    warnings: [...report.warnings],
    ms: Math.round(performance.now() - started),
    ...(error ? { error } : {}),
  };
}
