/**
 * Writes channels and programmes (e.g. from `generateGuide`) as an XMLTV document, for tests that need a
 * guide as bytes. Plain TypeScript with no test-framework imports.
 */
import type { GuideChannel, Programme } from '../../../sdk/epg/model.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** XMLTV date-time in UTC: `YYYYMMDDhhmmss +0000`. */
export function xmltvTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
    + `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())} +0000`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function langTexts(tag: string, texts: Readonly<Record<string, string>>): string {
  return Object.entries(texts)
    .map(([lang, text]) => `<${tag}${lang === '' ? '' : ` lang="${escapeXml(lang)}"`}>${escapeXml(text)}</${tag}>`).join('');
}

/** XMLTV has no channel number: `Channel.number` is not written. */
export function toXmltv(guide: { readonly channels: readonly GuideChannel[]; readonly programmes: readonly Programme[] }): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<tv generator-info-name="yiwang-tests">'];
  for (const c of guide.channels) {
    lines.push(`  <channel id="${escapeXml(c.id)}">${langTexts('display-name', c.names)}`
      + `${c.logo === undefined ? '' : `<icon src="${escapeXml(c.logo)}"/>`}</channel>`);
  }
  for (const p of guide.programmes) {
    lines.push(`  <programme start="${xmltvTime(p.start)}" stop="${xmltvTime(p.end)}" channel="${escapeXml(p.channelId)}">`
      + `${langTexts('title', p.titles)}${langTexts('desc', p.descriptions)}`
      + `${p.genreLabels.map((g) => `<category>${escapeXml(g)}</category>`).join('')}</programme>`);
  }
  lines.push('</tv>', '');
  return lines.join('\n');
}
