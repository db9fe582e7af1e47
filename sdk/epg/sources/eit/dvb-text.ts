/**
 * DVB text strings: ETSI EN 300 468 Annex A (A.1 control codes, A.2 selection of character table).
 *
 * The first byte of a text field says how the rest is coded:
 * - ≥ 0x20: no selector; the default table 00 (ISO/IEC 6937 superset, Figure A.1) — unless the context
 *   names a default charset. Chinese headends often send raw GB2312/GBK with no selector; a per-network
 *   or per-service default (`DvbTextContext.defaultCharset`, e.g. `gb2312`) is how those decode.
 * - 0x01–0x0B: ISO/IEC 8859-5 … 8859-15 (0x08 reserved); 0x10 0x00 0xNN: ISO/IEC 8859-NN.
 * - 0x11: ISO/IEC 10646 BMP as UCS-2 big-endian; 0x12: KS X 1001 (EUC-KR); 0x13: GB-2312 (decoded as
 *   GB18030, its superset, since real "GB2312" carries GBK characters); 0x14: Big5 (the spec names it
 *   "Big5 subset of ISO/IEC 10646"; broadcasters send Big5 bytes, so Big5 it is); 0x15: UTF-8.
 * - 0x1F: the next byte is an encoding_type_id (ETSI TS 101 162, e.g. Freesat Huffman). Not supported:
 *   the text decodes to '' and the context is warned.
 * - Other values below 0x20 are reserved: the byte is dropped, the rest decoded with the default table,
 *   and the context is warned.
 *
 * Control codes (A.1): 0x8A is a line break ("\n"); 0x86/0x87 switch emphasis on/off and are dropped, as
 * are the other codes 0x80–0x9F. In two-byte tables the same codes are 0xE080–0xE09F.
 *
 * Parsers never choose a charset here: every byte → string step goes through the text codec registry
 * (`findCharset`), the selector only names a label.
 */
import { findCharset, type Charset } from '../../../text/index.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

/** How control codes are found in a table's bytes. */
type TableKind = 'single' | 'double' | 'ucs2' | 'unicode';

/** The table a text field uses, as decided from its leading bytes. */
export interface DvbTextTable {
  /** Charset label handed to the codec registry. */
  readonly charset: string;
  /** Bytes taken by the selector (0 when there is none). */
  readonly selectorLength: number;
  /** Readable name, e.g. `0x13 GB-2312`, `default (gb2312)`. */
  readonly name: string;
  /** Set when the selector is reserved or not supported; the text is decoded best effort. */
  readonly problem?: string;
  /** When true the field cannot be decoded at all (e.g. compressed 0x1F text). */
  readonly undecodable?: boolean;
}

/** What text decoding needs from its surroundings (TSDuck's DuckContext, in small). */
export interface DvbTextContext {
  /**
   * Charset label for text with no selector. Absent: the DVB default table (`iso-6937`). Set per
   * network/service by the EIT parser from `EpgParseOptions.defaultCharset`.
   */
  readonly defaultCharset?: string;
  /** Told when a field uses a reserved/unsupported selector or an unknown charset label. */
  readonly warn?: (code: string, message: string) => void;
}

/** The context with no default charset and no warnings. */
export const DVB_TEXT_DEFAULTS: DvbTextContext = {};

/** Annex A Table A.3: selector 0x01–0x0B → ISO 8859 part (0 = reserved). */
const SELECTOR_8859 = [0, 5, 6, 7, 8, 9, 10, 11, 0, 13, 14, 15];

/** Single-byte codec names the registry gives (for defaults: decide how to find control codes). */
const SINGLE_BYTE = /^(iso-6937|iso-8859-\d+|windows-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic)$/;
const DOUBLE_BYTE = /^(gb18030|gbk|euc-kr|big5|shift_jis|euc-jp)$/;

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Which table `bytes` (a whole text field, selector included) is coded in. */
export function dvbTextTable(bytes: Uint8Array, ctx: DvbTextContext = DVB_TEXT_DEFAULTS): DvbTextTable {
  const first = bytes[0] ?? 0x20;
  const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0').toUpperCase()}`;
  if (first >= 0x20) {
    const charset = ctx.defaultCharset ?? 'iso-6937';
    return { charset, selectorLength: 0, name: `default (${charset})` };
  }
  if (first >= 0x01 && first <= 0x0b) {
    const part = SELECTOR_8859[first] ?? 0;
    if (part > 0) return { charset: `iso-8859-${part}`, selectorLength: 1, name: `${hex(first)} ISO 8859-${part}` };
  }
  switch (first) {
    case 0x10: {
      const part = bytes[2] ?? 0;
      if (bytes.length >= 3 && bytes[1] === 0x00 && part >= 1 && part <= 15 && part !== 12) {
        return { charset: `iso-8859-${part}`, selectorLength: 3, name: `0x10 ISO 8859-${part}` };
      }
      return { charset: 'iso-6937', selectorLength: Math.min(3, bytes.length), name: '0x10 (invalid)',
        problem: 'invalid 0x10 selector (not 0x10 0x00 0x01–0x0F)' };
    }
    case 0x11: return { charset: 'utf-16be', selectorLength: 1, name: '0x11 UCS-2' };
    case 0x12: return { charset: 'euc-kr', selectorLength: 1, name: '0x12 KS X 1001' };
    case 0x13: return { charset: 'gb2312', selectorLength: 1, name: '0x13 GB-2312' };
    case 0x14: return { charset: 'big5', selectorLength: 1, name: '0x14 Big5' };
    case 0x15: return { charset: 'utf-8', selectorLength: 1, name: '0x15 UTF-8' };
    case 0x1f: {
      const id = bytes[1] ?? 0;
      return { charset: 'iso-6937', selectorLength: Math.min(2, bytes.length), name: `0x1F encoding_type_id ${hex(id)}`,
        problem: `text coded with encoding_type_id ${hex(id)} (TS 101 162) is not supported`, undecodable: true };
    }
    default:
      return { charset: 'iso-6937', selectorLength: 1, name: `${hex(first)} (reserved)`,
        problem: `reserved character table selector ${hex(first)}` };
  }
}

