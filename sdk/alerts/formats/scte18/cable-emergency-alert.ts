/**
 * Cable emergency alert message, `cable_emergency_alert()` — ANSI/SCTE 18 (Emergency Alert Messaging for
 * Cable), table_id 0xD8, carried in-band on PID 0x1FFB and out-of-band. Syntax as in
 * shared/reference/alerts.md §2 (after TSDuck's CableEmergencyAlertTable):
 *
 *   table_id 8 = 0xD8, section_syntax_indicator 1, zero 1, reserved 2, section_length 12,
 *   table_id_extension 16 = 0, reserved 2, sequence_number 5, current_next_indicator 1,
 *   section_number 8 = 0, last_section_number 8 = 0, protocol_version 8 = 0, EAS_event_ID 16,
 *   EAS_originator_code 24 (3 ASCII), EAS_event_code_length 8, EAS_event_code,
 *   nature_of_activation_text_length 8, nature_of_activation_text() (multiple_string_structure),
 *   alert_message_time_remaining 8, event_start_time 32, event_duration 16, reserved 12, alert_priority 4,
 *   details_OOB_source_ID 16, reserved 6, details_major_channel_number 10, reserved 6,
 *   details_minor_channel_number 10, audio_OOB_source_ID 16, alert_text_length 16, alert_text(),
 *   location_code_count 8, { state_code 8, county_subdivision 4, reserved 2, county_code 10 },
 *   exception_count 8, { in_band_reference 1, reserved 7, in_band ? { reserved 6, major 10, reserved 6,
 *   minor 10 } : { reserved 16, exception_OOB_source_ID 16 } }, reserved 6, descriptors_length 10,
 *   descriptors, CRC_32 32.
 *
 * One section holds the whole message (at most 4096 bytes). Rejected (`AlertRejected` 6002, naming the
 * field and byte offset): another table_id, a section_length past the input or over 4093, a bad CRC_32,
 * a protocol_version other than 0 (a later layout cannot be read safely), a field running past the
 * section. Recoverable oddities are returned as warnings: field values outside the ranges SCTE 18 allows,
 * undecodable text segments, bytes left between the descriptors and the CRC. Descriptors (0x00 in-band
 * details, 0x01 in-band exceptions, 0x02 audio file, 0x03 SCTE 164 metadata, …) are listed by tag and
 * length and skipped.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../../errors/yiwang-error.js';
import { crc32Mpeg, isCrc32MpegValid } from '../../../epg/sources/eit/crc32-mpeg.js';
import { decodeMultipleStringStructure, describeMultipleStringStructure, type MssString } from './multiple-string-structure.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const CABLE_EMERGENCY_ALERT_TABLE_ID = 0xd8;
/** In-band PID of SCTE 18 messages. */
export const SCTE18_PID = 0x1ffb;
/** Largest section_length: the section is at most 4096 bytes. */
export const CEA_MAX_SECTION_LENGTH = 4093;

/** EAS originator codes (47 CFR §11.31): who activated the alert. */
export const EAS_ORIGINATORS: Readonly<Record<string, string>> = {
  EAS: 'EAS participant (broadcast station or cable system)',
  CIV: 'Civil authorities',
  WXR: 'National Weather Service',
  PEP: 'Primary Entry Point System',
};

export interface Scte18LocationCode {
  /** FIPS state code, 0 = all states. */
  readonly state: number;
  /** County subdivision 0–9 (0 = all of the county). */
  readonly subdivision: number;
  /** FIPS county code, 0 = all counties. */
  readonly county: number;
}

export type Scte18Exception =
  | { readonly inBand: true; readonly major: number; readonly minor: number }
  | { readonly inBand: false; readonly sourceId: number };

