/**
 * `<yw-key-log>`: the emulator's log, newest first: normalized keys the device app received (raw code →
 * key, kind, group), raw keys the box sent, presses it withheld, and device notes. Fires `clear-log`
 * when the Clear button is pressed.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { LogEntry } from './device-link.js';

declare global {
  interface HTMLElementEventMap {
    'clear-log': CustomEvent<undefined>;
  }
}

function clock(time: number): string {
  const d = new Date(time);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export class YwKeyLog extends LitElement {
  static override properties = {
    entries: { attribute: false },
    showSent: { type: Boolean, attribute: 'show-sent' },
  };

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      font-family: var(--yw-font, sans-serif);
      font-size: 12px;
    }
    header {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 6px 8px;
      border-bottom: 1px solid var(--yw-line, #2a313b);
    }
    h2 { font-size: 12px; margin: 0; flex: 1; font-weight: 600; letter-spacing: 0.04em; }
    label { display: flex; align-items: center; gap: 4px; color: var(--yw-dim, #8a93a0); }
    button {
      font: inherit;
      color: inherit;
      background: #2a303a;
      border: 1px solid #3a424e;
      border-radius: 4px;
      padding: 2px 10px;
      cursor: pointer;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow: auto;
      flex: 1;
      font-family: ui-monospace, 'Noto Sans Mono CJK SC', monospace;
    }
    li {
      display: grid;
      grid-template-columns: 86px minmax(0, 1fr);
      gap: 6px;
      padding: 2px 8px;
      border-bottom: 1px solid #1c2128;
      white-space: nowrap;
    }
    li > span:last-child { overflow: hidden; text-overflow: ellipsis; }
    .time { color: #5d6673; }
    .device .what { color: var(--yw-text, #dde3ea); }
    .kind { display: inline-block; min-width: 46px; padding: 0 4px; border-radius: 3px; text-align: center; }
    .kind-down { background: #1f4f7a; }
    .kind-repeat { background: #2d3a4a; }
    .kind-long { background: #6b4b16; }
    .kind-up { background: #27452f; }
    .group { color: #7f8a99; }
    .sent { color: #7d8794; }
    .withheld { color: #ffb36b; }
    .note { color: #9aa7b8; font-style: italic; }
    .empty { color: #5d6673; padding: 8px; }
  `;

  /** Log entries, oldest first (shown newest first). */
  declare entries: readonly LogEntry[];
  /** Whether raw keys the box sent are listed too. */
  declare showSent: boolean;

  constructor() {
    super();
    this.entries = [];
    this.showSent = true;
  }

  protected override render(): TemplateResult {
    // Newest first, keyed by entry: a new entry inserts one row instead of rewriting every row below it (the
    // log is re-rendered on every key the box sends, which zapping at a held key's pace makes costly).
    const rows = this.entries.filter((e) => this.showSent || e.type !== 'sent').reverse();
    return html`
      <header>
        <h2>Key log 按键日志</h2>
        <label><input type="checkbox" .checked=${this.showSent} @change=${(e: Event) => { this.showSent = (e.target as HTMLInputElement).checked; }} />raw sent</label>
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('clear-log', { bubbles: true, composed: true }))}>Clear 清除</button>
      </header>
      <ol aria-live="off">${rows.length
        ? repeat(rows, (entry) => entry, (entry) => this.renderEntry(entry))
        : html`<li class="empty">No keys yet. Press a remote button or a keyboard shortcut.</li>`}</ol>
    `;
  }

  private renderEntry(entry: LogEntry): TemplateResult {
    const time = html`<span class="time">${clock(entry.time)}</span>`;
    switch (entry.type) {
      case 'device': {
        const e = entry.event;
        return html`<li class="device" data-type="device">${time}<span class="what">${e.raw}${e.rawKey ? ` "${e.rawKey}"` : ''} → ${e.key}
          <span class="kind kind-${e.kind}">${e.kind}</span>${e.group ? html` <span class="group">${e.group}</span>` : nothing}</span></li>`;
      }
      case 'sent':
        return html`<li class="sent" data-type="sent">${time}<span>⇢ ${entry.eventType} ${entry.keyCode}${entry.rawKey ? ` "${entry.rawKey}"` : ''}${entry.repeat ? ' repeat' : ''} (${entry.key}, ${entry.origin}${entry.via === 'postMessage' ? ', postMessage' : ''})</span></li>`;
      case 'withheld':
        return html`<li class="withheld" data-type="withheld">${time}<span>✋ ${entry.keyCode} ${entry.key}: withheld (not registered)</span></li>`;
      case 'note':
        return html`<li class="note" data-type="note">${time}<span>${entry.text}</span></li>`;
    }
  }
}

if (!customElements.get('yw-key-log')) customElements.define('yw-key-log', YwKeyLog);

declare global {
  interface HTMLElementTagNameMap {
    'yw-key-log': YwKeyLog;
  }
}
