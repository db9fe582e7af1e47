import { findCharset } from './charset.js';

/**
 * Decodes a byte stream chunk by chunk. A character split across two chunks (a GB18030 pair, a UTF-8
 * sequence) comes out whole with the later chunk; nothing is lost at a chunk boundary.
 */
export interface StreamDecoder {
  /** Canonical name of the charset in use (`utf-8`, `gb18030`, `windows-1252`, …). */
  readonly encoding: string;
  /** Decodes the next chunk; bytes of an unfinished character are kept for the next call. */
  decode(bytes: Uint8Array): string;
  /** Ends the stream: returns what is left (an unfinished character becomes U+FFFD). */
  flush(): string;
}

/**
 * A streaming decoder for a charset label, with the same label semantics as `findCharset` (GB2312 and
 * GBK decode as GB18030; an unknown label throws `CharsetUnknown`). A leading BOM is dropped.
 *
 * A codec registered with `registerCharset` under a name the platform's TextDecoder does not know is
 * applied chunk by chunk, so such a codec must not need state across chunks.
 */
export function createStreamDecoder(label: string): StreamDecoder {
  const charset = findCharset(label);
  let decoder: TextDecoder | undefined;
  try {
    decoder = new TextDecoder(charset.name, { fatal: false, ignoreBOM: false });
  } catch {
    decoder = undefined;
  }
  if (!decoder) {
    return { encoding: charset.name, decode: (bytes) => charset.decode(bytes), flush: () => '' };
  }
  const platform = decoder;
  return {
    encoding: platform.encoding,
    decode: (bytes) => platform.decode(bytes, { stream: true }),
    flush: () => platform.decode(),
  };
}
