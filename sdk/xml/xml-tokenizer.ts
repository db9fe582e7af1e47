import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';

/**
 * A streaming, non-validating XML tokenizer (XML 1.0, W3C REC-xml §2–4) for guides and alerts.
 *
 * Text goes in as decoded chunks, cut anywhere (inside a tag, an attribute, an entity or a CRLF); events
 * come out through an `XmlHandler` as soon as each token is complete. There is no DOM and no copy of the
 * document: only an unfinished token is kept between chunks.
 *
 * Security: a DTD is never read. Any markup declaration (`<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`, …) is
 * refused with `XmlDoctypeRefused`; only the five predefined entities and character references are
 * decoded. An unknown entity reference stays as literal text and is reported through `warning`.
 * A format may opt in to skipping a document type declaration that only names an external DTD
 * (`<!DOCTYPE tv SYSTEM "xmltv.dtd">`, which XMLTV grabbers write): it is passed over unread and
 * reported as a warning; one with an internal subset (`[…]`, where entities would be declared) is
 * still refused.
 *
 * Malformed input (mismatched or stray end tag, bad tag syntax, an element left open at the end) throws a
 * YiwangError `EpgInputInvalid` naming the line, column and offset.
 */

/** Attributes of a start tag by qualified name (prefixes are kept: `cap:alert`, `xmlns:cap`). */
export type XmlAttributes = Readonly<Record<string, string>>;

/** Where a token starts: `offset` counts UTF-16 code units of decoded text from 0; line and column from 1. */
export interface XmlPosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Receives the tokens. Every callback runs synchronously inside `write()` or `end()`. */
export interface XmlHandler {
  /** A start tag. An empty-element tag (`<new/>`) is reported as a start tag followed by its end tag. */
  startElement(name: string, attributes: XmlAttributes): void;
  endElement(name: string): void;
  /**
   * Character data with entities decoded and line ends normalized to `\n`; CDATA sections too. One run of
   * text may come in several calls (around a CDATA section, or a very long run split between chunks).
   */
  text(text: string): void;
  comment?(text: string): void;
  /** A processing instruction, including the XML declaration (target `xml`). */
  processingInstruction?(target: string, data: string): void;
  /** Something recoverable that was kept as it is (an unknown entity reference, a duplicate attribute). */
  warning?(code: string, message: string, position: XmlPosition): void;
}

export interface XmlTokenizerOptions {
  /** Format named in errors (`xmltv`, `cap`, …). Default `xml`. */
  readonly format?: string;
  /**
   * Do not report text that is only white space (indentation between elements). For formats without
   * mixed content, this saves a call per element. Default false.
   */
  readonly skipWhitespaceText?: boolean;
  /**
   * `skip`: pass over a DOCTYPE before the root element that has no internal subset, without reading the
   * DTD it names. Default `refuse`: every markup declaration is refused.
   */
  readonly externalDoctype?: 'refuse' | 'skip';
}

/** Reasons in the `data.reason` of a malformed-input error. */
export type XmlErrorReason = 'syntax' | 'mismatch' | 'truncated' | 'empty';

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

const isSpace = (c: number): boolean => c === SPACE || c === LF || c === CR || c === TAB;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** A run of text longer than this with no `<` in sight is passed on in pieces instead of being held. */
const TEXT_HOLD_LIMIT = 1 << 16;

const EMPTY_ATTRIBUTES: XmlAttributes = Object.freeze({});

/** Marker returned by the token readers when the buffer ends inside the token. */
const INCOMPLETE = -1;
/** The longest token (tag, comment, CDATA section, text run) kept unfinished between chunks. */
const MAX_PENDING_CHARS = 8 << 20;

export class XmlTokenizer {
  private readonly format: string;
  private readonly skipWhitespace: boolean;
  private readonly skipExternalDoctype: boolean;
  private sawRoot = false;
  private buf = '';
  /** Next unread index in `buf`. */
  private pos = 0;
  /** Global offset of `buf[0]`. */
  private base = 0;
  /** Line counting runs forward only: the line of global offset `lineCursor`, and where that line starts. */
  private lineCursor = 0;
  private lineNo = 1;
  private lineStart = 0;
  /** Global offset of the token being reported. */
  private tokenStart = 0;
  private readonly openNames: string[] = [];
  private readonly openLines: number[] = [];
  private sawElement = false;
  private ended = false;

