/**
 * A small element tree for one emergency-broadcast message, built on the SDK's streaming tokenizer
 * (`sdk/xml`, XML 1.0). EBD messages are a few kilobytes of element-only XML (auxiliary files travel
 * beside the XML, not inside it), so a tree is cheaper to read than a streaming state machine.
 *
 * Security and limits: a DOCTYPE or any entity/markup declaration is refused by the tokenizer
 * (`XmlDoctypeRefused`, 5003) before anything after it is read. Input over `maxChars`, more than
 * `maxElements` elements or nesting deeper than `maxDepth` is rejected (`AlertRejected`), so a hostile
 * document cannot make the box build a huge tree. Malformed XML and undecodable bytes are rejected as
 * `AlertRejected` with reason `malformed`, naming the line and column.
 *
 * Names: prefixes are dropped (`eb:EBD` reads as `EBD`) and lookups ignore ASCII case, because vendor
 * platforms differ in both.
 */
import { ErrorCode, YiwangError } from '../../../errors/yiwang-error.js';
import { XmlByteDecoder } from '../../../xml/xml-byte-decoder.js';
import { XmlTokenizer, type XmlAttributes } from '../../../xml/xml-tokenizer.js';
import type { AlertInput } from '../../model.js';
import { ebdRejected } from './ebd-rejected.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export interface XmlElement {
  /** Local name, prefix dropped. */
  readonly name: string;
  readonly attributes: XmlAttributes;
  readonly children: XmlElement[];
  /** Direct character data, concatenated (CDATA included), untrimmed. */
  text: string;
  /** Where the start tag is, from 1. */
  readonly line: number;
  readonly column: number;
}

export interface XmlTreeLimits {
  /** Decoded characters, at most. Default 4 Mi. */
  readonly maxChars?: number;
  /** Elements, at most. Default 20 000. */
  readonly maxElements?: number;
  /** Nesting depth, at most. Default 64. */
  readonly maxDepth?: number;
}

const DEFAULT_LIMITS: Required<XmlTreeLimits> = { maxChars: 4 << 20, maxElements: 20_000, maxDepth: 64 };

const localName = (qualified: string): string => {
  const colon = qualified.indexOf(':');
  return colon < 0 ? qualified : qualified.slice(colon + 1);
};

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Reads a whole document (text or bytes; the encoding of bytes is found as XML 1.0 Appendix F says). */
export function readXmlTree(input: AlertInput, format: string, limits: XmlTreeLimits = {}): XmlElement {
  const { maxChars, maxElements, maxDepth } = { ...DEFAULT_LIMITS, ...limits };
  const text = typeof input === 'string' ? input : decodeBytes(input, format, maxChars);
  if (text.length > maxChars) {
    throw ebdRejected('too-large', `${format}: input is ${text.length} characters, more than the ${maxChars} a message may have`);
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  const tokenizer: XmlTokenizer = new XmlTokenizer({
    startElement(name, attributes) {
      const where = tokenizer.position();
      if (++count > maxElements) {
        throw ebdRejected('too-large', `${format}: more than ${maxElements} elements (line ${where.line})`, { line: where.line });
      }
      if (stack.length >= maxDepth) {
        throw ebdRejected('too-large', `${format}: elements nested deeper than ${maxDepth} (line ${where.line})`, { line: where.line });
      }
      const element: XmlElement = { name: localName(name), attributes, children: [], text: '', line: where.line, column: where.column };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else root ??= element;
      stack.push(element);
    },
    endElement() {
      stack.pop();
    },
    text(chunk) {
      const current = stack[stack.length - 1];
      if (current) current.text += chunk;
    },
  }, { format, skipWhitespaceText: true });
  try {
    tokenizer.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    tokenizer.end();
  } catch (error) {
    throw asRejection(error);
  }
  if (!root) throw ebdRejected('malformed', `${format}: no element found`);
  return root;
}

function decodeBytes(bytes: Uint8Array, format: string, maxChars: number): string {
  // A UTF-16 document has two bytes per character; anything longer than this cannot fit.
  if (bytes.length > maxChars * 4) {
    throw ebdRejected('too-large', `${format}: input is ${bytes.length} bytes, more than a message may have`);
  }
  try {
    const decoder = new XmlByteDecoder({ format });
    return decoder.decode(bytes) + decoder.flush();
  } catch (error) {
    throw asRejection(error);
  }
}

/** The tokenizer's malformed-input errors become AlertRejected; a refused DTD stays `XmlDoctypeRefused`. */
function asRejection(error: unknown): unknown {
  if (error instanceof YiwangError && error.code === ErrorCode.EpgInputInvalid) {
    const reason = typeof error.data.reason === 'string' ? error.data.reason : 'malformed';
    return ebdRejected(reason === 'encoding' ? 'encoding' : 'malformed', error.message.replace(/^\[\d+\]\s*/, ''), { cause: error });
  }
  return error;
}

// ---------------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------------

/** The first child with that local name (ASCII case ignored). */
export function childElement(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!parent) return undefined;
  const wanted = name.toLowerCase();
  return parent.children.find((c) => c.name.toLowerCase() === wanted);
}

/** Every child with that local name, in document order. */
export function childElements(parent: XmlElement | undefined, name: string): XmlElement[] {
  if (!parent) return [];
  const wanted = name.toLowerCase();
  return parent.children.filter((c) => c.name.toLowerCase() === wanted);
}

/** Trimmed text of an element; undefined when the element is absent or holds only white space. */
export function elementText(element: XmlElement | undefined): string | undefined {
  const text = element?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Text of the first child with that name; see `elementText`. */
export function childText(parent: XmlElement | undefined, name: string): string | undefined {
  return elementText(childElement(parent, name));
}
