// One key-group tile: shows its keys, lights while one of them is held, takes OK presses when focused.
import { Lightning } from '@lightningjs/sdk';
import type { TileDef } from './model.js';
import { FONT, type HandlerEvent, keyEventOf } from './keys.js';

export const TILE_W = 262;
export const TILE_H = 170;
/** Width of the focus ring around a focused tile. */
export const RING = 10;
export const RING_COLOR = 0xffffc400;
const BG = 0xff1f3350;
const BG_PRESSED = 0xff4a7bb8;
const FOCUS_SCALE = 1.05;

/** What a tile reports to the screen that holds it. */
export interface TileHost {
  /** A handler of this tile took a key. */
  took(handler: string): void;
  /** A long OK press on this tile. */
  longPressed(tile: TileDef): void;
  /** An OK press (not a repeat) on this tile. */
  selected(tile: TileDef): void;
}

interface TileTemplateSpec extends Lightning.Component.TemplateSpec {
  Ring: object;
  Bg: object;
  Title: object;
  Sub: object;
  Badge: object;
}

export class Tile
  extends Lightning.Component<TileTemplateSpec>
  implements Lightning.Component.ImplementTemplateSpec<TileTemplateSpec> {
  // Set in bind(), after Lightning constructed the tile; Lightning's own members use `_`/`__` names.
  #def: TileDef | undefined;
  #host: TileHost | undefined;
  #pressed = false;
  #tinted = false;

  static override _template(): Lightning.Component.Template<TileTemplateSpec> {
    return {
      w: TILE_W,
      h: TILE_H,
      Ring: { x: -RING, y: -RING, w: TILE_W + 2 * RING, h: TILE_H + 2 * RING, rect: true, color: RING_COLOR, alpha: 0 },
      Bg: { w: TILE_W, h: TILE_H, rect: true, color: BG },
      Title: { x: 24, y: 16, text: { text: '', fontFace: FONT, fontSize: 60, textColor: 0xffffffff } },
      Sub: {
        x: 24, y: 112,
        text: { text: '', fontFace: FONT, fontSize: 24, textColor: 0xffb8cbe2, wordWrapWidth: TILE_W - 40, maxLines: 1 },
      },
      Badge: { x: TILE_W - 16, y: 20, mountX: 1, text: { text: '', fontFace: FONT, fontSize: 26, textColor: 0xffffe08a } },
    };
  }

  bind(def: TileDef, host: TileHost): void {
    this.#def = def;
    this.#host = host;
    const title = this.tag('Title');
    if (title) title.text = def.title;
    const sub = this.tag('Sub');
    if (sub) sub.text = def.subtitle;
  }

  get def(): TileDef | undefined {
    return this.#def;
  }

  /** Lights the tile while one of its keys is held. */
  setPressed(pressed: boolean): void {
    this.#pressed = pressed;
    this.#paint();
  }

  /** Colours the tile with its colour key's tint. */
  setTinted(tinted: boolean): void {
    this.#tinted = tinted;
    this.#paint();
  }

  /** A short note in the tile's corner ("长按", a digit…); empty clears it. */
  setBadge(text: string): void {
    const badge = this.tag('Badge');
    if (badge) badge.text = text;
  }

  #paint(): void {
    const bg = this.tag('Bg');
    if (!bg) return;
    const tint = this.#tinted ? this.#def?.tint : undefined;
    bg.color = this.#pressed ? BG_PRESSED : (tint ?? BG);
  }

  // Focus shows at once, in the frame after the key: ring and zoom, no animation (an animated zoom costs
  // several redrawn frames per key press on a low-end box).
  override _focus(): void {
    const ring = this.tag('Ring');
    if (ring) ring.alpha = 1;
    this.scale = FOCUS_SCALE;
  }

  override _unfocus(): void {
    const ring = this.tag('Ring');
    if (ring) ring.alpha = 0;
    this.scale = 1;
  }

  override _handleEnter(e?: HandlerEvent): boolean {
    const def = this.#def;
    if (!def || !this.#host) return false;
    if (keyEventOf(e).kind !== 'repeat') this.#host.selected(def);
    this.#host.took('_handleEnter');
    return true;
  }

  _handleEnterLong(): boolean {
    const def = this.#def;
    if (!def || !this.#host) return false;
    this.setBadge('长按 long');
    this.#host.longPressed(def);
    this.#host.took('_handleEnterLong');
    return true;
  }

  override _handleEnterRelease(): boolean {
    if (!this.#host) return false;
    this.#host.took('_handleEnterRelease');
    return true;
  }
}
