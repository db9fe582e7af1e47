/**
 * short_event_descriptor, tag 0x4D — ETSI EN 300 468 §6.2.37.
 *
 * ISO_639_language_code 24, event_name_length 8, event_name (text), text_length 8, text.
 * The event name is the programme title; the text is a short synopsis (or, in some countries, the start of
 * one that an extended_event_descriptor continues).
 */
import {
  hex2, quote, readCode3, registerEitDescriptor, type DecodedDescriptor,
} from './descriptor-registry.js';
import { decodeDvbText, type DvbTextContext } from './dvb-text.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const SHORT_EVENT_DESCRIPTOR_TAG = 0x4d;
export const SHORT_EVENT_DESCRIPTOR_NAME = 'Short Event';

export interface ShortEventDescriptor extends DecodedDescriptor {
  readonly tag: typeof SHORT_EVENT_DESCRIPTOR_TAG;
  /** ISO 639-2 code as broadcast, lower-cased (`cze`, `fre`, `chi`); '' when absent. */
  readonly language: string;
  readonly eventName: string;
  readonly text: string;
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes the payload (after tag and length); `undefined` when a length runs past the payload. */
export function decodeShortEventDescriptor(payload: Uint8Array, ctx: DvbTextContext): ShortEventDescriptor | undefined {
  if (payload.length < 5) return undefined;
  const nameLength = payload[3] ?? 0;
  const textAt = 4 + nameLength;
  if (textAt >= payload.length) return undefined;
  const textLength = payload[textAt] ?? 0;
  if (textAt + 1 + textLength > payload.length) return undefined;
  return {
    tag: SHORT_EVENT_DESCRIPTOR_TAG,
    name: SHORT_EVENT_DESCRIPTOR_NAME,
    language: readCode3(payload, 0).toLowerCase(),
    eventName: decodeDvbText(payload.subarray(4, textAt), ctx),
    text: decodeDvbText(payload.subarray(textAt + 1, textAt + 1 + textLength), ctx),
  };
}

export function isShortEventDescriptor(d: DecodedDescriptor): d is ShortEventDescriptor {
  return d.tag === SHORT_EVENT_DESCRIPTOR_TAG;
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

export function describeShortEventDescriptor(d: ShortEventDescriptor): string {
  return [`Short Event (${hex2(d.tag)})`, `Language: ${d.language}`, `Event name: ${quote(d.eventName)}`,
    `Description: ${quote(d.text)}`].join('\n');
}

registerEitDescriptor({
  tag: SHORT_EVENT_DESCRIPTOR_TAG, name: SHORT_EVENT_DESCRIPTOR_NAME,
  decode: decodeShortEventDescriptor, describe: describeShortEventDescriptor,
});
