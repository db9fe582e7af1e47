import type { KnownKeyName } from '../../sdk/index.js';

/** How the emulator names a key on its remote, in its legend and in tooltips. */
export interface KeyLabel {
  /** Short mark printed on the remote button. */
  readonly glyph: string;
  /** Chinese name, as printed on Chinese cable remotes. */
  readonly zh: string;
  /** English name. */
  readonly en: string;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const KEY_LABELS: Readonly<Record<KnownKeyName, KeyLabel>> = {
  ArrowUp: { glyph: '▲', zh: '上', en: 'Up' },
  ArrowDown: { glyph: '▼', zh: '下', en: 'Down' },
  ArrowLeft: { glyph: '◀', zh: '左', en: 'Left' },
  ArrowRight: { glyph: '▶', zh: '右', en: 'Right' },
  Enter: { glyph: 'OK', zh: '确定', en: 'OK' },
  BrowserBack: { glyph: '↩', zh: '返回', en: 'Back' },
  Exit: { glyph: '⏏', zh: '退出', en: 'Exit' },
  Home: { glyph: '⌂', zh: '主页', en: 'Home' },
  ContextMenu: { glyph: '☰', zh: '菜单', en: 'Menu' },
  Guide: { glyph: '▦', zh: '指南', en: 'Guide' },
  Info: { glyph: 'ⓘ', zh: '信息', en: 'Info' },
  ChannelUp: { glyph: 'CH+', zh: '频道+', en: 'Channel up' },
  ChannelDown: { glyph: 'CH−', zh: '频道−', en: 'Channel down' },
  AudioVolumeUp: { glyph: 'VOL+', zh: '音量+', en: 'Volume up' },
  AudioVolumeDown: { glyph: 'VOL−', zh: '音量−', en: 'Volume down' },
  AudioVolumeMute: { glyph: '🔇', zh: '静音', en: 'Mute' },
  ...digitLabels(),
  ColorF0Red: { glyph: '', zh: '红', en: 'Red' },
  ColorF1Green: { glyph: '', zh: '绿', en: 'Green' },
  ColorF2Yellow: { glyph: '', zh: '黄', en: 'Yellow' },
  ColorF3Blue: { glyph: '', zh: '蓝', en: 'Blue' },
  MediaPlay: { glyph: '▶', zh: '播放', en: 'Play' },
  MediaPause: { glyph: '❚❚', zh: '暂停', en: 'Pause' },
  MediaPlayPause: { glyph: '▶❚❚', zh: '播放/暂停', en: 'Play/Pause' },
  MediaStop: { glyph: '■', zh: '停止', en: 'Stop' },
  MediaFastForward: { glyph: '▶▶', zh: '快进', en: 'Fast forward' },
  MediaRewind: { glyph: '◀◀', zh: '快退', en: 'Rewind' },
  MediaRecord: { glyph: '●', zh: '录制', en: 'Record' },
  MediaTrackNext: { glyph: '▶▶|', zh: '下一个', en: 'Next' },
  MediaTrackPrevious: { glyph: '|◀◀', zh: '上一个', en: 'Previous' },
  PageUp: { glyph: 'P+', zh: '上页', en: 'Page up' },
  PageDown: { glyph: 'P−', zh: '下页', en: 'Page down' },
  Power: { glyph: '⏻', zh: '电源', en: 'Power' },
  Settings: { glyph: '⚙', zh: '设置', en: 'Settings' },
  Subtitle: { glyph: 'CC', zh: '字幕', en: 'Subtitle' },
  Search: { glyph: '⌕', zh: '搜索', en: 'Search' },
};

function digitLabels(): Record<(typeof DIGITS)[number], KeyLabel> {
  const out = {} as Record<(typeof DIGITS)[number], KeyLabel>;
  for (const d of DIGITS) out[d] = { glyph: d, zh: d, en: d };
  return out;
}

/** "返回 Back" style name; digits stay one character. */
export function keyTitle(name: KnownKeyName): string {
  const label = KEY_LABELS[name];
  return label.zh === label.en ? label.en : `${label.zh} ${label.en}`;
}