  constructor(private readonly handler: XmlHandler, options: XmlTokenizerOptions = {}) {
    this.format = options.format ?? 'xml';
    this.skipWhitespace = options.skipWhitespaceText ?? false;
    this.skipExternalDoctype = options.externalDoctype === 'skip';
  }

  /** Number of open elements. */
  get depth(): number {
    return this.openNames.length;
  }

  /** Position of the token being reported; call it from a handler callback. */
  position(): XmlPosition {
    return this.locate(this.tokenStart);
  }

  /** Feeds the next decoded chunk. Throws on refused or malformed input. */
  write(chunk: string): void {
    if (this.ended) return;
    if (this.pos > 0) {
      this.advanceLines(this.base + this.pos);
      this.base += this.pos;
      this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
      this.pos = 0;
    } else {
      this.buf = this.buf.length > 0 ? this.buf + chunk : chunk;
    }
    this.scan(false);
    // An unfinished token is kept and rescanned as chunks arrive; one that never ends (an unclosed
    // comment, CDATA or attribute) would otherwise grow without bound and cost quadratic time.
    if (this.buf.length - this.pos > MAX_PENDING_CHARS) {
      this.failAt(this.pos, 'syntax', `${this.describeToken(this.pos)} is longer than ${MAX_PENDING_CHARS / (1 << 20)} M characters`);
    }
  }

