/**
 * `<yw-box-panel>`: the emulator's cable box. Card slot (insert a card in a chosen state, remove it; on a
 * DCAS box, activate or deactivate the terminal), the entitlement editor (the lineup's products with the
 * channels they unlock, expiry date), the wallet, operator messages (OSD, fingerprint, mail, IPPV offer),
 * the signal, and the channel the app's tuner reported with its zap time. A collapsible section like the
 * EPG and alert panels.
 *
 * Fires `box-action` with a `BoxAction`; the emulator does it (as `window.emulator` would) and sets `state`.
 * Fires `box-open` the first time it opens (the emulator then reads the headend's lineup for product names).
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CaEntitlement, CaKind, CaStatus, CaWallet, OsdPosition } from '../../sdk/index.js';
import { EMULATOR_CARD_STATES, isEmulatorCardState, isOsdPosition, OSD_POSITIONS, type EmulatorCardState } from './box/box-ca.js';
import type { CaStickySummary } from './box/ca-sticky-state.js';
import type { TuneLogEntry } from './box/cable-box.js';
import type { BoxLineup } from './box/lineup-products.js';

export type BoxAction =
  | { readonly action: 'setCard'; readonly state: EmulatorCardState }
  | { readonly action: 'kind'; readonly kind: CaKind }
  | { readonly action: 'entitle'; readonly productId: number; readonly expire?: number }
  | { readonly action: 'revoke'; readonly productId: number }
  | { readonly action: 'wallet'; readonly balance: number }
  | { readonly action: 'osd'; readonly text: string; readonly position: OsdPosition; readonly durationMs?: number }
  | { readonly action: 'hideOsd'; readonly position: OsdPosition }
  | { readonly action: 'fingerprint'; readonly durationMs?: number }
  | { readonly action: 'hideFingerprint' }
  | { readonly action: 'mail'; readonly title: string; readonly body: string }
  | { readonly action: 'ippv'; readonly productId: number; readonly price: number }
  | { readonly action: 'forceTune'; readonly number: number }
  | { readonly action: 'releaseTune' }
  | { readonly action: 'signal'; readonly ok: boolean };

/** What the panel shows. */
export interface BoxPanelState {
  readonly kind: CaKind;
  /** Undefined until the CA answered. */
  readonly status?: CaStatus;
  readonly entitlements: readonly CaEntitlement[];
  readonly wallets: readonly CaWallet[];
  readonly screen: CaStickySummary;
  readonly signal: boolean;
  readonly tunerConnected: boolean;
  readonly lastTune?: TuneLogEntry;
  readonly lineup?: BoxLineup;
  readonly lineupError?: string | undefined;
  /** The outcome of the last action. */
  readonly message?: { readonly ok: boolean; readonly text: string };
}

const CARD_LABELS: Record<EmulatorCardState, string> = {
  absent: 'absent 无卡', ready: 'ready 正常', invalid: 'invalid 无效卡', expired: 'expired 过期卡', pairedOther: 'paired to another box 机卡不配对',
};
const POSITION_LABELS: Record<OsdPosition, string> = { top: 'top 顶部滚动', bottom: 'bottom 底部滚动', full: 'full 全屏', half: 'half 半屏' };

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a time, local date. */
function dateInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function formValue(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement ? field.value.trim() : '';
}

export class YwBoxPanel extends LitElement {
  static override properties = {
    state: { attribute: false },
    open: { type: Boolean, reflect: true },
  };

  static override styles = css`
    :host { display: block; font-size: 12px; }
    details { border-bottom: 1px solid var(--yw-line, #2a313b); }
    summary { cursor: pointer; padding: 7px 12px; display: flex; gap: 8px; align-items: baseline; list-style-position: inside; }
    summary b { font-weight: 600; white-space: nowrap; }
    summary span { color: var(--yw-dim, #8a93a0); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .body { display: grid; gap: 8px; padding: 4px 12px 10px; }
    fieldset { border: 1px solid var(--yw-line, #2a313b); border-radius: 4px; margin: 0; padding: 4px 8px 6px; display: grid; gap: 5px; }
    legend { color: var(--yw-dim, #8a93a0); padding: 0 4px; }
    form, .row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    label { color: var(--yw-dim, #8a93a0); white-space: nowrap; }
    input, select, button, textarea { font: inherit; color: inherit; background: #20252d; border: 1px solid #3a424e; border-radius: 4px; padding: 3px 6px; min-width: 0; }
    input[type='number'] { width: 6.5em; }
    input[type='text'], textarea { flex: 1; }
    textarea { height: 3.2em; resize: vertical; }
    button { cursor: pointer; background: #2a303a; }
    table { border-collapse: collapse; width: 100%; }
    td { padding: 2px 4px; border-top: 1px solid var(--yw-line, #2a313b); vertical-align: top; }
    td.channels { color: var(--yw-dim, #8a93a0); }
    .on { color: #8fd18f; }
    .off { color: #ff8a7a; }
    .dim { color: var(--yw-dim, #8a93a0); }
    .ok { color: #8fd18f; word-break: break-word; }
    .error { color: #ff8a7a; word-break: break-word; }
  `;

