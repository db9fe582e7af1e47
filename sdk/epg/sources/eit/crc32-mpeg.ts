/**
 * CRC-32/MPEG-2, the checksum that ends every long-form PSI/SI section (ISO/IEC 13818-1 Annex A;
 * ETSI EN 300 468 §5.2 and Annex B): polynomial 0x04C11DB7, initial value 0xFFFFFFFF, bits processed
 * MSB first (no reflection), no final XOR. Running it over a whole section including its CRC_32 field
 * gives 0, which is how sections are checked.
 */

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const CRC32_MPEG_POLYNOMIAL = 0x04c11db7;
export const CRC32_MPEG_INIT = 0xffffffff;

/** table[i] = CRC register after shifting byte i through it, MSB first. */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let reg = i << 24;
    for (let bit = 0; bit < 8; bit++) reg = reg & 0x80000000 ? (reg << 1) ^ CRC32_MPEG_POLYNOMIAL : reg << 1;
    table[i] = reg >>> 0;
  }
  return table;
})();

// ---------------------------------------------------------------------------------------------------
// Compute
// ---------------------------------------------------------------------------------------------------

/** CRC-32/MPEG-2 of `bytes[start, end)`, as an unsigned 32-bit number. */
export function crc32Mpeg(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = CRC32_MPEG_INIT;
  for (let i = start; i < end; i++) {
    crc = (crc << 8) ^ (TABLE[((crc >>> 24) ^ (bytes[i] ?? 0)) & 0xff] ?? 0);
  }
  return crc >>> 0;
}

/** True when `bytes[start, end)` is a section whose trailing CRC_32 matches (the CRC over all of it is 0). */
export function isCrc32MpegValid(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  return end - start >= 4 && crc32Mpeg(bytes, start, end) === 0;
}
