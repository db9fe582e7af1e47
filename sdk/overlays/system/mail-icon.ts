/**
 * `<yiwang-mail-icon>`: the CA mail icon in the top-right corner (`EmailNotifyIcon`): steady for new mail,
 * blinking when the mailbox is full. Takes no keys; reading mail is the app's (`ca.module.getMails`).
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CaView } from '../../ca/conditional-access-types.js';
import { partHost } from './system-ui-styles.js';

export const MAIL_ICON_TAG = 'yiwang-mail-icon';

export class YiwangMailIcon extends LitElement {
  static override properties = { state: { reflect: true } };

  static override styles = [partHost, css`
    .icon {
      position: absolute;
      top: calc(var(--u) * 54);
      right: calc(var(--u) * 96);
      width: calc(var(--u) * 84);
      height: calc(var(--u) * 60);
      color: #ffd54a;
      filter: drop-shadow(0 0 calc(var(--u) * 4) rgba(0, 0, 0, 0.8));
    }
    .icon.full { color: #ff6b5a; animation: yiwang-blink 1s steps(1, end) infinite; }
    svg { width: 100%; height: 100%; display: block; }
    @keyframes yiwang-blink { 50% { visibility: hidden; } }
  `];

  declare state: CaView['mail'];

  constructor() {
    super();
    this.state = 'none';
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.state === 'none') return nothing;
    const label = this.state === 'full' ? '邮箱已满，请删除邮件' : '您有新邮件';
    return html`<div class="icon ${this.state}" role="img" aria-label=${label} title=${label}>
      <svg viewBox="0 0 28 20" aria-hidden="true"><rect x="1" y="1" width="26" height="18" rx="2" fill="none"
        stroke="currentColor" stroke-width="2"/><path d="M2 2 L14 11 L26 2" fill="none" stroke="currentColor"
        stroke-width="2"/></svg></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-mail-icon': YiwangMailIcon;
  }
}
