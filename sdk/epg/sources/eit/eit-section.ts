/**
 * Event Information Table section — ETSI EN 300 468 §5.2.4 (Table 7); PID 0x0012.
 *
 * table_id 8 (0x4E p/f actual, 0x4F p/f other, 0x50–0x5F schedule actual, 0x60–0x6F schedule other),
 * section_syntax_indicator 1, reserved_future_use 1, reserved 2, section_length 12, service_id 16,
 * reserved 2, version_number 5, current_next_indicator 1, section_number 8, last_section_number 8,
 * transport_stream_id 16, original_network_id 16, segment_last_section_number 8, last_table_id 8,
 * { event_id 16, start_time 40, duration 24, running_status 3, free_CA_mode 1, descriptors_loop_length 12,
 * descriptors }, CRC_32 32.
 *
 * Decoding never throws: a section that is too short, not an EIT, inconsistent in length or failing its
 * CRC is refused with a reason; inside a good section, an event or descriptor that runs past its bounds
 * is dropped and reported through `onProblem`, and decoding goes on with what is left.
 */
import { isCrc32MpegValid } from './crc32-mpeg.js';
import { hex2, lookupEitDescriptor, type DecodedDescriptor } from './descriptor-registry.js';
import { DVB_TEXT_DEFAULTS, type DvbTextContext } from './dvb-text.js';
import { decodeBcdDuration, decodeStartTime, formatDuration, formatUtc } from './mjd-bcd.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const EIT_PID = 0x0012;
export const EIT_TABLE_ID_PF_ACTUAL = 0x4e;
export const EIT_TABLE_ID_PF_OTHER = 0x4f;
export const EIT_TABLE_ID_MIN = 0x4e;
export const EIT_TABLE_ID_MAX = 0x6f;
/** Bytes before the event loop (table_id … last_table_id). */
export const EIT_HEADER_SIZE = 14;
/** Smallest section_length: 11 header bytes after the length field + CRC_32. */
export const EIT_MIN_SECTION_LENGTH = 15;
/** Largest section_length of a private section (total 4096 bytes). */
export const EIT_MAX_SECTION_LENGTH = 4093;

export function isEitTableId(tableId: number): boolean {
  return tableId >= EIT_TABLE_ID_MIN && tableId <= EIT_TABLE_ID_MAX;
}

/** True for the present/following tables (0x4E, 0x4F), false for schedules. */
export function isPresentFollowing(tableId: number): boolean {
  return tableId === EIT_TABLE_ID_PF_ACTUAL || tableId === EIT_TABLE_ID_PF_OTHER;
}

/** TSDuck's wording: `EIT p/f Actual`, `EIT schedule Other`. */
export function eitTableName(tableId: number): string {
  if (!isEitTableId(tableId)) return `not an EIT (${hex2(tableId)})`;
  const kind = isPresentFollowing(tableId) ? 'p/f' : 'schedule';
  const actual = tableId === EIT_TABLE_ID_PF_ACTUAL || (tableId >= 0x50 && tableId <= 0x5f);
  return `EIT ${kind} ${actual ? 'Actual' : 'Other'}`;
}

export const RUNNING_STATUS_NAMES = [
  'undefined', 'not running', 'starts in a few seconds', 'pausing', 'running', 'service off-air', 'reserved', 'reserved',
] as const;

export interface EitSectionHeader {
  readonly tableId: number;
  readonly sectionLength: number;
  readonly serviceId: number;
  readonly version: number;
  readonly currentNext: boolean;
  readonly sectionNumber: number;
  readonly lastSectionNumber: number;
  readonly transportStreamId: number;
  readonly originalNetworkId: number;
  readonly segmentLastSectionNumber: number;
  readonly lastTableId: number;
  /** Whole section size in bytes (3 + section_length). */
  readonly size: number;
}

export interface EitEvent {
  readonly eventId: number;
  /** UTC ms; undefined when start_time is all 1s (e.g. NVOD reference events). */
  readonly start: number | undefined;
  /** Seconds. */
  readonly duration: number;
  readonly runningStatus: number;
  /** free_CA_mode: one or more streams may be scrambled. */
  readonly freeCaMode: boolean;
  /** Decoded descriptors of registered tags, in loop order. */
  readonly descriptors: readonly DecodedDescriptor[];
  /** Tags of descriptors skipped because no decoder is registered, in loop order. */
  readonly otherDescriptorTags: readonly number[];
}

