import { expect } from '@esm-bundle/chai';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { XmlTokenizer, type XmlPosition } from '../../../sdk/xml/index.js';

interface Recorded {
  events: string[];
  warnings: Array<{ code: string; message: string; position: XmlPosition }>;
  positions: Record<string, XmlPosition>;
}

/** Feeds `chunks` to a tokenizer and records its events as compact strings (adjacent texts merged). */
function tokenize(chunks: readonly string[]): Recorded {
  const recorded: Recorded = { events: [], warnings: [], positions: {} };
  const { events } = recorded;
  let tokenizer: XmlTokenizer | undefined;
  const pushText = (text: string): void => {
    const last = events.length - 1;
    if (last >= 0 && events[last]?.startsWith('text:')) events[last] += text;
    else events.push(`text:${text}`);
  };
  tokenizer = new XmlTokenizer({
    startElement(name, attributes) {
      const attrs = Object.entries(attributes).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('');
      events.push(`<${name}${attrs}>`);
      if (tokenizer) recorded.positions[name] ??= tokenizer.position();
    },
    endElement(name) {
      events.push(`</${name}>`);
    },
    text: pushText,
    comment(text) {
      events.push(`comment:${text}`);
    },
    processingInstruction(target, data) {
      events.push(`pi:${target}|${data}`);
    },
    warning(code, message, position) {
      recorded.warnings.push({ code, message, position });
    },
  }, { format: 'test' });
  for (const chunk of chunks) tokenizer.write(chunk);
  tokenizer.end();
  tokenizer = undefined;
  return recorded;
}

/** A string cut into single UTF-16 code units. */
const codeUnits = (s: string): string[] => Array.from({ length: s.length }, (_, i) => s.charAt(i));