  /** Ends the input: flushes trailing text and checks that every element was closed. */
  end(): void {
    if (this.ended) return;
    this.scan(true);
    this.ended = true;
    const open = this.openNames.length;
    if (open > 0) {
      const name = this.openNames[open - 1] ?? '';
      this.tokenStart = this.base + this.buf.length;
      throw this.malformed('truncated', `unexpected end of input: <${name}> opened at line ${this.openLines[open - 1] ?? 0} is not closed`);
    }
    if (!this.sawElement) {
      this.tokenStart = this.base + this.buf.length;
      throw this.malformed('empty', 'no element found');
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Scanning

  private scan(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    while (pos < len) {
      if (buf.charCodeAt(pos) !== LT) {
        const lt = buf.indexOf('<', pos);
        if (lt < 0) {
          if (final) {
            this.emitText(pos, len);
            pos = len;
          } else if (len - pos > TEXT_HOLD_LIMIT) {
            pos = this.emitLongText(pos);
          }
          break;
        }
        this.emitText(pos, lt);
        pos = lt;
      }
      // buf[pos] is '<'
      if (pos + 1 >= len) {
        if (final) this.failAt(pos, 'syntax', "input ends after '<'");
        break;
      }
      const next = buf.charCodeAt(pos + 1);
      let after: number;
      if (next === SLASH) after = this.readEndTag(pos);
      else if (next === BANG) after = this.readMarkup(pos, final);
      else if (next === QUESTION) after = this.readProcessingInstruction(pos);
      else after = this.readStartTag(pos);
      if (after === INCOMPLETE) {
        if (final) this.failAt(pos, 'truncated', `unexpected end of input inside ${this.describeToken(pos)}`);
        break;
      }
      pos = after;
    }
    this.pos = pos;
  }

  /** A very long run of text: passes on all of it that cannot be part of an unfinished entity or CRLF. */
  private emitLongText(pos: number): number {
    const buf = this.buf;
    let cut = buf.length;
    const amp = buf.lastIndexOf('&');
    if (amp >= pos && buf.indexOf(';', amp) < 0) cut = amp;
    if (cut > pos && buf.charCodeAt(cut - 1) === CR) cut--;
    if (cut > pos) this.emitText(pos, cut);
    return cut;
  }

  /** Reports buf[from, to) as text. */
  private emitText(from: number, to: number): void {
    if (to <= from) return;
    if (this.skipWhitespace) {
      let i = from;
      while (i < to && isSpace(this.buf.charCodeAt(i))) i++;
      if (i === to) return;
    }
    const raw = this.buf.slice(from, to);
    this.tokenStart = this.base + from;
    let text = raw.indexOf('&') < 0 ? raw : this.decodeReferences(raw);
    if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
    this.handler.text(text);
  }

  /** `<name attr="v" …>` or `<name …/>`; returns the index after `>` or INCOMPLETE. */
  private readStartTag(lt: number): number {
    const buf = this.buf;
    const len = buf.length;
    let j = lt + 1;
    while (j < len) {
      const c = buf.charCodeAt(j);
      if (isSpace(c) || c === SLASH || c === GT) break;
      j++;
    }
    if (j >= len) return INCOMPLETE;
    if (j === lt + 1) this.failAt(lt, 'syntax', "'<' is not followed by a tag name (write a literal '<' as &lt;)");
    const name = buf.slice(lt + 1, j);
    // Warnings about attributes point at the tag.
    this.tokenStart = this.base + lt;
    let attributes: Record<string, string> | undefined;
    for (;;) {
      while (j < len && isSpace(buf.charCodeAt(j))) j++;
      if (j >= len) return INCOMPLETE;
      const c = buf.charCodeAt(j);
      if (c === GT) {
        this.open(name, attributes ?? EMPTY_ATTRIBUTES, lt);
        return j + 1;
      }
      if (c === SLASH) {
        if (j + 1 >= len) return INCOMPLETE;
        if (buf.charCodeAt(j + 1) !== GT) this.failAt(j, 'syntax', `expected '>' after '/' in <${name}>`);
        this.open(name, attributes ?? EMPTY_ATTRIBUTES, lt);
        this.close(name, lt);
        return j + 2;
      }
      const nameStart = j;
      while (j < len) {
        const d = buf.charCodeAt(j);
        if (isSpace(d) || d === EQUALS || d === GT || d === SLASH) break;
        j++;
      }
      if (j >= len) return INCOMPLETE;
      const attrName = buf.slice(nameStart, j);
      while (j < len && isSpace(buf.charCodeAt(j))) j++;
      if (j >= len) return INCOMPLETE;
      if (buf.charCodeAt(j) !== EQUALS) this.failAt(nameStart, 'syntax', `attribute "${attrName}" of <${name}> has no value`);
      j++;
      while (j < len && isSpace(buf.charCodeAt(j))) j++;
      if (j >= len) return INCOMPLETE;
      const quote = buf.charCodeAt(j);
      if (quote !== DQUOTE && quote !== SQUOTE) this.failAt(j, 'syntax', `value of attribute "${attrName}" of <${name}> is not quoted`);
      const close = buf.indexOf(quote === DQUOTE ? '"' : "'", j + 1);
      if (close < 0) return INCOMPLETE;
      let value = buf.slice(j + 1, close);
      if (value.indexOf('&') >= 0) value = this.decodeReferences(value);
      if (/[\t\n\r]/.test(value)) value = value.replace(/\r\n|[\t\n\r]/g, ' ');
      attributes ??= {};
      if (Object.prototype.hasOwnProperty.call(attributes, attrName)) {
        this.handler.warning?.('xml-duplicate-attribute', `duplicate attribute "${attrName}" in <${name}>; the first is kept`, this.position());
      } else {
        attributes[attrName] = value;
      }
      j = close + 1;
    }
  }

  /** `</name>`; returns the index after `>` or INCOMPLETE. */
  private readEndTag(lt: number): number {
    const gt = this.buf.indexOf('>', lt + 2);
    if (gt < 0) return INCOMPLETE;
    let end = gt;
    while (end > lt + 2 && isSpace(this.buf.charCodeAt(end - 1))) end--;
    const name = this.buf.slice(lt + 2, end);
    this.tokenStart = this.base + lt;
    this.close(name, lt);
    return gt + 1;
  }

  /** `<!--…-->`, `<![CDATA[…]]>`, or a refused declaration. */
  private readMarkup(lt: number, final: boolean): number {
    const buf = this.buf;
    const len = buf.length;
    if (lt + 2 >= len) return INCOMPLETE;
    const third = buf.charCodeAt(lt + 2);
    if (third === 45 /* - */) {
      if (lt + 3 >= len) return INCOMPLETE;
      if (buf.charCodeAt(lt + 3) !== 45) this.failAt(lt, 'syntax', "'<!-' does not start a comment");
      const close = buf.indexOf('-->', lt + 4);
      if (close < 0) return INCOMPLETE;
      if (this.handler.comment) {
        this.tokenStart = this.base + lt;
        this.handler.comment(buf.slice(lt + 4, close));
      }
      return close + 3;
    }
    if (third === 91 /* [ */) {
      if (lt + 9 > len) return INCOMPLETE;
      if (buf.slice(lt, lt + 9) !== '<![CDATA[') this.failAt(lt, 'syntax', "'<![' does not start a CDATA section");
      const close = buf.indexOf(']]>', lt + 9);
      if (close < 0) return INCOMPLETE;
      let text = buf.slice(lt + 9, close);
      if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
      if (text.length > 0) {
        this.tokenStart = this.base + lt;
        this.handler.text(text);
      }
      return close + 3;
    }
    if (!isLetter(third)) this.failAt(lt, 'syntax', "'<!' starts neither a comment nor a CDATA section");
    // A markup declaration. Refuse as soon as we can name it; never look for its end.
    let k = lt + 2;
    while (k < len && k < lt + 12 && isLetter(buf.charCodeAt(k))) k++;
    if (k >= len && k < lt + 12 && !final) return INCOMPLETE;
    const keyword = buf.slice(lt + 2, k);
    this.tokenStart = this.base + lt;
    if (keyword === 'DOCTYPE' && this.skipExternalDoctype && !this.sawRoot && this.openNames.length === 0) {
      const end = this.externalDoctypeEnd(k);
      if (end === INCOMPLETE && !final) return INCOMPLETE;
      if (end > 0) {
        this.handler.warning?.('xml-doctype-skipped', 'DOCTYPE naming an external DTD skipped; the DTD was not read', this.position());
        return end;
      }
    }
    const where = this.locate(this.tokenStart);
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.XmlDoctypeRefused,
      `${this.format}: refused <!${keyword} at line ${where.line}, column ${where.column} (offset ${where.offset}): ` +
      'documents with a DTD or entity declarations are not accepted (no DTD is read, no entity is expanded)',
      { format: this.format, offset: where.offset, line: where.line, column: where.column, declaration: keyword });
  }

  /**
   * The index after the `>` closing a DOCTYPE that has no internal subset, INCOMPLETE when the buffer
   * ends first, or 0 when it has an internal subset (`[` outside quotes), which must be refused.
   */
  private externalDoctypeEnd(from: number): number {
    const buf = this.buf;
    let quote = 0;
    for (let i = from; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 /* " */ || c === 39 /* ' */) quote = c;
      else if (c === 91 /* [ */) return 0;
      else if (c === 62 /* > */) return i + 1;
    }
    return INCOMPLETE;
  }