export interface EitSection extends EitSectionHeader {
  readonly events: readonly EitEvent[];
}

/** Why a section was refused as a whole. */
export type EitSectionRefusal = 'eit-short' | 'eit-not-eit' | 'eit-syntax' | 'eit-length' | 'eit-crc';

/** Something dropped inside a good section: an event or a descriptor. */
export type EitProblemCode = 'eit-event-truncated' | 'eit-event-time' | 'eit-descriptor-malformed' | 'dvb-text-selector' |
  'dvb-text-charset';

export type EitProblemHandler = (code: EitProblemCode, message: string) => void;

export type EitHeaderResult =
  | { readonly ok: true; readonly header: EitSectionHeader }
  | { readonly ok: false; readonly code: EitSectionRefusal; readonly message: string };

export type EitSectionResult =
  | { readonly ok: true; readonly section: EitSection }
  | { readonly ok: false; readonly code: EitSectionRefusal; readonly message: string };

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/**
 * Checks a whole section (`bytes` exactly one section, or starting with one) and reads its header:
 * table_id range, section_syntax_indicator, section_length against the bytes, CRC_32.
 */
export function decodeEitHeader(bytes: Uint8Array): EitHeaderResult {
  if (bytes.length < 3) return { ok: false, code: 'eit-short', message: `${bytes.length} bytes is too short for a section` };
  const tableId = bytes[0] ?? 0;
  if (!isEitTableId(tableId)) return { ok: false, code: 'eit-not-eit', message: `table_id ${hex2(tableId)} is not an EIT` };
  const b1 = bytes[1] ?? 0;
  if ((b1 & 0x80) === 0) return { ok: false, code: 'eit-syntax', message: 'section_syntax_indicator is 0' };
  const sectionLength = ((b1 & 0x0f) << 8) | (bytes[2] ?? 0);
  if (sectionLength < EIT_MIN_SECTION_LENGTH || sectionLength > EIT_MAX_SECTION_LENGTH) {
    return { ok: false, code: 'eit-length', message: `section_length ${sectionLength} is out of range` };
  }
  const size = 3 + sectionLength;
  if (size > bytes.length) return { ok: false, code: 'eit-short', message: `section of ${size} bytes truncated to ${bytes.length}` };
  if (!isCrc32MpegValid(bytes, 0, size)) return { ok: false, code: 'eit-crc', message: 'CRC_32 mismatch' };
  const u16 = (i: number): number => ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0);
  const b5 = bytes[5] ?? 0;
  return {
    ok: true,
    header: {
      tableId,
      sectionLength,
      serviceId: u16(3),
      version: (b5 >> 1) & 0x1f,
      currentNext: (b5 & 0x01) === 1,
      sectionNumber: bytes[6] ?? 0,
      lastSectionNumber: bytes[7] ?? 0,
      transportStreamId: u16(8),
      originalNetworkId: u16(10),
      segmentLastSectionNumber: bytes[12] ?? 0,
      lastTableId: bytes[13] ?? 0,
      size,
    },
  };
}

/**
 * Decodes the event loop of a section whose header `decodeEitHeader` accepted. Text uses `ctx` (the
 * service's default charset); anything dropped is reported to `onProblem`.
 */
