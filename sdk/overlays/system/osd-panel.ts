/**
 * `<yiwang-osd-panel>`: an operator OSD message on a full-screen or half-screen panel (`ShowOSDMessage`
 * styles 3 and 4). The full panel covers the picture; the half panel the lower half of it.
 *
 * Lifecycle: a message (told apart by `OsdView.id`) with `durationMs` dispatches one `yiwang-osd-done` event
 * (`detail: { position, id }`) that long after it was first shown; without it, it stays until replaced or
 * cleared. A message replaced or cleared first dispatches nothing. Takes no keys.
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

  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedId: number | undefined;

  constructor() {
    super();
    this.osd = undefined;
    this.position = 'full';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.clearTimer();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('osd')) return;
    const osd = this.osd;
    if (osd?.id === this.timedId && osd !== undefined) return;
    this.clearTimer();
    if (!osd) return;
    this.timedId = osd.id;
    if (osd.durationMs === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dispatchEvent(new CustomEvent<OsdDoneDetail>('yiwang-osd-done', { detail: { position: osd.position, id: osd.id } }));
    }, Math.max(0, osd.durationMs));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timedId = undefined;
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
