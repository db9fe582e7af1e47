// The info banner along the bottom of the picture: number, logo, name, marks, now/next with times, a
// progress bar of the programme on air, and the clock. Each text is re-rasterized only when it changes.
import { Lightning } from '@lightningjs/sdk';
import type { BannerView } from './controller.js';
import { channelNumberText, FONT } from './format.js';

export const BANNER_W = 1728;
export const BANNER_H = 230;
const PROGRESS_W = 300;

interface BannerTemplateSpec extends Lightning.Component.TemplateSpec {
  Number: object;
  Logo: object;
  Name: object;
  Marks: object;
  Clock: object;
  Now: object;
  Next: object;
  ProgressBg: { ProgressFill: object };
}

type BannerText = 'Number' | 'Name' | 'Marks' | 'Clock' | 'Now' | 'Next';

export class InfoBanner
  extends Lightning.Component<BannerTemplateSpec>
  implements Lightning.Component.ImplementTemplateSpec<BannerTemplateSpec> {
  readonly #texts = new Map<BannerText, string>();
  #logo: string | undefined;

  static override _template(): Lightning.Component.Template<BannerTemplateSpec> {
    const text = (fontSize: number, textColor: number, extra: object = {}): object => ({
      text: { text: '', fontFace: FONT, fontSize, textColor, maxLines: 1, ...extra },
    });
    return {
      w: BANNER_W, h: BANNER_H, rect: true, color: 0xe00b1524, alpha: 0,
      Number: { x: 36, y: 22, ...text(76, 0xffffd54f) },
      Logo: { x: 40, y: 130, w: 136, h: 76, alpha: 0 },
      Name: { x: 236, y: 26, ...text(50, 0xffffffff, { wordWrapWidth: 1100 }) },
      Marks: { x: 236, y: 94, ...text(26, 0xffffab40) },
      Clock: { x: BANNER_W - 36, y: 26, mountX: 1, ...text(48, 0xffffffff) },
      Now: { x: 236, y: 134, ...text(34, 0xffffffff, { wordWrapWidth: 1080 }) },
      Next: { x: 236, y: 182, ...text(28, 0xffa9bdd6, { wordWrapWidth: 1080 }) },
      ProgressBg: {
        x: BANNER_W - 36 - PROGRESS_W, y: 152, w: PROGRESS_W, h: 10, rect: true, color: 0xff34465e, alpha: 0,
        ProgressFill: { w: 0, h: 10, rect: true, color: 0xffffd54f },
      },
    };
  }

  /** Shows `view`, or hides the banner. */
  show(view: BannerView | undefined): void {
    if (!view) {
      this.alpha = 0;
      return;
    }
    this.#set('Number', channelNumberText(view.number));
    this.#set('Name', view.name);
    this.#set('Marks', view.marks);
    this.#set('Clock', view.clock);
    this.#set('Now', view.now ? `正在播放 Now  ${view.now.slot}  ${view.now.title}` : '暂无节目信息 No programme information');
    this.#set('Next', view.next ? `下一节目 Next  ${view.next.slot}  ${view.next.title}` : '');
    const logo = this.tag('Logo');
    if (logo && view.logo !== this.#logo) {
      this.#logo = view.logo;
      if (view.logo) logo.patch({ src: view.logo, alpha: 1 });
      else logo.patch({ alpha: 0 });
    }
    const bar = this.tag('ProgressBg');
    if (bar) bar.alpha = view.progress === undefined ? 0 : 1;
    const fill = this.tag('ProgressBg.ProgressFill');
    if (fill) fill.w = Math.round(PROGRESS_W * (view.progress ?? 0));
    this.alpha = 1;
  }

  #set(ref: BannerText, text: string): void {
    if (this.#texts.get(ref) === text) return;
    this.#texts.set(ref, text);
    const el = this.tag(ref);
    if (el) el.text = text;
  }
}
