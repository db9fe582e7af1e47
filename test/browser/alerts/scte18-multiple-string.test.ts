import { expect } from '@esm-bundle/chai';
import {
  decodeMultipleStringStructure, describeMultipleStringStructure, isUnicodePageMode,
} from '../../../sdk/alerts/formats/scte18/multiple-string-structure.js';
import { latin1, mss, mssText } from './scte18-test-encoder.js';

const decode = (bytes: readonly number[]): ReturnType<typeof decodeMultipleStringStructure> => decodeMultipleStringStructure(new Uint8Array(bytes));

describe('ATSC multiple_string_structure (A/65 §6.10)', () => {
  it('decodes Latin-1 strings in several languages and reports the size read', () => {
    const bytes = mssText(['eng', 'Tornado Warning'], ['SPA', 'Aviso de tornado en Añasco']);
    const r = decode(bytes);
    expect(r.warnings).to.deep.equal([]);
    expect(r.size).to.equal(bytes.length);
    expect(r.strings.map((s) => [s.language, s.text])).to.deep.equal([['eng', 'Tornado Warning'], ['spa', 'Aviso de tornado en Añasco']]);
    expect(r.strings[0]?.segments).to.deep.equal([{ compressionType: 0, mode: 0, byteCount: 15, decoded: true }]);
  });

  it('joins segments, reads Unicode-page modes and UTF-16 (mode 0x3F), drops NUL padding', () => {
    const r = decode(mss({
      lang: 'eng',
      segments: [
        { bytes: latin1('Alert ') },
        { mode: 0x04, bytes: [0x1f, 0x40] }, // U+041F U+0440 (Cyrillic page)
        { mode: 0x3f, bytes: [0x59, 0x27, 0x98, 0xce, 0x00, 0x00] }, // 大风 in UTF-16BE, then a NUL
        { bytes: [...latin1('!'), 0, 0] },
      ],
    }));
    expect(r.warnings).to.deep.equal([]);
    expect(r.strings[0]?.text).to.equal('Alert Пр大风!');
  });

  it('skips Huffman-compressed, SCSU and reserved-mode segments with a warning and keeps the rest', () => {
    const r = decode(mss({
      lang: 'eng',
      segments: [
        { compression: 0x01, mode: 0xff, bytes: [0x12, 0x34] },
        { bytes: latin1('kept') },
        { mode: 0x3e, bytes: [0x41] },
        { mode: 0x40, bytes: [0x41] },
      ],
    }));
    expect(r.strings[0]?.text).to.equal('kept');
    expect(r.strings[0]?.segments.map((s) => s.decoded)).to.deep.equal([false, true, false, false]);
    expect(r.warnings).to.have.length(3);
    expect(r.warnings[0]).to.match(/segment 1 of string 1 \(eng\) uses compression_type 0x01, not decoded; skipped/);
    expect(r.warnings[1]).to.match(/mode 0x3E/);
    expect(r.warnings[2]).to.match(/mode 0x40/);
  });

  it('never throws on counts that run past the end: keeps what was read and warns', () => {
    const full = mssText(['eng', 'Evacuate now'], ['fra', 'Évacuez']);
    for (let cut = 0; cut < full.length; cut++) {
      const r = decode(full.slice(0, cut));
      if (cut === 0) expect(r.strings).to.deep.equal([]);
      else expect(r.warnings.length, `cut at ${cut}`).to.be.greaterThan(0);
      expect(r.size).to.be.at.most(cut);
    }
    const r = decode(full.slice(0, 12));
    expect(r.strings[0]?.text).to.equal('Evac');
    expect(r.warnings[0]).to.match(/cut short/);
  });

  it('reads an empty structure (number_strings 0) and odd language codes as und', () => {
    expect(decode([0]).strings).to.deep.equal([]);
    expect(decode(mss({ lang: '\0\0\0', segments: [{ bytes: latin1('x') }] })).strings[0]?.language).to.equal('und');
  });

  it('knows which modes select a Unicode page', () => {
    expect([0x00, 0x06, 0x09, 0x10, 0x20, 0x27, 0x30, 0x33].every(isUnicodePageMode)).to.equal(true);
    expect([0x07, 0x08, 0x11, 0x1f, 0x28, 0x34, 0x3e, 0x3f, 0xff].some(isUnicodePageMode)).to.equal(false);
  });

  it('describes strings one per line', () => {
    expect(describeMultipleStringStructure(decode(mssText(['eng', 'Test'])))).to.deep.equal(['eng: "Test" (1 segment)']);
  });
});
