import type { GuideChannel, EpgWarning, Programme } from '../model.js';

/** Input to a source: the bytes as chunks, so a 100 MB guide never sits in memory as one string. */
export type ByteChunks = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/** A slice of parse output. Sources yield batches so consumers can import while parsing. */
export interface EpgBatch {
  readonly channels: readonly GuideChannel[];
  readonly programmes: readonly Programme[];
}

/** Running totals of a parse, updated as batches are produced. */
export interface EpgParseReport {
  channels: number;
  programmes: number;
  /** Items dropped (malformed, bad CRC, undecodable). */
  skipped: number;
  /** Items kept but repaired (missing stop, stop ≤ start, overlap). */
  repaired: number;
  /** The first warnings, up to `maxWarnings`; `skipped`/`repaired` count them all. */
  readonly warnings: EpgWarning[];
}

export interface EpgParseOptions {
  /**
   * Charset for text with no declaration (raw GB bytes in EIT with no Annex A selector). A label for
   * every service, or a function choosing per original network / service.
   */
  readonly defaultCharset?: string | ((ids: { onid: number; tsid: number; sid: number }) => string | undefined);
  /** Keep at most this many warnings in the report (all are counted). Default 100. */
  readonly maxWarnings?: number;
  /** Only keep these channel ids (filter at ingest). */
  readonly channels?: ReadonlySet<string>;
}

/**
 * A pluggable guide format. One file per format in `sources/<format>/`, registering itself with
 * `registerEpgSource` on its last line.
 */
export interface EpgSource {
  /** Format id, e.g. `xmltv`, `eit`, `ts`, `json`. */
  readonly format: string;
  /** True when the first bytes look like this format (for `--format` detection). */
  probe(head: Uint8Array): boolean;
  /**
   * Parses the input into batches. Bad items are skipped and counted in `report`; only unreadable input
   * throws (a YiwangError `EpgInputInvalid`, or `XmlDoctypeRefused` for XML with a DTD or entities).
   */
  parse(input: ByteChunks, report: EpgParseReport, options?: EpgParseOptions): AsyncIterable<EpgBatch>;
}
