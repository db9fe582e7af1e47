/**
 * extended_event_descriptor, tag 0x4E — ETSI EN 300 468 §6.2.15.
 *
 * descriptor_number 4, last_descriptor_number 4, ISO_639_language_code 24, length_of_items 8,
 * { item_description_length 8, item_description, item_length 8, item }, text_length 8, text.
 *
 * A long description is split over a chain of descriptors numbered 0…last per language; the parts must be
 * concatenated (the Czech sample has chains of six). `joinExtendedEvents` does that on the raw bytes, so a
 * character split across two parts (a GB2312 pair, a UTF-8 sequence, an ISO 6937 diacritic and its letter)
 * survives; a part without a selector continues the table of the part before it.
 */
import {
  hex2, quote, readCode3, registerEitDescriptor, type DecodedDescriptor,
} from './descriptor-registry.js';
import { decodeDvbText, dvbTextTable, type DvbTextContext } from './dvb-text.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const EXTENDED_EVENT_DESCRIPTOR_TAG = 0x4e;
export const EXTENDED_EVENT_DESCRIPTOR_NAME = 'Extended Event';

/** One item: a label and its value ("Director" / "…"). */
export interface ExtendedEventItem {
  readonly description: string;
  readonly item: string;
}

export interface ExtendedEventDescriptor extends DecodedDescriptor {
  readonly tag: typeof EXTENDED_EVENT_DESCRIPTOR_TAG;
  readonly descriptorNumber: number;
  readonly lastDescriptorNumber: number;
  /** ISO 639-2 code, lower-cased; '' when absent. */
  readonly language: string;
  readonly items: readonly ExtendedEventItem[];
  /** This part's text on its own (use `joinExtendedEvents` for the whole description). */
  readonly text: string;
}

/** A whole chain for one language, joined. */
export interface ExtendedEventText {
  readonly language: string;
  readonly text: string;
  readonly items: readonly ExtendedEventItem[];
  /** Parts joined, and whether every part 0…last was there. */
  readonly parts: number;
  readonly complete: boolean;
}

interface RawParts {
  readonly text: Uint8Array;
  readonly items: ReadonlyArray<{ readonly description: Uint8Array; readonly item: Uint8Array }>;
}

/** The raw text of each decoded descriptor, for joining; kept off the public object. */
const rawParts = new WeakMap<ExtendedEventDescriptor, RawParts>();

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Decodes the payload (after tag and length); `undefined` when a length runs past the payload. */
export function decodeExtendedEventDescriptor(payload: Uint8Array, ctx: DvbTextContext): ExtendedEventDescriptor | undefined {
  if (payload.length < 6) return undefined;
  const numbers = payload[0] ?? 0;
  const itemsLength = payload[4] ?? 0;
  const itemsEnd = 5 + itemsLength;
  if (itemsEnd >= payload.length) return undefined;
  const rawItems: Array<{ description: Uint8Array; item: Uint8Array }> = [];
  let p = 5;
  while (p < itemsEnd) {
    const dl = payload[p] ?? 0;
    const il = payload[p + 1 + dl] ?? 0;
    if (p + 2 + dl + il > itemsEnd) return undefined;
    rawItems.push({ description: payload.subarray(p + 1, p + 1 + dl), item: payload.subarray(p + 2 + dl, p + 2 + dl + il) });
    p += 2 + dl + il;
  }
  const textLength = payload[itemsEnd] ?? 0;
  if (itemsEnd + 1 + textLength > payload.length) return undefined;
  const text = payload.subarray(itemsEnd + 1, itemsEnd + 1 + textLength);
  const descriptor: ExtendedEventDescriptor = {
    tag: EXTENDED_EVENT_DESCRIPTOR_TAG,
    name: EXTENDED_EVENT_DESCRIPTOR_NAME,
    descriptorNumber: numbers >> 4,
    lastDescriptorNumber: numbers & 0x0f,
    language: readCode3(payload, 1).toLowerCase(),
    items: rawItems.map((r) => ({ description: decodeDvbText(r.description, ctx), item: decodeDvbText(r.item, ctx) })),
    text: decodeDvbText(text, ctx),
  };
  rawParts.set(descriptor, { text, items: rawItems });
  return descriptor;
}

