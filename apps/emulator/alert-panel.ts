/**
 * `<yw-alert-panel>`: the emulator's emergency-alert injector. Pick a built-in message (CAP, EBD or an SCTE 18
 * section as hex), edit it, then send it through the headend (`POST /api/alerts`, as the operator's
 * platform would) or inject it in-band (a section to the tuner, XML as a local message). Also sets the box's
 * region (the device reboots with it). A collapsible section like the EPG panel.
 *
 * Fires `alert-send` and `alert-inject` with `{text}`, and `alert-region` with `{region}`; the emulator
 * does the work and sets `status`.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { ALERT_TEMPLATE_LABELS, AlertTemplates, type AlertTemplateId } from './alert-templates.js';

export type AlertPanelStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'busy'; readonly what: string }
  | { readonly state: 'done'; readonly ok: boolean; readonly message: string };

export interface AlertMessageDetail {
  readonly text: string;
}

export interface AlertRegionDetail {
  readonly region: string;
}

/** Region codes the panel accepts: GB/T 2260 (6 digits) or the EB 12-digit code. */
export function isRegionCode(value: string): boolean {
  return /^\d{6}(\d{6})?$/.test(value);
}

export class YwAlertPanel extends LitElement {
  static override properties = {
    region: { type: String },
    status: { attribute: false },
    open: { type: Boolean, reflect: true },
    template: { state: true },
    text: { state: true },
  };

  static override styles = css`
    :host { display: block; font-size: 12px; }
    details { border-bottom: 1px solid var(--yw-line, #2a313b); }
    summary { cursor: pointer; padding: 7px 12px; display: flex; gap: 8px; align-items: baseline; list-style-position: inside; }
    summary b { font-weight: 600; white-space: nowrap; }
    summary span { color: var(--yw-dim, #8a93a0); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .body { display: grid; gap: 6px; padding: 4px 12px 10px; }
    .row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    label { color: var(--yw-dim, #8a93a0); white-space: nowrap; }
    input, select, button, textarea { font: inherit; color: inherit; background: #20252d; border: 1px solid #3a424e; border-radius: 4px; padding: 3px 6px; min-width: 0; }
    select { flex: 1; }
    input[name='region'] { width: 9em; font-variant-numeric: tabular-nums; }
    textarea { width: 100%; box-sizing: border-box; height: 180px; resize: vertical; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 11px; line-height: 1.35; white-space: pre; }
    button { cursor: pointer; background: #2a303a; }
    button:disabled { opacity: 0.5; cursor: default; }
    .ok { color: #8fd18f; word-break: break-word; }
    .error { color: #ff8a7a; word-break: break-word; }
    .dim { color: var(--yw-dim, #8a93a0); }
  `;

  /** The box's region code ('' when none is set). */
  declare region: string;
  declare status: AlertPanelStatus;
  declare open: boolean;
  declare protected template: AlertTemplateId;
  declare protected text: string;

  private readonly templates = new AlertTemplates();

  constructor() {
    super();
    this.region = '';
    this.status = { state: 'idle' };
    this.open = false;
    this.template = 'red-details';
    this.text = '';
  }

  /** Fills the editor with a fresh copy of `id` for the current region. */
  useTemplate(id: AlertTemplateId): void {
    this.template = id;
    this.text = this.templates.build(id, isRegionCode(this.region) ? this.region : '110105');
  }

  /** The message in the editor. */
  get message(): string {
    return this.text;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.text === '') this.useTemplate(this.template);
  }

  private fire(name: 'alert-send' | 'alert-inject'): void {
    if (this.text.trim() === '') return;
    this.dispatchEvent(new CustomEvent<AlertMessageDetail>(name, { detail: { text: this.text }, bubbles: true, composed: true }));
  }

  private onRegion(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('region');
    const region = input instanceof HTMLInputElement ? input.value.trim() : '';
    if (region !== '' && !isRegionCode(region)) {
      this.status = { state: 'done', ok: false, message: `"${region}" is not a region code: 6 digits (GB/T 2260, e.g. 110105) or 12` };
      return;
    }
    this.dispatchEvent(new CustomEvent<AlertRegionDetail>('alert-region', { detail: { region }, bubbles: true, composed: true }));
  }

  private headline(): string {
    const s = this.status;
    const where = this.region === '' ? 'no region set' : `region ${this.region}`;
    if (s.state === 'busy') return `${s.what}…`;
    if (s.state === 'done') return `${where} · ${s.ok ? '✓' : '✗'} ${s.message}`;
    return where;
  }

  protected override render(): TemplateResult {
    const busy = this.status.state === 'busy';
    const s = this.status;
    return html`<details ?open=${this.open} @toggle=${(e: Event) => { this.open = (e.currentTarget as HTMLDetailsElement).open; }}>
      <summary><b>Alerts 应急广播</b><span class="headline">${this.headline()}</span></summary>
      <div class="body">
        <form class="row" @submit=${(e: SubmitEvent) => this.onRegion(e)}>
          <label for="region">Region 区域</label>
          <input id="region" name="region" inputmode="numeric" placeholder="110105" .value=${this.region} spellcheck="false" />
          <button type="submit" title="Reboots the device with this region">Set 设置</button>
        </form>
        <div class="row">
          <select name="template" aria-label="Template" @change=${(e: Event) => this.useTemplate((e.target as HTMLSelectElement).value as AlertTemplateId)}>
            ${(Object.keys(ALERT_TEMPLATE_LABELS) as AlertTemplateId[]).map((id) => html`
              <option value=${id} ?selected=${id === this.template}>${ALERT_TEMPLATE_LABELS[id]}</option>`)}
          </select>
          <button type="button" title="New identifiers and times" @click=${() => this.useTemplate(this.template)}>↻</button>
        </div>
        <textarea name="message" aria-label="Alert message" spellcheck="false" .value=${this.text}
          @input=${(e: Event) => { this.text = (e.target as HTMLTextAreaElement).value; }}></textarea>
        <div class="row">
          <button type="button" name="send" ?disabled=${busy} @click=${() => this.fire('alert-send')}
            title="POST /api/alerts: the headend publishes it to the region's devices">Send via headend 经头端发送</button>
          <button type="button" name="inject" ?disabled=${busy} @click=${() => this.fire('alert-inject')}
            title="Hex: an SCTE 18 section from the tuner; XML: a local message">Inject in-band 带内注入</button>
        </div>
        ${s.state === 'done' ? html`<div class=${s.ok ? 'ok' : 'error'} role="status">${s.message}</div>` : nothing}
        ${s.state === 'idle' ? html`<div class="dim">The app takes alerts through the SDK: in-band sections on platform.inbandAlerts, XML on platform.injectedAlerts, headend alerts over MQTT.</div>` : nothing}
      </div>
    </details>`;
  }
}

if (!customElements.get('yw-alert-panel')) customElements.define('yw-alert-panel', YwAlertPanel);

declare global {
  interface HTMLElementTagNameMap {
    'yw-alert-panel': YwAlertPanel;
  }
}
