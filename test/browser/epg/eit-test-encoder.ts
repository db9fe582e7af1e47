/**
 * A small EIT/TS encoder for tests: builds sections (ETSI EN 300 468 §5.2.4) byte by byte, with our CRC,
 * and packs them into 188-byte TS packets. Times are encoded from Date.UTC here, independently of the
 * decoder's MJD arithmetic.
 */
import { crc32Mpeg } from '../../../sdk/epg/sources/eit/index.js';

export type Bytes = readonly number[];

export const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
export const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
export const hex = (s: string): number[] => s.trim().split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
export const bcd = (n: number): number => (Math.floor(n / 10) << 4) | (n % 10);

/** 40-bit start_time for an ISO UTC instant, e.g. '2025-01-26T11:00:00Z'. */
export function startTime(iso: string): number[] {
  const ms = Date.parse(iso);
  const mjd = Math.floor(ms / 86_400_000) + 40587;
  const d = new Date(ms);
  return [mjd >> 8, mjd & 0xff, bcd(d.getUTCHours()), bcd(d.getUTCMinutes()), bcd(d.getUTCSeconds())];
}

export const UNDEFINED_START = [0xff, 0xff, 0xff, 0xff, 0xff];

/** 24-bit BCD duration. */
export const duration = (h: number, m: number, s = 0): number[] => [bcd(h), bcd(m), bcd(s)];

export function descriptor(tag: number, payload: Bytes): number[] {
  if (payload.length > 255) throw new Error('descriptor payload too long');
  return [tag, payload.length, ...payload];
}

export function shortEvent(lang: string, name: Bytes, text: Bytes = []): number[] {
  return descriptor(0x4d, [...ascii(lang), name.length, ...name, text.length, ...text]);
}

export function extendedEvent(num: number, last: number, lang: string, text: Bytes, items: ReadonlyArray<readonly [Bytes, Bytes]> = []): number[] {
  const itemBytes = items.flatMap(([d, i]) => [d.length, ...d, i.length, ...i]);
  return descriptor(0x4e, [(num << 4) | last, ...ascii(lang), itemBytes.length, ...itemBytes, text.length, ...text]);
}

export const content = (...pairs: ReadonlyArray<readonly [number, number]>): number[] => descriptor(0x54, pairs.flatMap(([c, u]) => [c, u]));

export const parental = (...pairs: ReadonlyArray<readonly [string, number]>): number[] =>
  descriptor(0x55, pairs.flatMap(([country, rating]) => [...ascii(country), rating]));

export interface EventSpec {
  readonly id: number;
  readonly start: Bytes;
  readonly duration: Bytes;
  readonly running?: number;
  readonly freeCa?: boolean;
  readonly descriptors?: readonly Bytes[];
}

export function event(e: EventSpec): number[] {
  const loop = (e.descriptors ?? []).flat();
  const b10 = ((e.running ?? 0) << 5) | (e.freeCa === true ? 0x10 : 0) | ((loop.length >> 8) & 0x0f);
  return [e.id >> 8, e.id & 0xff, ...e.start, ...e.duration, b10, loop.length & 0xff, ...loop];
}

export interface SectionSpec {
  readonly tableId?: number;
  readonly sid?: number;
  readonly version?: number;
  readonly currentNext?: boolean;
  readonly section?: number;
  readonly lastSection?: number;
  readonly tsid?: number;
  readonly onid?: number;
  readonly events?: readonly EventSpec[];
  /** Raw bytes for the event loop instead of `events`. */
  readonly loop?: Bytes;
}

/** A complete section with a valid CRC_32. */
export function section(s: SectionSpec): Uint8Array {
  const tableId = s.tableId ?? 0x4e;
  const loop = s.loop ?? (s.events ?? []).flatMap(event);
  const sectionLength = 11 + loop.length + 4;
  const sid = s.sid ?? 1;
  const tsid = s.tsid ?? 2;
  const onid = s.onid ?? 3;
  const body = [
    tableId, 0xf0 | (sectionLength >> 8), sectionLength & 0xff,
    sid >> 8, sid & 0xff, 0xc0 | ((s.version ?? 0) << 1) | (s.currentNext === false ? 0 : 1),
    s.section ?? 0, s.lastSection ?? s.section ?? 0, tsid >> 8, tsid & 0xff, onid >> 8, onid & 0xff,
    s.lastSection ?? s.section ?? 0, tableId, ...loop,
  ];
  const bytes = new Uint8Array(body.length + 4);
  bytes.set(body);
  const crc = crc32Mpeg(bytes, 0, body.length);
  bytes.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], body.length);
  return bytes;
}

/** Recomputes the CRC_32 of a section after a test edited it. */
export function reseal(bytes: Uint8Array): Uint8Array {
  const crc = crc32Mpeg(bytes, 0, bytes.length - 4);
  bytes.set([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff], bytes.length - 4);
  return bytes;
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface PacketOptions {
  readonly pid?: number;
  readonly firstCc?: number;
  /** Give every n-th packet an adaptation field of this many stuffing bytes (0: none). */
  readonly adaptationEvery?: number;
  readonly adaptationBytes?: number;
  /** Start every section in a fresh packet (pointer_field 0) instead of packing them back to back. */
  readonly onePerPacket?: boolean;
}

/**
 * Packs sections into TS packets as a multiplexer does: back to back (several per packet, one spanning
 * many), pointer_field on packets where a section starts, 0xFF stuffing at the end.
 */
export function packetize(sections: readonly Uint8Array[], o: PacketOptions = {}): Uint8Array {
  const pid = o.pid ?? 0x12;
  const packets: number[][] = [];
  const groups = o.onePerPacket === true ? sections.map((s) => [s]) : [sections];
  let cc = o.firstCc ?? 0;
  for (const group of groups) {
    const stream = [...concat(...group)];
    const starts = new Set<number>();
    let at = 0;
    for (const s of group) {
      starts.add(at);
      at += s.length;
    }
    let pos = 0;
    while (pos < stream.length) {
      const n = packets.length + 1;
      const withAf = (o.adaptationEvery ?? 0) > 0 && n % (o.adaptationEvery ?? 1) === 0;
      const af = withAf ? [o.adaptationBytes ?? 0, ...(o.adaptationBytes ? [0x00, ...new Array<number>((o.adaptationBytes) - 1).fill(0xff)] : [])] : [];
      const room = 184 - af.length;
      let nextStart = Infinity;
      for (const s of starts) if (s >= pos && s < nextStart) nextStart = s;
      // A section may start here only if the pointer_field and at least its first byte fit.
      const pusi = nextStart - pos <= room - 2;
      const payload: number[] = [];
      if (pusi) payload.push(nextStart - pos);
      // Without a pointer_field, stop before the next section start (stuff the rest; it starts in the next packet).
      const take = Math.min(room - payload.length, stream.length - pos, pusi ? Infinity : nextStart - pos);
      payload.push(...stream.slice(pos, pos + take));
      pos += take;
      while (payload.length < room) payload.push(0xff);
      packets.push([0x47, (pusi ? 0x40 : 0) | (pid >> 8), pid & 0xff, (withAf ? 0x30 : 0x10) | (cc & 0x0f), ...af, ...payload]);
      cc = (cc + 1) & 0x0f;
    }
  }
  return Uint8Array.from(packets.flat());
}

/** A null packet (PID 0x1FFF). */
export function nullPacket(): Uint8Array {
  const p = new Uint8Array(188).fill(0xff);
  p.set([0x47, 0x1f, 0xff, 0x10]);
  return p;
}
