// The sample's one screen: title, channel entry, play state, the tile grid, info panel, toast, status line.
// Key handling follows Lightning's focus path: Application → screen → focused tile. The screen captures
// every key first (to show it on the status line, returning false so it travels on), the focused tile
// takes OK, and the screen handles the rest.
import { Subject, type Subscription } from 'rxjs';
import { Lightning } from '@lightningjs/sdk';
import { digitEntry, type DigitEntry, type KeyEvent } from '../../sdk/index.js';
import { FONT, type HandledKey, type HandlerEvent, keyEventOf } from './keys.js';
import {
  COLS, type Direction, type HelloRemoteModel, playStateText, ROWS, TILE_ROWS, tileForKey, type TileDef,
} from './model.js';
import { Tile, TILE_H, TILE_W, type TileHost } from './tile.js';

export const GRID_X = 96;
export const GRID_Y = 200;
export const GAP_X = 26;
export const GAP_Y = 26;
const TOAST_MS = 1600;

/** Top-left corner of a tile in the 1920×1080 layout. */
export function tilePosition(row: number, col: number): { x: number; y: number } {
  return { x: GRID_X + col * (TILE_W + GAP_X), y: GRID_Y + row * (TILE_H + GAP_Y) };
}

export interface ScreenHooks {
  /** The screen is attached and focused. */
  readonly onInit: () => void;
}

interface ScreenTemplateSpec extends Lightning.Component.TemplateSpec {
  Title: object;
  Hint: object;
  Channel: object;
  Play: object;
  Tiles: object;
  Panel: { PanelTitle: object; PanelBody: object };
  Toast: { ToastText: object };
  Status: object;
}

type TextRef = 'Title' | 'Hint' | 'Channel' | 'Play' | 'Status' | 'Panel.PanelTitle' | 'Panel.PanelBody' | 'Toast.ToastText';

const GUIDE_TEXT = [
  'CCTV-1 综合   19:00 新闻联播',
  'CCTV-1 综合   19:30 焦点访谈',
  'CCTV-5 体育   20:00 足球之夜',
  '湖南卫视      19:30 快乐大本营',
].join('\n');