export interface CableEmergencyAlert {
  readonly tableIdExtension: number;
  readonly sequenceNumber: number;
  readonly currentNext: boolean;
  readonly protocolVersion: number;
  readonly eventId: number;
  readonly originatorCode: string;
  readonly eventCode: string;
  readonly natureOfActivation: readonly MssString[];
  /** alert_message_time_remaining, seconds (0 = indefinite). */
  readonly timeRemaining: number;
  /** event_start_time, GPS seconds (0 = immediate). */
  readonly eventStartTime: number;
  /** event_duration, minutes (0 = not given). */
  readonly eventDuration: number;
  readonly alertPriority: number;
  readonly detailsOobSourceId: number;
  readonly detailsMajor: number;
  readonly detailsMinor: number;
  readonly audioOobSourceId: number;
  readonly alertText: readonly MssString[];
  readonly locations: readonly Scte18LocationCode[];
  readonly exceptions: readonly Scte18Exception[];
  readonly descriptors: readonly { readonly tag: number; readonly length: number }[];
  readonly crc32: number;
  /** Whole section size in bytes (3 + section_length). */
  readonly size: number;
}

export interface CableEmergencyAlertResult {
  readonly section: CableEmergencyAlert;
  readonly warnings: readonly string[];
}

export type Scte18RejectReason = 'truncated' | 'not-scte18' | 'length' | 'crc' | 'protocol-version' | 'no-section';

/** An `AlertRejected` (6002) for format `scte18`. data: {format: 'scte18', reason, where?: field, offset?}. */
export function scte18Rejected(reason: Scte18RejectReason, message: string, data: Readonly<Record<string, unknown>> = {}): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertRejected, `scte18: ${message}`,
    { format: 'scte18', reason, ...data });
}

const hex = (n: number, digits = 2): string => `0x${n.toString(16).padStart(digits, '0').toUpperCase()}`;

/** Reads big-endian fields in `[pos, end)`; reading past `end` rejects the message naming the field. */
class FieldReader {
  constructor(readonly bytes: Uint8Array, public pos: number, readonly end: number) {}

  need(n: number, field: string): void {
    if (this.pos + n > this.end) {
      throw scte18Rejected('truncated', `${field} at offset ${this.pos} runs past the end of the section (${this.end - this.pos} bytes left, ${n} needed)`,
        { where: field, offset: this.pos });
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos++] ?? 0;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = ((this.bytes[this.pos] ?? 0) << 8) | (this.bytes[this.pos + 1] ?? 0);
    this.pos += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const v = (((this.bytes[this.pos] ?? 0) << 24) | ((this.bytes[this.pos + 1] ?? 0) << 16)
      | ((this.bytes[this.pos + 2] ?? 0) << 8) | (this.bytes[this.pos + 3] ?? 0)) >>> 0;
    this.pos += 4;
    return v;
  }

