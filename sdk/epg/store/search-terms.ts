/**
 * Search terms for title search, computed once per programme at import and once per query.
 *
 * - Text is normalized: NFKC (full-width Latin and digits become ASCII, half-width kana become full-width),
 *   Latin diacritics removed ("Zprávy" → "zpravy"), lower-cased.
 * - Non-CJK letters and digits form whole words: "CCTV-1 News" → `cctv`, `1`, `news`. No prefixes: a query
 *   word must equal a title word.
 * - CJK text (Han, kana, Hangul) has no spaces, so each run yields its character bigrams (午间新闻 → 午间, 间新,
 *   新闻) and unigrams (午, 间, 新, 闻), so any substring of two or more characters is found through a bigram and
 *   a one-character query through its unigram.
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
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i] ?? '';
      into.add(c);
      const d = chars[i + 1];
      if (d !== undefined) into.add(c + d);
    }
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

/** The index terms any match must carry: a word itself, a CJK run's bigrams, or a single CJK character. */
export function queryTerms(parts: readonly QueryPart[]): string[] {
  const terms = new Set<string>();
  for (const part of parts) {
    if (part.kind === 'word') {
      terms.add(part.text);
      continue;
    }
    const chars = Array.from(part.text);
    if (chars.length === 1) terms.add(part.text);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  }
  return [...terms];
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
