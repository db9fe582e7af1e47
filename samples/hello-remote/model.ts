// The sample's state, free of Lightning: the tile grid, focus movement and what each key group did.
// The Lightning components render it; the test/bench hook reads it.
import type { KeyKind, KeyName } from '../../sdk/index.js';

/** `sdk`: keys normalized by the SDK and bridged into Lightning. `lightning`: Lightning's own keymap. */
export type HelloRemoteMode = 'sdk' | 'lightning';

export interface TileDef {
  readonly id: string;
  /** Chinese label, then English. */
  readonly title: string;
  readonly subtitle: string;
  /** Keys that light this tile while held. */
  readonly keys: readonly KeyName[];
  /** ARGB tint a colour key applies to its tile. */
  readonly tint?: number;
}

const DIGITS: readonly KeyName[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Rows follow the KeySet groups: navigation; colour + numeric; VCR; scroll, info and other. */
export const TILE_ROWS: readonly (readonly TileDef[])[] = [
  [
    { id: 'up', title: '上', subtitle: 'Up', keys: ['ArrowUp'] },
    { id: 'down', title: '下', subtitle: 'Down', keys: ['ArrowDown'] },
    { id: 'left', title: '左', subtitle: 'Left', keys: ['ArrowLeft'] },
    { id: 'right', title: '右', subtitle: 'Right', keys: ['ArrowRight'] },
    { id: 'ok', title: '确定', subtitle: 'OK · 长按 long', keys: ['Enter'] },
    { id: 'back', title: '返回', subtitle: 'Back · Exit', keys: ['BrowserBack', 'Exit'] },
  ],
  [
    { id: 'red', title: '红', subtitle: 'Red', keys: ['ColorF0Red'], tint: 0xffd2302c },
    { id: 'green', title: '绿', subtitle: 'Green', keys: ['ColorF1Green'], tint: 0xff2e9d4b },
    { id: 'yellow', title: '黄', subtitle: 'Yellow', keys: ['ColorF2Yellow'], tint: 0xffe0b400 },
    { id: 'blue', title: '蓝', subtitle: 'Blue', keys: ['ColorF3Blue'], tint: 0xff2f6fd6 },
    { id: 'digits', title: '数字', subtitle: 'Digits 0–9', keys: DIGITS },
    { id: 'channel', title: '频道±', subtitle: 'Channel ±', keys: ['ChannelUp', 'ChannelDown'] },
  ],
  [
    { id: 'play', title: '播放', subtitle: 'Play ▶', keys: ['MediaPlay', 'MediaPlayPause'] },
    { id: 'pause', title: '暂停', subtitle: 'Pause', keys: ['MediaPause'] },
    { id: 'stop', title: '停止', subtitle: 'Stop ■', keys: ['MediaStop'] },
    { id: 'rewind', title: '快退', subtitle: 'Rewind · Prev', keys: ['MediaRewind', 'MediaTrackPrevious'] },
    { id: 'ffwd', title: '快进', subtitle: 'Forward · Next', keys: ['MediaFastForward', 'MediaTrackNext'] },
    { id: 'record', title: '录制', subtitle: 'Record ●', keys: ['MediaRecord'] },
  ],
  [
    { id: 'pageup', title: '上页', subtitle: 'Page Up', keys: ['PageUp'] },
    { id: 'pagedown', title: '下页', subtitle: 'Page Down', keys: ['PageDown'] },
    { id: 'info', title: '信息', subtitle: 'Info', keys: ['Info'] },
    { id: 'guide', title: '指南', subtitle: 'Guide', keys: ['Guide'] },
    { id: 'menu', title: '菜单', subtitle: 'Menu · Home · Settings', keys: ['ContextMenu', 'Home', 'Settings', 'Search', 'Subtitle'] },
    {
      id: 'other', title: '其他', subtitle: 'Volume · Power · ?',
      keys: ['AudioVolumeUp', 'AudioVolumeDown', 'AudioVolumeMute', 'Power', 'Unidentified'],
    },
  ],
];

export const ROWS = TILE_ROWS.length;
export const COLS = Math.max(...TILE_ROWS.map((row) => row.length));

const TILE_OF_KEY = new Map<string, string>();
for (const row of TILE_ROWS) for (const tile of row) for (const key of tile.keys) TILE_OF_KEY.set(key, tile.id);

/** The tile that stands for `key` (a normalized name, or a DOM `key` in `lightning` mode), if any. */
export function tileForKey(key: string): string | undefined {
  return TILE_OF_KEY.get(key);
}

export type PlayState = 'stopped' | 'playing' | 'paused' | 'forward' | 'rewind' | 'recording';
export type Direction = 'up' | 'down' | 'left' | 'right';

/** What the test/bench hook reports. */
export interface HelloRemoteState {
  readonly mode: HelloRemoteMode;
  readonly focus: readonly [row: number, col: number];
  readonly focusedTile: string;
  /** Last key as delivered: the SDK's normalized name, or the DOM `key` in `lightning` mode. */
  readonly lastKey?: string;
  readonly lastKind?: KeyKind;
  readonly lastRaw?: number;
  /** The last Lightning handler that took a key, e.g. `_handleEnterLong`. */
  readonly lastHandler?: string;
  /** Digits typed so far; empty when no entry is open. */
  readonly channelDigits: string;
  /** The last committed channel number. */
  readonly channel?: number;
  readonly playState: PlayState;
  readonly speed: number;
  readonly panel?: 'info' | 'guide';
  readonly toast?: string;
  readonly longPresses: number;
  readonly tinted: readonly string[];
  /** Keys handled (any kind); lets the bench check that presses arrived. */
  readonly keyEvents: number;
}

/** Mutable state behind the hook; the components write it, nothing else does. */
export class HelloRemoteModel {
  readonly mode: HelloRemoteMode;
  row = 0;
  col = 0;
  lastKey: string | undefined;
  lastKind: KeyKind | undefined;
  lastRaw: number | undefined;
  lastHandler: string | undefined;
  channelDigits = '';
  channel: number | undefined;
  playState: PlayState = 'stopped';
  speed = 1;
  panel: 'info' | 'guide' | undefined;
  toast: string | undefined;
  longPresses = 0;
  readonly tinted = new Set<string>();
  keyEvents = 0;

  constructor(mode: HelloRemoteMode) {
    this.mode = mode;
  }

  get focusedTile(): TileDef {
    const tile = TILE_ROWS[this.row]?.[this.col];
    if (!tile) throw new Error(`hello-remote: no tile at ${this.row},${this.col}`);
    return tile;
  }

  /** Moves focus one tile; false at an edge (focus stays). */
  move(direction: Direction): boolean {
    const [dr, dc] = direction === 'up' ? [-1, 0] : direction === 'down' ? [1, 0] : direction === 'left' ? [0, -1] : [0, 1];
    return this.focusAt(this.row + dr, this.col + dc);
  }

  /** Puts focus on a tile; false if there is none there or it already has focus. */
  focusAt(row: number, col: number): boolean {
    const target = TILE_ROWS[row]?.[col];
    if (!target || (row === this.row && col === this.col)) return false;
    this.row = row;
    this.col = col;
    return true;
  }

  /** Toggles a colour key's tint on its tile; returns whether it is now tinted. */
  toggleTint(tileId: string): boolean {
    if (this.tinted.delete(tileId)) return false;
    this.tinted.add(tileId);
    return true;
  }

  /** Applies a media key to the play state. */
  media(key: KeyName): void {
    switch (key) {
      case 'MediaPlay': this.playState = 'playing'; this.speed = 1; break;
      case 'MediaPause': this.playState = 'paused'; break;
      case 'MediaPlayPause': this.playState = this.playState === 'playing' ? 'paused' : 'playing'; this.speed = 1; break;
      case 'MediaStop': this.playState = 'stopped'; this.speed = 1; break;
      case 'MediaRecord': this.playState = 'recording'; this.speed = 1; break;
      case 'MediaFastForward':
      case 'MediaTrackNext':
        this.speed = this.playState === 'forward' ? Math.min(this.speed * 2, 32) : 2;
        this.playState = 'forward';
        break;
      case 'MediaRewind':
      case 'MediaTrackPrevious':
        this.speed = this.playState === 'rewind' ? Math.min(this.speed * 2, 32) : 2;
        this.playState = 'rewind';
        break;
      default: break;
    }
  }

  snapshot(): HelloRemoteState {
    const state: { -readonly [K in keyof HelloRemoteState]: HelloRemoteState[K] } = {
      mode: this.mode,
      focus: [this.row, this.col],
      focusedTile: this.focusedTile.id,
      channelDigits: this.channelDigits,
      playState: this.playState,
      speed: this.speed,
      longPresses: this.longPresses,
      tinted: [...this.tinted],
      keyEvents: this.keyEvents,
    };
    if (this.lastKey !== undefined) state.lastKey = this.lastKey;
    if (this.lastKind !== undefined) state.lastKind = this.lastKind;
    if (this.lastRaw !== undefined) state.lastRaw = this.lastRaw;
    if (this.lastHandler !== undefined) state.lastHandler = this.lastHandler;
    if (this.channel !== undefined) state.channel = this.channel;
    if (this.panel !== undefined) state.panel = this.panel;
    if (this.toast !== undefined) state.toast = this.toast;
    return state;
  }
}

const PLAY_TEXT: Readonly<Record<PlayState, string>> = {
  stopped: '■ 停止 Stopped',
  playing: '▶ 播放 Playing',
  paused: '▮▮ 暂停 Paused',
  forward: '▶▶ 快进 Forward',
  rewind: '◀◀ 快退 Rewind',
  recording: '● 录制 Recording',
};

/** The play-state line, e.g. "▶▶ 快进 Forward ×4". */
export function playStateText(state: PlayState, speed: number): string {
  return speed > 1 ? `${PLAY_TEXT[state]} ×${speed}` : PLAY_TEXT[state];
}