export function decodeEitEvents(bytes: Uint8Array, header: EitSectionHeader, ctx: DvbTextContext = DVB_TEXT_DEFAULTS,
  onProblem?: EitProblemHandler): EitEvent[] {
  const events: EitEvent[] = [];
  const end = header.size - 4;
  const textCtx: DvbTextContext = onProblem ? { ...ctx, warn: (code, message) => onProblem(code as EitProblemCode, message) } : ctx;
  let p = EIT_HEADER_SIZE;
  while (p < end) {
    if (p + 12 > end) {
      onProblem?.('eit-event-truncated', `${end - p} stray bytes at the end of the event loop`);
      break;
    }
    const eventId = ((bytes[p] ?? 0) << 8) | (bytes[p + 1] ?? 0);
    const b10 = bytes[p + 10] ?? 0;
    const loopLength = ((b10 & 0x0f) << 8) | (bytes[p + 11] ?? 0);
    const loopEnd = p + 12 + loopLength;
    if (loopEnd > end) {
      onProblem?.('eit-event-truncated', `event ${eventId}: descriptors_loop_length ${loopLength} runs past the section`);
      break;
    }
    const start = decodeStartTime(bytes, p + 2);
    const duration = decodeBcdDuration(bytes, p + 7);
    if (start === null || duration === null) {
      onProblem?.('eit-event-time', `event ${eventId}: start_time or duration is not valid BCD`);
      p = loopEnd;
      continue;
    }
    const descriptors: DecodedDescriptor[] = [];
    const otherDescriptorTags: number[] = [];
    let d = p + 12;
    while (d < loopEnd) {
      const tag = bytes[d] ?? 0;
      const length = bytes[d + 1] ?? 0;
      if (d + 2 > loopEnd || d + 2 + length > loopEnd) {
        onProblem?.('eit-descriptor-malformed', `event ${eventId}: descriptor ${hex2(tag)} runs past its loop`);
        break;
      }
      const decoder = lookupEitDescriptor(tag);
      if (decoder) {
        const decoded = decoder.decode(bytes.subarray(d + 2, d + 2 + length), textCtx);
        if (decoded) descriptors.push(decoded);
        else onProblem?.('eit-descriptor-malformed', `event ${eventId}: ${decoder.name} descriptor is malformed`);
      } else {
        otherDescriptorTags.push(tag);
      }
      d += 2 + length;
    }
    events.push({ eventId, start, duration, runningStatus: b10 >> 5, freeCaMode: (b10 & 0x10) !== 0, descriptors, otherDescriptorTags });
    p = loopEnd;
  }
  return events;
}

/** Header check plus events: the whole section decoded, or the reason it was refused. */
export function decodeEitSection(bytes: Uint8Array, ctx: DvbTextContext | ((header: EitSectionHeader) => DvbTextContext) = DVB_TEXT_DEFAULTS,
  onProblem?: EitProblemHandler): EitSectionResult {
  const checked = decodeEitHeader(bytes);
  if (!checked.ok) return checked;
  const header = checked.header;
  const textCtx = typeof ctx === 'function' ? ctx(header) : ctx;
  return { ok: true, section: { ...header, events: decodeEitEvents(bytes, header, textCtx, onProblem) } };
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

const hex4 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

/** A TSDuck-like text dump of a decoded section (tstabdump layout), for logs and debugging. */
export function describeEitSection(section: EitSection): string {
  const lines = [
    `* ${eitTableName(section.tableId)}, TID ${hex2(section.tableId)} (${section.tableId})`,
    `  Section: ${section.sectionNumber} (last: ${section.lastSectionNumber}), version: ${section.version}, size: ${section.size} bytes`,
    `  Service Id: ${hex4(section.serviceId)} (${section.serviceId})`,
    `  TS Id: ${hex4(section.transportStreamId)} (${section.transportStreamId})`,
    `  Original Network Id: ${hex4(section.originalNetworkId)} (${section.originalNetworkId})`,
    `  Segment last section: ${hex2(section.segmentLastSectionNumber)} (${section.segmentLastSectionNumber})`,
    `  Last Table Id: ${hex2(section.lastTableId)} (${section.lastTableId}), ${eitTableName(section.lastTableId)}`,
  ];
  for (const e of section.events) {
    lines.push(`  - Event Id: ${hex4(e.eventId)} (${e.eventId})`,
      `    Start UTC: ${e.start === undefined ? 'undefined' : formatUtc(e.start)}`,
      `    Duration: ${formatDuration(e.duration)}`,
      `    Running status: ${RUNNING_STATUS_NAMES[e.runningStatus] ?? 'reserved'}`,
      `    CA mode: ${e.freeCaMode ? 'controlled' : 'free'}`);
    e.descriptors.forEach((d, i) => {
      const text = lookupEitDescriptor(d.tag)?.describe(d) ?? d.name;
      const [first, ...rest] = text.split('\n');
      lines.push(`    - Descriptor ${i}: ${first ?? ''}`, ...rest.map((l) => `      ${l}`));
    });
    if (e.otherDescriptorTags.length > 0) lines.push(`    - Other descriptors: ${e.otherDescriptorTags.map(hex2).join(', ')}`);
  }
  return lines.join('\n');
}