  declare state: BoxPanelState;
  declare open: boolean;

  constructor() {
    super();
    this.state = { kind: 'smartCard', entitlements: [], wallets: [], screen: { osd: {}, mail: 'none' }, signal: true, tunerConnected: false };
    this.open = false;
  }

  private opened = false;

  private onToggle(e: Event): void {
    this.open = (e.currentTarget as HTMLDetailsElement).open;
    if (!this.open || this.opened) return;
    this.opened = true;
    this.dispatchEvent(new CustomEvent('box-open', { bubbles: true, composed: true }));
  }

  private act(action: BoxAction): void {
    this.dispatchEvent(new CustomEvent<BoxAction>('box-action', { detail: action, bubbles: true, composed: true }));
  }

  private onCard(e: SubmitEvent): void {
    e.preventDefault();
    const state = formValue(e.currentTarget as HTMLFormElement, 'card');
    if (isEmulatorCardState(state)) this.act({ action: 'setCard', state });
  }

  private onEntitle(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const productId = Number(formValue(form, 'product'));
    const date = formValue(form, 'expire');
    // The expiry date's end, local time: entitled through that day.
    const expire = date === '' ? undefined : new Date(`${date}T23:59:59`).getTime();
    if (!Number.isInteger(productId)) return;
    this.act(expire === undefined || Number.isNaN(expire) ? { action: 'entitle', productId } : { action: 'entitle', productId, expire });
  }

  private onWallet(e: SubmitEvent): void {
    e.preventDefault();
    const yuan = Number(formValue(e.currentTarget as HTMLFormElement, 'balance'));
    if (Number.isFinite(yuan) && yuan >= 0) this.act({ action: 'wallet', balance: Math.round(yuan * 100) });
  }

  private onOsd(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const text = formValue(form, 'osd-text');
    const position = formValue(form, 'osd-position');
    const seconds = Number(formValue(form, 'osd-seconds'));
    if (text === '' || !isOsdPosition(position)) return;
    const timed = (position === 'full' || position === 'half') && seconds > 0;
    this.act(timed ? { action: 'osd', text, position, durationMs: seconds * 1000 } : { action: 'osd', text, position });
  }

  private onFingerprint(e: SubmitEvent): void {
    e.preventDefault();
    const seconds = Number(formValue(e.currentTarget as HTMLFormElement, 'fp-seconds'));
    this.act(seconds > 0 ? { action: 'fingerprint', durationMs: seconds * 1000 } : { action: 'fingerprint' });
  }

  private onMail(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const title = formValue(form, 'mail-title');
    if (title !== '') this.act({ action: 'mail', title, body: formValue(form, 'mail-body') });
  }

  private onIppv(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const productId = Number(formValue(form, 'ippv-product'));
    const yuan = Number(formValue(form, 'ippv-price'));
    if (Number.isInteger(productId) && Number.isFinite(yuan) && yuan >= 0) this.act({ action: 'ippv', productId, price: Math.round(yuan * 100) });
  }

  private onForceTune(e: SubmitEvent): void {
    e.preventDefault();
    const number = Number(formValue(e.currentTarget as HTMLFormElement, 'force-number'));
    if (Number.isInteger(number) && number >= 0) this.act({ action: 'forceTune', number });
  }

  private headline(): string {
    const s = this.state;
    const card = s.kind === 'dcas' ? `DCAS ${s.status?.card ?? '…'}` : `card ${s.status?.card ?? '…'}`;
    const channel = s.lastTune?.channel ? `ch ${s.lastTune.channel.number}` : 'no tune yet';
    return `${card} · ${s.entitlements.length} products · ${s.signal ? 'signal' : 'NO SIGNAL'} · ${channel}`;
  }