/**
 * Decodes one DVB text field (selector included) to a string: control codes applied, no trailing
 * cleanup (broadcasters' spaces are kept). Never throws: an unknown charset label falls back to the
 * default table and warns.
 */
export function decodeDvbText(bytes: Uint8Array, ctx: DvbTextContext = DVB_TEXT_DEFAULTS): string {
  if (bytes.length === 0) return '';
  const table = dvbTextTable(bytes, ctx);
  if (table.problem !== undefined) ctx.warn?.('dvb-text-selector', table.problem);
  if (table.undecodable === true) return '';
  const body = table.selectorLength > 0 ? bytes.subarray(table.selectorLength) : bytes;
  const charset = codecFor(table.charset, ctx);
  switch (kindOf(charset)) {
    case 'single': return charset.decode(stripSingleByteControls(body));
    case 'double': return charset.decode(stripDoubleByteControls(body, charset.name === 'gb18030'));
    case 'ucs2': return charset.decode(stripUcs2Controls(body));
    case 'unicode': return applyUnicodeControls(charset.decode(body));
  }
}

function codecFor(label: string, ctx: DvbTextContext): Charset {
  try {
    return findCharset(label);
  } catch {
    ctx.warn?.('dvb-text-charset', `unknown character set "${label}", decoded with the DVB default table`);
    return findCharset('iso-6937');
  }
}

function kindOf(charset: Charset): TableKind {
  if (SINGLE_BYTE.test(charset.name)) return 'single';
  if (DOUBLE_BYTE.test(charset.name)) return 'double';
  if (charset.name === 'utf-16be') return 'ucs2';
  return 'unicode';
}

/** Single-byte tables: 0x8A → LF, other 0x80–0x9F dropped. Returns `bytes` itself when there are none. */
function stripSingleByteControls(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length && ((bytes[i] ?? 0) < 0x80 || (bytes[i] ?? 0) > 0x9f)) i++;
  if (i === bytes.length) return bytes;
  const out = new Uint8Array(bytes.length);
  out.set(bytes.subarray(0, i));
  let o = i;
  for (; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x80 || b > 0x9f) out[o++] = b;
    else if (b === 0x8a) out[o++] = 0x0a;
  }
  return out.subarray(0, o);
}

/**
 * EUC-style two-byte tables (KS X 1001, GB-2312, Big5): walks characters so a trail byte is never taken
 * for a control; 0xE0 0x8A → LF, other 0xE0 0x80–0x9F dropped. GB18030 four-byte sequences are skipped whole.
 */
function stripDoubleByteControls(bytes: Uint8Array, gb18030: boolean): Uint8Array {
  const n = bytes.length;
  let out: Uint8Array | undefined;
  let o = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    const next = bytes[i + 1] ?? 0;
    if (b === 0xe0 && i + 1 < n && next >= 0x80 && next <= 0x9f) {
      if (!out) {
        out = new Uint8Array(n);
        out.set(bytes.subarray(0, i));
        o = i;
      }
      if (next === 0x8a) out[o++] = 0x0a;
      i += 2;
      continue;
    }
    let len = 1;
    if (b >= 0x81 && b <= 0xfe && i + 1 < n) len = gb18030 && next >= 0x30 && next <= 0x39 ? 4 : 2;
    len = Math.min(len, n - i);
    if (out) {
      out.set(bytes.subarray(i, i + len), o);
      o += len;
    }
    i += len;
  }
  return out ? out.subarray(0, o) : bytes;
}

/** UCS-2: code units 0xE08A → LF, other 0xE080–0xE09F dropped (an odd last byte is left to the codec). */
function stripUcs2Controls(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  let out: Uint8Array | undefined;
  let o = 0;
  for (let i = 0; i < n; i += 2) {
    const hi = bytes[i] ?? 0;
    const lo = bytes[i + 1] ?? 0;
    const control = i + 1 < n && hi === 0xe0 && lo >= 0x80 && lo <= 0x9f;
    if (control && !out) {
      out = new Uint8Array(n);
      out.set(bytes.subarray(0, i));
      o = i;
    }
    if (!out) continue;
    if (control) {
      if (lo === 0x8a) {
        out[o++] = 0x00;
        out[o++] = 0x0a;
      }
    } else {
      out.set(bytes.subarray(i, Math.min(i + 2, n)), o);
      o += Math.min(2, n - i);
    }
  }
  return out ? out.subarray(0, o) : bytes;
}

const UNICODE_CONTROLS = /[\u0080-\u009f\ue080-\ue09f]/g;

/** Decoded Unicode text (UTF-8, or an unknown default): U+008A/U+E08A → LF, other codes dropped. */
function applyUnicodeControls(text: string): string {
  return text.replace(UNICODE_CONTROLS, (c) => (c === '\u008a' || c === '\ue08a' ? '\n' : ''));
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

/** A short description of a text field's table, for dumps: `0x13 GB-2312`, `default (iso-6937)`. */
export function describeDvbText(bytes: Uint8Array, ctx: DvbTextContext = DVB_TEXT_DEFAULTS): string {
  return dvbTextTable(bytes, ctx).name;
}
