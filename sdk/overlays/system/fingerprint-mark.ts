/**
 * `<yiwang-fingerprint-mark>`: the CA fingerprint — the card id (or the vendor's text) written over the
 * picture at (x, y), semi-transparent but legible on any background, so a re-broadcast copy names the card
 * it came from. It sits above everything else of the system layer, takes no keys and no pointer events.
 * Its host's look is fixed with `!important` rules in its own shadow root, which win over any page style
 * (inline `!important` included); the system layer also puts it back when it is removed or re-attributed.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { FingerprintView } from '../../ca/conditional-access-types.js';
import { UNHIDEABLE_HOST } from '../top-layer/layer-styles.js';

export const FINGERPRINT_MARK_TAG = 'yiwang-fingerprint-mark';

export class YiwangFingerprintMark extends LitElement {
  static override properties = { fingerprint: { attribute: false } };

  static override styles = css`
    :host {
      ${UNHIDEABLE_HOST}
      position: absolute !important;
      inset: 0 !important;
      z-index: 2147483647 !important;
      overflow: visible !important;
      margin: 0 !important;
      padding: 0 !important;
    }
    .mark {
      position: absolute;
      box-sizing: border-box;
      padding: calc(var(--u) * 6) calc(var(--u) * 14);
      white-space: nowrap;
      font-size: calc(var(--u) * 34);
      font-weight: 700;
      letter-spacing: 0.06em;
      color: rgba(255, 255, 255, 0.78);
      background: rgba(0, 0, 0, 0.3);
      border-radius: calc(var(--u) * 6);
      text-shadow: 0 0 calc(var(--u) * 3) #000, 0 0 calc(var(--u) * 1) #000;
      font-variant-numeric: tabular-nums;
    }
  `;

  /** The fingerprint shown; undefined shows nothing. */
  declare fingerprint: FingerprintView | undefined;

  constructor() {
    super();
    this.fingerprint = undefined;
  }

  protected override render(): TemplateResult | typeof nothing {
    const f = this.fingerprint;
    if (!f) return nothing;
    const x = clamp01(f.x);
    const y = clamp01(f.y);
    // Anchored by the same fraction of its own size, so x = 1 / y = 1 still keeps it on screen.
    const place = `left: ${x * 100}%; top: ${y * 100}%; transform: translate(${-x * 100}%, ${-y * 100}%);`;
    return html`<div class="mark" style=${place} aria-hidden="true">${f.text}</div>`;
  }
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-fingerprint-mark': YiwangFingerprintMark;
  }
}
