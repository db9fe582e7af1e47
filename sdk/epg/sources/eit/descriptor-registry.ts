/**
 * Descriptor registry for the EIT event loop (ETSI EN 300 468 §6.1: descriptor_tag 8,
 * descriptor_length 8, payload). One file per descriptor registers its decoder here on its last line.
 *
 * Unknown tags are normal in DVB (component, PDC, private descriptors…) and receivers shall skip them
 * (§6.1), so `lookupEitDescriptor` answers `undefined` for a miss instead of throwing.
 */
import type { DvbTextContext } from './dvb-text.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

/** What every decoded descriptor carries. */
export interface DecodedDescriptor {
  readonly tag: number;
  /** TSDuck-style readable name, e.g. `Short Event`. */
  readonly name: string;
}

/** A descriptor decoder: one per tag. */
export interface EitDescriptorDecoder<T extends DecodedDescriptor = DecodedDescriptor> {
  readonly tag: number;
  readonly name: string;
  /** Decodes the payload (after tag and length); `undefined` when it is malformed. Never throws. */
  decode(payload: Uint8Array, ctx: DvbTextContext): T | undefined;
  /** Multi-line readable dump of a decoded descriptor (no trailing newline). */
  describe(descriptor: T): string;
}

const decoders = new Map<number, EitDescriptorDecoder>();

// ---------------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------------

/** Registers (or replaces) the decoder for a descriptor tag. */
export function registerEitDescriptor<T extends DecodedDescriptor>(decoder: EitDescriptorDecoder<T>): void {
  decoders.set(decoder.tag, decoder);
}

/** Removes the decoder for a tag, so those descriptors are skipped. */
export function unregisterEitDescriptor(tag: number): void {
  decoders.delete(tag);
}

/** The decoder for a tag, or `undefined`: unknown descriptors are skipped, as EN 300 468 §6.1 requires. */
export function lookupEitDescriptor(tag: number): EitDescriptorDecoder | undefined {
  return decoders.get(tag);
}

/** Registered tags, ascending. */
export function eitDescriptorTags(): number[] {
  return [...decoders.keys()].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------
// Shared field helpers
// ---------------------------------------------------------------------------------------------------

/**
 * A 24-bit ISO 639-2 language or ISO 3166 country code at `offset`, as its ASCII letters (ISO 8859-1,
 * per EN 300 468 §6.2). Bytes outside printable ASCII are dropped, so `00 00 00` gives ''.
 */
export function readCode3(bytes: Uint8Array, offset: number): string {
  let s = '';
  for (let i = offset; i < offset + 3 && i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b > 0x20 && b < 0x7f) s += String.fromCharCode(b);
  }
  return s;
}

/** `0x4D` style hex for dumps. */
export function hex2(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** JSON string quoting for dumps (keeps non-ASCII as is). */
export function quote(text: string): string {
  return `"${text}"`;
}
