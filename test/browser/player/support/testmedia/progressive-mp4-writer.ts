/**
 * A non-fragmented ("progressive") MP4 (ISO/IEC 14496-12) for one VP9 track: `ftyp`, a `moov` whose sample
 * table (stts, stss, stsc, stsz, stco) indexes every sample, then one `mdat` chunk. MSE cannot append such a
 * file; it exists to test the player's fallback to the element's own progressive download.
 */
import { concatBytes } from './ebml.js';
import { box, fourcc, fullBox, MATRIX, u16, u32, vp09SampleEntry, zeros, type Fmp4Sample, type Vp9Track } from './fmp4-writer.js';

export function writeProgressiveMp4(track: Vp9Track, samples: readonly Fmp4Sample[]): Uint8Array<ArrayBuffer> {
  const ticks = samples.reduce((sum, sample) => sum + sample.duration, 0);
  const durationMs = Math.round((ticks * 1000) / track.timescale);
  const sampleDuration = samples[0]?.duration ?? 0;
  const syncNumbers = samples.flatMap((sample, index) => (sample.key ? [index + 1] : []));
  const ftyp = box('ftyp', fourcc('isom'), u32(0x200), fourcc('isom'), fourcc('iso6'), fourcc('mp41'));
  const moovWith = (chunkOffset: number): Uint8Array<ArrayBuffer> => {
    const stbl = box('stbl',
      fullBox('stsd', 0, 0, u32(1), vp09SampleEntry(track)),
      fullBox('stts', 0, 0, u32(1), u32(samples.length), u32(sampleDuration)),
      fullBox('stss', 0, 0, u32(syncNumbers.length), ...syncNumbers.map(u32)),
      fullBox('stsc', 0, 0, u32(1), u32(1), u32(samples.length), u32(1)),
      fullBox('stsz', 0, 0, u32(0), u32(samples.length), ...samples.map((sample) => u32(sample.data.length))),
      fullBox('stco', 0, 0, u32(1), u32(chunkOffset)));
    const minf = box('minf', fullBox('vmhd', 0, 1, u16(0), zeros(6)), box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))), stbl);
    const mdia = box('mdia',
      fullBox('mdhd', 0, 0, u32(0), u32(0), u32(track.timescale), u32(ticks), u16(0x55c4), u16(0)),
      fullBox('hdlr', 0, 0, u32(0), fourcc('vide'), zeros(12), fourcc('VideoHandler'), [0]), minf);
    const tkhd = fullBox('tkhd', 0, 3, u32(0), u32(0), u32(1), u32(0), u32(durationMs), zeros(8), u16(0), u16(0), u16(0), u16(0), MATRIX,
      u32(track.width * 0x10000), u32(track.height * 0x10000));
    const mvhd = fullBox('mvhd', 0, 0, u32(0), u32(0), u32(1000), u32(durationMs), u32(0x00010000), u16(0x0100), zeros(10), MATRIX, zeros(24), u32(2));
    return box('moov', mvhd, box('trak', tkhd, mdia));
  };
  // The chunk offset is a fixed-width field, so the moov's size does not depend on its value.
  const moov = moovWith(ftyp.length + moovWith(0).length + 8);
  return concatBytes([ftyp, moov, box('mdat', ...samples.map((sample) => sample.data))]);
}
