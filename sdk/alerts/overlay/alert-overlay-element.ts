/**
 * `<yw-alert-overlay>`: draws what `mountAlertOverlay` decided. A level 1–2 alert fills the screen (red or
 * orange, white text); level 3–4 alerts and drills crawl right to left along the top (yellow or blue). The
 * host covers the viewport at the highest z-index and takes no pointer events; its content sits in one
 * `<dialog>` that is shown in the browser's top layer, above the app's own dialogs, popovers and
 * fullscreen element: as a modal dialog for a takeover (the app behind is inert), as a manual popover for
 * banners (the app stays usable). Where the top layer is missing it falls back to the z-index.
 *
 * Sizes are in 1080-line units (`--u`), so text is as large on a 720p box as on a 1080p one.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { layerDialog, UNHIDEABLE_HOST } from '../../overlays/top-layer/layer-styles.js';
import type { AlertLevel } from '../model.js';
import { defaultAlertOverlayConfig, type AlertLevelColours } from './overlay-options.js';
import {
  crawlText, dismissHint, DRILL_LABEL, eventNameOf, formatTime, headlineOf, labelsFor, senderOf, bcp47, type OverlayView,
  type ShownAlert,
} from './overlay-view.js';

export const ALERT_OVERLAY_TAG = 'yw-alert-overlay';

/** What the live region says, with a serial so the same words can be announced again. */
export interface OverlayAnnouncement {
  readonly text: string;
  readonly lang: string;
  readonly serial: number;
}

/** Crawl speed fallback before layout: width of the text estimated from its characters. */
function estimateWidthPx(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.55;
  return em * fontPx;
}