  /** `<?target data?>`, including the XML declaration. */
  private readProcessingInstruction(lt: number): number {
    const buf = this.buf;
    const close = buf.indexOf('?>', lt + 2);
    if (close < 0) return INCOMPLETE;
    let k = lt + 2;
    while (k < close && !isSpace(buf.charCodeAt(k))) k++;
    const target = buf.slice(lt + 2, k);
    if (target.length === 0) this.failAt(lt, 'syntax', "'<?' is not followed by a target name");
    if (this.handler.processingInstruction) {
      this.tokenStart = this.base + lt;
      this.handler.processingInstruction(target, buf.slice(k, close).trim());
    }
    return close + 2;
  }

  // ---------------------------------------------------------------------------------------------------
  // Structure

  private open(name: string, attributes: XmlAttributes, lt: number): void {
    this.sawElement = true;
    this.openNames.push(name);
    this.sawRoot = true;
    this.openLines.push(this.locate(this.base + lt).line);
    this.handler.startElement(name, attributes);
  }

  private close(name: string, lt: number): void {
    const top = this.openNames.length - 1;
    const expected = this.openNames[top];
    if (expected === undefined) this.failAt(lt, 'mismatch', `end tag </${name}> has no open element`);
    if (expected !== name) {
      this.failAt(lt, 'mismatch', `end tag </${name}> does not match <${expected}> opened at line ${this.openLines[top] ?? 0}`);
    }
    this.openNames.pop();
    this.openLines.pop();
    this.handler.endElement(name);
  }

