/**
 * `<yiwang-pin-dialog>`: asks for the parental-control PIN (a locked channel, a programme rated above the
 * threshold, viewing outside the allowed hours), with the digits masked.
 *
 * Keys (given by the system layer through `handleKey` while the dialog is open): digits type the PIN; OK
 * submits it (`yiwang-pin-submit`, once at least 4 digits are typed; the typed digits are cleared); Back
 * deletes the last digit, or cancels when none is typed (`yiwang-pin-cancel`). When `final` is set (the
 * answer is known and shown) OK and Back close it (`yiwang-pin-cancel`) and digits do nothing.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { KeyName } from '../../keys/key-names.js';
import type { ParentalBlockReason, ProgrammeRef } from '../../parental/parental-types.js';
import { digitOf, PIN_MAX_LENGTH, PIN_MIN_LENGTH, pinStyles, renderFeedback, renderPin, type DialogFeedback } from './pin-entry.js';
import { panel, partHost } from './system-ui-styles.js';

export const PIN_DIALOG_TAG = 'yiwang-pin-dialog';

/** What the PIN is asked for (`SystemUi.requestParentalPin`). */
export interface ParentalPinRequest {
  readonly reason: ParentalBlockReason;
  /**
   * The lineup channel the PIN unlocks. Given, a correct PIN unlocks it (`parental.unlockTemporarily`; only
   * `programme` when given); without it the PIN is only checked (`parental.verifyPin`).
   */
  readonly channelId?: string;
  /** The programme the PIN unlocks on `channelId` (the rated one); needs `channelId`. */
  readonly programme?: ProgrammeRef;
  readonly channelName?: string;
  readonly programmeTitle?: string;
  /** Replaces the heading (default after the reason, e.g. `频道已加锁`). */
  readonly title?: string;
  /** Aborting it cancels the request (the viewer tuned away): it resolves `cancelled`. */
  readonly signal?: AbortSignal;
}

const REASON_TEXT: Readonly<Record<ParentalBlockReason, string>> = {
  channelLock: '该频道已加锁',
  rating: '节目级别高于设定的观看级别',
  viewingWindow: '当前时段不允许观看',
};

export class YiwangPinDialog extends LitElement {
  static override properties = {
    request: { attribute: false },
    feedback: { attribute: false },
    busy: { attribute: false },
    final: { attribute: false },
    digits: { state: true },
  };

  static override styles = [partHost, panel, pinStyles, css`
    .dialog {
      pointer-events: auto;
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      width: calc(var(--u) * 900);
      padding: calc(var(--u) * 40) calc(var(--u) * 56);
      text-align: center;
    }
    h2 { margin: 0 0 calc(var(--u) * 12); font-size: calc(var(--u) * 44); }
    .what { font-size: calc(var(--u) * 34); color: #ffd54a; }
    .ask { margin-top: calc(var(--u) * 16); }
  `];

  declare request: ParentalPinRequest | undefined;
  declare feedback: DialogFeedback | undefined;
  declare busy: boolean;
  /** The answer is in (locked out): the dialog only waits to be closed. */
  declare final: boolean;
  protected declare digits: string;

  constructor() {
    super();
    this.request = undefined;
    this.feedback = undefined;
    this.busy = false;
    this.final = false;
    this.digits = '';
  }

  /** Digits typed so far (a count: the PIN itself is never exposed). */
  get typed(): number {
    return this.digits.length;
  }

  /** Clears the typed digits (a new request). */
  clear(): void {
    this.digits = '';
  }

  handleKey(key: KeyName): void {
    if (!this.request || this.busy) return;
    if (this.final) {
      if (key === 'Enter' || key === 'BrowserBack') this.dispatchEvent(new CustomEvent('yiwang-pin-cancel'));
      return;
    }
    const digit = digitOf(key);
    if (digit !== undefined) {
      if (this.digits.length < PIN_MAX_LENGTH) this.digits += digit;
      return;
    }
    if (key === 'BrowserBack') {
      if (this.digits.length > 0) this.digits = this.digits.slice(0, -1);
      else this.dispatchEvent(new CustomEvent('yiwang-pin-cancel'));
    } else if (key === 'Enter') {
      if (this.digits.length < PIN_MIN_LENGTH) {
        this.feedback = { tone: 'error', text: `请输入 ${PIN_MIN_LENGTH}–${PIN_MAX_LENGTH} 位密码` };
        return;
      }
      const pin = this.digits;
      this.digits = '';
      this.dispatchEvent(new CustomEvent<{ pin: string }>('yiwang-pin-submit', { detail: { pin } }));
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const r = this.request;
    if (!r) return nothing;
    const what = [r.channelName, r.programmeTitle].filter((s): s is string => Boolean(s)).join(' · ');
    return html`<div class="panel dialog" role="alertdialog" aria-modal="false" aria-labelledby="pin-heading" lang="zh-CN"
      data-reason=${r.reason}>
      <h2 id="pin-heading">${r.title ?? REASON_TEXT[r.reason]}</h2>
      ${what ? html`<div class="what">${what}</div>` : nothing}
      <div class="ask">请输入家长控制密码</div>
      ${renderPin(this.digits.length, 4, '家长控制密码')}
      ${renderFeedback(this.feedback)}
      <div class="hint">${this.final ? '确定/返回 关闭' : '数字键 输入密码 · 确定 提交 · 返回 删除/取消'}</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-pin-dialog': YiwangPinDialog;
  }
}