/** CSS `:modal` / `:popover-open` support differs between box browsers; an unknown selector throws. */
function matchesSafe(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

export class YwAlertOverlay extends LitElement {
  static override properties = {
    view: { attribute: false },
    announcement: { attribute: false },
    colours: { attribute: false },
    dismissable: { attribute: false },
    dismissKeys: { attribute: false },
    crawlPixelsPerSecond: { attribute: false },
    timeZone: { attribute: false },
  };

  static override styles = [layerDialog, css`
    :host {
      ${UNHIDEABLE_HOST}
      position: fixed !important;
      inset: 0 !important;
      z-index: 2147483647 !important;
      margin: 0;
      padding: 0;
      border: 0;
      background: transparent;
      --u: calc(100vh / 1080);
      font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
      line-height: 1.3;
      letter-spacing: normal;
      text-align: start;
      text-transform: none;
      direction: ltr;
    }
    .live {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .takeover {
      pointer-events: auto;
      position: absolute;
      inset: 0;
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: calc(var(--u) * 28);
      padding: calc(var(--u) * 64) calc(var(--u) * 110);
      background: var(--bg);
      color: var(--fg);
      font-size: calc(var(--u) * 52);
    }
    .takeover .top { display: flex; flex-wrap: wrap; gap: calc(var(--u) * 24); align-items: center; font-size: calc(var(--u) * 48); }
    .takeover .level {
      border: calc(var(--u) * 4) solid currentColor;
      padding: calc(var(--u) * 4) calc(var(--u) * 20);
      font-weight: 700;
    }
    .takeover .event { font-weight: 700; }
    .takeover h1 { margin: 0; font-size: calc(var(--u) * 84); line-height: 1.15; font-weight: 800; }
    .takeover .body { flex: 1; min-height: 0; overflow: hidden; }
    .takeover .scroller.scrolling { animation: yw-scroll var(--yw-scroll-duration, 20s) linear infinite; }
    .takeover p { margin: 0 0 calc(var(--u) * 24); font-size: calc(var(--u) * 56); }
    .takeover .instruction { font-weight: 700; border-inline-start: calc(var(--u) * 10) solid currentColor; padding-inline-start: calc(var(--u) * 24); }
    .takeover footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: calc(var(--u) * 24); font-size: calc(var(--u) * 48); }
    .takeover .others { margin: 0; padding: calc(var(--u) * 16) 0 0; list-style: none; border-top: calc(var(--u) * 3) solid currentColor; font-size: calc(var(--u) * 48); }
    .takeover .others li { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .banners { position: absolute; top: 0; left: 0; right: 0; display: flex; flex-direction: column; }
    .banner {
      pointer-events: auto;
      display: flex;
      align-items: stretch;
      height: calc(var(--u) * 84);
      background: var(--bg);
      color: var(--fg);
      font-size: calc(var(--u) * 44);
      box-shadow: 0 calc(var(--u) * 4) calc(var(--u) * 16) rgba(0, 0, 0, 0.45);
    }
    .banner .tag {
      display: flex;
      align-items: center;
      padding: 0 calc(var(--u) * 24);
      font-weight: 800;
      white-space: nowrap;
      border-inline-end: calc(var(--u) * 4) solid currentColor;
    }
    .banner.drill .tag { background: repeating-linear-gradient(135deg, rgba(0, 0, 0, 0.25) 0 calc(var(--u) * 14), transparent 0 calc(var(--u) * 28)); }
    .banner .window { position: relative; flex: 1; overflow: hidden; }
    .banner .crawl {
      position: absolute;
      top: 0;
      bottom: 0;
      left: 0;
      display: flex;
      align-items: center;
      white-space: nowrap;
      padding-left: 100%;
      font-weight: 600;
      animation: yw-crawl var(--yw-crawl-duration, 20s) linear infinite;
    }
    .banner .hint { display: flex; align-items: center; padding: 0 calc(var(--u) * 20); font-size: calc(var(--u) * 30); white-space: nowrap; }
    .waiting {
      pointer-events: auto;
      align-self: flex-end;
      padding: calc(var(--u) * 6) calc(var(--u) * 20);
      background: rgba(0, 0, 0, 0.75);
      color: #fff;
      font-size: calc(var(--u) * 30);
    }
    @keyframes yw-crawl { from { transform: translateX(0); } to { transform: translateX(-100%); } }
    @keyframes yw-scroll {
      0%, 12% { transform: translateY(0); }
      88%, 100% { transform: translateY(var(--yw-scroll-distance, 0)); }
    }
    @media (prefers-reduced-motion: reduce) {
      .banner .crawl { animation-duration: calc(var(--yw-crawl-duration, 20s) * 1.5); }
    }
  `];

  /** What to show. */
  declare view: OverlayView;
  /** The latest announcement for the live region. */
  declare announcement: OverlayAnnouncement | undefined;
  declare colours: Readonly<Record<AlertLevel, AlertLevelColours>>;
  /** Keys of banners the viewer may dismiss now (they show the hint). */
  declare dismissable: ReadonlySet<string>;
  declare dismissKeys: readonly string[];
  declare crawlPixelsPerSecond: number;
  declare timeZone: string | undefined;

  /** Called after the layer entered the top layer by itself (`mountAlertOverlay` tells the top-layer stack). */
  topLayerEntered: (() => void) | undefined = undefined;

  /** Crawl text each banner element was last timed for. */
  private readonly timed = new WeakMap<Element, string>();
  private scrollTimedFor = '';

  constructor() {
    super();
    const d = defaultAlertOverlayConfig();
    this.view = { mode: 'none' };
    this.announcement = undefined;
    this.colours = d.colours;
    this.dismissable = new Set();
    this.dismissKeys = d.dismissKey;
    this.crawlPixelsPerSecond = d.crawlPixelsPerSecond;
    this.timeZone = d.timeZone;
  }

  /** The `<dialog>` holding everything shown (undefined before the first render). */
  get layer(): HTMLDialogElement | undefined {
    return this.renderRoot.querySelector<HTMLDialogElement>('dialog.layer') ?? undefined;
  }

  /**
   * Moves the layer to the top of the browser's top layer again (after the app opened a dialog, a popover or
   * went fullscreen above it). Does nothing when nothing is shown.
   */
  reassert(): void {
    const layer = this.layer;
    if (!layer || this.view.mode === 'none') return;
    this.closeLayer(layer);
    this.syncLayer();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved or re-attached: removal from the document took the layer out of the top layer.
    if (this.hasUpdated) queueMicrotask(() => this.syncLayer());
  }

  protected override firstUpdated(): void {
    const layer = this.layer;
    if (!layer) return;
    // Escape and other close requests must not close an emergency alert; `mountAlertOverlay` holds the keys,
    // and whatever closes it anyway (a browser's close watcher) is undone here.
    layer.addEventListener('cancel', (e) => e.preventDefault());
    layer.addEventListener('close', () => this.syncLayer());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('view')) this.syncLayer();
    this.timeCrawls();
    this.timeTakeoverScroll();
  }

  /** Puts the layer in the state the view needs: closed, a popover, or a modal dialog. */
  private syncLayer(): void {
    const layer = this.layer;
    if (!layer || !this.isConnected) return;
    const mode = this.view.mode;
    if (mode === 'none') {
      this.closeLayer(layer);
      return;
    }
    const modal = matchesSafe(layer, ':modal');
    const popover = matchesSafe(layer, ':popover-open');
    if (mode === 'takeover' ? modal : popover) return;
    this.closeLayer(layer);
    try {
      if (mode === 'takeover' && typeof layer.showModal === 'function') {
        layer.showModal();
        this.topLayerEntered?.();
        return;
      }
      if (mode === 'banner' && typeof layer.showPopover === 'function') {
        layer.showPopover();
        this.topLayerEntered?.();
        return;
      }
    } catch (err) {
      console.warn('[yiwang] alert overlay: the top layer refused the overlay; falling back to z-index', err);
    }
    // No top layer (older box browsers): an open dialog in the fixed, highest z-index host.
    layer.setAttribute('open', '');
  }

  private closeLayer(layer: HTMLDialogElement): void {
    if (matchesSafe(layer, ':popover-open')) layer.hidePopover();
    if (layer.open) {
      if (typeof layer.close === 'function') layer.close();
      else layer.removeAttribute('open');
    }
  }

  /** Times each crawl from its measured width, so every banner moves at the same speed. */
  private timeCrawls(): void {
    const scale = (window.innerHeight || 1080) / 1080;
    const speed = this.crawlPixelsPerSecond * scale;
    for (const crawl of this.renderRoot.querySelectorAll<HTMLElement>('.crawl')) {
      const text = crawl.textContent;
      if (this.timed.get(crawl) === text) continue;
      const measured = crawl.offsetWidth;
      if (measured <= 0) continue;
      this.timed.set(crawl, text);
      crawl.style.setProperty('--yw-crawl-duration', `${(measured / speed).toFixed(2)}s`);
    }
  }

  /** A description taller than the screen scrolls slowly up and back: the viewer cannot scroll it. */
  private timeTakeoverScroll(): void {
    const body = this.renderRoot.querySelector<HTMLElement>('.takeover .body');
    const scroller = body?.querySelector<HTMLElement>('.scroller');
    if (!body || !scroller) {
      this.scrollTimedFor = '';
      return;
    }
    const text = scroller.textContent;
    if (this.scrollTimedFor === text) return;
    this.scrollTimedFor = text;
    const overflow = scroller.scrollHeight - body.clientHeight;
    scroller.classList.toggle('scrolling', overflow > 2);
    if (overflow > 2) {
      const scale = (window.innerHeight || 1080) / 1080;
      scroller.style.setProperty('--yw-scroll-distance', `${-overflow}px`);
      // About 40 px/s at 1080 lines while moving (76 % of the cycle), both ways.
      scroller.style.setProperty('--yw-scroll-duration', `${((overflow / (40 * scale)) / 0.76).toFixed(1)}s`);
    }
  }

  private colourStyle(level: AlertLevel): string {
    const c = this.colours[level];
    return `--bg: ${c.background}; --fg: ${c.text};`;
  }

  private renderTakeover(shown: ShownAlert, others: readonly ShownAlert[]): TemplateResult {
    const a = shown.active;
    const labels = labelsFor(a.language, a.alert.level);
    const event = eventNameOf(a);
    const headline = headlineOf(a);
    return html`
      <section class="takeover level-${a.alert.level}" data-key=${a.alert.key} lang=${bcp47(a.language)}
        style=${this.colourStyle(a.alert.level)}>
        <div class="top">
          <span class="level">${labels.level}</span>
          ${event && event !== headline ? html`<span class="event">${event}</span>` : nothing}
        </div>
        <h1 class="headline">${headline}</h1>
        <div class="body"><div class="scroller">
          ${a.text.description ? html`<p class="description">${a.text.description}</p>` : nothing}
          ${a.text.instruction ? html`<p class="instruction">${a.text.instruction}</p>` : nothing}
        </div></div>
        <footer>
          <span class="sender">${senderOf(a)}</span>
          <span class="time">${labels.issued} ${formatTime(a.alert.sent, this.timeZone)}</span>
        </footer>
        ${others.length > 0 ? html`
          <ul class="others" aria-label=${labels.alsoInEffect}>
            ${others.slice(0, 3).map((o) => html`<li data-key=${o.active.alert.key}>
              ${o.drill ? `${DRILL_LABEL} · ` : ''}${labelsFor(o.active.language, o.active.alert.level).short} · ${headlineOf(o.active)}</li>`)}
            ${others.length > 3 ? html`<li>${labels.more(others.length - 3)}</li>` : nothing}
          </ul>` : nothing}
      </section>`;
  }

  private renderBanner(shown: ShownAlert): TemplateResult {
    const a = shown.active;
    const labels = labelsFor(a.language, a.alert.level);
    const text = crawlText(shown);
    const fontPx = 44 * ((window.innerHeight || 1080) / 1080);
    const estimate = (estimateWidthPx(text, fontPx) + window.innerWidth) / (this.crawlPixelsPerSecond * fontPx / 44);
    return html`
      <div class="banner level-${a.alert.level} ${shown.drill ? 'drill' : ''}" data-key=${a.alert.key}
        lang=${bcp47(a.language)} style=${this.colourStyle(a.alert.level)}>
        <span class="tag">${shown.drill ? `${DRILL_LABEL} · ` : ''}${labels.short}</span>
        <div class="window"><span class="crawl" style="--yw-crawl-duration: ${estimate.toFixed(2)}s">${text}</span></div>
        ${this.dismissable.has(a.alert.key) ? html`<span class="hint">${dismissHint(a.language, this.dismissKeys)}</span>` : nothing}
      </div>`;
  }

  private renderContent(): TemplateResult | typeof nothing {
    const view = this.view;
    if (view.mode === 'takeover') return this.renderTakeover(view.takeover, view.others);
    if (view.mode === 'banner') {
      const first = view.banners[0];
      return html`
        <div class="banners">
          ${repeat(view.banners, (b) => b.active.alert.key, (b) => this.renderBanner(b))}
          ${view.waiting > 0 && first ? html`<span class="waiting">${labelsFor(first.active.language, first.active.alert.level).more(view.waiting)}</span>` : nothing}
        </div>`;
    }
    return nothing;
  }

  protected override render(): TemplateResult {
    const said = this.announcement;
    return html`
      <dialog class="layer" popover="manual" aria-label="应急广播 Emergency alert">
        <div class="live" role="alert" aria-live="assertive" aria-atomic="true" lang=${said?.lang ?? 'zh-CN'}>${said?.text ?? ''}</div>
        ${this.renderContent()}
      </dialog>`;
  }
}

/** Defines `<yw-alert-overlay>` once (a no-op when already defined or without custom elements). */
export function defineAlertOverlayElement(): void {
  if (typeof customElements === 'undefined' || customElements.get(ALERT_OVERLAY_TAG)) return;
  customElements.define(ALERT_OVERLAY_TAG, YwAlertOverlay);
}

declare global {
  interface HTMLElementTagNameMap {
    'yw-alert-overlay': YwAlertOverlay;
  }
}
