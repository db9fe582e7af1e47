/**
 * `<yw-alert-demo>`: a fake TV programme (a moving picture, the channel, a clock) with the demo's controls
 * along the bottom: buttons (and remote keys 1–5, 0) that inject sample alerts or cancel them, and a status
 * line. The alerts themselves are drawn by the SDK's overlay, not here.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { DemoChannel } from './demo-tuner.js';
import { SAMPLE_LABELS, type SampleId } from './sample-alerts.js';

export interface DemoStatus {
  readonly region: string;
  readonly delivery: string;
  readonly inband: string;
  readonly active: number;
  readonly drills: number;
  readonly last?: string;
}

/** Sample buttons in order, with the remote key that injects each. */
export const SAMPLE_KEYS: ReadonlyArray<readonly [SampleId, string]> = [
  ['red', '1'], ['orange', '2'], ['yellow', '3'], ['blue', '4'], ['drill', '5'],
];

function hms(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export class YwAlertDemo extends LitElement {
  static override properties = {
    channel: { attribute: false },
    channelLabel: { attribute: false },
    now: { attribute: false },
    status: { attribute: false },
  };

  static override styles = css`
    :host {
      --u: calc(100vh / 1080);
      position: absolute;
      inset: 0;
      overflow: hidden;
      color: #fff;
      font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', sans-serif;
      font-size: calc(var(--u) * 30);
    }
    .picture {
      position: absolute;
      inset: 0;
      background: linear-gradient(120deg, var(--c1), var(--c2), var(--c1));
      background-size: 300% 300%;
      animation: pan 14s ease-in-out infinite;
    }
    .ball {
      position: absolute;
      width: calc(var(--u) * 220);
      height: calc(var(--u) * 220);
      border-radius: 50%;
      background: radial-gradient(circle at 35% 35%, rgba(255, 255, 255, 0.75), rgba(255, 255, 255, 0.05) 70%);
      animation: drift 9s ease-in-out infinite alternate;
    }
    @keyframes pan { 0% { background-position: 0% 50%; } 50% { background-position: 100% 50%; } 100% { background-position: 0% 50%; } }
    @keyframes drift {
      from { transform: translate(calc(var(--u) * 200), calc(var(--u) * 180)); }
      to { transform: translate(calc(var(--u) * 1500), calc(var(--u) * 560)); }
    }
    .bug {
      position: absolute;
      top: calc(var(--u) * 60);
      right: calc(var(--u) * 80);
      text-align: right;
      text-shadow: 0 calc(var(--u) * 2) calc(var(--u) * 8) rgba(0, 0, 0, 0.6);
    }
    .bug .number { font-size: calc(var(--u) * 64); font-weight: 800; }
    .bug .name { font-size: calc(var(--u) * 36); }
    .bug .live { display: inline-block; margin-top: calc(var(--u) * 8); padding: 0 calc(var(--u) * 12); background: #d00000; font-weight: 700; }
    .clock {
      position: absolute;
      top: calc(var(--u) * 60);
      left: calc(var(--u) * 80);
      font-size: calc(var(--u) * 72);
      font-variant-numeric: tabular-nums;
      font-weight: 300;
      text-shadow: 0 calc(var(--u) * 2) calc(var(--u) * 8) rgba(0, 0, 0, 0.6);
    }
    .controls {
      position: absolute;
      left: 0;
      right: 0;
      bottom: 0;
      padding: calc(var(--u) * 20) calc(var(--u) * 80) calc(var(--u) * 36);
      background: linear-gradient(transparent, rgba(0, 0, 0, 0.8) 30%);
    }
    .buttons { display: flex; flex-wrap: wrap; gap: calc(var(--u) * 16); }
    button {
      font: inherit;
      color: #fff;
      background: rgba(255, 255, 255, 0.14);
      border: calc(var(--u) * 2) solid rgba(255, 255, 255, 0.4);
      border-radius: calc(var(--u) * 10);
      padding: calc(var(--u) * 10) calc(var(--u) * 20);
      cursor: pointer;
    }
    button:hover, button:focus { background: rgba(255, 255, 255, 0.3); outline: none; }
    button kbd { font: inherit; font-weight: 800; margin-inline-end: calc(var(--u) * 10); padding: 0 calc(var(--u) * 10); background: rgba(0, 0, 0, 0.4); border-radius: calc(var(--u) * 6); }
    .status { margin-top: calc(var(--u) * 16); color: #cfd8e3; font-size: calc(var(--u) * 26); display: flex; flex-wrap: wrap; gap: calc(var(--u) * 8) calc(var(--u) * 36); }
    .status b { color: #fff; font-weight: 600; }
  `;

  declare channel: DemoChannel | undefined;
  /** What to call the channel when it is none of the demo's. */
  declare channelLabel: string;
  declare now: number;
  declare status: DemoStatus;

  constructor() {
    super();
    this.channel = undefined;
    this.channelLabel = '';
    this.now = Date.now();
    this.status = { region: '', delivery: '', inband: '', active: 0, drills: 0 };
  }

  private fire(name: 'inject' | 'cancel-all', detail?: SampleId): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  protected override render(): TemplateResult {
    const channel = this.channel;
    const [c1, c2] = channel?.colours ?? ['#222831', '#393e46'];
    const s = this.status;
    return html`
      <div class="picture" style="--c1: ${c1}; --c2: ${c2}"><div class="ball"></div></div>
      <div class="clock">${hms(this.now)}</div>
      <div class="bug">
        <div class="number">${channel?.number ?? '—'}</div>
        <div class="name">${channel?.name ?? this.channelLabel}</div>
        <div class="live">直播 LIVE</div>
      </div>
      <div class="controls">
        <div class="buttons">
          ${SAMPLE_KEYS.map(([id, key]) => html`
            <button data-sample=${id} @click=${() => this.fire('inject', id)}><kbd>${key}</kbd>${SAMPLE_LABELS[id]}</button>`)}
          <button data-action="cancel-all" @click=${() => this.fire('cancel-all')}><kbd>0</kbd>全部解除 Cancel all</button>
        </div>
        <div class="status">
          <span>区域 Region <b>${s.region}</b></span>
          <span>推送 Delivery <b>${s.delivery}</b></span>
          <span>带内 In-band <b>${s.inband}</b></span>
          <span>生效 Active <b>${s.active}</b>${s.drills > 0 ? html` · 演练 <b>${s.drills}</b>` : nothing}</span>
          ${s.last ? html`<span>${s.last}</span>` : nothing}
          <span>CH+/CH− 换台</span>
        </div>
      </div>`;
  }
}

if (!customElements.get('yw-alert-demo')) customElements.define('yw-alert-demo', YwAlertDemo);

declare global {
  interface HTMLElementTagNameMap {
    'yw-alert-demo': YwAlertDemo;
  }
}
