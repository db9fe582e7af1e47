import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import { createStreamDecoder, type StreamDecoder } from '../text/stream-decoder.js';

/**
 * The byte front end of the XML tokenizer: finds the document's encoding (XML 1.0 Appendix F) and decodes
 * chunks as they arrive.
 *
 * Order of evidence: a byte-order mark (UTF-8, UTF-16 BE/LE); UTF-16 without a mark (`<?` as 16-bit
 * units); the `encoding="…"` of the XML declaration (`GB2312`, `ISO-8859-1`, …, with `findCharset`
 * semantics: GB2312/GBK decode as GB18030); else the caller's default charset; else UTF-8.
 *
 * An encoding that cannot be decoded throws `EpgInputInvalid` with reason `encoding`.
 */
export interface XmlByteDecoderOptions {
  /** Charset for a document with no BOM and no declared encoding (raw GB bytes). Default `utf-8`. */
  readonly defaultCharset?: string;
  /** Format named in errors. Default `xml`. */
  readonly format?: string;
}

/** Bytes held while looking for the end of the XML declaration, at most. */
const SNIFF_LIMIT = 1024;

const XML_DECL = [0x3c, 0x3f, 0x78, 0x6d, 0x6c]; // "<?xml"

export class XmlByteDecoder {
  private head: Uint8Array | undefined = new Uint8Array(0);
  private decoder: StreamDecoder | undefined;
  private encodingSource: 'bom' | 'declaration' | 'default' | undefined;

  constructor(private readonly options: XmlByteDecoderOptions = {}) {}

  /** The charset in use, once the first bytes have been seen. */
  get encoding(): string | undefined {
    return this.decoder?.encoding;
  }

  /** How the charset was chosen: a byte-order mark, the XML declaration, or the default. */
  get chosenBy(): 'bom' | 'declaration' | 'default' | undefined {
    return this.encodingSource;
  }

  /** Decodes the next chunk. Returns '' while the first bytes are still being examined. */
  decode(bytes: Uint8Array): string {
    if (this.decoder) return this.decoder.decode(bytes);
    const held = this.head ?? new Uint8Array(0);
    const head = held.length > 0 ? concat(held, bytes) : bytes;
    const label = sniffEncoding(head, false, this.options.defaultCharset);
    if (label === undefined) {
      // Keep a copy: the caller may reuse its chunk buffer.
      this.head = head === bytes ? bytes.slice() : head;
      return '';
    }
    this.head = undefined;
    return this.start(label).decode(head);
  }

  /** Ends the input and returns the rest of the text. */
  flush(): string {
    if (this.decoder) return this.decoder.flush();
    const head = this.head ?? new Uint8Array(0);
    this.head = undefined;
    const label = sniffEncoding(head, true, this.options.defaultCharset) ?? { name: 'utf-8', source: 'default' };
    const decoder = this.start(label);
    return decoder.decode(head) + decoder.flush();
  }

  private start(label: SniffedEncoding): StreamDecoder {
    let decoder: StreamDecoder;
    try {
      decoder = createStreamDecoder(label.name);
    } catch (error) {
      const format = this.options.format ?? 'xml';
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Epg, ErrorCode.EpgInputInvalid,
        `${format}: cannot decode the encoding "${label.name}" (${label.source === 'declaration' ? 'declared in the XML declaration' : 'the default charset'})`,
        { format, reason: 'encoding', encoding: label.name, cause: error });
    }
    this.decoder = decoder;
    this.encodingSource = label.source;
    return decoder;
  }
}

interface SniffedEncoding {
  readonly name: string;
  readonly source: 'bom' | 'declaration' | 'default';
}

/** The encoding of a document from its first bytes, or undefined when more bytes are needed to tell. */
export function sniffEncoding(head: Uint8Array, final: boolean, defaultCharset?: string): SniffedEncoding | undefined {
  const fallback: SniffedEncoding = { name: defaultCharset ?? 'utf-8', source: 'default' };
  const b0 = head[0];
  const b1 = head[1];
  if (head.length >= 3 && b0 === 0xef && b1 === 0xbb && head[2] === 0xbf) return { name: 'utf-8', source: 'bom' };
  if (head.length >= 2 && b0 === 0xfe && b1 === 0xff) return { name: 'utf-16be', source: 'bom' };
  if (head.length >= 2 && b0 === 0xff && b1 === 0xfe) return { name: 'utf-16le', source: 'bom' };
  if (head.length < 4) {
    // Too short to rule out a BOM or 16-bit "<?"; decide only at the end of the input.
    return final ? fallback : undefined;
  }
  if (b0 === 0x00 && b1 === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return { name: 'utf-16be', source: 'bom' };
  if (b0 === 0x3c && b1 === 0x00 && head[2] === 0x3f && head[3] === 0x00) return { name: 'utf-16le', source: 'bom' };
  for (let i = 0; i < XML_DECL.length; i++) {
    if (i >= head.length) return final ? fallback : undefined;
    if (head[i] !== XML_DECL[i]) return fallback;
  }
  const end = indexOfPair(head, 0x3f, 0x3e); // "?>"
  if (end < 0) return final || head.length >= SNIFF_LIMIT ? fallback : undefined;
  let declaration = '';
  for (let i = 0; i < end; i++) declaration += String.fromCharCode(head[i] ?? 0);
  const match = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._:-]*)\1/.exec(declaration);
  const declared = match?.[2];
  if (declared === undefined) return fallback;
  // A UTF-16 declaration on 8-bit bytes is wrong (the bytes would show it); believe the bytes.
  if (/^utf-?16/i.test(declared)) return { name: 'utf-8', source: 'default' };
  return { name: declared, source: 'declaration' };
}

function indexOfPair(bytes: Uint8Array, a: number, b: number): number {
  let i = bytes.indexOf(a);
  while (i >= 0 && i + 1 < bytes.length) {
    if (bytes[i + 1] === b) return i;
    i = bytes.indexOf(a, i + 1);
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
