/**
 * EPG source `eit`: a file of concatenated raw EIT sections (ETSI EN 300 468 §5.2.4), as `tstables
 * --bin`/`tsp -P tables --bin-output` write them, or as a headend exports them.
 *
 * The input is cut into sections by section_length. A section whose CRC fails but whose length leads to
 * another plausible section header (or to the end) is dropped as one bad section; anything else that is
 * not a section is skipped byte by byte until a section with a valid CRC starts (one warning per run of
 * garbage). 0xFF bytes between sections are stuffing. Nothing in the input makes the parser throw.
 */
import { byteChunks } from '../byte-chunks.js';
import { registerEpgSource } from '../epg-source-registry.js';
import type { ByteChunks, EpgBatch, EpgParseReport } from '../epg-source.js';
import { recordSkipped } from '../epg-report.js';
import { isCrc32MpegValid } from './crc32-mpeg.js';
import { EitCollector, type EitEpgSource, type EitParseOptions } from './eit-collector.js';
import { EIT_MAX_SECTION_LENGTH, EIT_MIN_SECTION_LENGTH, isEitTableId } from './eit-section.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const EIT_SECTIONS_FORMAT = 'eit';

/** Length of a long-form section starting at `p` (3 + section_length), or -1 when the header is implausible. */
function sectionSize(buf: Uint8Array, p: number): number {
  const b1 = buf[p + 1] ?? 0;
  if ((b1 & 0x80) === 0) return -1; // section_syntax_indicator
  const length = ((b1 & 0x0f) << 8) | (buf[p + 2] ?? 0);
  if (length > EIT_MAX_SECTION_LENGTH) return -1;
  if (isEitTableId(buf[p] ?? 0) && length < EIT_MIN_SECTION_LENGTH) return -1;
  return 3 + length;
}

/** True when the first bytes look like an EIT section: table_id 0x4E–0x6F and a plausible length (and CRC, if all there). */
export function probeEitSections(head: Uint8Array): boolean {
  if (head.length < 3 || !isEitTableId(head[0] ?? 0)) return false;
  const size = sectionSize(head, 0);
  if (size < 0) return false;
  return head.length < size || isCrc32MpegValid(head, 0, size);
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/**
 * Cuts a byte stream of concatenated sections into sections. `push` chunks in any size; `end()` flushes.
 */
export class SectionSplitter {
  private buf: Uint8Array = new Uint8Array(0);
  /** Input offset of buf[0]. */
  private base = 0;
  /** Start offset of the current run of garbage bytes, or -1. */
  private garbageStart = -1;

  constructor(
    private readonly onSection: (section: Uint8Array, offset: number) => void,
    private readonly onSkip: (code: 'eit-garbage' | 'eit-truncated', message: string, offset: number) => void,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.buf.length === 0) {
      this.buf = chunk;
    } else {
      const joined = new Uint8Array(this.buf.length + chunk.length);
      joined.set(this.buf);
      joined.set(chunk, this.buf.length);
      this.buf = joined;
    }
    this.cut(false);
  }

  end(): void {
    this.cut(true);
    if (this.buf.length > 0) {
      const size = sectionSize(this.buf, 0);
      if (this.buf.length >= 3 && size > 0 && this.garbageStart < 0) {
        this.onSkip('eit-truncated', `input ends inside a section (${this.buf.length} of ${size} bytes)`, this.base);
      } else {
        if (this.garbageStart < 0) this.garbageStart = this.base;
      }
    }
    this.closeGarbage(this.base + this.buf.length);
    this.buf = new Uint8Array(0);
  }

  private cut(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let p = 0;
    while (p < n) {
      const tableId = buf[p] ?? 0;
      if (tableId === 0xff) {
        this.closeGarbage(this.base + p);
        p++; // stuffing
        continue;
      }
      if (p + 3 > n) break;
      // Resyncing through garbage: only an EIT table_id can start the next section worth a CRC check.
      if (this.garbageStart >= 0 && !isEitTableId(tableId)) {
        p++;
        continue;
      }
      const size = sectionSize(buf, p);
      if (size < 0) {
        this.garbage(p++);
        continue;
      }
      if (p + size > n) {
        if (!final) break;
        if (this.garbageStart >= 0 || !isEitTableId(tableId)) {
          this.garbage(p++); // a "header" inside garbage: keep scanning
          continue;
        }
        break; // a truncated section at the very end: end() reports it
      }
      if (isCrc32MpegValid(buf, p, p + size)) {
        this.closeGarbage(this.base + p);
        this.onSection(buf.subarray(p, p + size), this.base + p);
        p += size;
        continue;
      }
      // Bad CRC. Trust the length only if it leads to another plausible header or to the end.
      const next = p + size;
      if (next + 3 > n && !final) break; // need the next header (or the end) to judge
      const plausibleNext = next >= n || (buf[next] ?? 0) === 0xff || (isEitTableId(buf[next] ?? 0) && sectionSize(buf, next) > 0);
      if (isEitTableId(tableId) && plausibleNext && this.garbageStart < 0) {
        this.onSection(buf.subarray(p, next), this.base + p); // the collector counts the bad CRC
        p = next;
      } else {
        this.garbage(p++);
      }
    }
    this.buf = buf.slice(p);
    this.base += p;
  }

  private garbage(p: number): void {
    if (this.garbageStart < 0) this.garbageStart = this.base + p;
  }

  private closeGarbage(offset: number): void {
    if (this.garbageStart < 0) return;
    this.onSkip('eit-garbage', `${offset - this.garbageStart} bytes that are not a section skipped`, this.garbageStart);
    this.garbageStart = -1;
  }
}

/** The `eit` source: raw concatenated sections in, normalized channels and programmes out. */
export const eitSectionsSource: EitEpgSource = {
  format: EIT_SECTIONS_FORMAT,
  probe: probeEitSections,
  async *parse(input: ByteChunks, report: EpgParseReport, options: EitParseOptions = {}): AsyncIterable<EpgBatch> {
    const collector = new EitCollector(report, options);
    const splitter = new SectionSplitter(
      (section, offset) => collector.addSection(section, `byte ${offset}`),
      (code, message, offset) => recordSkipped(report, { code, message, where: `byte ${offset}` }, options.maxWarnings),
    );
    for await (const chunk of byteChunks(input)) splitter.push(chunk);
    splitter.end();
    yield* collector.finish();
    options.onStats?.(collector.stats);
  },
};

registerEpgSource(eitSectionsSource);
