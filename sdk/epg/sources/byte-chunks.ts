import type { ByteChunks } from './epg-source.js';

/**
 * Iterates a source's input, an async iterable of byte chunks or a WHATWG ReadableStream (fetch bodies),
 * the same way. Leaving the loop early cancels a stream.
 */
export async function* byteChunks(input: ByteChunks): AsyncGenerator<Uint8Array, void, undefined> {
  if (!isReadableStream(input)) {
    yield* input;
    return;
  }
  const reader = input.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function isReadableStream(input: ByteChunks): input is ReadableStream<Uint8Array> {
  return typeof (input as Partial<ReadableStream<Uint8Array>>).getReader === 'function';
}
