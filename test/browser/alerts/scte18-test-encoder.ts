/**
 * A small SCTE 18 encoder for tests: builds cable_emergency_alert() sections byte by byte (field layout
 * written out here from the syntax, independently of the decoder), with our CRC-32/MPEG-2, and packs
 * sections into 188-byte TS packets. All messages built here are synthetic.
 */
import { crc32Mpeg } from '../../../sdk/epg/sources/eit/crc32-mpeg.js';

export const latin1 = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0) & 0xff);
export const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
export const u32 = (v: number): number[] => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

export interface SegmentSpec {
  readonly compression?: number;
  readonly mode?: number;
  readonly bytes: readonly number[];
}

/** multiple_string_structure(): one entry per string, each with its language and segments. */
export function mss(...strings: ReadonlyArray<{ readonly lang: string; readonly segments: readonly SegmentSpec[] }>): number[] {
  const out = [strings.length];
  for (const s of strings) {
    out.push(...latin1(s.lang), s.segments.length);
    for (const g of s.segments) out.push(g.compression ?? 0, g.mode ?? 0, g.bytes.length, ...g.bytes);
  }
  return out;
}

/** One Latin-1 string per language: mssText(['eng', 'Tornado Warning'], ['spa', 'Aviso de tornado']). */
export const mssText = (...pairs: ReadonlyArray<readonly [string, string]>): number[] =>
  mss(...pairs.map(([lang, text]) => ({ lang, segments: [{ bytes: latin1(text) }] })));

export type ExceptionSpec = { readonly major: number; readonly minor: number } | { readonly sourceId: number };

export interface CeaSpec {
  readonly tableId?: number;
  readonly sequence?: number;
  readonly protocolVersion?: number;
  readonly eventId: number;
  readonly originator?: string;
  readonly eventCode?: string;
  readonly nature?: readonly number[];
  readonly timeRemaining?: number;
  readonly startTime?: number;
  readonly duration?: number;
  readonly priority?: number;
  readonly detailsOob?: number;
  readonly major?: number;
  readonly minor?: number;
  readonly audioOob?: number;
  readonly alertText?: readonly number[];
  /** [state, subdivision, county] */
  readonly locations?: ReadonlyArray<readonly [number, number, number]>;
  readonly exceptions?: readonly ExceptionSpec[];
  readonly descriptors?: readonly number[];
  /** Overrides alert_text_length (to build a lying length with a valid CRC). */
  readonly alertTextLength?: number;
  /** Bytes appended before the CRC. */
  readonly padding?: readonly number[];
  /** Flip the CRC. */
  readonly badCrc?: boolean;
}

export function ceaSection(spec: CeaSpec): Uint8Array {
  const nature = spec.nature ?? [0];
  const alertText = spec.alertText ?? [0];
  const locations = spec.locations ?? [[0, 0, 0]];
  const exceptions = spec.exceptions ?? [];
  const descriptors = spec.descriptors ?? [];
  const eventCode = latin1(spec.eventCode ?? 'EAN');
  const body = [
    ...u16(0), // table_id_extension
    0xc0 | ((spec.sequence ?? 0) << 1) | 1, // reserved 2, sequence_number 5, current_next_indicator 1
    0, 0, // section_number, last_section_number
    spec.protocolVersion ?? 0,
    ...u16(spec.eventId),
    ...latin1(spec.originator ?? 'WXR'),
    eventCode.length, ...eventCode,
    nature.length, ...nature,
    spec.timeRemaining ?? 0,
    ...u32(spec.startTime ?? 0),
    ...u16(spec.duration ?? 0),
    0xff, 0xf0 | (spec.priority ?? 0), // reserved 12, alert_priority 4
    ...u16(spec.detailsOob ?? 0),
    ...u16(0xfc00 | (spec.major ?? 0)),
    ...u16(0xfc00 | (spec.minor ?? 0)),
    ...u16(spec.audioOob ?? 0),
    ...u16(spec.alertTextLength ?? alertText.length), ...alertText,
    locations.length,
    ...locations.flatMap(([state, sub, county]) => [state, (sub << 4) | 0x0c | (county >> 8), county & 0xff]),
    exceptions.length,
    ...exceptions.flatMap((e) => ('sourceId' in e
      ? [0x7f, 0xff, 0xff, ...u16(e.sourceId)]
      : [0xff, ...u16(0xfc00 | e.major), ...u16(0xfc00 | e.minor)])),
    0xfc | (descriptors.length >> 8), descriptors.length & 0xff, ...descriptors,
    ...(spec.padding ?? []),
  ];
  const sectionLength = body.length + 4;
  const head = [spec.tableId ?? 0xd8, 0xb0 | (sectionLength >> 8), sectionLength & 0xff];
  const bytes = new Uint8Array([...head, ...body, 0, 0, 0, 0]);
  let crc = crc32Mpeg(bytes, 0, bytes.length - 4);
  if (spec.badCrc === true) crc = (crc ^ 0x1) >>> 0;
  bytes.set(u32(crc), bytes.length - 4);
  return bytes;
}

/** TS packets on `pid` carrying the sections (pointer_field 0 in each first packet), 0xFF stuffing. */
export function tsPackets(sections: readonly Uint8Array[], pid = 0x1ffb): Uint8Array {
  const packets: number[] = [];
  let cc = 0;
  for (const section of sections) {
    let pos = 0;
    let first = true;
    while (pos < section.length) {
      const header = [0x47, (first ? 0x40 : 0) | ((pid >> 8) & 0x1f), pid & 0xff, 0x10 | (cc++ & 0x0f)];
      const payload = first ? [0] : [];
      const room = 188 - header.length - payload.length;
      const chunk = Array.from(section.subarray(pos, pos + room));
      pos += chunk.length;
      const packet = [...header, ...payload, ...chunk];
      while (packet.length < 188) packet.push(0xff);
      packets.push(...packet);
      first = false;
    }
  }
  return new Uint8Array(packets);
}
