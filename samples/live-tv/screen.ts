// The app's one Lightning screen, transparent over the video plane: the info banner, the number-entry box,
// the no-signal / lock notice and the channel list. Keys arrive through the SDK's Lightning bridge: the list
// takes them while it is open (it is then the focused child), the screen handles the rest.
import { Lightning } from '@lightningjs/sdk';
import type { KeyEvent } from '../../sdk/index.js';
import { ChannelList } from './channel-list.js';
import type { BannerView, ListView, LiveTvController, LiveTvRenderer } from './controller.js';
import { FONT } from './format.js';
import { BANNER_H, BANNER_W, InfoBanner } from './info-banner.js';

export interface ScreenHooks {
  /** The screen is attached, drawn once, and the controller renders into it. */
  readonly onInit: () => void;
}

interface ScreenTemplateSpec extends Lightning.Component.TemplateSpec {
  Banner: typeof InfoBanner;
  Entry: { EntryText: object };
  Notice: { NoticeText: object };
  List: typeof ChannelList;
}

/** Whether a handler argument came through the SDK bridge (a `LightningKeyEvent` carries `kind` and `raw`). */
function sdkKey(e: unknown): KeyEvent | undefined {
  return e && typeof e === 'object' && 'kind' in e && 'raw' in e && 'key' in e ? (e as KeyEvent) : undefined;
}

/** Builds the screen class bound to one controller (Lightning instantiates it itself). */
export function createLiveTvScreen(controller: LiveTvController, hooks: ScreenHooks): Lightning.Component.Constructor {
  class LiveTvScreen
    extends Lightning.Component<ScreenTemplateSpec>
    implements Lightning.Component.ImplementTemplateSpec<ScreenTemplateSpec>, LiveTvRenderer {
    static override _template(): Lightning.Component.Template<ScreenTemplateSpec> {
      return {
        w: 1920,
        h: 1080,
        Banner: { type: InfoBanner, x: (1920 - BANNER_W) / 2, y: 1080 - 60 - BANNER_H },
        Entry: {
          x: 1824, y: 60, mountX: 1, rect: true, color: 0xe00b1524, alpha: 0, flex: { padding: 24 },
          EntryText: { text: { text: '', fontFace: FONT, fontSize: 64, textColor: 0xffffd54f } },
        },
        Notice: {
          x: 960, y: 110, mountX: 0.5, rect: true, color: 0xe0000000, alpha: 0, flex: { padding: 32 },
          NoticeText: { text: { text: '', fontFace: FONT, fontSize: 44, textColor: 0xffffffff } },
        },
        List: { type: ChannelList, x: 96, y: 90 },
      };
    }

    override _init(): void {
      this.tag('List')?.bind(controller);
      controller.attach(this);
      hooks.onInit();
    }

    override _getFocused(): Lightning.Component | undefined {
      return controller.listOpen ? this.tag('List') : undefined;
    }

    // ---- LiveTvRenderer ----

    banner(view: BannerView | undefined): void {
      this.tag('Banner')?.show(view);
    }

    entry(text: string | undefined): void {
      const box = this.tag('Entry');
      const label = this.tag('Entry.EntryText');
      if (label && text !== undefined) label.text = text;
      if (box) box.alpha = text === undefined ? 0 : 1;
    }

    list(view: ListView | undefined): void {
      this.tag('List')?.show(view);
      this._refocus();
    }

    notice(text: string | undefined): void {
      const box = this.tag('Notice');
      const label = this.tag('Notice.NoticeText');
      if (label && text !== undefined) label.text = text;
      if (box) box.alpha = text === undefined ? 0 : 1;
    }

    // ---- keys (the list, when open, takes its own first) ----

    _handleChannelUp(e?: KeyboardEvent): boolean { return this.#zap(1, e); }
    _handleChannelDown(e?: KeyboardEvent): boolean { return this.#zap(-1, e); }
    override _handleUp(e?: KeyboardEvent): boolean { return this.#zap(1, e); }
    override _handleDown(e?: KeyboardEvent): boolean { return this.#zap(-1, e); }

    override _handleEnter(e?: KeyboardEvent): boolean {
      const key = sdkKey(e);
      if (key?.kind === 'down') controller.enter(key);
      return true;
    }

    override _handleBack(e?: KeyboardEvent): boolean {
      const key = sdkKey(e);
      if (key?.kind === 'down') controller.back(key);
      return true;
    }

    override _handleExit(): boolean {
      controller.exit();
      return true;
    }

    _handleInfo(e?: KeyboardEvent): boolean {
      if (sdkKey(e)?.kind === 'down') controller.info();
      return true;
    }

    _handleDigit0(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit1(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit2(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit3(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit4(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit5(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit6(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit7(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit8(e?: KeyboardEvent): boolean { return this.#digit(e); }
    _handleDigit9(e?: KeyboardEvent): boolean { return this.#digit(e); }

    #zap(step: 1 | -1, e: KeyboardEvent | undefined): boolean {
      const key = sdkKey(e);
      // A held key zaps on every repeat, as a box does; the tuner drops the tunes it overtakes.
      if (key && (key.kind === 'down' || key.kind === 'repeat')) controller.zap(step, key.timeStamp);
      return true;
    }

    #digit(e: KeyboardEvent | undefined): boolean {
      const key = sdkKey(e);
      if (key) controller.digit(key);
      return true;
    }
  }
  return LiveTvScreen;
}