/** The error a function throws, which must be a YiwangError. */
function thrown(run: () => unknown): YiwangError {
  try {
    run();
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected a YiwangError, nothing was thrown');
}

const DOC = '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- guide -->\n<tv a="1" b=\'x &amp; y\'>\n' +
  ' <programme start="20250126190000 +0800" channel="cctv1"><title lang="zh">新闻联播 &lt;直播&gt; &#x4E2D;&#20013;</title>' +
  '<desc><![CDATA[a <b> & c]]> tail</desc><new/><cap:info xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"/></programme>\r\n</tv>\n';

const EXPECTED = [
  'pi:xml|version="1.0" encoding="UTF-8"',
  'text:\n',
  'comment: guide ',
  'text:\n',
  '<tv a="1" b="x & y">',
  'text:\n ',
  '<programme start="20250126190000 +0800" channel="cctv1">',
  '<title lang="zh">',
  'text:新闻联播 <直播> 中中',
  '</title>',
  '<desc>',
  'text:a <b> & c tail',
  '</desc>',
  '<new>',
  '</new>',
  '<cap:info xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">',
  '</cap:info>',
  '</programme>',
  'text:\n',
  '</tv>',
  'text:\n',
];

describe('XmlTokenizer', () => {
  it('emits tags, attributes, decoded text, CDATA, comments and PIs, keeping prefixes', () => {
    expect(tokenize([DOC]).events).to.deep.equal(EXPECTED);
  });

  it('gives the same events however the text is cut in two', () => {
    for (let cut = 0; cut <= DOC.length; cut++) {
      const events = tokenize([DOC.slice(0, cut), DOC.slice(cut)]).events;
      expect(events, `cut at ${cut}: ${JSON.stringify(DOC.slice(Math.max(0, cut - 5), cut + 5))}`).to.deep.equal(EXPECTED);
    }
  });

  it('gives the same events when fed one character at a time', () => {
    expect(tokenize(codeUnits(DOC)).events).to.deep.equal(EXPECTED);
  });

  it('reports positions of tokens with line, column and offset', () => {
    const { positions } = tokenize([DOC]);
    expect(positions.tv).to.deep.equal({ offset: DOC.indexOf('<tv'), line: 3, column: 1 });
    expect(positions.title).to.deep.include({ line: 4, column: DOC.indexOf('<title') - DOC.indexOf(' <programme') + 1 });
    expect(tokenize(codeUnits(DOC)).positions.title, 'same positions when fed char by char').to.deep.equal(positions.title);
  });

  it('keeps an unknown entity and a bare ampersand as text, with warnings', () => {
    const { events, warnings } = tokenize(['<a t="A&E">Tom&nbsp;&amp;Jerry & co</a>']);
    expect(events).to.deep.equal(['<a t="A&E">', 'text:Tom&nbsp;&Jerry & co', '</a>']);
    expect(warnings.map((w) => w.code)).to.deep.equal(['xml-entity', 'xml-entity', 'xml-entity']);
    expect(warnings[1]?.message).to.contain('&nbsp;');
  });

  it('rejects out-of-range character references as text', () => {
    const { events, warnings } = tokenize(['<a>&#0;&#xD800;&#x110000;&#65;</a>']);
    expect(events[1]).to.equal('text:&#0;&#xD800;&#x110000;A');
    expect(warnings).to.have.length(3);
  });

  it('normalizes line ends in text and white space in attribute values', () => {
    expect(tokenize(['<a v="x\ty\r\nz">1\r\n2\r3</a>']).events).to.deep.equal(['<a v="x y z">', 'text:1\n2\n3', '</a>']);
    expect(tokenize(['<a>1\r', '\n2</a>']).events[1]).to.equal('text:1\n2');
  });

  it('passes a very long text run on in pieces without losing an entity cut between chunks', () => {
    const long = 'x'.repeat(70_000);
    const { events } = tokenize(['<a>', long, '&am', 'p;', long, '</a>']);
    expect(events).to.deep.equal(['<a>', `text:${long}&${long}`, '</a>']);
  });

  it('can leave out white-space-only text, keeping text with white space in it', () => {
    const texts: string[] = [];
    const tokenizer = new XmlTokenizer({ startElement: () => undefined, endElement: () => undefined, text: (t) => texts.push(t) }, { skipWhitespaceText: true });
    tokenizer.write('<tv>\n  <a> x y </a>\r\n  <b>\t</b><c/>\n</tv>');
    tokenizer.end();
    expect(texts).to.deep.equal([' x y ']);
  });

  it('keeps the first of duplicate attributes and warns', () => {
    const { events, warnings } = tokenize(['<a x="1" x="2"/>']);
    expect(events[0]).to.equal('<a x="1">');
    expect(warnings[0]?.code).to.equal('xml-duplicate-attribute');
  });
});

describe('XmlTokenizer bounds unfinished tokens', () => {
  it('rejects a comment that never ends instead of growing without bound, and streams long text', () => {
    const chunk = 'x'.repeat(1 << 16);
    const comment = new XmlTokenizer({ startElement: () => undefined, endElement: () => undefined, text: () => undefined });
    comment.write('<a><!-- ');
    let error: unknown;
    try {
      for (let i = 0; i < 200; i++) comment.write(chunk);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(YiwangError);
    expect(String(error)).to.contain('a comment is longer than 8 M characters');
    let text = 0;
    const long = new XmlTokenizer({ startElement: () => undefined, endElement: () => undefined, text: (t) => (text += t.length) });
    long.write('<a>');
    for (let i = 0; i < 200; i++) long.write(chunk);
    long.write('</a>');
    long.end();
    expect(text).to.equal(200 * chunk.length);
  });
});

describe('XmlTokenizer refuses DTDs', () => {
  const doctype = '<?xml version="1.0"?>\n<!DOCTYPE tv SYSTEM "xmltv.dtd">\n<tv/>';

  it('refuses <!DOCTYPE with its line and offset', () => {
    const error = thrown(() => tokenize([doctype]));
    expect(error.code).to.equal(ErrorCode.XmlDoctypeRefused);
    expect(error.data).to.deep.include({ format: 'test', line: 2, column: 1, offset: 22, declaration: 'DOCTYPE' });
    expect(error.message).to.contain('line 2').and.contain('DOCTYPE');
  });

  it('refuses it however the declaration is cut', () => {
    for (let cut = 0; cut <= doctype.length; cut++) {
      const error = thrown(() => tokenize([doctype.slice(0, cut), doctype.slice(cut)]));
      expect(error.code, `cut at ${cut}`).to.equal(ErrorCode.XmlDoctypeRefused);
      expect(error.data.offset).to.equal(22);
    }
  });

  it('skips an external-only DOCTYPE when the format opts in, without reading it', () => {
    for (let cut = 0; cut <= doctype.length; cut++) {
      const seen: string[] = [];
      const warnings: string[] = [];
      const tokenizer = new XmlTokenizer({ startElement: (n) => seen.push(n), endElement: () => undefined, text: () => undefined,
        warning: (code) => warnings.push(code) }, { externalDoctype: 'skip' });
      tokenizer.write(doctype.slice(0, cut));
      tokenizer.write(doctype.slice(cut));
      tokenizer.end();
      expect(seen, `cut at ${cut}`).to.deep.equal(['tv']);
      expect(warnings).to.deep.equal(['xml-doctype-skipped']);
    }
  });

  it('still refuses an internal subset, a DOCTYPE after the root, and other declarations when skipping is on', () => {
    const skip = { externalDoctype: 'skip' } as const;
    const make = (): XmlTokenizer => new XmlTokenizer({ startElement: () => undefined, endElement: () => undefined, text: () => undefined }, skip);
    expect(() => make().write('<!DOCTYPE tv SYSTEM "x.dtd" [<!ENTITY e "boom">]><tv>&e;</tv>')).to.throw(YiwangError, /DOCTYPE/);
    expect(() => make().write('<!DOCTYPE tv [<!ENTITY e SYSTEM "file:///etc/passwd">]><tv/>')).to.throw(YiwangError, /DOCTYPE/);
    expect(() => make().write('<tv><!DOCTYPE tv SYSTEM "x.dtd"></tv>')).to.throw(YiwangError, /DOCTYPE/);
    expect(() => make().write('<!ENTITY x "y"><tv/>')).to.throw(YiwangError, /ENTITY/);
  });

  it('refuses an internal subset with entities before expanding anything (billion laughs)', () => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    const seen: string[] = [];
    const tokenizer = new XmlTokenizer({ startElement: (n) => seen.push(n), endElement: () => undefined, text: (t) => seen.push(t) });
    expect(() => tokenizer.write(laughs)).to.throw(YiwangError, /DOCTYPE/);
    expect(seen, 'nothing was emitted').to.deep.equal([]);
  });

  it('refuses a stray <!ENTITY and <!ELEMENT declaration', () => {
    expect(thrown(() => tokenize(['<a><!ENTITY x "y"></a>'])).data).to.deep.include({ declaration: 'ENTITY', offset: 3 });
    expect(thrown(() => tokenize(['<!ELEMENT a ANY><a/>'])).code).to.equal(ErrorCode.XmlDoctypeRefused);
  });
});

describe('XmlTokenizer on malformed XML', () => {
  it('names a mismatched end tag and where the open one started', () => {
    const error = thrown(() => tokenize(['<tv>\n  <programme>\n    <title>x</desc>\n</tv>']));
    expect(error.code).to.equal(ErrorCode.EpgInputInvalid);
    expect(error.data).to.deep.include({ reason: 'mismatch', line: 3, column: 13 });
    expect(error.message).to.contain('</desc> does not match <title> opened at line 3');
  });

  it('names an element left open at the end of the input', () => {
    const error = thrown(() => tokenize(['<tv>\n<programme>\n<title>x</title>\n']));
    expect(error.data.reason).to.equal('truncated');
    expect(error.message).to.contain('<programme> opened at line 2 is not closed');
  });

  it('reports input that ends inside a tag', () => {
    const error = thrown(() => tokenize(['<tv><programme start="2025']));
    expect(error.data.reason).to.equal('truncated');
    expect(error.message).to.contain('inside "<programme start=');
  });

  it('reports an end tag with nothing open, an unquoted attribute, and a bare <', () => {
    expect(thrown(() => tokenize(['<a/></a>'])).message).to.contain('</a> has no open element');
    expect(thrown(() => tokenize(['<a x=1/>'])).message).to.contain('value of attribute "x" of <a> is not quoted');
    expect(thrown(() => tokenize(['<a>1 < 2</a>'])).message).to.match(/line 1, column 6.*not followed by a tag name/);
  });

  it('reports an empty document', () => {
    expect(thrown(() => tokenize(['  \n'])).data.reason).to.equal('empty');
  });
});
