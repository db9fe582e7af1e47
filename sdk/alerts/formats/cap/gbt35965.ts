/**
 * China's CAP profile, GB/T 35965.1-2018 《应急信息交互协议 第1部分：预警信息》, as far as a receiver needs it.
 *
 * - Identifier `ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N` (31 characters, annex A.1.1–A.1.2): a 6-digit GB/T 2260
 *   administrative code, a 3-digit GB/T 4657 agency code, a 3-digit unit and a 2-digit extension, the
 *   entry time in Beijing time and a sequence digit.
 * - Times in Beijing time, `+08:00` (A.1.3).
 * - Levels (《突发事件应对法》 and the national emergency plans): I 特别重大 / 红色, II 重大 / 橙色,
 *   III 较大 / 黄色, IV 一般 / 蓝色.
 *
 * No real 12379 CAP message was available when this was written (shared/reference/alerts.md §1); the
 * parameter and geocode names accepted below are the plausible ones, chosen to be harmless for other
 * profiles, and are listed in this folder's README.
 */
import type { AlertLevel } from '../../model.js';

/** Beijing time, minutes east of UTC. */
export const BEIJING_OFFSET_MINUTES = 480;

const IDENTIFIER = /^(\d{6})(\d{3})(\d{3})(\d{2})_(\d{14})_(\d)$/;

/** The parts of a GB/T 35965 identifier, or undefined when the identifier does not follow the pattern. */
export function parseGbt35965Identifier(identifier: string): { regionCode: string; agencyCode: string; entered: string; sequence: number } | undefined {
  const m = IDENTIFIER.exec(identifier.trim());
  if (!m) return undefined;
  return { regionCode: m[1] ?? '', agencyCode: m[2] ?? '', entered: m[5] ?? '', sequence: Number(m[6]) };
}

/** GB/T 2260 province-level prefixes (11 Beijing … 65 Xinjiang, 71 Taiwan, 81 Hong Kong, 82 Macao). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);

/**
 * The region an identifier's issuer code names, for targeting a message that gives no region itself;
 * undefined when the identifier does not follow the pattern or its code is not in a province (a national
 * issuer's code must not narrow an alert to a region that does not exist).
 */
export function issuerRegionCode(identifier: string): string | undefined {
  const parts = parseGbt35965Identifier(identifier);
  if (parts === undefined || !PROVINCES.has(Number(parts.regionCode.slice(0, 2)))) return undefined;
  return parts.regionCode;
}

/** Languages of mainland China messages (not zh-TW / zh-HK, whose region codes are not GB/T 2260). */
const MAINLAND_LANGUAGES = new Set(['zh-cn', 'zh-hans', 'zh-hans-cn', 'zh', 'zho', 'chi']);

export function isMainlandChineseLanguage(language: string): boolean {
  return MAINLAND_LANGUAGES.has(language);
}

/** Geocode `valueName`s that name the GB/T 2260 administrative division codes (or the EB 12-digit area codes). */
const REGION_SCHEME = /GB\s*\/?\s*T\s*2260|^ADCD$|行政区划|行政區劃|区划代码|區劃代碼|^(?:admin|region|area)[_ -]?code$|^XZQH/i;

/** Geocode schemes of other countries that also use 6 digits, never taken as GB/T 2260 codes. */
const FOREIGN_SCHEME = /^(?:SAME|FIPS\d*|UGC|EMMA_ID|NUTS\d?)$|CAP-CP|EC-MSC-SMC/i;

const REGION_CODE = /^(?:\d{6}|\d{12})$/;

/**
 * Whether a geocode is a China administrative region code: 6 or 12 digits, and either a scheme name that
 * says so, or any scheme but a known foreign one in a message of the China profile.
 */
export function isRegionGeocode(valueName: string, value: string, chinaProfile: boolean): boolean {
  if (!REGION_CODE.test(value)) return false;
  if (REGION_SCHEME.test(valueName.trim())) return true;
  return chinaProfile && !FOREIGN_SCHEME.test(valueName.trim());
}

/** Colour names in the languages of the profiles seen (zh simplified and traditional, en, es, fr, de). */
const COLOUR_WORDS: Readonly<Record<string, AlertLevel>> = {
  red: 1, rojo: 1, roja: 1, rouge: 1, rot: 1, 红: 1, 紅: 1, 红色: 1, 紅色: 1,
  orange: 2, amber: 2, naranja: 2, 橙: 2, 橙色: 2,
  yellow: 3, amarillo: 3, amarilla: 3, jaune: 3, gelb: 3, 黄: 3, 黃: 3, 黄色: 3, 黃色: 3,
  blue: 4, azul: 4, bleu: 4, blau: 4, 蓝: 4, 藍: 4, 蓝色: 4, 藍色: 4,
};

