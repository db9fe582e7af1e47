/**
 * `<yw-box-ca-screen>`: what the box's firmware draws over the picture while no app listens to CA events
 * (a page without the SDK's CA, or an app still starting): the sticky fingerprint and the OSD messages
 * still running. When an app listens, its own system UI draws them and this draws nothing, so they are
 * never shown twice. Sits over the device frame inside `<yw-tv-frame>`; positions are fractions of the screen.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { OsdPosition } from '../../../sdk/index.js';
import type { CaStickySummary } from './ca-sticky-state.js';

export class YwBoxCaScreen extends LitElement {
  static override properties = {
    screen: { attribute: false },
    active: { type: Boolean },
  };

  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      pointer-events: none;
      overflow: hidden;
      font-family: var(--yw-font, sans-serif);
      /* The screen is a size container (tv-frame): text scales with the picture. */
      font-size: 3.2cqh;
      color: #fff;
    }
    .fingerprint {
      position: absolute;
      padding: 0.1em 0.35em;
      background: rgb(0 0 0 / 45%);
      color: #ffeb3b;
      font-weight: 600;
      letter-spacing: 0.05em;
      white-space: nowrap;
      transform: translate(-50%, -50%);
    }
    .crawl {
      position: absolute;
      left: 0;
      right: 0;
      height: 1.6em;
      line-height: 1.6em;
      background: rgb(0 0 0 / 60%);
      overflow: hidden;
      white-space: nowrap;
    }
    .crawl.top { top: 4%; }
    .crawl.bottom { bottom: 4%; }
    .crawl span {
      display: inline-block;
      padding-left: 100%;
      animation: crawl 18s linear infinite;
    }
    @keyframes crawl {
      from { transform: translateX(0); }
      to { transform: translateX(-100%); }
    }
    .panel {
      position: absolute;
      display: flex;
      align-items: center;
      justify-content: center;
      padding: 1em;
      text-align: center;
      background: rgb(10 20 40 / 88%);
    }
    .panel.full { inset: 0; }
    .panel.half { left: 15%; right: 15%; top: 25%; bottom: 25%; border: 2px solid #4fa3ff; }
  `;

  /** What the box's CA has on screen. */
  declare screen: CaStickySummary | undefined;
  /** False while an app draws the CA itself. */
  declare active: boolean;

  /** Where a fingerprint without a CA-chosen position goes, per fingerprint shown. */
  private randomPlace: { readonly since: number; readonly x: number; readonly y: number } | undefined;

  constructor() {
    super();
    this.screen = undefined;
    this.active = true;
  }

  protected override render(): TemplateResult | typeof nothing {
    const screen = this.screen;
    if (!this.active || !screen) return nothing;
    const osd = (position: OsdPosition): string | undefined => screen.osd[position];
    return html`
      ${(['full', 'half'] as const).map((p) => {
        const text = osd(p);
        return text === undefined ? nothing : html`<div class="panel ${p}" data-position=${p}>${text}</div>`;
      })}
      ${(['top', 'bottom'] as const).map((p) => {
        const text = osd(p);
        return text === undefined ? nothing : html`<div class="crawl ${p}" data-position=${p}><span>${text}</span></div>`;
      })}
      ${this.fingerprint(screen)}
    `;
  }

  private fingerprint(screen: CaStickySummary): TemplateResult | typeof nothing {
    const fp = screen.fingerprint;
    if (!fp) return nothing;
    // The card id is what traces a re-broadcast; a vendor text is shown only without one.
    const text = fp.cardId ?? fp.text ?? '';
    let { x, y } = fp;
    if (x === undefined || y === undefined) {
      if (this.randomPlace?.since !== fp.since) {
        this.randomPlace = { since: fp.since, x: 0.15 + Math.random() * 0.7, y: 0.15 + Math.random() * 0.7 };
      }
      x ??= this.randomPlace.x;
      y ??= this.randomPlace.y;
    }
    return html`<div class="fingerprint" style="left:${x * 100}%;top:${y * 100}%">${text}</div>`;
  }
}

if (!customElements.get('yw-box-ca-screen')) customElements.define('yw-box-ca-screen', YwBoxCaScreen);

declare global {
  interface HTMLElementTagNameMap {
    'yw-box-ca-screen': YwBoxCaScreen;
  }
}
