/**
 * `<yiwang-osd-panel>`: an operator OSD message on a full-screen or half-screen panel (`ShowOSDMessage`
 * styles 3 and 4). The full panel covers the picture; the half panel the lower half of it.
 *
 * Lifecycle: a message (told apart by `OsdView.id`) with `durationMs` dispatches one `yiwang-osd-done` event
 * (`detail: { position, id }`) once it has been shown that long; without it, it stays until replaced or
 * cleared. A message replaced or cleared first dispatches nothing. Time out of the document (an app removed
 * the layer) does not count; a move within it (`moveBefore`) changes nothing. Takes no keys.
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { OsdView } from '../../ca/conditional-access-types.js';
import type { OsdDoneDetail } from './osd-crawl.js';
import { panel, partHost } from './system-ui-styles.js';

export const OSD_PANEL_TAG = 'yiwang-osd-panel';

export class YiwangOsdPanel extends LitElement {
  static override properties = {
    osd: { attribute: false },
    position: { reflect: true },
  };

  static override styles = [partHost, panel, css`
    .panel {
      position: absolute;
      display: flex;
      align-items: center;
      justify-content: center;
      text-align: center;
      overflow: hidden;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .full {
      left: calc(var(--u) * 96);
      right: calc(var(--u) * 96);
      top: calc(var(--u) * 54);
      bottom: calc(var(--u) * 54);
      padding: calc(var(--u) * 80);
      font-size: calc(var(--u) * 56);
      background: rgba(8, 14, 28, 0.96);
    }
    .half {
      left: calc(var(--u) * 96);
      right: calc(var(--u) * 96);
      bottom: calc(var(--u) * 54);
      height: calc(var(--u) * 486);
      padding: calc(var(--u) * 48) calc(var(--u) * 72);
      font-size: calc(var(--u) * 46);
    }
  `];

  declare osd: OsdView | undefined;
  declare position: 'full' | 'half';

  /** The message shown, and how long it still has to show (undefined: no duration, or done). */
  private timed: { readonly osd: OsdView; remainingMs: number | undefined } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the running timer was set (performance.now()). */
  private armedAt = 0;

  constructor() {
    super();
    this.osd = undefined;
    this.position = 'full';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.arm();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The layer may be put back (an app removed it): the message keeps the time it has left.
    this.disarm();
  }

  /** Moved with `moveBefore` (the stack re-ordering the layer): the timer goes on untouched. */
  connectedMoveCallback(): void {
    // Without this the browser calls disconnectedCallback and connectedCallback for a move.
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('osd')) return;
    const osd = this.osd;
    if (osd !== undefined && osd.id === this.timed?.osd.id) return;
    this.disarm();
    this.timed = osd && { osd, remainingMs: osd.durationMs === undefined ? undefined : Math.max(0, osd.durationMs) };
    if (this.isConnected) this.arm();
  }

  private arm(): void {
    const timed = this.timed;
    if (timed?.remainingMs === undefined || this.timer !== undefined) return;
    this.armedAt = performance.now();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      timed.remainingMs = undefined;
      const { position, id } = timed.osd;
      this.dispatchEvent(new CustomEvent<OsdDoneDetail>('yiwang-osd-done', { detail: { position, id } }));
    }, timed.remainingMs);
  }

  /** Stops the timer, keeping the time left. */
  private disarm(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const timed = this.timed;
    if (timed?.remainingMs !== undefined) timed.remainingMs = Math.max(0, timed.remainingMs - (performance.now() - this.armedAt));
  }

  protected override render(): TemplateResult | typeof nothing {
    const osd = this.osd;
    if (!osd) return nothing;
    return html`<div class="panel ${this.position}" role="status" lang="zh-CN" data-id=${osd.id}>${osd.text}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-osd-panel': YiwangOsdPanel;
  }
}
