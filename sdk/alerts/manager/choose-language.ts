/**
 * Which of an alert's languages to show (requirement R7): the device's languages in order, then Chinese
 * (zh-CN, zh, zho, chi), then the first language the alert gives. A wanted language matches a given one
 * exactly, else by primary language (`zh-CN` takes `zh-tw` or `zho` before falling back to English), with
 * ISO 639-2 codes equal to their two-letter forms (`zho`/`chi` = `zh`, `eng` = `en`).
 */

/** Tried after the device's languages. */
export const FALLBACK_LANGUAGES: readonly string[] = ['zh-CN', 'zh', 'zho', 'chi'];

/** ISO 639-2 (B and T) codes of languages alerts in China and its neighbours use, as ISO 639-1. */
const TWO_LETTER: Readonly<Record<string, string>> = {
  zho: 'zh', chi: 'zh', eng: 'en', bod: 'bo', tib: 'bo', uig: 'ug', mon: 'mn', kor: 'ko', zha: 'za',
  jpn: 'ja', rus: 'ru', fra: 'fr', fre: 'fr', spa: 'es', deu: 'de', ger: 'de', por: 'pt', ara: 'ar',
  vie: 'vi', tha: 'th', msa: 'ms', may: 'ms',
};

function primaryOf(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  return TWO_LETTER[primary] ?? primary;
}

/**
 * The key of `texts` to show for `preferred` languages (most wanted first); undefined when the alert has no
 * text at all. `texts` keys are kept as given.
 */
export function chooseLanguage(texts: Readonly<Record<string, unknown>>, preferred: readonly string[]): string | undefined {
  const given = Object.keys(texts);
  if (given.length === 0) return undefined;
  for (const wanted of [...preferred, ...FALLBACK_LANGUAGES]) {
    const tag = wanted.trim().toLowerCase().replace(/_/g, '-');
    if (tag === '') continue;
    const exact = given.find((g) => g.toLowerCase().replace(/_/g, '-') === tag);
    if (exact !== undefined) return exact;
    const primary = primaryOf(tag);
    const related = given.find((g) => primaryOf(g) === primary);
    if (related !== undefined) return related;
  }
  return given[0];
}
