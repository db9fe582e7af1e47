/**
 * Reads a CAP message into a small tree of CAP elements (OASIS CAP 1.2 §3.2, CAP 1.1 §3.2), resolving
 * namespace prefixes through the `xmlns` declarations in scope (Namespaces in XML 1.0 §5).
 *
 * Only elements in the root's namespace with a CAP element name are kept; anything else (XML-DSig
 * `Signature`, profile extensions, unknown elements) is passed over with its whole subtree. `derefUri`
 * is passed over too: it can be hundreds of kilobytes of base64 and the normalized alert has no place
 * for it. A `Signature` in the XML-DSig namespace is noted.
 *
 * Refused: a DTD or entity declaration anywhere (`XmlDoctypeRefused`, from the tokenizer, before anything
 * after it is read). Rejected (`AlertRejected`): malformed XML, a root that is not a CAP `alert`.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../../errors/yiwang-error.js';
import { XmlByteDecoder } from '../../../xml/xml-byte-decoder.js';
import { XmlTokenizer, type XmlAttributes, type XmlHandler } from '../../../xml/xml-tokenizer.js';
import type { AlertInput } from '../../model.js';

export const CAP_FORMAT = 'cap';

/** CAP namespaces by version. */
export const CAP_NAMESPACES: Readonly<Record<string, '1.1' | '1.2'>> = {
  'urn:oasis:names:tc:emergency:cap:1.1': '1.1',
  'urn:oasis:names:tc:emergency:cap:1.2': '1.2',
};

const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';

/** Elements holding text (CAP 1.2 §3.2.1–§3.2.4). */
const LEAF_ELEMENTS = new Set([
  'identifier', 'sender', 'sent', 'status', 'msgType', 'source', 'scope', 'restriction', 'addresses', 'code', 'note',
  'references', 'incidents', 'language', 'category', 'event', 'responseType', 'urgency', 'severity', 'certainty',
  'audience', 'effective', 'onset', 'expires', 'senderName', 'headline', 'description', 'instruction', 'web',
  'contact', 'valueName', 'value', 'resourceDesc', 'mimeType', 'size', 'uri', 'digest', 'areaDesc', 'polygon',
  'circle', 'altitude', 'ceiling',
]);

/** Elements holding other elements. */
const CONTAINER_ELEMENTS = new Set(['alert', 'info', 'eventCode', 'parameter', 'resource', 'area', 'geocode']);

/** One CAP element: its local name, the line of its start tag, its CAP children and (leaves only) its text. */
export interface CapElement {
  readonly name: string;
  readonly line: number;
  readonly children: CapElement[];
  text: string;
}

export interface CapDocument {
  readonly root: CapElement;
  /** CAP version from the root's namespace; undefined for an `<alert>` in no namespace. */
  readonly version: '1.1' | '1.2' | undefined;
  /** An XML-DSig `Signature` element was present (not verified). */
  readonly signed: boolean;
}

/** A YiwangError `AlertRejected` for the CAP format. */
export function capRejected(reason: string, line?: number, data: Readonly<Record<string, unknown>> = {}): YiwangError {
  const where = line === undefined ? undefined : `line ${line}`;
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Alerts, ErrorCode.AlertRejected,
    `cap: alert rejected${where === undefined ? '' : ` at ${where}`}: ${reason}`,
    { format: CAP_FORMAT, reason, ...(where === undefined ? {} : { where, line }), ...data });
}

/** Prefix and local part of a qualified name. */
function splitName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

/** Namespace bindings in scope: prefix → URI, '' for the default namespace ('' URI = no namespace). */
type Scope = ReadonlyMap<string, string>;

const ROOT_SCOPE: Scope = new Map([['xml', XML_NAMESPACE]]);

/** The scope of an element: its parent's, extended by its own `xmlns` / `xmlns:p` attributes. */
function scopeOf(parent: Scope, attributes: XmlAttributes): Scope {
  let scope: Map<string, string> | undefined;
  for (const name in attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice(6), attributes[name] ?? '');
  }
  return scope ?? parent;
}

interface Frame {
  readonly scope: Scope;
  /** The kept element, or undefined inside a subtree being passed over. */
  readonly element: CapElement | undefined;
}

/** Builds the CAP element tree from tokenizer events. */
class CapTreeBuilder implements XmlHandler {
  tokenizer: XmlTokenizer | undefined;
  root: CapElement | undefined;
  namespace = '';
  signed = false;
  private readonly frames: Frame[] = [];