/** The level of a single colour word (`Red`, `红色`), or undefined. Green (MeteoAlarm level 1) has none. */
export function colourWordLevel(word: string): AlertLevel | undefined {
  return COLOUR_WORDS[word.trim().toLowerCase()];
}

const CHINESE_COLOUR = /([红紅橙黄黃蓝藍])色/g;

/**
 * The most severe colour in a parameter value: Chinese colour words anywhere (`红色预警`), other words as
 * separate tokens (`4; red; Extreme`).
 */
export function colourInValue(value: string): AlertLevel | undefined {
  let level: AlertLevel | undefined;
  const whole = colourWordLevel(value);
  if (whole !== undefined) return whole;
  for (const m of value.matchAll(CHINESE_COLOUR)) level = mostSevere(level, colourWordLevel(m[1] ?? ''));
  for (const token of value.split(/[\s;,:/|()（）、，；]+/)) level = mostSevere(level, colourWordLevel(token));
  return level;
}

/** A colour warning in Chinese text: `暴雨橙色预警信号`, `紅色警報`. Bare colour words are not enough. */
const COLOUR_WARNING = /([红紅橙黄黃蓝藍])色(?:预警|預警|警报|警報|警戒|信号|信號)/g;

/** China level words: `特别重大`…`一般` followed by 预警/级, `Ⅰ级`…`Ⅳ级`, `一级预警`…`四级预警`. */
const LEVEL_WORDS = /(特别重大|特別重大|重大|较大|較大|一般)(?:突发事件|突發事件|事件)?(?:预警|預警|级|級)/g;
const ROMAN_LEVEL = /(Ⅳ|Ⅲ|Ⅱ|Ⅰ|IV|III|II|I)\s*(?:级|級)/g;
const NUMERAL_LEVEL = /(?<![0-9])([一二三四1-4])\s*(?:级|級)\s*(?:预警|預警|警报|警報|响应|響應)/g;

const LEVEL_OF_WORD: Readonly<Record<string, AlertLevel>> = {
  特别重大: 1, 特別重大: 1, 重大: 2, 较大: 3, 較大: 3, 一般: 4,
  Ⅰ: 1, I: 1, Ⅱ: 2, II: 2, Ⅲ: 3, III: 3, Ⅳ: 4, IV: 4,
  一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4,
};

/** The most severe China level stated in text (`特别重大`, `Ⅱ级`, `三级预警`), or undefined. */
export function chinaLevelInText(text: string): AlertLevel | undefined {
  let level: AlertLevel | undefined;
  for (const pattern of [LEVEL_WORDS, ROMAN_LEVEL, NUMERAL_LEVEL]) {
    for (const m of text.matchAll(pattern)) level = mostSevere(level, LEVEL_OF_WORD[m[1] ?? '']);
  }
  return level;
}

/** The most severe colour warning stated in Chinese text, or undefined. */
export function colourWarningInText(text: string): AlertLevel | undefined {
  let level: AlertLevel | undefined;
  for (const m of text.matchAll(COLOUR_WARNING)) level = mostSevere(level, colourWordLevel(m[1] ?? ''));
  return level;
}

/** Parameter names carrying a colour: `Color`, `alert_color`, `预警颜色`, MeteoAlarm `awareness_level`, `semáforo`. */
export const COLOUR_PARAMETER = /colou?r|颜色|顏色|awareness_level|sem[aá]foro/i;

/** Parameter names carrying a level: `预警级别`, `level`, `severity_level`. */
export const LEVEL_PARAMETER = /级别|級別|等级|等級|level/i;

/** Names of China level parameters whose value may be a bare digit 1–4 or an ASCII numeral I–IV (1 = I = red). */
const NUMERIC_LEVEL_PARAMETER = /预警级别|預警級別|预警等级|預警等級/;

/** The China level a level parameter states, or undefined. */
export function chinaLevelInParameter(name: string, value: string): AlertLevel | undefined {
  const trimmed = value.trim();
  if (/^(?:特别重大|特別重大|重大|较大|較大|一般|Ⅰ|Ⅱ|Ⅲ|Ⅳ)$/.test(trimmed)) return LEVEL_OF_WORD[trimmed];
  if (NUMERIC_LEVEL_PARAMETER.test(name) && /^(?:[1-4]|I|II|III|IV)$/.test(trimmed)) return LEVEL_OF_WORD[trimmed];
  return chinaLevelInText(trimmed);
}

/** The more severe of two levels (1 is the most severe). */
export function mostSevere(a: AlertLevel | undefined, b: AlertLevel | undefined): AlertLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
