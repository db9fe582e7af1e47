/**
 * `<yiwang-ca-prompt>`: the blocking CA prompt in the centre of the screen — the operator's display code and
 * text (`E04 请插入智能卡`). Announced to screen readers (`role="alert"`) whenever it changes; takes no keys.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { CaPromptView } from '../../ca/conditional-access-types.js';
import { panel, partHost } from './system-ui-styles.js';

export const CA_PROMPT_TAG = 'yiwang-ca-prompt';

export class YiwangCaPrompt extends LitElement {
  static override properties = { prompt: { attribute: false } };

  static override styles = [partHost, panel, css`
    .box {
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      min-width: calc(var(--u) * 560);
      max-width: calc(var(--u) * 1200);
      padding: calc(var(--u) * 36) calc(var(--u) * 56);
      text-align: center;
      font-size: calc(var(--u) * 44);
    }
    .code { font-weight: 700; color: #ffd54a; }
  `];

  /** The prompt shown; undefined hides it. */
  declare prompt: CaPromptView | undefined;

  constructor() {
    super();
    this.prompt = undefined;
  }

  protected override render(): TemplateResult {
    const p = this.prompt;
    // The live region stays in the tree so each new prompt is announced.
    return html`<div role="alert" aria-live="assertive" aria-atomic="true">${p ? html`
      <div class="panel box" data-reason=${p.reason} lang="zh-CN">
        ${p.displayCode ? html`<span class="code">${p.displayCode}</span> ` : nothing}<span class="text">${p.text}</span>
      </div>` : nothing}</div>`;
  }
}

/** The prompt's words as shown: `E04 请插入智能卡`. */
export function promptLine(prompt: CaPromptView): string {
  return prompt.displayCode ? `${prompt.displayCode} ${prompt.text}` : prompt.text;
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-ca-prompt': YiwangCaPrompt;
  }
}
