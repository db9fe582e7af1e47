// Text the live-TV screens show, free of Lightning and the SDK's services, so it is easy to test.
import type { Channel, LangText, Programme } from '../../sdk/index.js';

/** A CJK-capable font stack for Lightning text (drawn with canvas 2D, so system fonts by family name). */
export const FONT = ['Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM` in the box's local time. */
export function clockText(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** `HH:MM–HH:MM` of a programme. */
export function slotText(programme: Pick<Programme, 'start' | 'end'>): string {
  return `${clockText(programme.start)}–${clockText(programme.end)}`;
}

/** Languages preferred for guide text: Chinese first (the operator's), then English, then whatever is there. */
const LANGUAGES = ['zh', 'zho', 'chi', 'zh-cn', 'cn', '', 'en', 'eng'];

/** The text of a multilingual guide field in the preferred language; undefined when it has none. */
export function pickText(text: LangText | undefined): string | undefined {
  if (!text) return undefined;
  for (const lang of LANGUAGES) {
    const value = text[lang];
    if (value) return value;
  }
  for (const value of Object.values(text)) if (value) return value;
  return undefined;
}

/** How far a programme has run at `now`, 0–1. */
export function progressOf(programme: Pick<Programme, 'start' | 'end'>, now: number): number {
  const length = programme.end - programme.start;
  if (length <= 0) return 0;
  return Math.min(1, Math.max(0, (now - programme.start) / length));
}

/** The marks after a channel's name: scrambled, radio, favourite. */
export function channelMarks(channel: Pick<Channel, 'scrambled' | 'kind'>, favourite = false): string {
  const marks: string[] = [];
  if (channel.scrambled) marks.push('加密 Scrambled');
  if (channel.kind === 'radio') marks.push('广播 Radio');
  if (favourite) marks.push('★ 收藏');
  return marks.join(' · ');
}

/** The number as a remote shows it: at least three digits (`005`, `101`). */
export function channelNumberText(number: number): string {
  return String(number).padStart(3, '0');
}

/** The entry box while digits are typed: `12_`, with the channel it would tune when there is one. */
export function entryText(digits: string, match?: Pick<Channel, 'name'>): string {
  return match ? `${digits}_  ${match.name}` : `${digits}_`;
}

/** One line of the channel list: number, name and marks. */
export function listRowText(channel: Channel, favourite: boolean): string {
  const marks = channelMarks(channel, favourite);
  return `${channelNumberText(channel.number)}   ${channel.name}${marks ? `   ${marks}` : ''}`;
}
