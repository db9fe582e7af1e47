import { expect } from '@esm-bundle/chai';
import {
  bcdByte, crc32Mpeg, CRC32_MPEG_POLYNOMIAL, decodeBcdDuration, decodeStartTime, formatDuration, formatUtc, isCrc32MpegValid,
  mjdToUtcMs,
} from '../../../sdk/epg/sources/eit/index.js';
import { ascii, section, startTime } from './eit-test-encoder.js';

describe('EIT primitives', () => {
  describe('crc32Mpeg (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no final XOR)', () => {
    it('gives the CRC-32/MPEG-2 check value for "123456789"', () => {
      expect(CRC32_MPEG_POLYNOMIAL).to.equal(0x04c11db7);
      expect(crc32Mpeg(Uint8Array.from(ascii('123456789')))).to.equal(0x0376e6e7);
    });

    it('is 0xFFFFFFFF over no bytes and is unsigned', () => {
      expect(crc32Mpeg(new Uint8Array(0))).to.equal(0xffffffff);
      const crc = crc32Mpeg(Uint8Array.from([0xff, 0x00, 0x80]));
      expect(crc).to.be.at.least(0);
      expect(crc).to.be.below(2 ** 32);
    });

    it('runs to 0 over a whole section including its CRC, and catches any single flipped bit', () => {
      const s = section({ events: [] });
      expect(crc32Mpeg(s)).to.equal(0);
      expect(isCrc32MpegValid(s)).to.equal(true);
      for (let i = 0; i < s.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const copy = s.slice();
          copy[i] = (copy[i] ?? 0) ^ (1 << bit);
          expect(isCrc32MpegValid(copy), `byte ${i} bit ${bit}`).to.equal(false);
        }
      }
    });

    it('takes a sub-range', () => {
      const s = section({ events: [] });
      const padded = new Uint8Array(s.length + 10);
      padded.set(s, 5);
      expect(isCrc32MpegValid(padded, 5, 5 + s.length)).to.equal(true);
      expect(isCrc32MpegValid(padded, 4, 5 + s.length)).to.equal(false);
      expect(isCrc32MpegValid(padded, 0, 3)).to.equal(false);
    });
  });

  describe('MJD + BCD start_time', () => {
    it('decodes the EN 300 468 Annex C example 93/10/13 12:45:00 (0xC079124500)', () => {
      expect(decodeStartTime(Uint8Array.from([0xc0, 0x79, 0x12, 0x45, 0x00]), 0)).to.equal(Date.UTC(1993, 9, 13, 12, 45, 0));
    });

    it('MJD 40587 is the Unix epoch', () => {
      expect(mjdToUtcMs(40587)).to.equal(0);
      expect(decodeStartTime(Uint8Array.from([0x9e, 0x8b, 0x00, 0x00, 0x01]), 0)).to.equal(1000);
    });

    it('round-trips instants across the 32-bit time_t limit up to the last 16-bit MJD (2038-04-22)', () => {
      for (const iso of ['2019-01-19T19:00:00Z', '2030-04-30T23:25:00Z', '2038-01-19T03:14:07Z', '2038-01-19T03:14:08Z',
        '2038-04-22T23:59:59Z', '1999-12-31T23:59:59Z', '2024-02-29T12:00:00Z']) {
        expect(decodeStartTime(Uint8Array.from(startTime(iso)), 0), iso).to.equal(Date.parse(iso));
      }
      expect(formatUtc(decodeStartTime(Uint8Array.from([0xff, 0xff, 0x23, 0x59, 0x59]), 0) ?? 0)).to.equal('2038/04/22 23:59:59');
    });

    it('all 1s is an undefined start; bad BCD, out-of-range fields and short input are null', () => {
      expect(decodeStartTime(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff]), 0)).to.equal(undefined);
      expect(decodeStartTime(Uint8Array.from([0xc0, 0x79, 0x1a, 0x45, 0x00]), 0)).to.equal(null);
      expect(decodeStartTime(Uint8Array.from([0xc0, 0x79, 0x24, 0x00, 0x00]), 0)).to.equal(null);
      expect(decodeStartTime(Uint8Array.from([0xc0, 0x79, 0x12, 0x60, 0x00]), 0)).to.equal(null);
      expect(decodeStartTime(Uint8Array.from([0xc0, 0x79, 0x12, 0x45]), 0)).to.equal(null);
      expect(decodeStartTime(Uint8Array.from([0x00, 0xc0, 0x79, 0x12, 0x45, 0x00]), 1)).to.equal(Date.UTC(1993, 9, 13, 12, 45));
    });

    it('BCD bytes and durations', () => {
      expect(bcdByte(0x59)).to.equal(59);
      expect(bcdByte(0x5a)).to.equal(-1);
      expect(bcdByte(0xa0)).to.equal(-1);
      expect(decodeBcdDuration(Uint8Array.from([0x01, 0x45, 0x30]), 0)).to.equal(6330);
      expect(decodeBcdDuration(Uint8Array.from([0x99, 0x59, 0x59]), 0)).to.equal(99 * 3600 + 59 * 60 + 59);
      expect(decodeBcdDuration(Uint8Array.from([0x00, 0x00, 0x00]), 0)).to.equal(0);
      expect(decodeBcdDuration(Uint8Array.from([0xff, 0xff, 0xff]), 0)).to.equal(null);
      expect(decodeBcdDuration(Uint8Array.from([0x00, 0x60, 0x00]), 0)).to.equal(null);
      expect(decodeBcdDuration(Uint8Array.from([0x00, 0x10]), 0)).to.equal(null);
      expect(formatDuration(6330)).to.equal('01:45:30');
    });
  });
});
