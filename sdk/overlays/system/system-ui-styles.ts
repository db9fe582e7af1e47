/**
 * What every part of the system UI layer shares: 1080-line units that scale with the viewport (`--u`, set on
 * the layer's host and inherited through the parts' shadow roots), the CJK font stack, and the panel look.
 * Layouts are drawn for 1920×1080 and keep to its action-safe area (5 % margins).
 */
import { css } from 'lit';

/** Font stack for Chinese text on boxes (WenQuanYi on most Linux boxes, Noto on newer ones). */
export const SYSTEM_UI_FONTS = `"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif`;

/** A part's host: no box of its own, no pointer events (dialogs turn them back on for themselves). */
export const partHost = css`
  :host {
    display: contents;
    pointer-events: none;
  }
`;

/** A dark, rounded panel with white text (prompt, dialogs, notices). */
export const panel = css`
  .panel {
    box-sizing: border-box;
    color: #fff;
    background: rgba(12, 18, 32, 0.92);
    border: calc(var(--u, 1px) * 3) solid rgba(255, 255, 255, 0.35);
    border-radius: calc(var(--u, 1px) * 16);
    box-shadow: 0 calc(var(--u, 1px) * 8) calc(var(--u, 1px) * 32) rgba(0, 0, 0, 0.5);
    font-size: calc(var(--u, 1px) * 36);
    line-height: 1.35;
  }
`;

/** Money in the wallet's smallest unit (fen) as yuan: `1250` → `12.50 元`. */
export function formatYuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`;
}

/** `HH:MM` of a time (ms since epoch), in `timeZone` or the box's own. */
export function formatClock(ms: number, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) })
      .format(new Date(ms));
  } catch {
    const d = new Date(ms);
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
}