  // ---------------------------------------------------------------------------------------------------
  // References (XML 1.0 §4.1, §4.6)

  private decodeReferences(raw: string): string {
    let out = '';
    let last = 0;
    let amp = raw.indexOf('&');
    while (amp >= 0) {
      const semi = raw.indexOf(';', amp + 1);
      const ref = semi > amp && semi - amp <= 10 ? raw.slice(amp + 1, semi) : '';
      const ch = ref.length > 0 ? referencedText(ref) : undefined;
      if (ch === undefined) {
        const shown = ref.length > 0 ? `&${ref};` : "'&'";
        this.handler.warning?.('xml-entity', `unknown or bare reference ${shown} kept as text`, this.position());
        amp = raw.indexOf('&', amp + 1);
        continue;
      }
      out += raw.slice(last, amp) + ch;
      last = semi + 1;
      amp = raw.indexOf('&', last);
    }
    return last === 0 ? raw : out + raw.slice(last);
  }

  // ---------------------------------------------------------------------------------------------------
  // Positions and errors

  /** Moves the line cursor forward to `offset` (which must still be in the buffer). */
  private advanceLines(offset: number): void {
    if (offset <= this.lineCursor) return;
    const buf = this.buf;
    const end = offset - this.base;
    let i = this.lineCursor - this.base;
    for (;;) {
      const nl = buf.indexOf('\n', i);
      if (nl < 0 || nl >= end) break;
      this.lineNo++;
      this.lineStart = this.base + nl + 1;
      i = nl + 1;
    }
    this.lineCursor = offset;
  }

  private locate(offset: number): XmlPosition {
    if (offset >= this.lineCursor) this.advanceLines(offset);
    // An earlier offset (only in warnings about a token already passed) is given on the cursor's line.
    return { offset, line: this.lineNo, column: Math.max(1, offset - this.lineStart + 1) };
  }

  private describeToken(at: number): string {
    const snippet = this.buf.slice(at, at + 20);
    return snippet.startsWith('<!--') ? 'a comment' : snippet.startsWith('<![CDATA[') ? 'a CDATA section' : `"${snippet}"`;
  }

  private failAt(at: number, reason: XmlErrorReason, message: string): never {
    this.tokenStart = this.base + at;
    throw this.malformed(reason, message);
  }

  private malformed(reason: XmlErrorReason, message: string): YiwangError {
    const where = this.locate(this.tokenStart);
    return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgInputInvalid,
      `${this.format}: malformed XML at line ${where.line}, column ${where.column} (offset ${where.offset}): ${message}`,
      { format: this.format, reason, offset: where.offset, line: where.line, column: where.column });
  }
}

/** The text of a reference body (`amp`, `#233`, `#x4E2D`), or undefined when it is not one we decode. */
function referencedText(ref: string): string | undefined {
  switch (ref) {
    case 'lt': return '<';
    case 'gt': return '>';
    case 'amp': return '&';
    case 'quot': return '"';
    case 'apos': return "'";
    default: break;
  }
  if (ref.charCodeAt(0) !== 35 /* # */) return undefined;
  const hex = ref.charCodeAt(1) === 120 /* x */;
  const from = hex ? 2 : 1;
  if (ref.length === from || ref.length - from > (hex ? 6 : 7)) return undefined;
  let code = 0;
  for (let i = from; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const digit = c >= 48 && c <= 57 ? c - 48 : hex && c >= 97 && c <= 102 ? c - 87 : hex && c >= 65 && c <= 70 ? c - 55 : -1;
    if (digit < 0) return undefined;
    code = code * (hex ? 16 : 10) + digit;
  }
  // XML Char production: no NUL, no surrogates, nothing past U+10FFFF.
  if (code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return undefined;
  return String.fromCodePoint(code);
}
