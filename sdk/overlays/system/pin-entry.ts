/**
 * What the IPPV and parental PIN dialogs share: the digits typed so far (never shown), their masked
 * boxes, the feedback line, and the keys a dialog takes.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { KeyName, KnownKeyName } from '../../keys/key-names.js';

/** PINs are 4–8 digits (parental control's rule; CA PINs of 6 fit). */
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;

/** Keys an open dialog takes from the app: digits, OK, Back, and Left/Right for the price. */
export const DIALOG_KEYS: readonly KnownKeyName[] = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'Enter', 'BrowserBack', 'ArrowLeft', 'ArrowRight',
];

/** A line under the PIN: an error (wrong PIN), or information (checking, done). */
export interface DialogFeedback {
  readonly tone: 'error' | 'info' | 'success';
  readonly text: string;
}

export function digitOf(key: KeyName): string | undefined {
  return key.length === 1 && key >= '0' && key <= '9' ? key : undefined;
}

export const pinStyles = css`
  .pin { display: flex; gap: calc(var(--u) * 14); justify-content: center; margin: calc(var(--u) * 24) 0 calc(var(--u) * 12); }
  .pin .slot {
    width: calc(var(--u) * 56);
    height: calc(var(--u) * 68);
    border: calc(var(--u) * 3) solid rgba(255, 255, 255, 0.55);
    border-radius: calc(var(--u) * 8);
    display: flex;
    align-items: center;
    justify-content: center;
    font-size: calc(var(--u) * 40);
  }
  .pin .slot.filled { border-color: #4fc3f7; }
  .feedback { min-height: 1.4em; text-align: center; font-size: calc(var(--u) * 30); }
  .feedback.error { color: #ff8a80; }
  .feedback.success { color: #a5d6a7; }
  .feedback.info { color: #e0e0e0; }
  .hint { margin-top: calc(var(--u) * 16); text-align: center; font-size: calc(var(--u) * 26); opacity: 0.75; }
`;

/** Masked boxes: one dot per digit typed, empty boxes up to `slots`. */
export function renderPin(length: number, slots: number, label: string): TemplateResult {
  const count = Math.max(slots, length);
  return html`<div class="pin" role="textbox" aria-label=${label} aria-valuetext=${`${length} 位已输入`} data-length=${length}>
    ${Array.from({ length: count }, (_, i) => html`<span class="slot ${i < length ? 'filled' : ''}">${i < length ? '●' : ''}</span>`)}
  </div>`;
}

export function renderFeedback(feedback: DialogFeedback | undefined): TemplateResult {
  return html`<div class="feedback ${feedback?.tone ?? ''}" role=${feedback?.tone === 'error' ? 'alert' : 'status'}>${feedback?.text ?? nothing}</div>`;
}
