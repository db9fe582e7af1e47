/**
 * ATSC `multiple_string_structure()` — ATSC A/65 (PSIP) §6.10, used by SCTE 18 for
 * nature_of_activation_text and alert_text.
 *
 *   number_strings 8, { ISO_639_language_code 24, number_segments 8,
 *     { compression_type 8, mode 8, number_bytes 8, compressed_string_byte[number_bytes] } }
 *
 * Decoded here: compression_type 0 (no compression) with mode 0x00 (the Unicode page 0x00, i.e. ISO 8859-1
 * / ASCII), the other Unicode-page modes (0x01–0x06, 0x09–0x10, 0x20–0x27, 0x30–0x33: each byte is the
 * low byte of a UTF-16 code unit whose high byte is the mode), and 0x3F (UTF-16, big-endian). Huffman
 * compression (types 0x01/0x02, A/65 Annex C), SCSU (mode 0x3E) and reserved or private modes are not
 * decoded: such a segment is skipped and counted as a warning, and the rest of the string is kept.
 *
 * Decoding never throws: counts that run past the structure's length keep what was read and warn.
 */

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const MSS_COMPRESSION_NONE = 0x00;
export const MSS_MODE_LATIN1 = 0x00;
export const MSS_MODE_SCSU = 0x3e;
export const MSS_MODE_UTF16 = 0x3f;

/** Modes that select a Unicode page: the mode is the high byte of every character. */
export function isUnicodePageMode(mode: number): boolean {
  return (mode >= 0x00 && mode <= 0x06) || (mode >= 0x09 && mode <= 0x10) || (mode >= 0x20 && mode <= 0x27) || (mode >= 0x30 && mode <= 0x33);
}

export interface MssSegment {
  readonly compressionType: number;
  readonly mode: number;
  readonly byteCount: number;
  /** False when the segment could not be decoded (it adds nothing to the text). */
  readonly decoded: boolean;
}

export interface MssString {
  /** ISO 639-2 code, lower case (`eng`, `spa`, `zho`); `und` when the field is not three letters. */
  readonly language: string;
  /** The decoded segments, joined. */
  readonly text: string;
  readonly segments: readonly MssSegment[];
}

export interface MultipleStringStructure {
  readonly strings: readonly MssString[];
  /** Recoverable problems: unsupported compression or mode, counts past the end. */
  readonly warnings: readonly string[];
  /** Bytes read. */
  readonly size: number;
}

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0').toUpperCase()}`;

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes the structure in `bytes[start, end)`. */
export function decodeMultipleStringStructure(bytes: Uint8Array, start = 0, end = bytes.length): MultipleStringStructure {
  const warnings: string[] = [];
  const strings: MssString[] = [];
  if (end <= start) return { strings, warnings, size: 0 };
  let pos = start;
  const numberStrings = bytes[pos++] ?? 0;
  for (let i = 0; i < numberStrings; i++) {
    if (pos + 4 > end) {
      warnings.push(`multiple_string_structure: string ${i + 1} of ${numberStrings} runs past the end; ${numberStrings - i} dropped`);
      break;
    }
    const language = languageCode(bytes[pos] ?? 0, bytes[pos + 1] ?? 0, bytes[pos + 2] ?? 0);
    const numberSegments = bytes[pos + 3] ?? 0;
    pos += 4;
    let text = '';
    const segments: MssSegment[] = [];
    for (let j = 0; j < numberSegments; j++) {
      if (pos + 3 > end) {
        warnings.push(`multiple_string_structure: segment ${j + 1} of string ${i + 1} runs past the end`);
        pos = end;
        break;
      }
      const compressionType = bytes[pos] ?? 0;
      const mode = bytes[pos + 1] ?? 0;
      const byteCount = bytes[pos + 2] ?? 0;
      pos += 3;
      const segmentEnd = Math.min(pos + byteCount, end);
      if (pos + byteCount > end) warnings.push(`multiple_string_structure: segment ${j + 1} of string ${i + 1} is cut short`);
      const decodedText = decodeSegment(bytes.subarray(pos, segmentEnd), compressionType, mode);
      if (decodedText === undefined) {
        warnings.push(`multiple_string_structure: segment ${j + 1} of string ${i + 1} (${language}) uses `
          + `${compressionType === MSS_COMPRESSION_NONE ? `mode ${hex2(mode)}` : `compression_type ${hex2(compressionType)}`}, not decoded; skipped`);
      } else {
        text += decodedText;
      }
      segments.push({ compressionType, mode, byteCount, decoded: decodedText !== undefined });
      pos = segmentEnd;
    }
    strings.push({ language, text, segments });
  }
  return { strings, warnings, size: pos - start };
}

/** Text of one uncompressed segment, or undefined when its compression or mode is not supported. */
export function decodeSegment(data: Uint8Array, compressionType: number, mode: number): string | undefined {
  if (compressionType !== MSS_COMPRESSION_NONE) return undefined;
  let text = '';
  if (isUnicodePageMode(mode)) {
    const high = mode << 8;
    for (const b of data) if (b !== 0) text += String.fromCharCode(high | b);
    return text;
  }
  if (mode === MSS_MODE_UTF16) {
    for (let i = 0; i + 1 < data.length; i += 2) {
      const unit = ((data[i] ?? 0) << 8) | (data[i + 1] ?? 0);
      if (unit !== 0) text += String.fromCharCode(unit);
    }
    return text;
  }
  return undefined;
}

function languageCode(a: number, b: number, c: number): string {
  const code = String.fromCharCode(a, b, c).toLowerCase();
  return /^[a-z]{3}$/.test(code) ? code : 'und';
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

/** One line per string: `eng: "Tornado Warning" (1 segment)`. */
export function describeMultipleStringStructure(mss: MultipleStringStructure): string[] {
  return mss.strings.map((s) => `${s.language}: ${JSON.stringify(s.text)} (${s.segments.length} segment${s.segments.length === 1 ? '' : 's'}`
    + `${s.segments.some((g) => !g.decoded) ? ', some not decoded' : ''})`);
}
