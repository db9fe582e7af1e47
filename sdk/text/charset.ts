import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';

/**
 * Text decoding behind one interface. Parsers never choose a charset themselves: they name the one the
 * data declares (an XML encoding, a DVB Annex A selector) or take the default from their context (a
 * per-network default for raw GB bytes), and ask this registry for a codec.
 */
export interface Charset {
  /** Canonical name, e.g. `gb18030`, `iso-6937`. */
  readonly name: string;
  /** Decodes bytes; undecodable bytes become U+FFFD, never an exception. */
  decode(bytes: Uint8Array): string;
}

const charsets = new Map<string, Charset>();
const aliases = new Map<string, string>();

const normalizeLabel = (label: string): string => label.trim().toLowerCase().replace(/_/g, '-');

/** Registers a codec under its name and any aliases (case-insensitive). Replaces an earlier one. */
export function registerCharset(charset: Charset, ...aliasLabels: string[]): void {
  charsets.set(charset.name, charset);
  for (const alias of [charset.name, ...aliasLabels]) aliases.set(normalizeLabel(alias), charset.name);
}

/**
 * The codec for a label: a registered one, else one built on the platform's TextDecoder (which knows
 * the WHATWG Encoding labels: utf-8, gb18030, gbk, big5, iso-8859-x, utf-16be, euc-kr, …). GB2312 and
 * GBK are decoded as GB18030, their superset, because real "GB2312" data often holds GBK characters.
 * Throws `CharsetUnknown` naming the label.
 */
export function findCharset(label: string): Charset {
  const key = normalizeLabel(label);
  const registered = aliases.get(key);
  if (registered) {
    const charset = charsets.get(registered);
    if (charset) return charset;
  }
  const whatwg = key === 'gb2312' || key === 'gbk' || key === 'gb-2312' || key === 'cp936' ? 'gb18030' : key;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(whatwg, { fatal: false, ignoreBOM: false });
  } catch {
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Text, ErrorCode.CharsetUnknown,
      `Unknown character set "${label}"`, { label });
  }
  const charset: Charset = { name: decoder.encoding, decode: (bytes) => decoder.decode(bytes) };
  registerCharset(charset, key);
  return charset;
}

/** Decodes `bytes` with the codec for `label`. */
export function decodeText(bytes: Uint8Array, label: string): string {
  return findCharset(label).decode(bytes);
}
