/**
 * `<yiwang-feed-notice>`: a child card asks to be fed from its parent card (`RequestFeeding`): tells the
 * viewer to insert the parent card. Takes no keys; the feeding itself is the app's settings page
 * (`ca.module.readParentFeed` / `writeChildFeed`).
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CaView } from '../../ca/conditional-access-types.js';
import { panel, partHost } from './system-ui-styles.js';

export const FEED_NOTICE_TAG = 'yiwang-feed-notice';

export class YiwangFeedNotice extends LitElement {
  static override properties = { request: { attribute: false } };

  static override styles = [partHost, panel, css`
    .notice {
      position: absolute;
      left: 50%;
      top: calc(var(--u) * 150);
      transform: translateX(-50%);
      max-width: calc(var(--u) * 1300);
      padding: calc(var(--u) * 22) calc(var(--u) * 40);
      font-size: calc(var(--u) * 34);
      text-align: center;
    }
    .operator { font-size: calc(var(--u) * 26); opacity: 0.8; }
  `];

  declare request: CaView['feedRequest'];

  constructor() {
    super();
    this.request = undefined;
  }

  protected override render(): TemplateResult | typeof nothing {
    const r = this.request;
    if (!r) return nothing;
    return html`<div class="panel notice" role="status" lang="zh-CN">
      <div>子卡需要喂养，请插入母卡</div>
      <div class="operator">运营商 ${r.operatorId}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-feed-notice': YiwangFeedNotice;
  }
}