/** Builds the screen component class bound to one model (Lightning instantiates it itself). */
export function createHelloRemoteScreen(model: HelloRemoteModel, hooks: ScreenHooks): Lightning.Component.Constructor {
  class HelloRemoteScreen
    extends Lightning.Component<ScreenTemplateSpec>
    implements Lightning.Component.ImplementTemplateSpec<ScreenTemplateSpec>, TileHost {
    #tiles: Tile[][] = [];
    #entry = new Subject<KeyEvent>();
    #entrySub: Subscription | undefined;
    #toastTimer: ReturnType<typeof setTimeout> | undefined;
    #enterTakenByEntry = false;
    #texts = new Map<TextRef, string>();

    static override _template(): Lightning.Component.Template<ScreenTemplateSpec> {
      return {
        w: 1920,
        h: 1080,
        Title: { x: GRID_X, y: 44, text: { text: '你好，遥控器 Hello Remote', fontFace: FONT, fontSize: 60, textColor: 0xffffffff } },
        Hint: { x: GRID_X, y: 128, text: { text: '', fontFace: FONT, fontSize: 26, textColor: 0xff8fa6c2 } },
        Channel: { x: 1824, y: 44, mountX: 1, text: { text: '频道 --', fontFace: FONT, fontSize: 56, textColor: 0xffffe08a } },
        Play: { x: 1824, y: 124, mountX: 1, text: { text: '', fontFace: FONT, fontSize: 32, textColor: 0xffd8e4f2 } },
        Tiles: {},
        Panel: {
          x: 1236, y: 188, w: 600, h: 790, rect: true, color: 0xfa142a44, alpha: 0, zIndex: 2,
          PanelTitle: { x: 32, y: 28, text: { text: '', fontFace: FONT, fontSize: 40, textColor: 0xffffffff } },
          PanelBody: {
            x: 32, y: 100,
            text: { text: '', fontFace: FONT, fontSize: 28, lineHeight: 44, wordWrapWidth: 536, textColor: 0xffd8e4f2 },
          },
        },
        Toast: {
          x: 960, y: 520, mountX: 0.5, rect: true, color: 0xe6000000, alpha: 0, zIndex: 3, flex: { padding: 28 },
          ToastText: { text: { text: '', fontFace: FONT, fontSize: 40, textColor: 0xffffffff } },
        },
        Status: { x: GRID_X, y: 994, text: { text: '按任意键 Press any key', fontFace: FONT, fontSize: 34, textColor: 0xffffffff } },
      };
    }

    override _init(): void {
      const layer = this.tag('Tiles');
      this.#tiles = TILE_ROWS.map((row, r) =>
        row.map((def, c) => {
          const tile = layer?.childList.a({ type: Tile, ...tilePosition(r, c) });
          if (!tile) throw new Error('hello-remote: tile layer missing');
          tile.bind(def, this);
          return tile;
        }));
      this.#setText('Hint', model.mode === 'sdk'
        ? 'SDK 遥控键 remoteKeys() → bridgeLightningKeys · 方向键移动 · 长按确定 · 数字换台'
        : 'Lightning 原生键位 keymap (benchmark) · 方向键移动');
      this.#renderPlay();
      this.#entrySub = this.#entry.pipe(digitEntry({ timeoutMs: 2000, maxDigits: 3 })).subscribe((entry) => this.#onEntry(entry));
      this._refocus();
      hooks.onInit();
    }

    override _detach(): void {
      this.#entrySub?.unsubscribe();
      if (this.#toastTimer !== undefined) clearTimeout(this.#toastTimer);
    }

    override _getFocused(): Tile | undefined {
      return this.#tiles[model.row]?.[model.col];
    }

    // ---- every key passes here first (capture, top-down), then goes on to the handlers ----

    override _captureKey(e?: HandlerEvent): boolean {
      this.#note(keyEventOf(e));
      return false;
    }

    _captureKeyLong(e?: HandlerEvent): boolean {
      this.#note(keyEventOf(e));
      return false;
    }

    override _captureKeyRelease(e?: HandlerEvent): boolean {
      this.#note(keyEventOf(e));
      return false;
    }

    /** OK commits a channel number being typed instead of selecting the focused tile. */
    override _captureEnter(e?: HandlerEvent): boolean {
      const key = keyEventOf(e);
      this.#note(key);
      if (!model.channelDigits || !key.sdk) return false;
      this.#enterTakenByEntry = true;
      this.#entry.next(key.sdk);
      this.took('_captureEnter');
      return true;
    }

    _captureEnterLong(e?: HandlerEvent): boolean {
      this.#note(keyEventOf(e));
      return this.#enterTakenByEntry;
    }

    override _captureEnterRelease(e?: HandlerEvent): boolean {
      this.#note(keyEventOf(e));
      const taken = this.#enterTakenByEntry;
      this.#enterTakenByEntry = false;
      if (taken) this.took('_captureEnterRelease');
      return taken;
    }

    /** Back abandons a channel number being typed. */
    override _captureBack(e?: HandlerEvent): boolean {
      const key = keyEventOf(e);
      this.#note(key);
      if (!model.channelDigits || !key.sdk) return false;
      this.#entry.next(key.sdk);
      this.took('_captureBack');
      return true;
    }

    // ---- navigation ----

    override _handleUp(): boolean { return this.#move('up', '_handleUp'); }
    override _handleDown(): boolean { return this.#move('down', '_handleDown'); }
    override _handleLeft(): boolean { return this.#move('left', '_handleLeft'); }
    override _handleRight(): boolean { return this.#move('right', '_handleRight'); }

    _handlePageUp(): boolean { return this.#jump(0, '_handlePageUp'); }
    _handlePageDown(): boolean { return this.#jump(ROWS - 1, '_handlePageDown'); }

    override _handleBack(): boolean {
      this.#toast('返回 Back');
      this.took('_handleBack');
      return true;
    }

    override _handleBackRelease(): boolean {
      this.took('_handleBackRelease');
      return true;
    }

    override _handleExit(): boolean {
      this.#toast('退出 Exit');
      this.took('_handleExit');
      return true;
    }

    // ---- colour keys tint their tile ----

    _handleRed(): boolean { return this.#tint('red', '_handleRed'); }
    _handleGreen(): boolean { return this.#tint('green', '_handleGreen'); }
    _handleYellow(): boolean { return this.#tint('yellow', '_handleYellow'); }
    _handleBlue(): boolean { return this.#tint('blue', '_handleBlue'); }

    // ---- digits feed the channel entry ----

    _handleDigit0(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit0'); }
    _handleDigit1(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit1'); }
    _handleDigit2(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit2'); }
    _handleDigit3(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit3'); }
    _handleDigit4(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit4'); }
    _handleDigit5(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit5'); }
    _handleDigit6(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit6'); }
    _handleDigit7(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit7'); }
    _handleDigit8(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit8'); }
    _handleDigit9(e?: HandlerEvent): boolean { return this.#digit(e, '_handleDigit9'); }

    _handleChannelUp(): boolean { return this.#zap(1, '_handleChannelUp'); }
    _handleChannelDown(): boolean { return this.#zap(-1, '_handleChannelDown'); }

    // ---- media keys drive the play state ----

    _handlePlay(e?: HandlerEvent): boolean { return this.#media(e, '_handlePlay'); }
    _handlePause(e?: HandlerEvent): boolean { return this.#media(e, '_handlePause'); }
    _handlePlayPause(e?: HandlerEvent): boolean { return this.#media(e, '_handlePlayPause'); }
    _handleStop(e?: HandlerEvent): boolean { return this.#media(e, '_handleStop'); }
    _handleFastForward(e?: HandlerEvent): boolean { return this.#media(e, '_handleFastForward'); }
    _handleRewind(e?: HandlerEvent): boolean { return this.#media(e, '_handleRewind'); }
    _handleRecord(e?: HandlerEvent): boolean { return this.#media(e, '_handleRecord'); }
    _handleNext(e?: HandlerEvent): boolean { return this.#media(e, '_handleNext'); }
    _handlePrevious(e?: HandlerEvent): boolean { return this.#media(e, '_handlePrevious'); }

    // ---- info and guide toggle the panel ----

    _handleInfo(): boolean { return this.#panel('info', '_handleInfo'); }
    _handleGuide(): boolean { return this.#panel('guide', '_handleGuide'); }

    // ---- the rest ----

    _handleMenu(): boolean { return this.#named('菜单 Menu', '_handleMenu'); }
    _handleHome(): boolean { return this.#named('主页 Home', '_handleHome'); }
    _handleSettings(): boolean { return this.#named('设置 Settings', '_handleSettings'); }
    _handleSearch(): boolean { return this.#named('搜索 Search', '_handleSearch'); }
    _handleSubtitle(): boolean { return this.#named('字幕 Subtitle', '_handleSubtitle'); }

    _handleUnidentified(e?: HandlerEvent): boolean {
      this.#toast(`未知键 Unidentified · raw ${keyEventOf(e).raw}`);
      this.took('_handleUnidentified');
      return true;
    }

    /** Keys with no handler of their own (volume, power) end here. */
    override _handleKey(e?: HandlerEvent): boolean {
      const key = keyEventOf(e);
      if (key.kind === 'repeat') return true;
      this.#toast(`未处理 unhandled: ${key.key}`);
      this.took('_handleKey');
      return true;
    }

    override _handleKeyRelease(): boolean {
      this.took('_handleKeyRelease');
      return true;
    }

    _handleKeyLong(): boolean {
      this.took('_handleKeyLong');
      return true;
    }

    // ---- TileHost ----

    took(handler: string): void {
      model.lastHandler = handler;
      this.#renderStatus();
    }

    longPressed(tile: TileDef): void {
      model.longPresses += 1;
      this.#toast(`长按 long press · ${tile.title} ${tile.subtitle}`);
    }

    selected(tile: TileDef): void {
      this.#toast(`确定 OK · ${tile.title} ${tile.subtitle}`);
    }

    // ---- internals ----

    #note(key: HandledKey): void {
      model.keyEvents += 1;
      model.lastKey = key.key;
      model.lastKind = key.kind;
      model.lastRaw = key.raw;
      model.lastHandler = undefined;
      const tileId = tileForKey(key.key);
      if (tileId && key.kind !== 'long') {
        const tile = this.#tileById(tileId);
        tile?.setPressed(key.kind !== 'up');
        if (key.kind === 'up') tile?.setBadge('');
      }
      this.#renderStatus();
    }

    #move(direction: Direction, handler: string): boolean {
      const moved = model.move(direction);
      this.took(moved ? handler : `${handler} (edge)`);
      if (moved) this._refocus();
      return moved;
    }

    #jump(row: number, handler: string): boolean {
      if (model.focusAt(row, Math.min(model.col, COLS - 1))) this._refocus();
      this.took(handler);
      return true;
    }

    #tint(tileId: string, handler: string): boolean {
      this.#tileById(tileId)?.setTinted(model.toggleTint(tileId));
      this.took(handler);
      return true;
    }

    #digit(e: HandlerEvent | undefined, handler: string): boolean {
      const key = keyEventOf(e);
      if (key.sdk) this.#entry.next(key.sdk);
      this.#tileById('digits')?.setBadge(key.key);
      this.took(handler);
      return true;
    }

    #onEntry(entry: DigitEntry): void {
      if (!entry.done) {
        model.channelDigits = entry.digits;
        this.#setText('Channel', `频道 ${entry.digits}_`);
        return;
      }
      model.channelDigits = '';
      if (entry.value === undefined) {
        this.#setText('Channel', model.channel === undefined ? '频道 --' : `频道 ${model.channel}`);
        this.#toast(`取消 cancelled ${entry.digits}`);
        return;
      }
      model.channel = entry.value;
      this.#setText('Channel', `频道 ${entry.value}`);
      this.#toast(`换台 → 频道 ${entry.value} (${entry.reason})`);
    }

    #zap(delta: number, handler: string): boolean {
      const next = Math.min(999, Math.max(1, (model.channel ?? 1) + delta));
      model.channel = next;
      this.#setText('Channel', `频道 ${next}`);
      this.took(handler);
      return true;
    }

    #media(e: HandlerEvent | undefined, handler: string): boolean {
      const key = keyEventOf(e);
      if (key.kind !== 'repeat') {
        // Lightning's keymap calls Stop/PlayPause with raw DOM keys; map its stems back to names.
        const name = key.sdk ? key.sdk.key : handler === '_handleStop' ? 'MediaStop' : 'MediaPlayPause';
        model.media(name);
        this.#renderPlay();
      }
      this.took(handler);
      return true;
    }

    #panel(which: 'info' | 'guide', handler: string): boolean {
      model.panel = model.panel === which ? undefined : which;
      const panel = this.tag('Panel');
      if (panel) panel.alpha = model.panel ? 1 : 0;
      if (model.panel === 'info') {
        const tile = model.focusedTile;
        this.#setText('Panel.PanelTitle', '信息 Info');
        this.#setText('Panel.PanelBody', [
          `焦点 focus: ${tile.title} ${tile.subtitle}`,
          `位置 row ${model.row + 1} · col ${model.col + 1}`,
          `按键 keys: ${tile.keys.join(', ')}`,
          `模式 mode: ${model.mode}`,
          `频道 channel: ${model.channel ?? '--'}`,
          '再按信息键关闭 Info again to close',
        ].join('\n'));
      } else if (model.panel === 'guide') {
        this.#setText('Panel.PanelTitle', '节目指南 Guide');
        this.#setText('Panel.PanelBody', `${GUIDE_TEXT}\n\n再按指南键关闭 Guide again to close`);
      }
      this.took(handler);
      return true;
    }

    #named(label: string, handler: string): boolean {
      this.#toast(label);
      this.took(handler);
      return true;
    }

    #toast(text: string): void {
      model.toast = text;
      this.#setText('Toast.ToastText', text);
      const toast = this.tag('Toast');
      if (toast) toast.alpha = 1;
      if (this.#toastTimer !== undefined) clearTimeout(this.#toastTimer);
      this.#toastTimer = setTimeout(() => {
        this.#toastTimer = undefined;
        model.toast = undefined;
        const el = this.tag('Toast');
        if (el) el.alpha = 0;
      }, TOAST_MS);
    }

    #renderStatus(): void {
      const parts = [model.lastKey ?? '', model.lastKind ?? '', `raw ${model.lastRaw ?? 0}`];
      const handler = model.lastHandler ? `   →  ${model.lastHandler}` : '';
      this.#setText('Status', `${parts.join(' · ')}${handler}`);
    }

    #renderPlay(): void {
      this.#setText('Play', playStateText(model.playState, model.speed));
    }

    #tileById(id: string): Tile | undefined {
      for (const row of this.#tiles) for (const tile of row) if (tile.def?.id === id) return tile;
      return undefined;
    }

    /** Sets a text only when it changed: each change re-rasterizes the text texture. */
    #setText(ref: TextRef, text: string): void {
      if (this.#texts.get(ref) === text) return;
      this.#texts.set(ref, text);
      const el = this.tag(ref);
      if (el) el.text = text;
    }
  }
  return HelloRemoteScreen;
}