  ascii(n: number, field: string): string {
    this.need(n, field);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[this.pos + i] ?? 0);
    this.pos += n;
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes the section starting at `bytes[start]`. Bytes after it are ignored (with a warning). */
export function decodeCableEmergencyAlert(bytes: Uint8Array, start = 0): CableEmergencyAlertResult {
  const warnings: string[] = [];
  const header = new FieldReader(bytes, start, bytes.length);
  const tableId = header.u8('table_id');
  if (tableId !== CABLE_EMERGENCY_ALERT_TABLE_ID) {
    throw scte18Rejected('not-scte18', `table_id ${hex(tableId)} at offset ${start} is not cable_emergency_alert (0xD8)`, { where: 'table_id', offset: start });
  }
  const b1 = header.u8('section_length');
  const sectionLength = ((b1 & 0x0f) << 8) | header.u8('section_length');
  if ((b1 & 0x80) === 0) warnings.push('section_syntax_indicator is 0 (SCTE 18 sets it to 1)');
  if (sectionLength > CEA_MAX_SECTION_LENGTH) {
    throw scte18Rejected('length', `section_length ${sectionLength} is over ${CEA_MAX_SECTION_LENGTH}`, { where: 'section_length', offset: start + 1 });
  }
  const size = 3 + sectionLength;
  if (start + size > bytes.length) {
    throw scte18Rejected('truncated', `section_length ${sectionLength} needs ${size} bytes, only ${bytes.length - start} given`, { where: 'section_length', offset: start + 1 });
  }
  if (sectionLength < 9 + 4) {
    throw scte18Rejected('length', `section_length ${sectionLength} is too short for a long-form section`, { where: 'section_length', offset: start + 1 });
  }
  if (!isCrc32MpegValid(bytes, start, start + size)) {
    const given = new FieldReader(bytes, start + size - 4, start + size).u32('CRC_32');
    throw scte18Rejected('crc', `CRC_32 ${hex(given, 8)} does not match the section (computed ${hex(crc32Mpeg(bytes, start, start + size - 4), 8)})`,
      { where: 'CRC_32', offset: start + size - 4 });
  }
  if (bytes.length > start + size) warnings.push(`${bytes.length - start - size} bytes after the section ignored`);

  const r = new FieldReader(bytes, start + 3, start + size - 4);
  const tableIdExtension = r.u16('table_id_extension');
  const b5 = r.u8('sequence_number');
  const sequenceNumber = (b5 >> 1) & 0x1f;
  const currentNext = (b5 & 0x01) === 1;
  const sectionNumber = r.u8('section_number');
  const lastSectionNumber = r.u8('last_section_number');
  if (tableIdExtension !== 0) warnings.push(`table_id_extension is ${hex(tableIdExtension, 4)}, not 0`);
  if (!currentNext) warnings.push('current_next_indicator is 0 (SCTE 18 sets it to 1)');
  if (sectionNumber !== 0 || lastSectionNumber !== 0) warnings.push(`section_number ${sectionNumber} / last_section_number ${lastSectionNumber}: SCTE 18 uses one section`);
  const protocolVersionOffset = r.pos;
  const protocolVersion = r.u8('protocol_version');
  if (protocolVersion !== 0) {
    throw scte18Rejected('protocol-version', `protocol_version ${protocolVersion} at offset ${protocolVersionOffset} is not 0; this layout is unknown`,
      { where: 'protocol_version', offset: protocolVersionOffset });
  }

  const eventId = r.u16('EAS_event_ID');
  const originatorCode = r.ascii(3, 'EAS_originator_code');
  if (!(originatorCode in EAS_ORIGINATORS)) warnings.push(`EAS_originator_code "${originatorCode}" is not one of ${Object.keys(EAS_ORIGINATORS).join(', ')}`);
  const eventCode = r.ascii(r.u8('EAS_event_code_length'), 'EAS_event_code');

  const natureLength = r.u8('nature_of_activation_text_length');
  r.need(natureLength, 'nature_of_activation_text');
  const nature = decodeMultipleStringStructure(bytes, r.pos, r.pos + natureLength);
  warnings.push(...nature.warnings.map((w) => `nature_of_activation_text: ${w}`));
  r.pos += natureLength;

  const timeRemaining = r.u8('alert_message_time_remaining');
  if (timeRemaining > 120) warnings.push(`alert_message_time_remaining ${timeRemaining} is over 120 s`);
  const eventStartTime = r.u32('event_start_time');
  const eventDuration = r.u16('event_duration');
  if (eventDuration !== 0 && (eventDuration < 15 || eventDuration > 6000)) warnings.push(`event_duration ${eventDuration} min is outside 15–6000`);
  const alertPriority = r.u16('alert_priority') & 0x0f;
  const detailsOobSourceId = r.u16('details_OOB_source_ID');
  const detailsMajor = r.u16('details_major_channel_number') & 0x03ff;
  const detailsMinor = r.u16('details_minor_channel_number') & 0x03ff;
  const audioOobSourceId = r.u16('audio_OOB_source_ID');

  const alertTextLength = r.u16('alert_text_length');
  r.need(alertTextLength, 'alert_text');
  const alertText = decodeMultipleStringStructure(bytes, r.pos, r.pos + alertTextLength);
  warnings.push(...alertText.warnings.map((w) => `alert_text: ${w}`));
  r.pos += alertTextLength;

  const locationCount = r.u8('location_code_count');
  if (locationCount < 1 || locationCount > 31) warnings.push(`location_code_count ${locationCount} is outside 1–31`);
  const locations: Scte18LocationCode[] = [];
  for (let i = 0; i < locationCount; i++) {
    const field = `location_code[${i}]`;
    const state = r.u8(field);
    const rest = r.u16(field);
    locations.push({ state, subdivision: rest >> 12, county: rest & 0x03ff });
  }

  const exceptionCount = r.u8('exception_count');
  const exceptions: Scte18Exception[] = [];
  for (let i = 0; i < exceptionCount; i++) {
    const field = `exception[${i}]`;
    const inBand = (r.u8(field) & 0x80) !== 0;
    const first = r.u16(field);
    const second = r.u16(field);
    exceptions.push(inBand ? { inBand, major: first & 0x03ff, minor: second & 0x03ff } : { inBand, sourceId: second });
  }

  const descriptorsLength = r.u16('descriptors_length') & 0x03ff;
  r.need(descriptorsLength, 'descriptors');
  const descriptorsEnd = r.pos + descriptorsLength;
  const descriptors: Array<{ tag: number; length: number }> = [];
  while (r.pos < descriptorsEnd) {
    if (r.pos + 2 > descriptorsEnd) {
      warnings.push(`descriptor at offset ${r.pos} is cut short; skipped`);
      break;
    }
    const tag = bytes[r.pos] ?? 0;
    const length = bytes[r.pos + 1] ?? 0;
    if (r.pos + 2 + length > descriptorsEnd) {
      warnings.push(`descriptor ${hex(tag)} at offset ${r.pos} runs past descriptors_length; skipped`);
      break;
    }
    descriptors.push({ tag, length });
    r.pos += 2 + length;
  }
  r.pos = descriptorsEnd;
  if (r.pos < r.end) warnings.push(`${r.end - r.pos} bytes between the descriptors and CRC_32 ignored`);

  const section: CableEmergencyAlert = {
    tableIdExtension, sequenceNumber, currentNext, protocolVersion, eventId, originatorCode, eventCode,
    natureOfActivation: nature.strings, timeRemaining, eventStartTime, eventDuration, alertPriority, detailsOobSourceId,
    detailsMajor, detailsMinor, audioOobSourceId, alertText: alertText.strings, locations, exceptions, descriptors,
    crc32: new FieldReader(bytes, start + size - 4, start + size).u32('CRC_32'), size,
  };
  return { section, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

/** A TSDuck-like text dump, one field per line. */
export function describeCableEmergencyAlert(s: CableEmergencyAlert): string[] {
  const lines = [
    `cable_emergency_alert (0xD8), ${s.size} bytes, sequence_number ${s.sequenceNumber}, protocol_version ${s.protocolVersion}`,
    `EAS_event_ID ${s.eventId} (${hex(s.eventId, 4)}), originator ${s.originatorCode}${EAS_ORIGINATORS[s.originatorCode] ? ` (${EAS_ORIGINATORS[s.originatorCode] ?? ''})` : ''}, event ${s.eventCode}`,
    ...describeMultipleStringStructure({ strings: s.natureOfActivation, warnings: [], size: 0 }).map((l) => `nature_of_activation_text ${l}`),
    `alert_message_time_remaining ${s.timeRemaining} s, event_start_time ${s.eventStartTime}, event_duration ${s.eventDuration} min, alert_priority ${s.alertPriority}`,
    `details: OOB source ${s.detailsOobSourceId}, channel ${s.detailsMajor}.${s.detailsMinor}; audio OOB source ${s.audioOobSourceId}`,
    ...describeMultipleStringStructure({ strings: s.alertText, warnings: [], size: 0 }).map((l) => `alert_text ${l}`),
    `locations: ${s.locations.map((l) => `${l.state}.${l.subdivision}.${l.county}`).join(', ') || '(none)'}`,
    `exceptions: ${s.exceptions.map((e) => (e.inBand ? `${e.major}.${e.minor}` : `OOB ${e.sourceId}`)).join(', ') || '(none)'}`,
    `descriptors: ${s.descriptors.map((d) => `${hex(d.tag)} (${d.length} bytes)`).join(', ') || '(none)'}`,
    `CRC_32 ${hex(s.crc32, 8)}`,
  ];
  return lines;
}
