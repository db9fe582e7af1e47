// A minimal WebM reader for the tests: the frames (SimpleBlock payloads) of track 1 in file order, with their
// key-frame flag, found by walking Segment → Cluster → SimpleBlock. Independent of the SDK's writer.
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const SIMPLE_BLOCK = 0xa3;

function readVint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number } {
  const first = bytes[at] ?? 0;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length += 1;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let index = 1; index < length; index += 1) value = value * 256 + (bytes[at + index] ?? 0);
  return { value, length };
}

export interface WebmBlock { readonly key: boolean; readonly data: Uint8Array<ArrayBuffer> }

export function webmBlocks(bytes: Uint8Array<ArrayBuffer>): WebmBlock[] {
  const blocks: WebmBlock[] = [];
  const walk = (start: number, end: number): void => {
    let at = start;
    while (at < end) {
      const id = readVint(bytes, at, true);
      const size = readVint(bytes, at + id.length, false);
      const dataAt = at + id.length + size.length;
      if (id.value === SEGMENT || id.value === CLUSTER) walk(dataAt, dataAt + size.value);
      else if (id.value === SIMPLE_BLOCK) {
        const track = readVint(bytes, dataAt, false);
        const flags = bytes[dataAt + track.length + 2] ?? 0;
        blocks.push({ key: (flags & 0x80) !== 0, data: bytes.subarray(dataAt + track.length + 3, dataAt + size.value) });
      }
      at = dataAt + size.value;
    }
  };
  walk(0, bytes.length);
  return blocks;
}
