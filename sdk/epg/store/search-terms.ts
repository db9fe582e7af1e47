/**
 * Search terms for title search, computed once per programme at import and once per query.
 *
 * - Text is normalized: NFKC (full-width Latin and digits become ASCII, half-width kana become full-width),
 *   Latin diacritics removed ("Zprávy" → "zpravy"), lower-cased.
 * - Non-CJK letters and digits form whole words: "CCTV-1 News" → `cctv`, `1`, `news`. No prefixes: a query
 *   word must equal a title word.
 * - CJK text (Han, kana, Hangul) has no spaces, so each run yields its character bigrams (午间新闻 → 午间, 间新,
 *   新闻) and its last character (闻): any substring of two or more characters is found through one of its
 *   bigrams. A one-character query is found through the bigrams starting with it, or as a run's last
 *   character; indexing every character as well would double the index, which dominates import time.
 */

import type { Programme } from '../model.js';

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc';
/** Group 1: a CJK run; group 2: a word of other letters and digits. */
const TOKEN = new RegExp(`([${CJK_CLASS}]+)|((?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+)`, 'gu');
/** Precomposed Latin letters that may carry a diacritic (Latin-1 Supplement through Latin Extended Additional). */
const ACCENTED = /[\u00c0-\u024f\u1e00-\u1eff]/;
const COMBINING = /[\u0300-\u036f]/g;

/** The normalized form both titles and queries are compared in. */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC');
  if (ACCENTED.test(s)) s = s.normalize('NFD').replace(COMBINING, '').normalize('NFC');
  return s.toLowerCase();
}

/** One piece of a query: a CJK run (matched as a substring) or a word (matched as a whole word). */
export interface QueryPart {
  readonly kind: 'cjk' | 'word';
  readonly text: string;
}

function* tokens(normalized: string): Generator<QueryPart> {
  for (const m of normalized.matchAll(TOKEN)) {
    if (m[1] !== undefined) yield { kind: 'cjk', text: m[1] };
    else if (m[2] !== undefined) yield { kind: 'word', text: m[2] };
  }
}

function addTextTerms(text: string, into: Set<string>): void {
  for (const t of tokens(normalizeText(text))) {
    if (t.kind === 'word') {
      into.add(t.text);
      continue;
    }
    const chars = Array.from(t.text);
    for (let i = 0; i + 1 < chars.length; i++) into.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
    into.add(chars[chars.length - 1] ?? '');
  }
}

/** The texts a programme is searched by: every title and sub-title (episode name), in every language. */
export function searchableTexts(p: Programme): string[] {
  const texts = Object.values(p.titles);
  if (p.subTitles) texts.push(...Object.values(p.subTitles));
  return texts;
}

/** The distinct index terms of a programme. */
export function programmeTerms(p: Programme): string[] {
  const terms = new Set<string>();
  for (const text of searchableTexts(p)) addTextTerms(text, terms);
  return [...terms];
}

/** Splits a query into parts; empty when it holds no letters or digits. */
export function queryParts(query: string): QueryPart[] {
  return [...tokens(normalizeText(query))];
}

/**
 * The index terms any match must carry: each word, and each bigram of a CJK run of two or more characters.
 * A one-character CJK part has none (see `singleCharacters`).
 */
export function queryTerms(parts: readonly QueryPart[]): string[] {
  const terms = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'word') {
      terms.add(part.text);
      continue;
    }
    const chars = Array.from(part.text);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return [...terms];
}

/**
 * The one-character CJK parts of a query. A programme holding such a character carries a term that is the
 * character or starts with it: search them as the index range [c, c + U+FFFF].
 */
export function singleCharacters(parts: readonly QueryPart[]): string[] {
  return parts.filter((p) => p.kind === 'cjk' && Array.from(p.text).length === 1).map((p) => p.text);
}

/**
 * True when every part matches the programme: a CJK run as a substring of one title, a word as a whole word
 * of one title. The index only proposes candidates; this decides.
 */
export function matchesQuery(p: Programme, parts: readonly QueryPart[]): boolean {
  const texts = searchableTexts(p).map(normalizeText);
  let words: Set<string> | undefined;
  for (const part of parts) {
    if (part.kind === 'cjk') {
      if (!texts.some((t) => t.includes(part.text))) return false;
      continue;
    }
    words ??= new Set(texts.flatMap((t) => [...tokens(t)].filter((k) => k.kind === 'word').map((k) => k.text)));
    if (!words.has(part.text)) return false;
  }
  return true;
}