export function isExtendedEventDescriptor(d: DecodedDescriptor): d is ExtendedEventDescriptor {
  return d.tag === EXTENDED_EVENT_DESCRIPTOR_TAG;
}

/**
 * Joins the chains in one event's descriptors: one result per language (in order of first appearance),
 * parts in descriptor_number order (a repeated number keeps its first part), texts concatenated on the raw
 * bytes, items kept in order (an item with an empty description continues the item before it).
 */
export function joinExtendedEvents(descriptors: readonly ExtendedEventDescriptor[], ctx: DvbTextContext): ExtendedEventText[] {
  const byLanguage = new Map<string, ExtendedEventDescriptor[]>();
  for (const d of descriptors) {
    const list = byLanguage.get(d.language);
    if (list) list.push(d);
    else byLanguage.set(d.language, [d]);
  }
  const out: ExtendedEventText[] = [];
  for (const [language, list] of byLanguage) {
    const seen = new Set<number>();
    const parts = [...list].sort((a, b) => a.descriptorNumber - b.descriptorNumber).filter((d) => {
      if (seen.has(d.descriptorNumber)) return false;
      seen.add(d.descriptorNumber);
      return true;
    });
    const last = Math.max(...parts.map((d) => d.lastDescriptorNumber));
    const items: ExtendedEventItem[] = [];
    for (const part of parts) {
      for (const item of part.items) {
        const previous = items[items.length - 1];
        if (item.description === '' && previous) items[items.length - 1] = { ...previous, item: previous.item + item.item };
        else items.push(item);
      }
    }
    out.push({
      language,
      text: joinTexts(parts.map((d) => rawParts.get(d)?.text ?? new Uint8Array(0)), ctx),
      items,
      parts: parts.length,
      complete: parts.length === last + 1 && parts.every((d, i) => d.descriptorNumber === i),
    });
  }
  return out;
}

/** Concatenates text fields, merging consecutive parts in the same table into one decode. */
function joinTexts(texts: readonly Uint8Array[], ctx: DvbTextContext): string {
  let result = '';
  let run: Uint8Array[] = [];
  let runSelector: Uint8Array | undefined;
  const flush = (): void => {
    if (run.length === 0) return;
    const total = run.reduce((n, r) => n + r.length, 0);
    const joined = new Uint8Array(total);
    let o = 0;
    for (const r of run) {
      joined.set(r, o);
      o += r.length;
    }
    result += decodeDvbText(joined, ctx);
    run = [];
  };
  for (const text of texts) {
    if (text.length === 0) continue;
    const selectorLength = dvbTextTable(text, ctx).selectorLength;
    const selector = text.subarray(0, selectorLength);
    if (run.length === 0) {
      run.push(text);
      runSelector = selector;
    } else if (selectorLength === 0) {
      run.push(text); // no selector: continues the current table
    } else if (runSelector !== undefined && sameBytes(selector, runSelector)) {
      run.push(text.subarray(selectorLength)); // same table again: drop the repeated selector
    } else {
      flush();
      run.push(text);
      runSelector = selector;
    }
  }
  flush();
  return result;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

// ---------------------------------------------------------------------------------------------------
// Describe
// ---------------------------------------------------------------------------------------------------

export function describeExtendedEventDescriptor(d: ExtendedEventDescriptor): string {
  return [
    `Extended Event (${hex2(d.tag)})`,
    `Descriptor number: ${d.descriptorNumber}, last: ${d.lastDescriptorNumber}`,
    `Language: ${d.language}`,
    ...d.items.map((i) => `${quote(i.description)} : ${quote(i.item)}`),
    `Text: ${quote(d.text)}`,
  ].join('\n');
}

registerEitDescriptor({
  tag: EXTENDED_EVENT_DESCRIPTOR_TAG, name: EXTENDED_EVENT_DESCRIPTOR_NAME,
  decode: decodeExtendedEventDescriptor, describe: describeExtendedEventDescriptor,
});
