/**
 * EBML (RFC 8794) element encoding, the byte syntax of Matroska and WebM: an element is its ID (whose leading
 * bits already mark its length), a variable-length size (VINT) and the data. Masters hold child elements.
 */
export type EbmlElement = Uint8Array<ArrayBuffer>;

/** An element ID as written (1–4 bytes, marker bits included, e.g. 0x1A45DFA3). */
function idBytes(id: number): number[] {
  const bytes: number[] = [];
  for (let value = id; value > 0; value = Math.floor(value / 256)) bytes.unshift(value & 0xff);
  return bytes;
}

/** A size as a VINT of the shortest length that holds it (1–8 bytes). */
export function vintBytes(value: number): number[] {
  for (let length = 1; length <= 8; length += 1) {
    // All ones is reserved for "unknown size", so the largest plain value of each length is 2^(7·length) − 2.
    if (value < 2 ** (7 * length) - 1) {
      const bytes = new Array<number>(length);
      let rest = value;
      for (let at = length - 1; at >= 0; at -= 1) {
        bytes[at] = rest % 256;
        rest = Math.floor(rest / 256);
      }
      bytes[0] = (bytes[0] ?? 0) | (0x80 >> (length - 1));
      return bytes;
    }
  }
  throw new RangeError(`EBML size ${value} does not fit in 8 bytes`);
}

function concatBytes(parts: readonly ArrayLike<number>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function binaryElement(id: number, data: ArrayLike<number>): EbmlElement {
  return concatBytes([idBytes(id), vintBytes(data.length), data]);
}

export function masterElement(id: number, children: readonly EbmlElement[]): EbmlElement {
  return binaryElement(id, concatBytes(children));
}

/** An unsigned integer element, in the fewest bytes (or exactly `width` bytes, to keep a size stable). */
export function uintElement(id: number, value: number, width?: number): EbmlElement {
  const bytes: number[] = [];
  for (let rest = value; rest > 0 || bytes.length === 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  while (width !== undefined && bytes.length < width) bytes.unshift(0);
  return binaryElement(id, bytes);
}

export function floatElement(id: number, value: number): EbmlElement {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return binaryElement(id, bytes);
}

export function stringElement(id: number, value: string): EbmlElement {
  return binaryElement(id, new TextEncoder().encode(value));
}

export { concatBytes };
