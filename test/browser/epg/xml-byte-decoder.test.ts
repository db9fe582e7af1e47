import { expect } from '@esm-bundle/chai';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { XmlByteDecoder, sniffEncoding } from '../../../sdk/xml/index.js';

const ascii = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

/** "<?xml version="1.0" encoding="GB2312"?><t>中文新闻</t>" written with GB2312 bytes. */
const GB2312_DOC = new Uint8Array([
  ...ascii('<?xml version="1.0" encoding="GB2312"?><t>'),
  0xd6, 0xd0, 0xce, 0xc4, // 中文
  0xd0, 0xc2, 0xce, 0xc5, // 新闻
  ...ascii('</t>'),
]);

/** Decodes `bytes` cut into the given pieces. */
function decode(pieces: readonly Uint8Array[], defaultCharset?: string): { text: string; encoding: string | undefined; chosenBy: string | undefined } {
  const decoder = new XmlByteDecoder(defaultCharset === undefined ? {} : { defaultCharset });
  let text = '';
  for (const piece of pieces) text += decoder.decode(piece);
  text += decoder.flush();
  return { text, encoding: decoder.encoding, chosenBy: decoder.chosenBy };
}

function everyCut(bytes: Uint8Array, check: (text: string, cut: number) => void, defaultCharset?: string): void {
  for (let cut = 0; cut <= bytes.length; cut++) {
    check(decode([bytes.slice(0, cut), bytes.slice(cut)], defaultCharset).text, cut);
  }
}

describe('XmlByteDecoder', () => {
  it('decodes a GB2312 document by its declaration, as GB18030, however the bytes are cut', () => {
    const whole = decode([GB2312_DOC]);
    expect(whole).to.deep.equal({ text: '<?xml version="1.0" encoding="GB2312"?><t>中文新闻</t>', encoding: 'gb18030', chosenBy: 'declaration' });
    everyCut(GB2312_DOC, (text, cut) => expect(text, `cut at ${cut}`).to.equal(whole.text));
    const byteByByte = [...GB2312_DOC].map((b) => new Uint8Array([b]));
    expect(decode(byteByByte).text).to.equal(whole.text);
  });

  it('decodes raw GB bytes with no declaration only with a default charset', () => {
    const raw = new Uint8Array([...ascii('<t>'), 0xcc, 0xe5, 0xd3, 0xfd, ...ascii('</t>')]); // 体育
    expect(decode([raw], 'gbk')).to.deep.include({ text: '<t>体育</t>', encoding: 'gb18030', chosenBy: 'default' });
    expect(decode([raw]).text, 'UTF-8 by default: undecodable bytes become U+FFFD').to.contain('\uFFFD');
  });

  it('decodes ISO-8859-1 accents', () => {
    const latin = new Uint8Array([...ascii("<?xml version='1.0' encoding='ISO-8859-1'?><t>Cha"), 0xee, ...ascii('ne '), 0xe9, ...ascii('t'), 0xe9, ...ascii('</t>')]);
    everyCut(latin, (text, cut) => expect(text, `cut at ${cut}`).to.equal("<?xml version='1.0' encoding='ISO-8859-1'?><t>Chaîne été</t>"));
  });

  it('follows a UTF-8 BOM over a contrary declaration, and drops the BOM', () => {
    const utf8 = new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><t>中</t>');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    everyCut(bytes, (text, cut) => expect(text, `cut at ${cut}`).to.equal('<?xml version="1.0" encoding="ISO-8859-1"?><t>中</t>'));
    expect(decode([bytes]).chosenBy).to.equal('bom');
  });

  it('decodes UTF-16 LE and BE with a BOM, and UTF-16 without one', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><t>中文</t>';
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le.set([c & 0xff, c >> 8], 2 + i * 2);
      be.set([c >> 8, c & 0xff], 2 + i * 2);
    }
    everyCut(le, (out, cut) => expect(out, `LE cut at ${cut}`).to.equal(text));
    everyCut(be, (out, cut) => expect(out, `BE cut at ${cut}`).to.equal(text));
    expect(decode([le.slice(2)]).text, 'LE without BOM').to.equal(text);
    expect(decode([be.slice(2)]).encoding, 'BE without BOM').to.equal('utf-16be');
  });

  it('decodes a four-byte GB18030 character split anywhere', () => {
    const bytes = new Uint8Array([...ascii('<?xml version="1.0" encoding="gb18030"?><t>'), 0x95, 0x32, 0x82, 0x36, ...ascii('</t>')]);
    everyCut(bytes, (text, cut) => expect(text, `cut at ${cut}`).to.contain('<t>\u{20000}</t>'));
  });

  it('handles a document shorter than the sniffing window', () => {
    expect(decode([new Uint8Array(ascii('<a/>'))]).text).to.equal('<a/>');
    expect(decode([new Uint8Array(ascii('<a'))]).text).to.equal('<a');
    expect(decode([]).text).to.equal('');
  });

  it('throws EpgInputInvalid for an encoding nobody can decode', () => {
    const bytes = new Uint8Array(ascii('<?xml version="1.0" encoding="x-klingon"?><t/>'));
    try {
      decode([bytes]);
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(YiwangError);
      expect((error as YiwangError).code).to.equal(ErrorCode.EpgInputInvalid);
      expect((error as YiwangError).message).to.contain('x-klingon');
    }
  });

  it('sniffs nothing until it can tell', () => {
    expect(sniffEncoding(new Uint8Array(ascii('<?xml version="1.0" enc')), false)).to.equal(undefined);
    expect(sniffEncoding(new Uint8Array(ascii('<?xml version="1.0" enc')), true)).to.deep.equal({ name: 'utf-8', source: 'default' });
    expect(sniffEncoding(new Uint8Array(ascii('<tv>')), false, 'gb2312')).to.deep.equal({ name: 'gb2312', source: 'default' });
  });
});