  startElement(qname: string, attributes: XmlAttributes): void {
    const parent = this.frames[this.frames.length - 1];
    const scope = scopeOf(parent?.scope ?? ROOT_SCOPE, attributes);
    const [prefix, local] = splitName(qname);
    const uri = scope.get(prefix) ?? (prefix === '' ? '' : undefined);
    const line = this.tokenizer?.position().line ?? 0;
    if (parent === undefined) {
      this.frames.push({ scope, element: this.openRoot(qname, local, prefix, uri, line) });
      return;
    }
    if (parent.element === undefined) {
      this.frames.push({ scope, element: undefined });
      return;
    }
    if (uri === this.namespace && (LEAF_ELEMENTS.has(local) || CONTAINER_ELEMENTS.has(local))) {
      const element: CapElement = { name: local, line, children: [], text: '' };
      parent.element.children.push(element);
      this.frames.push({ scope, element });
      return;
    }
    if (uri === XMLDSIG_NAMESPACE && local === 'Signature') this.signed = true;
    this.frames.push({ scope, element: undefined });
  }

  endElement(): void {
    this.frames.pop();
  }

  text(text: string): void {
    const element = this.frames[this.frames.length - 1]?.element;
    if (element !== undefined && LEAF_ELEMENTS.has(element.name)) element.text += text;
  }

  private openRoot(qname: string, local: string, prefix: string, uri: string | undefined, line: number): CapElement {
    if (uri === undefined) {
      throw capRejected(`the root element <${qname}> uses the prefix "${prefix}", which is not declared`, line,
        { field: 'alert' });
    }
    if (local !== 'alert' || (uri !== '' && CAP_NAMESPACES[uri] === undefined)) {
      const ns = uri === '' ? 'no namespace' : `namespace "${uri}"`;
      throw capRejected(`the root element is <${qname}> in ${ns}; expected <alert> in the CAP 1.1 or 1.2 namespace`,
        line, { field: 'alert', namespace: uri });
    }
    this.namespace = uri;
    const root: CapElement = { name: 'alert', line, children: [], text: '' };
    this.root = root;
    return root;
  }
}

/** The input as text: bytes are decoded by the XML byte front end (BOM, declared encoding, else UTF-8). */
export function capText(input: AlertInput): string {
  if (typeof input === 'string') return input;
  const decoder = new XmlByteDecoder({ format: CAP_FORMAT });
  return decoder.decode(input) + decoder.flush();
}

/**
 * Reads a whole CAP message. Throws `XmlDoctypeRefused` for a DTD or entity declaration and
 * `AlertRejected` for malformed XML or a root that is not a CAP alert.
 */
export function readCapDocument(input: AlertInput): CapDocument {
  const builder = new CapTreeBuilder();
  const tokenizer = new XmlTokenizer(builder, { format: CAP_FORMAT });
  builder.tokenizer = tokenizer;
  try {
    tokenizer.write(capText(input));
    tokenizer.end();
  } catch (error) {
    if (error instanceof YiwangError && error.code === ErrorCode.EpgInputInvalid) {
      const line = typeof error.data.line === 'number' ? error.data.line : undefined;
      const detail = error.message.replace(/^\[\d+\] cap: /, '');
      throw capRejected(detail, line, { field: 'xml', column: error.data.column, offset: error.data.offset, cause: error });
    }
    throw error;
  }
  const root = builder.root;
  // end() throws on a document without an element, so a root was always seen here.
  if (root === undefined) throw capRejected('no element found');
  return { root, version: CAP_NAMESPACES[builder.namespace], signed: builder.signed };
}

/** Thrown by the probe's handler to stop at the root start tag. */
class RootSeen extends Error {
  constructor(readonly rootName: string, readonly attributes: XmlAttributes) {
    super('root element seen');
  }
}

/** Characters of the input the probe looks at (declaration, comments and the root start tag fit easily). */
const PROBE_CHARS = 16_384;

/**
 * True when the root element is `alert` in a CAP 1.1 or 1.2 namespace (prefixed or not), after a BOM, the
 * XML declaration, comments and processing instructions. A document whose DOCTYPE names an `alert` root
 * is claimed too, so that parsing refuses it with `XmlDoctypeRefused` rather than "unknown format".
 * Never throws.
 */
export function probeCap(input: AlertInput): boolean {
  let head: string;
  try {
    head = typeof input === 'string' ? input.slice(0, PROBE_CHARS) : capText(input.subarray(0, PROBE_CHARS));
  } catch {
    return false;
  }
  const stop: XmlHandler = {
    startElement(name, attributes) {
      throw new RootSeen(name, attributes);
    },
    endElement() { /* never reached: the root start tag stops the probe */ },
    text() { /* text before the root (a BOM, white space) is not looked at */ },
  };
  try {
    new XmlTokenizer(stop, { format: CAP_FORMAT }).write(head);
    return false;
  } catch (seen) {
    if (seen instanceof RootSeen) {
      const [prefix, local] = splitName(seen.rootName);
      const uri = scopeOf(ROOT_SCOPE, seen.attributes).get(prefix);
      return local === 'alert' && uri !== undefined && CAP_NAMESPACES[uri] !== undefined;
    }
    if (seen instanceof YiwangError && seen.code === ErrorCode.XmlDoctypeRefused) {
      return /<!DOCTYPE\s+(?:[A-Za-z_][\w.-]*:)?alert[\s>[]/.test(head);
    }
    return false;
  }
}
