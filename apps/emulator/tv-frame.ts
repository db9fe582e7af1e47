/**
 * `<yw-tv-frame>`: the TV. Shows the device frame at its logical resolution, scaled to fit the space the
 * element gets (aspect kept), inside a bezel, with an optional safe-area overlay (EBU R 95: action-safe
 * 3.5 %, title-safe 5 % from each edge). Children are drawn over the picture (the box's own on-screen layer).
 */
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';

/** Bezel thickness around the picture, in CSS px. */
const BEZEL_PX = 14;

export class YwTvFrame extends LitElement {
  static override properties = {
    frame: { attribute: false },
    screenWidth: { type: Number, attribute: 'screen-width' },
    screenHeight: { type: Number, attribute: 'screen-height' },
    safeArea: { type: Boolean, attribute: 'safe-area' },
    scale: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      position: relative;
      min-width: 0;
      min-height: 0;
      overflow: hidden;
    }
    .stage {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
    }
    .bezel {
      padding: ${BEZEL_PX}px;
      border-radius: 10px;
      background: linear-gradient(160deg, #2b3038, #0b0d10 60%);
      box-shadow: 0 10px 40px rgb(0 0 0 / 60%), inset 0 0 0 1px #3a414c;
    }
    .screen {
      position: relative;
      overflow: hidden;
      background: #000;
      /* What the box draws over the picture (slotted) sizes its text by the screen. */
      container-type: size;
    }
    .viewport {
      position: absolute;
      top: 0;
      left: 0;
      transform-origin: 0 0;
    }
    .viewport > iframe {
      display: block;
      width: 100%;
      height: 100%;
      border: 0;
      background: #000;
    }
    .safe {
      position: absolute;
      pointer-events: none;
      border: 1px dashed;
    }
    .safe span {
      position: absolute;
      top: 2px;
      left: 4px;
      font: 11px/1.2 var(--yw-font, sans-serif);
      padding: 1px 4px;
      background: rgb(0 0 0 / 55%);
    }
    .action {
      inset: 3.5%;
      border-color: #ffb340;
      color: #ffb340;
    }
    .title {
      inset: 5%;
      border-color: #4fd1ff;
      color: #4fd1ff;
    }
    .action span {
      left: auto;
      right: 4px;
    }
    .title span {
      top: auto;
      bottom: 2px;
    }
  `;

  /** The device frame to show (created by DeviceLink). */
  declare frame: HTMLIFrameElement | undefined;
  /** Logical resolution the device renders at. */
  declare screenWidth: number;
  declare screenHeight: number;
  declare safeArea: boolean;
  /** CSS px per logical px. */
  declare scale: number;

  private readonly resizeObserver = new ResizeObserver(() => this.fit());

  constructor() {
    super();
    this.frame = undefined;
    this.screenWidth = 1920;
    this.screenHeight = 1080;
    this.safeArea = false;
    this.scale = 0.25;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizeObserver.disconnect();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('screenWidth') || changed.has('screenHeight')) this.fit();
  }

  /** Recomputes the scale from the element's size. */
  fit(): void {
    const width = this.clientWidth - 2 * BEZEL_PX - 8;
    const height = this.clientHeight - 2 * BEZEL_PX - 8;
    const scale = Math.min(width / this.screenWidth, height / this.screenHeight);
    this.scale = Number.isFinite(scale) && scale > 0.05 ? scale : 0.05;
  }

  protected override render(): unknown {
    const w = this.screenWidth;
    const h = this.screenHeight;
    const s = this.scale;
    return html`
      <div class="stage">
        <div class="bezel">
          <div class="screen" part="screen" style="width:${w * s}px;height:${h * s}px">
            <div class="viewport" style="width:${w}px;height:${h}px;transform:scale(${s})">${this.frame ?? nothing}</div>
            <slot></slot>
            ${this.safeArea
              ? html`<div class="safe action"><span>action safe 3.5% · 动作安全区</span></div>
                  <div class="safe title"><span>title safe 5% · 字幕安全区</span></div>`
              : nothing}
          </div>
        </div>
      </div>
    `;
  }
}

if (!customElements.get('yw-tv-frame')) customElements.define('yw-tv-frame', YwTvFrame);

declare global {
  interface HTMLElementTagNameMap {
    'yw-tv-frame': YwTvFrame;
  }
}
