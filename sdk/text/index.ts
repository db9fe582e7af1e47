// Public surface of the text module: character sets behind one codec registry.
export { registerCharset, findCharset, decodeText, type Charset } from './charset.js';
export { createStreamDecoder, type StreamDecoder } from './stream-decoder.js';
import './iso-6937.js';
