/**
 * A small fragmented-MP4 (ISO/IEC 14496-12, CMAF-style) writer for one VP9 video track: an init segment
 * (`ftyp` + `moov` with a `vp09` sample entry and its `vpcC`, VP Codec ISO Media File Format Binding §2, and
 * `mvex`) and media segments (`moof` with `tfdt`/`trun` + `mdat`), as HLS `#EXT-X-MAP` and fMP4 segments.
 */
import { concatBytes } from './ebml.js';

type Bytes = Uint8Array<ArrayBuffer>;

function u8(value: number): number[] { return [value & 0xff]; }
export function u16(value: number): number[] { return [(value >>> 8) & 0xff, value & 0xff]; }
export function u32(value: number): number[] { return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]; }
function u64(value: number): number[] { return [...u32(Math.floor(value / 2 ** 32)), ...u32(value % 2 ** 32)]; }
export function fourcc(text: string): number[] { return Array.from(text, (char) => char.charCodeAt(0)); }
export const zeros = (count: number): number[] => new Array<number>(count).fill(0);
/** The unity transformation matrix of mvhd/tkhd. */
export const MATRIX = [...u32(0x00010000), ...u32(0), ...u32(0), ...u32(0), ...u32(0x00010000), ...u32(0), ...u32(0), ...u32(0), ...u32(0x40000000)];

export function box(type: string, ...payload: readonly ArrayLike<number>[]): Bytes {
  const body = concatBytes(payload);
  return concatBytes([u32(body.length + 8), fourcc(type), body]);
}

export function fullBox(type: string, version: number, flags: number, ...payload: readonly ArrayLike<number>[]): Bytes {
  return box(type, [version, (flags >>> 16) & 0xff, (flags >>> 8) & 0xff, flags & 0xff], ...payload);
}

export interface Vp9Track {
  readonly width: number;
  readonly height: number;
  /** Ticks per second of sample times. */
  readonly timescale: number;
  /** VP9 profile and level (level × 10, e.g. 21 for 2.1); 8-bit 4:2:0. */
  readonly profile: number;
  readonly level: number;
}

export interface Fmp4Sample {
  readonly data: Uint8Array;
  /** In track timescale ticks. */
  readonly duration: number;
  readonly key: boolean;
}

/** The RFC 6381 codecs string of the track (`vp09.PP.LL.08`). */
export function vp9CodecString(track: Vp9Track): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `vp09.${two(track.profile)}.${two(track.level)}.08`;
}

export function vp09SampleEntry(track: Vp9Track): Bytes {
  // 8-bit, 4:2:0 colocated (1), limited range; BT.709 primaries, transfer and matrix.
  const vpcC = fullBox('vpcC', 1, 0, u8(track.profile), u8(track.level), u8((8 << 4) | (1 << 1) | 0), u8(1), u8(1), u8(1), u16(0));
  return box('vp09',
    zeros(6), u16(1), // reserved, data_reference_index
    zeros(16), u16(track.width), u16(track.height), u32(0x00480000), u32(0x00480000), u32(0), u16(1),
    zeros(32), u16(0x0018), u16(0xffff), vpcC);
}

/** The init segment: ftyp + moov (one video track, no samples) with mvex. */
export function writeFmp4Init(track: Vp9Track): Bytes {
  const ftyp = box('ftyp', fourcc('iso6'), u32(0), fourcc('iso6'), fourcc('mp41'), fourcc('cmfc'));
  const mvhd = fullBox('mvhd', 0, 0, u32(0), u32(0), u32(1000), u32(0), u32(0x00010000), u16(0x0100), zeros(10), MATRIX, zeros(24), u32(2));
  const tkhd = fullBox('tkhd', 0, 3, u32(0), u32(0), u32(1), u32(0), u32(0), zeros(8), u16(0), u16(0), u16(0), u16(0), MATRIX,
    u32(track.width * 0x10000), u32(track.height * 0x10000));
  const mdhd = fullBox('mdhd', 0, 0, u32(0), u32(0), u32(track.timescale), u32(0), u16(0x55c4), u16(0)); // language 'und'
  const hdlr = fullBox('hdlr', 0, 0, u32(0), fourcc('vide'), zeros(12), fourcc('VideoHandler'), [0]);
  const dinf = box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1)));
  const stbl = box('stbl',
    fullBox('stsd', 0, 0, u32(1), vp09SampleEntry(track)),
    fullBox('stts', 0, 0, u32(0)), fullBox('stsc', 0, 0, u32(0)), fullBox('stsz', 0, 0, u32(0), u32(0)), fullBox('stco', 0, 0, u32(0)));
  const minf = box('minf', fullBox('vmhd', 0, 1, u16(0), zeros(6)), dinf, stbl);
  const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
  const mvex = box('mvex', fullBox('trex', 0, 0, u32(1), u32(1), u32(0), u32(0), u32(0)));
  return concatBytes([ftyp, box('moov', mvhd, trak, mvex)]);
}

/** One media segment: moof (mfhd, traf with tfhd, tfdt, trun) + mdat. */
export function writeFmp4Segment(sequence: number, baseDecodeTime: number, samples: readonly Fmp4Sample[]): Bytes {
  // trun flags: data-offset, sample-duration, sample-size and sample-flags present.
  const trunFor = (dataOffset: number): Bytes => fullBox('trun', 0, 0x000701, u32(samples.length), u32(dataOffset),
    ...samples.map((sample) => [...u32(sample.duration), ...u32(sample.data.length), ...u32(sample.key ? 0x02000000 : 0x01010000)]));
  const moofFor = (dataOffset: number): Bytes => box('moof',
    fullBox('mfhd', 0, 0, u32(sequence)),
    box('traf', fullBox('tfhd', 0, 0x020000, u32(1)), fullBox('tfdt', 1, 0, u64(baseDecodeTime)), trunFor(dataOffset)));
  // default-base-is-moof: the data offset counts from the moof's first byte to the mdat payload.
  const moofSize = moofFor(0).length;
  const moof = moofFor(moofSize + 8);
  const mdat = box('mdat', ...samples.map((sample) => sample.data));
  return concatBytes([moof, mdat]);
}
