/**
 * `<yiwang-osd-crawl>`: an operator OSD message scrolling right to left along the top or bottom of the
 * screen, at `pixelsPerSecond` (1080-line pixels, scaled with the screen).
 *
 * Lifecycle: a message (told apart by `OsdView.id`) starts from the right edge when set. With `loops` it
 * crosses the screen that many times and then dispatches one `yiwang-osd-done` event
 * (`detail: { position, id }`); without `loops` it runs until replaced or cleared, and never dispatches.
 * A message replaced or cleared before its loops ran out dispatches nothing. Moved in the document, it keeps
 * running; taken out, it pauses and goes on from there when put back (the viewer did not see it meanwhile).
 * Takes no keys.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { OsdView } from '../../ca/conditional-access-types.js';
import { partHost } from './system-ui-styles.js';

export const OSD_CRAWL_TAG = 'yiwang-osd-crawl';

/** Sent when a message with `loops` has run them all. */
export interface OsdDoneDetail {
  readonly position: OsdView['position'];
  readonly id: number;
}

export class YiwangOsdCrawl extends LitElement {
  static override properties = {
    osd: { attribute: false },
    position: { reflect: true },
    pixelsPerSecond: { attribute: false },
  };

  static override styles = [partHost, css`
    .strip {
      position: absolute;
      left: 0;
      right: 0;
      height: calc(var(--u) * 72);
      overflow: hidden;
      background: rgba(0, 0, 0, 0.62);
      color: #fff;
      font-size: calc(var(--u) * 40);
      display: flex;
      align-items: center;
    }
    .strip.top { top: calc(var(--u) * 54); }
    .strip.bottom { bottom: calc(var(--u) * 54); }
    .text {
      position: absolute;
      left: 0;
      white-space: nowrap;
      will-change: transform;
      /* Off screen until the animation places it. */
      transform: translateX(100vw);
    }
  `];

  /** The message shown; undefined hides the strip. */
  declare osd: OsdView | undefined;
  declare position: 'top' | 'bottom';
  declare pixelsPerSecond: number;

  private animation: Animation | undefined;
  private animatedId: number | undefined;

  constructor() {
    super();
    this.osd = undefined;
    this.position = 'top';
    this.pixelsPerSecond = 120;
  }

  /** Messages crossed so far by the one running (0 before the first crossing ends); for diagnostics. */
  get crossings(): number {
    const a = this.animation;
    if (!a) return 0;
    const timing = a.effect?.getComputedTiming();
    return Math.floor(timing?.currentIteration ?? 0);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.animation?.playState === 'paused') this.animation.play();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Paused, not cancelled: the layer may be put back (an app removed it), and a message with loops must
    // still run them and report done, or its position's queue stalls.
    if (this.animation?.playState === 'running') this.animation.pause();
  }

  /** Moved with `moveBefore` (the stack re-ordering the layer): the animation goes on untouched. */
  connectedMoveCallback(): void {
    // Without this the browser calls disconnectedCallback and connectedCallback for a move.
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('osd') && !changed.has('pixelsPerSecond')) return;
    const osd = this.osd;
    if (!osd) {
      this.stop();
      return;
    }
    if (osd.id === this.animatedId && !changed.has('pixelsPerSecond')) return;
    this.start(osd);
  }

  private stop(): void {
    this.animation?.cancel();
    this.animation = undefined;
    this.animatedId = undefined;
  }

  private start(osd: OsdView): void {
    this.stop();
    const text = this.renderRoot.querySelector<HTMLElement>('.text');
    const strip = this.renderRoot.querySelector<HTMLElement>('.strip');
    if (!text || !strip || typeof text.animate !== 'function') return;
    const from = strip.clientWidth || window.innerWidth;
    const width = text.scrollWidth;
    const scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080) || 1;
    const speed = Math.max(1, this.pixelsPerSecond) * scale;
    const duration = ((from + width) / speed) * 1000;
    const iterations = osd.loops === undefined ? Infinity : Math.max(1, Math.floor(osd.loops));
    const animation = text.animate(
      [{ transform: `translateX(${from}px)` }, { transform: `translateX(${-width}px)` }],
      { duration, iterations, easing: 'linear' },
    );
    this.animation = animation;
    this.animatedId = osd.id;
    // Set while the layer is out of the document: it starts when put back.
    if (!this.isConnected) animation.pause();
    if (iterations === Infinity) return;
    animation.finished.then(() => {
      // Replaced or cleared meanwhile: that message is not done, it was taken away.
      if (this.animation !== animation) return;
      this.dispatchEvent(new CustomEvent<OsdDoneDetail>('yiwang-osd-done', { detail: { position: osd.position, id: osd.id } }));
    }, () => {
      // Cancelled (replaced or cleared).
    });
  }

  protected override render(): TemplateResult | typeof nothing {
    const osd = this.osd;
    if (!osd) return nothing;
    return html`<div class="strip ${this.position}" role="marquee" aria-live="off" lang="zh-CN" data-id=${osd.id}>
      <span class="text">${osd.text}</span></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-osd-crawl': YiwangOsdCrawl;
  }
}
