// The channel list: a panel on the left with a window of rows (a fixed pool of row elements whose texts
// change as the focus moves, so a long lineup costs no more than one page), the focused row highlighted,
// the current channel marked, and the keys it takes listed at the bottom.
import { Lightning } from '@lightningjs/sdk';
import type { ListView } from './controller.js';
import { FONT } from './format.js';

export const LIST_ROWS = 10;
const ROW_H = 66;
const LIST_W = 820;
const ROWS_Y = 120;
const FOCUS_COLOR = 0xff2f6fd6;

/** What the list's keys do; the controller implements it. */
export interface ChannelListActions {
  listMove(delta: number): void;
  listPage(direction: 1 | -1): void;
  listSelect(startedAt?: number): void;
  listToggleFavouritesOnly(): void;
  listToggleFavourite(): void;
  closeList(): void;
}

interface ListTemplateSpec extends Lightning.Component.TemplateSpec {
  Title: object;
  Position: object;
  Focus: object;
  Rows: object;
  Empty: object;
  Help: object;
}

export class ChannelList
  extends Lightning.Component<ListTemplateSpec>
  implements Lightning.Component.ImplementTemplateSpec<ListTemplateSpec> {
  #actions: ChannelListActions | undefined;
  #rows: Lightning.Element[] = [];
  readonly #texts: string[] = [];

  static override _template(): Lightning.Component.Template<ListTemplateSpec> {
    return {
      w: LIST_W, h: 900, rect: true, color: 0xeb0b1524, alpha: 0,
      Title: { x: 36, y: 30, text: { text: '', fontFace: FONT, fontSize: 40, textColor: 0xffffffff } },
      Position: { x: LIST_W - 36, y: 42, mountX: 1, text: { text: '', fontFace: FONT, fontSize: 26, textColor: 0xffa9bdd6 } },
      Focus: { x: 16, y: ROWS_Y, w: LIST_W - 32, h: ROW_H, rect: true, color: FOCUS_COLOR, alpha: 0 },
      Rows: {},
      Empty: { x: 36, y: ROWS_Y + 20, text: { text: '', fontFace: FONT, fontSize: 30, textColor: 0xffa9bdd6, wordWrapWidth: LIST_W - 72 } },
      Help: {
        x: 36, y: 900 - 92,
        text: {
          text: '确定 OK 播放 · 红键 Red 全部/收藏 · 黄键 Yellow 收藏 ★ · 上页/下页 Page · 返回 Back 关闭',
          fontFace: FONT, fontSize: 24, textColor: 0xffa9bdd6, wordWrapWidth: LIST_W - 72, lineHeight: 34,
        },
      },
    };
  }

  override _init(): void {
    const layer = this.tag('Rows');
    this.#rows = Array.from({ length: LIST_ROWS }, (_, i) => {
      const row = layer?.childList.a({
        x: 36, y: ROWS_Y + i * ROW_H + 14,
        text: { text: '', fontFace: FONT, fontSize: 32, textColor: 0xffffffff, maxLines: 1, wordWrapWidth: LIST_W - 72 },
      });
      if (!row) throw new Error('live-tv: the channel list has no row layer');
      return row;
    });
  }

  bind(actions: ChannelListActions): void {
    this.#actions = actions;
  }

  /** Shows `view`, or hides the list. */
  show(view: ListView | undefined): void {
    if (!view) {
      this.alpha = 0;
      return;
    }
    this.alpha = 1;
    const title = this.tag('Title');
    if (title) title.text = view.title;
    const position = this.tag('Position');
    if (position) position.text = view.total ? `${String(view.position)} / ${String(view.total)}` : '';
    const empty = this.tag('Empty');
    if (empty) empty.text = view.empty ?? '';
    this.#rows.forEach((row, i) => {
      const data = view.rows[i];
      const text = data ? `${data.current ? '▶ ' : '   '}${data.text}` : '';
      if (this.#texts[i] !== text) {
        this.#texts[i] = text;
        row.text = text;
      }
    });
    const focus = this.tag('Focus');
    if (focus) {
      focus.alpha = view.rows.length ? 1 : 0;
      focus.y = ROWS_Y + view.focusedRow * ROW_H;
    }
  }

  override _handleUp(): boolean { return this.#act((a) => a.listMove(-1)); }
  override _handleDown(): boolean { return this.#act((a) => a.listMove(1)); }
  _handlePageUp(): boolean { return this.#act((a) => a.listPage(-1)); }
  _handlePageDown(): boolean { return this.#act((a) => a.listPage(1)); }
  _handleChannelUp(): boolean { return this.#act((a) => a.listPage(-1)); }
  _handleChannelDown(): boolean { return this.#act((a) => a.listPage(1)); }
  override _handleEnter(e?: KeyboardEvent): boolean {
    if (e?.repeat) return true;
    return this.#act((a) => a.listSelect(e?.timeStamp));
  }
  _handleRed(): boolean { return this.#act((a) => a.listToggleFavouritesOnly()); }
  _handleYellow(): boolean { return this.#act((a) => a.listToggleFavourite()); }
  override _handleBack(): boolean { return this.#act((a) => a.closeList()); }
  override _handleExit(): boolean { return this.#act((a) => a.closeList()); }

  #act(action: (actions: ChannelListActions) => void): boolean {
    if (this.#actions) action(this.#actions);
    return true;
  }
}