  private renderCard(): TemplateResult {
    const s = this.state;
    const dcas = s.kind === 'dcas';
    return html`<fieldset>
      <legend>${dcas ? 'Terminal 终端 (DCAS)' : 'Card slot 卡槽'}</legend>
      <div class="row">
        <label>CA 类型 <select name="kind" @change=${(e: Event) => this.act({ action: 'kind', kind: (e.target as HTMLSelectElement).value === 'dcas' ? 'dcas' : 'smartCard' })}>
          <option value="smartCard" ?selected=${!dcas}>smart card 智能卡</option>
          <option value="dcas" ?selected=${dcas}>DCAS 安全芯片</option>
        </select></label>
        <span>State 状态: <b class="card-state">${s.status?.card ?? '…'}</b>${s.status?.cardId ? html` <span class="dim">#${s.status.cardId}</span>` : nothing}</span>
      </div>
      ${dcas ? html`<div class="row">
          <button type="button" name="activate" @click=${() => this.act({ action: 'setCard', state: 'ready' })}>Activate 激活</button>
          <button type="button" name="deactivate" @click=${() => this.act({ action: 'setCard', state: 'absent' })}>Deactivate 停用</button>
        </div>`
        : html`<form name="card" @submit=${(e: SubmitEvent) => this.onCard(e)}>
          <select name="card" aria-label="Card kind 卡类型">
            ${EMULATOR_CARD_STATES.filter((c) => c !== 'absent').map((c) => html`<option value=${c}>${CARD_LABELS[c]}</option>`)}
          </select>
          <button type="submit" name="insert">Insert 插卡</button>
          <!-- Not name="remove": a form's named controls shadow its methods (form.remove). -->
          <button type="button" name="eject" @click=${() => this.act({ action: 'setCard', state: 'absent' })}>Remove 拔卡</button>
        </form>`}
    </fieldset>`;
  }

  private renderEntitlements(): TemplateResult {
    const s = this.state;
    const entitled = new Map(s.entitlements.map((e) => [e.productId, e]));
    const products = s.lineup?.products ?? [];
    const ids = [...new Set([...products.map((p) => p.id), ...entitled.keys()])].sort((a, b) => a - b);
    const byId = new Map(products.map((p) => [p.id, p]));
    return html`<fieldset>
      <legend>Entitlements 授权</legend>
      ${s.lineupError ? html`<div class="error">${s.lineupError}</div>` : nothing}
      <table>
        ${ids.map((id) => {
          const product = byId.get(id);
          const ent = entitled.get(id);
          return html`<tr data-product=${id}>
            <td>${id}${product?.name ? html` ${product.name}` : nothing}</td>
            <td class="channels">${product?.channels.map((c) => `${c.number} ${c.name}`).join(', ') ?? ''}</td>
            <td>${ent ? html`<span class="on">✓ → ${dateInput(ent.expire)}</span>` : html`<span class="off">✗</span>`}</td>
            <td>${ent
              ? html`<button type="button" name="revoke" @click=${() => this.act({ action: 'revoke', productId: id })}>Revoke 取消</button>`
              : html`<button type="button" name="entitle" @click=${() => this.act({ action: 'entitle', productId: id })}>Entitle 授权</button>`}</td>
          </tr>`;
        })}
      </table>
      <form name="entitle" @submit=${(e: SubmitEvent) => this.onEntitle(e)}>
        <label>Product 产品 <input type="number" name="product" min="0" step="1" required list="products" /></label>
        <datalist id="products">${products.map((p) => html`<option value=${p.id}>${p.name ?? ''}</option>`)}</datalist>
        <label>until 到期 <input type="date" name="expire" .value=${dateInput(Date.now() + 365 * DAY_MS)} /></label>
        <button type="submit">Entitle 授权</button>
      </form>
    </fieldset>`;
  }

  private renderMessages(): TemplateResult {
    const s = this.state;
    const screen = s.screen;
    const products = s.lineup?.products ?? [];
    return html`<fieldset>
      <legend>Operator messages 运营商消息</legend>
      <form name="osd" @submit=${(e: SubmitEvent) => this.onOsd(e)}>
        <input type="text" name="osd-text" aria-label="OSD text" placeholder="OSD 文字" required />
        <select name="osd-position" aria-label="OSD position">${OSD_POSITIONS.map((p) => html`<option value=${p}>${POSITION_LABELS[p]}</option>`)}</select>
        <label>s <input type="number" name="osd-seconds" min="0" value="10" title="Full/half screen: seconds shown" /></label>
        <button type="submit">Send OSD 发送</button>
      </form>
      ${Object.entries(screen.osd).map(([position, text]) => html`<div class="row">
        <span class="dim">${position}:</span> <span>${text}</span>
        <button type="button" name="hide-osd" @click=${() => this.act({ action: 'hideOsd', position: position as OsdPosition })}>Hide 隐藏</button>
      </div>`)}
      <form name="fingerprint" @submit=${(e: SubmitEvent) => this.onFingerprint(e)}>
        <label>Fingerprint 指纹 s <input type="number" name="fp-seconds" min="0" value="30" title="0: until hidden" /></label>
        <button type="submit">Show 显示</button>
        <button type="button" name="hide-fingerprint" @click=${() => this.act({ action: 'hideFingerprint' })}>Hide 隐藏</button>
        ${screen.fingerprint ? html`<span class="on fingerprint">on${screen.fingerprint.remainingMs === undefined ? '' : ` ${Math.ceil(screen.fingerprint.remainingMs / 1000)} s`}</span>` : nothing}
      </form>
      <form name="mail" @submit=${(e: SubmitEvent) => this.onMail(e)}>
        <input type="text" name="mail-title" aria-label="Mail title" placeholder="Mail title 邮件标题" required />
        <textarea name="mail-body" aria-label="Mail body" placeholder="Body 正文"></textarea>
        <button type="submit">Mail 发邮件</button>
        <span class="dim">icon 图标: ${screen.mail}</span>
      </form>
      <form name="ippv" @submit=${(e: SubmitEvent) => this.onIppv(e)}>
        <label>IPPV product 产品 <input type="number" name="ippv-product" min="0" step="1" required .value=${String(products[0]?.id ?? '')} /></label>
        <label>¥ <input type="number" name="ippv-price" min="0" step="0.01" value="5" /></label>
        <button type="submit">Offer 按次付费</button>
      </form>
      <form name="force-tune" @submit=${(e: SubmitEvent) => this.onForceTune(e)}>
        <label>Force tune 强制换台 <input type="number" name="force-number" min="0" step="1" required /></label>
        <button type="submit">Force 强制</button>
        <button type="button" name="release-tune" @click=${() => this.act({ action: 'releaseTune' })}>Release 解除</button>
        ${screen.forcedTune ? html`<span class="on">→ ${screen.forcedTune.number ?? '?'}</span>` : nothing}
      </form>
    </fieldset>`;
  }

  protected override render(): TemplateResult {
    const s = this.state;
    const wallet = s.wallets[0];
    const last = s.lastTune;
    return html`<details ?open=${this.open} @toggle=${(e: Event) => this.onToggle(e)}>
      <summary><b>Box 机顶盒</b><span class="headline">${this.headline()}</span></summary>
      <div class="body">
        ${this.renderCard()}
        ${this.renderEntitlements()}
        <form name="wallet" @submit=${(e: SubmitEvent) => this.onWallet(e)}>
          <label>Wallet 钱包 ¥ <input type="number" name="balance" min="0" step="0.01" .value=${wallet ? (wallet.balance / 100).toFixed(2) : '0'} /></label>
          <button type="submit">Set 设置</button>
          <span class="dim">${wallet ? `balance 余额 ¥${(wallet.balance / 100).toFixed(2)}` : 'no wallet 无钱包'}</span>
        </form>
        ${this.renderMessages()}
        <div class="row">
          <label><input type="checkbox" name="signal-loss" .checked=${!s.signal}
            @change=${(e: Event) => this.act({ action: 'signal', ok: !(e.target as HTMLInputElement).checked })} />Signal loss 信号中断</label>
          <span class="dim">${s.tunerConnected ? 'app tuner connected 应用调谐器已连接' : 'no app tuner 无应用调谐器'}</span>
        </div>
        <div class="row current">
          Channel 当前频道: <b>${last?.channel ? `${last.channel.number} ${last.channel.name}` : '—'}</b>
          ${last ? html`<span class=${last.ok ? 'ok' : 'error'}>${last.ok ? `zap 换台 ${last.zapMs === undefined ? '—' : `${Math.round(last.zapMs)} ms`}` : last.error ?? ''}</span>` : nothing}
        </div>
        ${s.message ? html`<div class=${s.message.ok ? 'ok' : 'error'} role="status">${s.message.text}</div>` : nothing}
      </div>
    </details>`;
  }
}

if (!customElements.get('yw-box-panel')) customElements.define('yw-box-panel', YwBoxPanel);

declare global {
  interface HTMLElementTagNameMap {
    'yw-box-panel': YwBoxPanel;
  }
}
