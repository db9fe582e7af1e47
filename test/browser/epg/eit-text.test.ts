import { expect } from '@esm-bundle/chai';
import { decodeText, findCharset } from '../../../sdk/text/index.js';
import { decodeDvbText, describeDvbText, dvbTextTable, type DvbTextContext } from '../../../sdk/epg/sources/eit/index.js';
import { ascii, hex, utf8 } from './eit-test-encoder.js';

const b = (...parts: ReadonlyArray<readonly number[]>): Uint8Array => Uint8Array.from(parts.flat());

/** A context that records its warnings. */
function recording(defaultCharset?: string): { ctx: DvbTextContext; warnings: string[] } {
  const warnings: string[] = [];
  const base = { warn: (code: string, message: string) => warnings.push(`${code}: ${message}`) };
  return { ctx: defaultCharset === undefined ? base : { ...base, defaultCharset }, warnings };
}

describe('ISO/IEC 6937 codec (sdk/text/iso-6937.ts)', () => {
  it('is registered as iso-6937 with aliases, behind the one codec registry', () => {
    expect(findCharset('iso-6937').name).to.equal('iso-6937');
    expect(findCharset('ISO_6937').name).to.equal('iso-6937');
    expect(findCharset('dvb-latin').name).to.equal('iso-6937');
    expect(decodeText(b(ascii('abc')), 'iso-6937')).to.equal('abc');
  });

  it('puts the diacritic BEFORE the letter and returns NFC (Czech, French, Polish, German)', () => {
    // Č e s k á   t e l e v i z e
    expect(decodeText(b([0xcf], ascii('Cesk'), [0xc2], ascii('a televize')), 'iso-6937')).to.equal('Česká televize');
    expect(decodeText(b(ascii('M'), [0xc2], ascii('et'), [0xc2], ascii('eo')), 'iso-6937')).to.equal('Météo');
    expect(decodeText(b([0xc3], ascii('Etre '), [0xcb], ascii('ca '), [0xc8], ascii('u')), 'iso-6937')).to.equal('Être ça ü');
    expect(decodeText(b([0xe8, 0xc2], ascii('od'), [0xc2], ascii('z')), 'iso-6937')).to.equal('Łódź');
    expect(decodeText(b(ascii('p'), [0xcf], ascii('r'), [0xc2], ascii('irody')), 'iso-6937')).to.equal('přírody');
    expect(decodeText(b([0xca], ascii('u'), [0xcd], ascii('o'), [0xce], ascii('a')), 'iso-6937')).to.equal('ůőą');
    const s = decodeText(b([0xc2], ascii('e')), 'iso-6937');
    expect(s.length).to.equal(1);
    expect(s).to.equal(s.normalize('NFC'));
  });

  it('a mark before a space or at the end is the spacing mark', () => {
    expect(decodeText(b(ascii('a'), [0xc2, 0x20], ascii('b')), 'iso-6937')).to.equal('a´b');
    expect(decodeText(b(ascii('x'), [0xc8]), 'iso-6937')).to.equal('x¨');
  });

  it('maps the upper half: € (DVB 0xA4), quotes, symbols, ligatures; unassigned → U+FFFD', () => {
    expect(decodeText(b([0xa4, 0xa3, 0xa5, 0xa7, 0xa9, 0xaa, 0xab, 0xbb, 0xb0, 0xb1]), 'iso-6937')).to.equal('€£¥§‘“«»°±');
    expect(decodeText(b([0xd2, 0xd3, 0xd4, 0xd5, 0xe1, 0xe9, 0xea, 0xf1, 0xf9, 0xfa, 0xfb]), 'iso-6937')).to.equal('®©™♪ÆØŒæøœß');
    expect(decodeText(b([0xe5, 0xc0]), 'iso-6937')).to.equal('\ufffd\ufffd');
  });
});

