/**
 * `<yw-epg-panel>`: loads a guide (XMLTV, EIT sections, a transport stream, operator JSON) from a local file
 * or a URL into the device app's guide store, and shows the import summary the device reports. A
 * collapsible section; its summary line keeps the last outcome in view when closed.
 *
 * Fires `epg-load` with `{input: File | string, format?}`; the emulator sends the guide and sets `status`.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { EpgImportResult } from '../../sdk/index.js';

/** What the panel shows. */
export type EpgPanelStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly name: string }
  | { readonly state: 'done'; readonly result: EpgImportResult }
  /** No result: the guide could not be read or sent, or the device did not answer. */
  | { readonly state: 'failed'; readonly name: string; readonly message: string };

export interface EpgLoadDetail {
  readonly input: File | string;
  readonly format?: string;
}

export class YwEpgPanel extends LitElement {
  static override properties = {
    formats: { attribute: false },
    status: { attribute: false },
    connected: { type: Boolean },
    open: { type: Boolean, reflect: true },
  };

  static override styles = css`
    :host { display: block; font-size: 12px; }
    details { border-bottom: 1px solid var(--yw-line, #2a313b); }
    summary { cursor: pointer; padding: 7px 12px; display: flex; gap: 8px; align-items: baseline; list-style-position: inside; }
    summary b { font-weight: 600; white-space: nowrap; }
    summary span { color: var(--yw-dim, #8a93a0); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    form { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 6px 8px; padding: 4px 12px 8px; align-items: center; }
    label { color: var(--yw-dim, #8a93a0); white-space: nowrap; }
    input, select, button { font: inherit; color: inherit; background: #20252d; border: 1px solid #3a424e; border-radius: 4px; padding: 3px 6px; min-width: 0; }
    input[type='file'] { padding: 2px; }
    button { cursor: pointer; background: #2a303a; grid-column: 2; justify-self: start; }
    button:disabled { opacity: 0.5; cursor: default; }
    .out { padding: 0 12px 10px; line-height: 1.5; }
    .ok { color: #8fd18f; }
    .error { color: #ff8a7a; word-break: break-word; }
    .dim { color: var(--yw-dim, #8a93a0); }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0 10px; margin: 4px 0; }
    dt { color: var(--yw-dim, #8a93a0); }
    dd { margin: 0; font-variant-numeric: tabular-nums; }
    ol { margin: 4px 0 0; padding-left: 18px; max-height: 140px; overflow: auto; color: #ffcf8a; }
    li { word-break: break-word; }
  `;

  /** Format ids offered besides automatic detection. */
  declare formats: readonly string[];
  declare status: EpgPanelStatus;
  /** Whether the device app takes guide feeds. */
  declare connected: boolean;
  declare open: boolean;

  constructor() {
    super();
    this.formats = [];
    this.status = { state: 'idle' };
    this.connected = false;
    this.open = false;
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const file = form.elements.namedItem('file');
    const url = form.elements.namedItem('url');
    const format = form.elements.namedItem('format');
    const chosen = file instanceof HTMLInputElement ? file.files?.[0] : undefined;
    const address = url instanceof HTMLInputElement ? url.value.trim() : '';
    const input = chosen ?? (address === '' ? undefined : address);
    if (input === undefined) return;
    const formatId = format instanceof HTMLSelectElement && format.value !== '' ? format.value : undefined;
    const detail: EpgLoadDetail = formatId === undefined ? { input } : { input, format: formatId };
    this.dispatchEvent(new CustomEvent<EpgLoadDetail>('epg-load', { detail, bubbles: true, composed: true }));
  }

  private headline(): string {
    const s = this.status;
    switch (s.state) {
      case 'idle': return this.connected ? 'the app takes guide feeds' : 'the app has not connected a guide store';
      case 'loading': return `loading ${s.name}…`;
      case 'failed': return `${s.name}: failed`;
      case 'done': return s.result.error
        ? `${s.result.name}: failed`
        : `${s.result.name}: ${s.result.channels} ch · ${s.result.programmes} programmes`;
    }
  }

  private renderOutcome(): TemplateResult | typeof nothing {
    const s = this.status;
    if (s.state === 'idle') return nothing;
    if (s.state === 'loading') return html`<div class="out dim">Loading ${s.name} into the device… 载入中</div>`;
    if (s.state === 'failed') return html`<div class="out"><div class="error" role="alert">${s.message}</div></div>`;
    const r = s.result;
    return html`<div class="out">
      ${r.error
        ? html`<div class="error" role="alert">✗ ${r.error.message}</div>`
        : html`<div class="ok">✓ Imported 已导入 ${r.name}</div>`}
      <dl class="summary">
        <dt>Format 格式</dt><dd>${r.format ?? '—'}</dd>
        <dt>Channels 频道</dt><dd data-field="channels">${r.channels}</dd>
        <dt>Programmes 节目</dt><dd data-field="programmes">${r.programmes}</dd>
        <dt>Skipped 跳过</dt><dd data-field="skipped">${r.skipped}</dd>
        <dt>Repaired 修复</dt><dd data-field="repaired">${r.repaired}</dd>
        <dt>Expired 过期</dt><dd data-field="expired">${r.expired}</dd>
        <dt>Time 用时</dt><dd data-field="ms">${r.ms} ms</dd>
      </dl>
      ${r.warnings.length > 0 ? html`<div class="dim">First warnings 警告:</div><ol>
        ${r.warnings.map((w) => html`<li>${w.code}: ${w.message}${w.where ? html` <span class="dim">(${w.where})</span>` : nothing}</li>`)}
      </ol>` : nothing}
    </div>`;
  }

  protected override render(): TemplateResult {
    const busy = this.status.state === 'loading';
    return html`<details ?open=${this.open} @toggle=${(e: Event) => { this.open = (e.currentTarget as HTMLDetailsElement).open; }}>
      <summary><b>EPG 节目指南</b><span class="headline">${this.headline()}</span></summary>
      <form @submit=${(e: SubmitEvent) => this.onSubmit(e)}>
        <label for="file">File 文件</label>
        <input id="file" type="file" name="file" accept=".xml,.xmltv,.ts,.eit,.bin,.json,application/xml,application/json" />
        <label for="url">or URL</label>
        <input id="url" type="text" name="url" placeholder="/guides/today.xml" spellcheck="false" />
        <label for="format">Format 格式</label>
        <select id="format" name="format">
          <option value="">auto 自动识别</option>
          ${this.formats.map((f) => html`<option value=${f}>${f}</option>`)}
        </select>
        <button type="submit" ?disabled=${busy}>Load into device 载入设备</button>
      </form>
      ${this.renderOutcome()}
    </details>`;
  }
}

if (!customElements.get('yw-epg-panel')) customElements.define('yw-epg-panel', YwEpgPanel);

declare global {
  interface HTMLElementTagNameMap {
    'yw-epg-panel': YwEpgPanel;
  }
}
