/**
 * ISO/IEC 6937 as DVB uses it: the default character table of ETSI EN 300 468 Annex A (Figure A.1,
 * "character code table 00 – Latin alphabet"), which is ISO/IEC 6937 plus the euro sign at 0xA4.
 *
 * The upper half is mostly single characters, except 0xC1–0xCF: non-spacing diacritical marks that come
 * BEFORE the letter they modify (0xC2 'e' is "é"). The codec emits letter + combining mark and returns the
 * text NFC-composed, so "é" is one code point as every other decoder gives it. A mark followed by a space
 * (or by nothing) is the spacing form of the mark. 0x80–0x9F decode to the C1 controls U+0080–U+009F;
 * giving them a meaning (0x8A line break, 0x86/0x87 emphasis) is the DVB text layer's job, not the codec's.
 * Unassigned positions decode to U+FFFD.
 *
 * Registered as `iso-6937` (aliases `iso6937`, `dvb-latin`), imported for its side effect by `text/index.ts`.
 */
import { registerCharset, type Charset } from './charset.js';

// ---------------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------------

const FFFD = 0xfffd;

/** 0xA0–0xFF. 0xC0–0xCF are the diacritic introducers (handled separately) and stay FFFD here. */
const UPPER: readonly number[] = [
  // A0-AF: NBSP ¡ ¢ £ € ¥ (unused) § ¤ ‘ “ « ← ↑ → ↓
  0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x20ac, 0x00a5, FFFD, 0x00a7, 0x00a4, 0x2018, 0x201c, 0x00ab, 0x2190, 0x2191, 0x2192, 0x2193,
  // B0-BF: ° ± ² ³ × µ ¶ · ÷ ’ ” » ¼ ½ ¾ ¿
  0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00d7, 0x00b5, 0x00b6, 0x00b7, 0x00f7, 0x2019, 0x201d, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
  // C0-CF: diacritic introducers
  FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD, FFFD,
  // D0-DF: ― ¹ ® © ™ ♪ ¬ ¦ (4 unused) ⅛ ⅜ ⅝ ⅞
  0x2015, 0x00b9, 0x00ae, 0x00a9, 0x2122, 0x266a, 0x00ac, 0x00a6, FFFD, FFFD, FFFD, FFFD, 0x215b, 0x215c, 0x215d, 0x215e,
  // E0-EF: Ω Æ Đ ª Ħ (unused) Ĳ Ŀ Ł Ø Œ º Þ Ŧ Ŋ ŉ
  0x2126, 0x00c6, 0x0110, 0x00aa, 0x0126, FFFD, 0x0132, 0x013f, 0x0141, 0x00d8, 0x0152, 0x00ba, 0x00de, 0x0166, 0x014a, 0x0149,
  // F0-FF: ĸ æ đ ð ħ ı ĳ ŀ ł ø œ ß þ ŧ ŋ SHY
  0x0138, 0x00e6, 0x0111, 0x00f0, 0x0127, 0x0131, 0x0133, 0x0140, 0x0142, 0x00f8, 0x0153, 0x00df, 0x00fe, 0x0167, 0x014b, 0x00ad,
];

/** 0xC1–0xCF: [combining mark, spacing form]. 0xC9 is the old "umlaut" position, decoded as diaeresis. */
const DIACRITICS: ReadonlyArray<readonly [number, number] | undefined> = [
  undefined, //                C0 unused
  [0x0300, 0x0060], //         C1 grave
  [0x0301, 0x00b4], //         C2 acute
  [0x0302, 0x005e], //         C3 circumflex
  [0x0303, 0x007e], //         C4 tilde
  [0x0304, 0x00af], //         C5 macron
  [0x0306, 0x02d8], //         C6 breve
  [0x0307, 0x02d9], //         C7 dot above
  [0x0308, 0x00a8], //         C8 diaeresis
  [0x0308, 0x00a8], //         C9 umlaut (ISO 6937-2:1983), same mark
  [0x030a, 0x02da], //         CA ring above
  [0x0327, 0x00b8], //         CB cedilla
  [0x0332, 0x005f], //         CC low line (unused in ISO 6937:2001; kept tolerant)
  [0x030b, 0x02dd], //         CD double acute
  [0x0328, 0x02db], //         CE ogonek
  [0x030c, 0x02c7], //         CF caron
];

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes ISO/IEC 6937 (DVB table 00) bytes to an NFC string. Never throws. */
export function decodeIso6937(bytes: Uint8Array): string {
  const out: number[] = [];
  let combined = false;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0xa0) {
      out.push(b); // ASCII, C0 and C1 controls map to themselves
    } else if (b >= 0xc0 && b <= 0xcf) {
      const mark = DIACRITICS[b - 0xc0];
      if (!mark) {
        out.push(FFFD);
        continue;
      }
      const next = i + 1 < n ? (bytes[i + 1] ?? 0) : -1;
      if (next === -1 || next === 0x20) {
        out.push(mark[1]); // a mark on its own (or on a space) is the spacing mark
        if (next === 0x20) i++;
      } else if (next > 0x20 && next < 0x7f) {
        out.push(next, mark[0]); // letter, then the combining mark after it, as Unicode orders them
        combined = true;
        i++;
      } else {
        out.push(mark[1]); // a mark before a control or another upper-half byte: keep the mark visible
      }
    } else {
      out.push(UPPER[b - 0xa0] ?? FFFD);
    }
  }
  const text = fromCodes(out);
  return combined ? text.normalize('NFC') : text;
}

/** String.fromCharCode over a long array without overflowing the argument stack. */
function fromCodes(codes: readonly number[]): string {
  const STEP = 8192;
  if (codes.length <= STEP) return String.fromCharCode(...codes);
  let s = '';
  for (let i = 0; i < codes.length; i += STEP) s += String.fromCharCode(...codes.slice(i, i + STEP));
  return s;
}

// ---------------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------------

export const iso6937: Charset = { name: 'iso-6937', decode: decodeIso6937 };

registerCharset(iso6937, 'iso6937', 'iso-6937-2', 'dvb-latin');