describe('DVB text (EN 300 468 Annex A)', () => {
  it('with no selector decodes the default table (ISO 6937) and applies the control codes', () => {
    expect(decodeDvbText(b(ascii('Line 1'), [0x8a], ascii('Line 2')))).to.equal('Line 1\nLine 2');
    expect(decodeDvbText(b([0x86], ascii('bold'), [0x87], ascii(' text'), [0x80, 0x9f]))).to.equal('bold text');
    expect(decodeDvbText(b([0xcf], ascii('Z'), [0xc2], ascii('anr')))).to.equal('Žánr');
    expect(decodeDvbText(new Uint8Array(0))).to.equal('');
    expect(describeDvbText(b(ascii('x')))).to.equal('default (iso-6937)');
  });

  it('0x01–0x0B select ISO 8859-5…15 (0x08 reserved)', () => {
    expect(decodeDvbText(b([0x01], hex('BF E0 D8 D2 D5 E2')))).to.equal('Привет'); // 8859-5
    expect(decodeDvbText(b([0x03], hex('C1 F3 F4 DC')))).to.equal('Αστά'); // 8859-7
    expect(decodeDvbText(b([0x05], hex('FE F0 DD')))).to.equal('şğİ'); // 8859-9
    expect(decodeDvbText(b([0x0b], hex('A4 BD')))).to.equal('€œ'); // 8859-15
    expect(decodeDvbText(b([0x05], ascii('a'), [0x8a], ascii('b')))).to.equal('a\nb');
    expect(dvbTextTable(b([0x09], ascii('x'))).charset).to.equal('iso-8859-13');
    const r = recording();
    expect(decodeDvbText(b([0x08], ascii('abc')), r.ctx)).to.equal('abc');
    expect(r.warnings.join()).to.match(/reserved character table selector 0x08/);
  });

  it('0x10 0x00 0xNN selects ISO 8859-NN', () => {
    expect(decodeDvbText(b([0x10, 0x00, 0x02], hex('A3 F3 64 BC')))).to.equal('Łódź');
    expect(decodeDvbText(b([0x10, 0x00, 0x01], hex('E9 E8'), [0x8a], ascii('x')))).to.equal('éè\nx');
    expect(dvbTextTable(b([0x10, 0x00, 0x0f])).selectorLength).to.equal(3);
    const r = recording();
    decodeDvbText(b([0x10, 0x00, 0x0c], ascii('x')), r.ctx);
    expect(r.warnings.join()).to.match(/invalid 0x10 selector/);
  });

  it('0x11 UCS-2 BE with 0xE08A line breaks and 0xE086/0xE087 dropped', () => {
    expect(decodeDvbText(b([0x11], hex('4E 2D 65 87 E0 8A 00 41 E0 86 00 42 E0 87')))).to.equal('中文\nAB');
  });

  it('0x12 KS X 1001, 0x13 GB-2312 (as GB18030), 0x14 Big5, 0x15 UTF-8', () => {
    expect(decodeDvbText(b([0x12], hex('C7 D1 B1 B9')))).to.equal('한국');
    expect(decodeDvbText(b([0x13], hex('D0 C2 CE C5 C1 AA B2 A5')))).to.equal('新闻联播');
    expect(decodeDvbText(b([0x13], hex('81 40')))).to.equal('丂'); // a GBK-only character: GB18030 superset
    expect(decodeDvbText(b([0x14], hex('A4 A4 A4 E5')))).to.equal('中文');
    expect(decodeDvbText(b([0x15], utf8('天气预报 ✓')))).to.equal('天气预报 ✓');
  });

  it('two-byte tables: 0xE0 0x8A is a line break, and a trail byte is never taken for a control', () => {
    expect(decodeDvbText(b([0x13], hex('D6 D0 E0 8A CE C4 E0 86')))).to.equal('中\n文');
    // 0xE0 as the SECOND byte of a GB character followed by 0x8A-looking data must stay a character.
    expect(decodeDvbText(b([0x13], hex('B0 E0 B0 A1')))).to.equal(new TextDecoder('gb18030').decode(Uint8Array.from(hex('B0 E0 B0 A1'))));
    expect(decodeDvbText(b([0x15], utf8('a\ue08ab\ue086c\u008ad')))).to.equal('a\nbc\nd');
  });

  it('0x1F (encoding_type_id) cannot be decoded: empty text and a warning', () => {
    const r = recording();
    expect(decodeDvbText(b([0x1f, 0x01], hex('12 34 56')), r.ctx)).to.equal('');
    expect(r.warnings.join()).to.match(/encoding_type_id 0x01/);
  });

  it('raw GB2312 with no selector: mojibake in the default table, Chinese with a default charset', () => {
    const raw = b(hex('B5 E7 CA D3 BE E7 A3 BA B7 B1 BB A8 20 B5 DA 31 32 BC AF'));
    const strict = decodeDvbText(raw);
    expect(strict).to.not.equal('电视剧：繁花 第12集');
    expect(strict).to.not.match(/[\u4e00-\u9fff]/);
    expect(decodeDvbText(raw, { defaultCharset: 'gb2312' })).to.equal('电视剧：繁花 第12集');
    expect(decodeDvbText(raw, { defaultCharset: 'GBK' })).to.equal('电视剧：繁花 第12集');
    // A selector still wins over the default.
    expect(decodeDvbText(b([0x15], utf8('天气')), { defaultCharset: 'gb2312' })).to.equal('天气');
    expect(describeDvbText(raw, { defaultCharset: 'gb2312' })).to.equal('default (gb2312)');
  });

  it('an unknown default charset falls back to the default table and warns, never throws', () => {
    const r = recording('no-such-charset');
    expect(decodeDvbText(b(ascii('ok')), r.ctx)).to.equal('ok');
    expect(r.warnings.join()).to.match(/unknown character set "no-such-charset"/);
  });

  it('never throws on any two-byte input in any table', () => {
    for (let sel = 0; sel < 0x20; sel++) {
      for (const tail of [[], [0xe0], [0xff, 0xfe], [0x81], [0xe0, 0x8a, 0x81]]) {
        expect(() => decodeDvbText(b([sel], tail), {})).to.not.throw();
      }
    }
  });
});
