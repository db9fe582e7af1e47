/**
 * `<yiwang-ippv-dialog>`: a pay-per-view offer (`StartIppvBuyDlg`): the programme, its price(s) in 元, the
 * wallet balance when known, and the card PIN, masked.
 *
 * Keys (given by the system layer through `handleKey` while the dialog is open): digits type the PIN;
 * Left/Right choose the price; OK buys at the chosen price (`yiwang-ippv-answer`, `buy: true`, once at least
 * 4 digits are typed); Back deletes the last digit, or declines the offer when none is typed (`buy: false`).
 * The typed PIN is cleared after each answer and whenever a new offer (another `id`) is set; the result is
 * the system layer's to show (`feedback`).
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { IppvOffer } from '../../ca/ca-events.js';
import type { KeyName } from '../../keys/key-names.js';
import { digitOf, PIN_MAX_LENGTH, PIN_MIN_LENGTH, pinStyles, renderFeedback, renderPin, type DialogFeedback } from './pin-entry.js';
import { formatClock, formatYuan, panel, partHost } from './system-ui-styles.js';

export const IPPV_DIALOG_TAG = 'yiwang-ippv-dialog';

/** What the viewer answered: buy at `prices[priceIndex]` with `pin`, or decline. */
export interface IppvAnswerDetail {
  readonly offerId: string;
  readonly pin: string | undefined;
  readonly priceIndex: number;
  readonly buy: boolean;
}

const STAGE_TEXT: Readonly<Record<IppvOffer['stage'], string>> = {
  freePreview: '免费预览中，是否购买本节目？',
  paid: '付费节目，是否购买？',
  ippt: '按时间付费节目，是否购买？',
};
const PRICE_KIND_TEXT = { view: '观看', viewAndRecord: '观看并录制' } as const;

export class YiwangIppvDialog extends LitElement {
  static override properties = {
    offer: { attribute: false },
    balance: { attribute: false },
    feedback: { attribute: false },
    busy: { attribute: false },
    timeZone: { attribute: false },
    digits: { state: true },
    priceIndex: { state: true },
  };

  static override styles = [partHost, panel, pinStyles, css`
    .dialog {
      pointer-events: auto;
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      width: calc(var(--u) * 980);
      padding: calc(var(--u) * 40) calc(var(--u) * 56);
    }
    h2 { margin: 0 0 calc(var(--u) * 12); font-size: calc(var(--u) * 44); }
    .title { font-size: calc(var(--u) * 40); color: #ffd54a; margin-bottom: calc(var(--u) * 16); }
    .prices { display: flex; gap: calc(var(--u) * 20); justify-content: center; margin: calc(var(--u) * 20) 0; }
    .price {
      padding: calc(var(--u) * 12) calc(var(--u) * 28);
      border: calc(var(--u) * 3) solid rgba(255, 255, 255, 0.3);
      border-radius: calc(var(--u) * 10);
    }
    .price.chosen { border-color: #4fc3f7; background: rgba(79, 195, 247, 0.22); }
    .meta { display: flex; justify-content: space-between; font-size: calc(var(--u) * 30); opacity: 0.9; }
  `];

  declare offer: IppvOffer | undefined;
  /** The offer's wallet balance in fen; undefined when the CA does not say. */
  declare balance: number | undefined;
  declare feedback: DialogFeedback | undefined;
  /** An answer is being processed: keys are ignored. */
  declare busy: boolean;
  declare timeZone: string | undefined;
  protected declare digits: string;
  protected declare priceIndex: number;

  constructor() {
    super();
    this.offer = undefined;
    this.balance = undefined;
    this.feedback = undefined;
    this.busy = false;
    this.timeZone = undefined;
    this.digits = '';
    this.priceIndex = 0;
  }

  /** Digits typed so far (a count: the PIN itself is never exposed). */
  get typed(): number {
    return this.digits.length;
  }

  /** The price chosen (index into `offer.prices`). */
  get chosenPrice(): number {
    return this.priceIndex;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('offer') && changed.get('offer')?.id !== this.offer?.id) {
      this.digits = '';
      this.priceIndex = 0;
    }
  }

  /** Acts on a key the system layer took for this dialog. */
  handleKey(key: KeyName): void {
    const offer = this.offer;
    if (!offer || this.busy) return;
    const digit = digitOf(key);
    if (digit !== undefined) {
      if (this.digits.length < PIN_MAX_LENGTH) this.digits += digit;
      return;
    }
    const count = offer.prices.length;
    if (key === 'ArrowLeft' && count > 0) this.priceIndex = (this.priceIndex + count - 1) % count;
    else if (key === 'ArrowRight' && count > 0) this.priceIndex = (this.priceIndex + 1) % count;
    else if (key === 'BrowserBack') {
      if (this.digits.length > 0) this.digits = this.digits.slice(0, -1);
      else this.answer({ offerId: offer.id, pin: undefined, priceIndex: this.priceIndex, buy: false });
    } else if (key === 'Enter') {
      if (this.digits.length < PIN_MIN_LENGTH) {
        this.feedback = { tone: 'error', text: `请输入 ${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH} 位智能卡密码` };
        return;
      }
      const pin = this.digits;
      this.digits = '';
      this.answer({ offerId: offer.id, pin, priceIndex: this.priceIndex, buy: true });
    }
  }

  private answer(detail: IppvAnswerDetail): void {
    this.dispatchEvent(new CustomEvent<IppvAnswerDetail>('yiwang-ippv-answer', { detail }));
  }

  private renderPrice(price: IppvOffer['prices'][number], index: number, offer: IppvOffer): TemplateResult {
    const per = offer.stage === 'ippt' && offer.intervalMinutes ? ` / ${offer.intervalMinutes} 分钟` : '';
    return html`<div class="price ${index === this.priceIndex ? 'chosen' : ''}" data-index=${index}
      aria-selected=${index === this.priceIndex ? 'true' : 'false'} role="option">
      ${PRICE_KIND_TEXT[price.kind]} ${formatYuan(price.amount)}${per}</div>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    const offer = this.offer;
    if (!offer) return nothing;
    return html`<div class="panel dialog" role="alertdialog" aria-modal="false" aria-labelledby="ippv-heading" lang="zh-CN"
      data-offer=${offer.id}>
      <h2 id="ippv-heading">${STAGE_TEXT[offer.stage]}</h2>
      ${offer.title ? html`<div class="title">${offer.title}</div>` : nothing}
      <div class="prices" role="listbox" aria-label="价格">${offer.prices.map((p, i) => this.renderPrice(p, i, offer))}</div>
      <div class="meta">
        <span class="balance">${this.balance === undefined ? '' : `钱包余额 ${formatYuan(this.balance)}`}</span>
        <span class="expires">${offer.expires === undefined ? '' : `有效期至 ${formatClock(offer.expires, this.timeZone)}`}</span>
      </div>
      ${renderPin(this.digits.length, 6, '智能卡密码')}
      ${renderFeedback(this.feedback)}
      <div class="hint">数字键 输入密码 · ←→ 选择价格 · 确定 购买 · 返回 删除/放弃</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-ippv-dialog': YiwangIppvDialog;
  }
}
