/**
 * `<yiwang-upgrade-strip>`: smart-card upgrade progress (`ShowProgressStrip`): the phase (receiving the
 * patch, then patching), a progress bar and the warning not to pull the card. Takes no keys.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CaView } from '../../ca/conditional-access-types.js';
import { panel, partHost } from './system-ui-styles.js';

export const UPGRADE_STRIP_TAG = 'yiwang-upgrade-strip';

const PHASE_TEXT = { receiving: '智能卡升级：正在接收数据', patching: '智能卡升级：正在写入' } as const;

export class YiwangUpgradeStrip extends LitElement {
  static override properties = { upgrade: { attribute: false } };

  static override styles = [partHost, panel, css`
    .strip {
      position: absolute;
      left: 50%;
      bottom: calc(var(--u) * 140);
      transform: translateX(-50%);
      width: calc(var(--u) * 1100);
      padding: calc(var(--u) * 20) calc(var(--u) * 36);
      font-size: calc(var(--u) * 32);
    }
    .row { display: flex; justify-content: space-between; gap: calc(var(--u) * 24); }
    .bar { margin-top: calc(var(--u) * 14); height: calc(var(--u) * 18); background: rgba(255, 255, 255, 0.2); border-radius: calc(var(--u) * 9); overflow: hidden; }
    .fill { height: 100%; background: #4fc3f7; }
    .warn { margin-top: calc(var(--u) * 10); font-size: calc(var(--u) * 28); color: #ffd54a; }
  `];

  declare upgrade: CaView['upgrade'];

  constructor() {
    super();
    this.upgrade = undefined;
  }

  protected override render(): TemplateResult | typeof nothing {
    const u = this.upgrade;
    if (!u) return nothing;
    const percent = Math.round(Math.min(100, Math.max(0, Number.isFinite(u.percent) ? u.percent : 0)));
    return html`<div class="panel strip" role="status" lang="zh-CN" data-phase=${u.phase}>
      <div class="row"><span>${PHASE_TEXT[u.phase]}</span><span class="percent">${percent}%</span></div>
      <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}>
        <div class="fill" style="width: ${percent}%"></div></div>
      <div class="warn">请不要拔卡或者关机</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-upgrade-strip': YiwangUpgradeStrip;
  }
}
