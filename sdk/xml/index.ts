// Streaming XML for guides and alerts: a byte front end that finds the encoding, and a tokenizer that
// refuses DTDs. No DOM, no dependencies; runs in browsers and Node.
export {
  XmlTokenizer, type XmlAttributes, type XmlErrorReason, type XmlHandler, type XmlPosition, type XmlTokenizerOptions,
} from './xml-tokenizer.js';
export { XmlByteDecoder, sniffEncoding, type XmlByteDecoderOptions } from './xml-byte-decoder.js';
