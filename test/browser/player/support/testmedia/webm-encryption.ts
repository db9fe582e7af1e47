/**
 * WebM encryption of one frame (WebM Encryption spec, AES-CTR): the block becomes a signal byte (0x01:
 * encrypted, not partitioned), the 8-byte IV, and the AES-128-CTR ciphertext of the whole frame, whose first
 * counter block is IV ‖ 0x0000000000000000. Uses Web Crypto.
 */
import { concatBytes } from './ebml.js';

export async function importAesCtrKey(key: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (key.length !== 16) throw new RangeError(`an AES-128 key has 16 bytes, not ${key.length}`);
  return crypto.subtle.importKey('raw', key, { name: 'AES-CTR' }, false, ['encrypt', 'decrypt']);
}

/** Encrypts a frame for a WebM SimpleBlock with the 8-byte `iv` (unique per frame under one key). */
export async function encryptWebmFrame(key: CryptoKey, iv: Uint8Array, frame: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  if (iv.length !== 8) throw new RangeError(`a WebM encryption IV has 8 bytes, not ${iv.length}`);
  const counter = new Uint8Array(16);
  counter.set(iv, 0);
  // The low 64 bits count blocks within the frame.
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 64 }, key, frame);
  return concatBytes([[0x01], iv, new Uint8Array(ciphertext)]);
}
