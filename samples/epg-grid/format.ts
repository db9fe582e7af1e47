// Text for the screen: the guide's languages, times in the box's local time, genres, ratings, episodes.
import type { GuideChannel, DvbGenre, Episode, LangText, Programme, Rating } from '../../sdk/index.js';

/** Languages the guide prefers, in order; sources give ISO 639 codes, lower-cased. */
const PREFERRED = ['zh', 'zh-cn', 'zh-hans', 'chi', 'zho', 'chs', 'cn', '', 'en', 'eng'];

/** The text in the most preferred language present, else any; '' when there is none. */
export function pickText(texts: LangText | undefined): string {
  if (!texts) return '';
  for (const lang of PREFERRED) {
    const text = texts[lang];
    if (text) return text;
  }
  for (const text of Object.values(texts)) if (text) return text;
  return '';
}

export const titleOf = (p: Programme): string => pickText(p.titles) || '（无标题）';
export const channelName = (c: GuideChannel): string => pickText(c.names) || c.id;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `HH:MM`, local time. */
export function hm(t: number): string {
  const d = new Date(t);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** `HH:MM–HH:MM`. */
export const span = (start: number, end: number): string => `${hm(start)}–${hm(end)}`;

/** By `Date.getDay()`: Sunday first. */
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `11月25日 周二`, with 今天/明天/昨天 when it applies. */
export function dayLabel(t: number, now: number): string {
  const d = new Date(t);
  const n = new Date(now);
  const midnight = (x: Date): number => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  const offset = Math.round((midnight(d) - midnight(n)) / 86_400_000);
  const relative = offset === 0 ? '今天 ' : offset === 1 ? '明天 ' : offset === -1 ? '昨天 ' : '';
  return `${relative}${d.getMonth() + 1}月${d.getDate()}日 ${WEEKDAYS[d.getDay()] ?? ''}`;
}

const GENRES: Readonly<Record<DvbGenre, string>> = {
  undefined: '其他 Other', movie: '电影 Movie', news: '新闻 News', show: '综艺 Show', sports: '体育 Sports',
  children: '少儿 Children', music: '音乐 Music', arts: '艺术 Arts', social: '社会 Social',
  education: '教育 Education', leisure: '生活 Leisure', special: '特别节目 Special',
};

export const genreLabel = (genre: DvbGenre): string => GENRES[genre];

export function ratingLabel(rating: Rating | undefined): string {
  if (!rating) return '';
  const age = rating.minAge === undefined ? '' : ` · ${rating.minAge}+`;
  return `${rating.system ? `${rating.system} ` : ''}${rating.value}${age}`;
}

export function episodeLabel(episode: Episode | undefined): string {
  if (!episode) return '';
  if (episode.onscreen) return episode.onscreen;
  const season = episode.season === undefined ? '' : `第${episode.season + 1}季 `;
  const number = episode.episode === undefined ? '' : `第${episode.episode + 1}集`;
  return `${season}${number}`.trim();
}
