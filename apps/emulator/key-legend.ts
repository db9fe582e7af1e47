/**
 * `<yw-key-legend>`: which desktop key stands for which remote key (the `keyboard` profile's legend).
 * Keys the selected platform's remote lacks are dimmed.
 */
import { css, html, LitElement, type TemplateResult } from 'lit';
import { findKeyProfile, KEY_NAMES, primaryBinding, type KeyProfile } from '../../sdk/index.js';
import { keyTitle } from './key-labels.js';

export class YwKeyLegend extends LitElement {
  static override properties = {
    profile: { attribute: false },
  };

  static override styles = css`
    :host { display: block; font-family: var(--yw-font, sans-serif); font-size: 12px; }
    h2 { font-size: 12px; margin: 0; padding: 6px 8px; font-weight: 600; border-bottom: 1px solid var(--yw-line, #2a313b); }
    p { margin: 6px 8px; color: var(--yw-dim, #8a93a0); }
    dl {
      display: grid;
      grid-template-columns: repeat(2, auto minmax(0, 1fr));
      gap: 3px 8px;
      margin: 6px 8px 8px;
      align-items: center;
    }
    dt { text-align: right; }
    dd { margin: 0; color: var(--yw-text, #dde3ea); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    kbd {
      font: 11px ui-monospace, monospace;
      padding: 1px 5px;
      border: 1px solid #48505c;
      border-bottom-width: 2px;
      border-radius: 4px;
      background: #262b33;
    }
    .absent { opacity: 0.35; }
  `;

  /** The selected platform's profile; keys its remote lacks are dimmed. */
  declare profile: KeyProfile | undefined;

  private readonly legend = findKeyProfile('keyboard').legend ?? {};

  constructor() {
    super();
    this.profile = undefined;
  }

  protected override render(): TemplateResult {
    const rows = KEY_NAMES.flatMap((name) => {
      const cap = this.legend[name];
      if (cap === undefined) return [];
      const absent = this.profile !== undefined && primaryBinding(this.profile, name) === undefined;
      const title = absent ? `${name}: not on the ${this.profile?.label ?? ''} remote` : name;
      return [html`<dt class=${absent ? 'absent' : ''}><kbd>${cap}</kbd></dt><dd class=${absent ? 'absent' : ''} title=${title}>${keyTitle(name)}</dd>`];
    });
    return html`
      <h2>Keyboard 键盘快捷键</h2>
      <p>With the emulator page focused (not the TV picture), these keys press the remote.</p>
      <dl>${rows}</dl>
    `;
  }
}

if (!customElements.get('yw-key-legend')) customElements.define('yw-key-legend', YwKeyLegend);

declare global {
  interface HTMLElementTagNameMap {
    'yw-key-legend': YwKeyLegend;
  }
}
