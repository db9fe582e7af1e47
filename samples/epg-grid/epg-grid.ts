/**
 * `<yw-epg-grid>`: a 1920×1080 TV guide over a guide store. Channels down, time across; only the visible
 * page of channels ± one page and the visible time ± one block are in the DOM, so a week of 400 channels
 * costs what one screen does. Driven by `handleKey` with normalized remote keys.
 */
import { css, html, LitElement, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Subscription } from 'rxjs';
import {
  ErrorCode, YiwangError, type GuideChannel, type EpgStore, type GridCell, type KeyName, type Programme, type Reminders,
} from '../../sdk/index.js';
import {
  channelName, dayLabel, episodeLabel, genreLabel, hm, pickText, ratingLabel, span, titleOf,
} from './format.js';
import { cellAt, GuideGridData } from './grid-data.js';
import {
  CHANNEL_W, DAY, GRID_H, GRID_TOP, HEADER_H, localDayStart, pageOf, PX_PER_MS, renderedRows, renderedTime, ROW_H,
  RULER_H, RULER_TOP, SIDE, STAGE_H, STAGE_W, TIME_W, VIEW_MS, VIEW_STEP_MS, visibleRows, type Range,
} from './layout.js';
import { focusAt, moveFocus, type Focus, type Move, type NavigationContext } from './navigation.js';

/** A snapshot of what the guide shows, for tests and benchmarks. */
export interface EpgGridState {
  /** Channels in the store. */
  readonly channels: number;
  readonly page: number;
  readonly focus: {
    readonly row: number;
    readonly channelId?: string;
    readonly at: number;
    readonly kind?: GridCell['kind'];
    readonly programmeId?: string;
    readonly title?: string;
  };
  readonly view: Range;
  readonly renderedRows: Range;
  readonly renderedTime: Range;
  /** Elements in the DOM: channel rows and grid cells. */
  readonly dom: { readonly rows: number; readonly cells: number; readonly programmeCells: number };
  readonly details?: { readonly programmeId: string; readonly title: string };
  readonly reminders: readonly string[];
  readonly toast?: string;
  /** Whether the now line is drawn (now is in the visible span). */
  readonly nowLine: boolean;
  readonly notice?: string;
}

interface Toast {
  readonly text: string;
  readonly kind: 'info' | 'warn';
}

const MOVES: Readonly<Partial<Record<KeyName, Move>>> = {
  ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right',
  PageUp: 'page-up', PageDown: 'page-down',
  // CH+ goes on to higher channel numbers, as zapping does.
  ChannelUp: 'page-down', ChannelDown: 'page-up',
  ColorF2Yellow: 'day-back', ColorF3Blue: 'day-forward',
};

const TOAST_MS = 4000;
const NO_INFO = '暂无节目信息 / No information';

const bell = svg`<svg class="bell" viewBox="0 0 24 24" aria-label="提醒 reminder"><path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"/></svg>`;

const cellKey = (cell: GridCell): string => (cell.kind === 'programme' ? cell.programme.id : `gap@${cell.start}`);

export class YwEpgGrid extends LitElement {
  static override properties = {
    guide: { attribute: false },
    reminders: { attribute: false },
    clock: { attribute: false },
    notice: { type: String },
    cursor: { state: true },
    now: { state: true },
    details: { state: true },
    toast: { state: true },
    reminded: { state: true },
    scale: { state: true },
    offsetX: { state: true },
    failure: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
      position: relative;
      overflow: hidden;
      background: #08111f;
      font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif;
      color: #e8eef6;
    }
    .stage { position: absolute; left: 0; top: 0; width: ${STAGE_W}px; height: ${STAGE_H}px; transform-origin: 0 0; overflow: hidden;
      background: #08111f; }
    header { position: absolute; left: ${SIDE}px; right: ${SIDE}px; top: 36px; height: ${HEADER_H - 36}px; display: flex; align-items: flex-start; gap: 40px; }
    h1 { margin: 0; font-size: 40px; font-weight: 700; white-space: nowrap; }
    h1 small { display: block; font-size: 22px; font-weight: 400; color: #8fa3bc; margin-top: 4px; }
    .summary { flex: 1; min-width: 0; font-size: 26px; line-height: 36px; padding-top: 4px; }
    .summary b { display: block; font-size: 30px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .summary span { color: #8fa3bc; }
    .clock { font-size: 56px; font-weight: 300; line-height: 60px; font-variant-numeric: tabular-nums; text-align: right; }
    .clock small { display: block; font-size: 20px; color: #8fa3bc; line-height: 26px; }
    .day { position: absolute; left: ${SIDE}px; top: ${RULER_TOP}px; width: ${CHANNEL_W - 12}px; height: ${RULER_H}px;
      line-height: ${RULER_H}px; font-size: 22px; color: #ffd36b; white-space: nowrap; }
    .ruler { position: absolute; left: ${SIDE + CHANNEL_W}px; top: ${RULER_TOP}px; width: ${TIME_W}px; height: ${RULER_H}px;
      overflow: hidden; border-bottom: 2px solid #23354d; }
    .tick { position: absolute; top: 0; height: ${RULER_H}px; line-height: ${RULER_H}px; padding-left: 8px; font-size: 22px;
      color: #b5c4d6; border-left: 2px solid #23354d; white-space: nowrap; }
    .now-tick { position: absolute; top: 0; width: 0; height: ${RULER_H}px; border-left: 3px solid #ff5b5b; }
    .now-tick span { position: absolute; top: 6px; left: 4px; font-size: 18px; line-height: 28px; padding: 0 6px; background: #ff5b5b;
      color: #fff; border-radius: 4px; }
    .channels { position: absolute; left: ${SIDE}px; top: ${GRID_TOP}px; width: ${CHANNEL_W}px; height: ${GRID_H}px; overflow: hidden; }
    .timeline { position: absolute; left: ${SIDE + CHANNEL_W}px; top: ${GRID_TOP}px; width: ${TIME_W}px; height: ${GRID_H}px; overflow: hidden; }
    .plane { position: absolute; left: 0; top: 0; will-change: transform; }
    .ch { position: absolute; left: 0; width: ${CHANNEL_W - 12}px; height: ${ROW_H - 6}px; display: flex; align-items: center; gap: 12px;
      padding: 0 12px; box-sizing: border-box; background: #111f33; border-radius: 6px; font-size: 26px; white-space: nowrap; overflow: hidden; }
    .ch.focused { background: #1d3a5f; }
    .ch .num { min-width: 52px; font-size: 24px; color: #ffd36b; font-variant-numeric: tabular-nums; }
    .ch img { width: 64px; height: 40px; object-fit: contain; }
    .ch .name { overflow: hidden; text-overflow: ellipsis; }
    .row { position: absolute; left: 0; height: ${ROW_H - 6}px; }
    .cell { position: absolute; top: 0; height: ${ROW_H - 6}px; box-sizing: border-box; padding: 8px 12px; overflow: hidden;
      white-space: nowrap; background: #15263d; border-left: 3px solid #08111f; border-radius: 4px; contain: strict; }
    .cell b { display: block; font-size: 26px; font-weight: 500; line-height: 34px; overflow: hidden; text-overflow: ellipsis; }
    .cell small { display: block; font-size: 20px; line-height: 26px; color: #8fa3bc; }
    .cell.gap { background: #0d1828; color: #5f7590; }
    .cell.gap b { font-size: 22px; font-weight: 400; }
    .cell.on-air { background: #1a3050; }
    .cell.past { color: #8d9aab; }
    .cell.focused { background: #f0f4fa; color: #0b1626; box-shadow: inset 0 0 0 4px #ffd36b; }
    .cell.focused small { color: #34465e; }
    .bell { position: absolute; right: 8px; top: 8px; width: 24px; height: 24px; fill: #ffd36b; }
    .cell.focused .bell { fill: #c77700; }
    .cell.reminded b { padding-right: 28px; }
    .now-line { position: absolute; top: 0; width: 0; height: ${GRID_H}px; border-left: 3px solid #ff5b5b; pointer-events: none; }
    footer { position: absolute; left: ${SIDE}px; right: ${SIDE}px; bottom: 30px; height: 40px; display: flex; gap: 36px; font-size: 22px;
      color: #8fa3bc; align-items: center; }
    footer i { font-style: normal; display: inline-block; min-width: 26px; padding: 0 8px; margin-right: 8px; border-radius: 6px;
      background: #1d3a5f; color: #fff; text-align: center; }
    footer i.red { background: #d83a3a; }
    footer i.yellow { background: #d8b13a; color: #111; }
    footer i.blue { background: #3a6fd8; }
    .notice { position: absolute; left: ${SIDE + CHANNEL_W}px; top: ${GRID_TOP + 40}px; width: ${TIME_W}px; text-align: center;
      font-size: 30px; color: #b5c4d6; line-height: 48px; }
    .toast { position: absolute; left: 50%; bottom: 90px; transform: translateX(-50%); max-width: 1400px; padding: 16px 32px;
      border-radius: 10px; background: #23354d; font-size: 26px; line-height: 36px; box-shadow: 0 4px 24px rgb(0 0 0 / 50%); }
    .toast.warn { background: #6b3a16; }
    .details { position: absolute; left: 360px; top: 200px; width: 1200px; max-height: 680px; box-sizing: border-box; padding: 40px 48px;
      background: #102038; border: 2px solid #2d4a70; border-radius: 16px; box-shadow: 0 12px 60px rgb(0 0 0 / 70%); overflow: hidden; }
    .details h2 { margin: 0 0 12px; font-size: 44px; line-height: 56px; }
    .details .meta { font-size: 26px; color: #ffd36b; margin-bottom: 16px; }
    .details .tags { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 20px; }
    .details .tags span { font-size: 22px; padding: 4px 14px; border-radius: 20px; background: #1d3a5f; }
    .details p { font-size: 26px; line-height: 42px; margin: 0 0 24px; max-height: 336px; overflow: hidden; color: #d5dfeb; }
    .details .sub { font-size: 26px; color: #b5c4d6; margin: -8px 0 16px; }
    .details .hint { font-size: 22px; color: #8fa3bc; }
    .details .bell { position: static; display: inline-block; width: 36px; height: 36px; vertical-align: -4px; margin-right: 10px; }
    .backdrop { position: absolute; inset: 0; background: rgb(4 9 18 / 55%); }
  `;

  /** The guide store to show. Setting it starts reading. */
  declare guide: EpgStore | undefined;
  /** Reminders of the same store; red toggles them. */
  declare reminders: Reminders | undefined;
  /** The time source (tests may stop time). Default `Date.now`. */
  declare clock: () => number;
  /** A line shown over an empty grid (loading a guide, or how to get one). */
  declare notice: string;
  declare protected cursor: Focus;
  declare protected now: number;
  declare protected details: Programme | undefined;
  declare protected toast: Toast | undefined;
  declare protected reminded: ReadonlySet<string>;
  declare protected scale: number;
  declare protected offsetX: number;
  declare protected failure: string | undefined;

  /** Resolves with `performance.now()` in the frame after the first grid with programme cells rendered. */
  readonly firstGridPaint: Promise<number>;
  /** Resolves after the first render of read guide data: cells, or an empty store. */
  readonly dataShown: Promise<void>;

  private resolveFirstPaint: (t: number) => void = () => undefined;
  private resolveDataShown: () => void = () => undefined;
  private painted = false;
  private dataWasShown = false;
  private data: GuideGridData | undefined;
  private limits: Range;
  private clockTimer: ReturnType<typeof setTimeout> | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private reminderSubscriptions: Subscription[] = [];
  private resizeObserver: ResizeObserver | undefined;
  private focusPlaced = false;

  constructor() {
    super();
    this.guide = undefined;
    this.reminders = undefined;
    this.clock = Date.now;
    this.notice = '';
    this.now = Date.now();
    this.limits = this.limitsFor(this.now);
    this.cursor = focusAt(0, this.now, this.limits);
    this.details = undefined;
    this.toast = undefined;
    this.reminded = new Set();
    this.scale = 1;
    this.offsetX = 0;
    this.failure = undefined;
    this.firstGridPaint = new Promise<number>((resolve) => {
      this.resolveFirstPaint = resolve;
    });
    this.dataShown = new Promise<void>((resolve) => {
      this.resolveDataShown = resolve;
    });
  }

  // ---- keys ----

  /**
   * Acts on a normalized key (a `down` or `repeat`); true when the guide used it. Arrows move between cells,
   * PageUp/PageDown and ChannelUp/ChannelDown page the channels, yellow/blue move a day, Enter/Info open the
   * details, red toggles a reminder, BrowserBack closes the details.
   */
  handleKey(key: KeyName): boolean {
    if (this.details) {
      if (key === 'BrowserBack' || key === 'Enter' || key === 'Exit' || key === 'Info') this.details = undefined;
      else if (key === 'ColorF0Red') void this.toggleReminder(this.details);
      else return false;
      return true;
    }
    const move = MOVES[key];
    if (move) {
      this.focusPlaced = true;
      this.cursor = moveFocus(this.cursor, move, this.navigationContext());
      return true;
    }
    switch (key) {
      case 'Enter':
      case 'Info': {
        const cell = this.focusedCell();
        if (cell?.kind === 'programme') this.details = cell.programme;
        else if (cell) this.showToast(NO_INFO, 'info');
        return true;
      }
      case 'ColorF0Red': {
        const cell = this.focusedCell();
        if (cell?.kind === 'programme') void this.toggleReminder(cell.programme);
        else this.showToast(`${NO_INFO}：无法提醒 / Nothing to remind`, 'warn');
        return true;
      }
      default:
        return false;
    }
  }

  // ---- snapshot ----

  state(): EpgGridState {
    const channels = this.data?.channels ?? [];
    const channel = channels[this.cursor.row];
    const cell = this.focusedCell();
    const page = pageOf(this.cursor.row);
    const root = this.renderRoot;
    const toast = this.toast?.text;
    return {
      channels: channels.length,
      page,
      focus: {
        row: this.cursor.row,
        at: this.cursor.at,
        ...(channel ? { channelId: channel.id } : {}),
        ...(cell ? { kind: cell.kind } : {}),
        ...(cell?.kind === 'programme' ? { programmeId: cell.programme.id, title: titleOf(cell.programme) } : {}),
      },
      view: { from: this.cursor.viewFrom, to: this.cursor.viewFrom + VIEW_MS },
      renderedRows: renderedRows(page, channels.length),
      renderedTime: renderedTime(this.cursor.viewFrom, this.limits),
      dom: {
        rows: root.querySelectorAll('.ch').length,
        cells: root.querySelectorAll('.cell').length,
        programmeCells: root.querySelectorAll('.cell.programme').length,
      },
      ...(this.details ? { details: { programmeId: this.details.id, title: titleOf(this.details) } } : {}),
      reminders: [...this.reminded],
      ...(toast === undefined ? {} : { toast }),
      nowLine: root.querySelector('.now-line') !== null,
      ...(this.notice ? { notice: this.notice } : {}),
    };
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick();
    if (typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(() => this.fit());
      this.resizeObserver.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.clockTimer !== undefined) clearTimeout(this.clockTimer);
    if (this.toastTimer !== undefined) clearTimeout(this.toastTimer);
    this.resizeObserver?.disconnect();
    this.stopData();
    this.stopReminders();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('guide')) this.startData();
    if (changed.has('reminders')) this.startReminders();
    if (changed.has('clock')) {
      this.now = this.clock();
      this.limits = this.limitsFor(this.now);
      if (!this.focusPlaced) this.cursor = focusAt(this.cursor.row, this.now, this.limits);
    }
    const count = this.data?.channels.length ?? 0;
    if (count > 0 && this.cursor.row >= count) this.cursor = { ...this.cursor, row: count - 1, at: this.cursor.anchor };
    this.requestCells();
  }

  protected override firstUpdated(): void {
    this.fit();
  }

  protected override updated(): void {
    const data = this.data;
    if (!data) return;
    if (!this.dataWasShown && (data.reads > 0 || (data.channelsRead && data.channels.length === 0))) {
      this.dataWasShown = true;
      this.resolveDataShown();
    }
    if (!this.painted && this.renderRoot.querySelector('.cell.programme')) {
      this.painted = true;
      requestAnimationFrame(() => this.resolveFirstPaint(performance.now()));
    }
  }

  // ---- data ----

  private limitsFor(now: number): Range {
    // Yesterday (catch-up) to a week ahead.
    const today = localDayStart(now);
    return { from: today - DAY, to: today + 8 * DAY };
  }

  private startData(): void {
    this.stopData();
    const guide = this.guide;
    if (!guide) return;
    this.data = new GuideGridData(guide, {
      changed: () => this.requestUpdate(),
      failed: (error) => {
        this.failure = error instanceof Error ? error.message : String(error);
      },
    });
    this.data.start();
  }

  private stopData(): void {
    this.data?.stop();
    this.data = undefined;
  }

  /** Asks for the cells of the rendered rows and time. */
  private requestCells(): void {
    const data = this.data;
    if (!data) return;
    const rows = renderedRows(pageOf(this.cursor.row), data.channels.length);
    const time = renderedTime(this.cursor.viewFrom, this.limits);
    data.request({ channels: data.channels.slice(rows.from, rows.to).map((c) => c.id), from: time.from, to: time.to });
  }

  private navigationContext(): NavigationContext {
    const data = this.data;
    const channels = data?.channels ?? [];
    return {
      rowCount: channels.length,
      limits: this.limits,
      cellsOf: (row) => data?.cellsOf(channels[row]?.id),
    };
  }

  private focusedCell(): GridCell | undefined {
    const data = this.data;
    return cellAt(data?.cellsOf(data.channels[this.cursor.row]?.id), this.cursor.at);
  }

  // ---- reminders ----

  private startReminders(): void {
    this.stopReminders();
    const reminders = this.reminders;
    const guide = this.guide;
    if (!reminders) return;
    void this.refreshReminded();
    if (guide) {
      this.reminderSubscriptions.push(guide.changes.subscribe((change) => {
        if (change.kind === 'reminders' || change.kind === 'cleared' || change.kind === 'pruned') void this.refreshReminded();
      }));
    }
    this.reminderSubscriptions.push(reminders.due.subscribe({
      next: ({ programme, late }) => {
        const channel = this.data?.channels.find((c) => c.id === programme.channelId);
        const where = channel ? ` · ${channelName(channel)}` : '';
        this.showToast(`提醒 Reminder：《${titleOf(programme)}》${late ? '已开始 has started' : '即将开始 starts soon'} ${hm(programme.start)}${where}`, 'info', 10_000);
      },
      error: () => undefined,
    }));
  }

  private stopReminders(): void {
    for (const s of this.reminderSubscriptions.splice(0)) s.unsubscribe();
  }

  private async refreshReminded(): Promise<void> {
    const reminders = this.reminders;
    if (!reminders) return;
    try {
      this.reminded = new Set((await reminders.list()).map((r) => r.programmeId));
    } catch {
      // The store closed; nothing to show.
    }
  }

  private async toggleReminder(programme: Programme): Promise<void> {
    const reminders = this.reminders;
    if (!reminders) {
      this.showToast('提醒尚未就绪 / Reminders are not ready yet', 'warn');
      return;
    }
    const title = titleOf(programme);
    try {
      if (this.reminded.has(programme.id)) {
        await reminders.remove(programme.id);
        this.showToast(`已取消提醒 Reminder removed：《${title}》`, 'info');
      } else {
        const { conflicts } = await reminders.add(programme.id);
        const clash = conflicts.map((p) => `《${titleOf(p)}》${hm(p.start)}`).join('、');
        if (clash) this.showToast(`已设置提醒 Reminder set：《${title}》 ${hm(programme.start)} · 与${clash}时间冲突 conflicts`, 'warn');
        else this.showToast(`已设置提醒 Reminder set：《${title}》 ${hm(programme.start)}`, 'info');
      }
    } catch (error) {
      const ended = error instanceof YiwangError && error.code === ErrorCode.EpgArgumentInvalid;
      this.showToast(ended ? `节目已结束，无法提醒 / 《${title}》 has ended` : `提醒失败 / Reminder failed: ${String(error)}`, 'warn');
    }
    await this.refreshReminded();
  }

  private showToast(text: string, kind: Toast['kind'], ms = TOAST_MS): void {
    this.toast = { text, kind };
    if (this.toastTimer !== undefined) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toast = undefined;
    }, ms);
  }

  // ---- time and size ----

  /** Updates the clock and the now line at each minute. */
  private tick(): void {
    this.now = this.clock();
    this.limits = this.limitsFor(this.now);
    this.clockTimer = setTimeout(() => this.tick(), 60_000 - (this.now % 60_000) + 20);
  }

  /** Scales the stage to the element, centred horizontally. */
  private fit(): void {
    const { width, height } = this.getBoundingClientRect();
    if (width <= 0 || height <= 0) return;
    this.scale = Math.min(width / STAGE_W, height / STAGE_H);
    this.offsetX = Math.max(0, (width - STAGE_W * this.scale) / 2);
  }

  // ---- render ----

  protected override render(): TemplateResult {
    const data = this.data;
    const channels = data?.channels ?? [];
    const focus = this.cursor;
    const page = pageOf(focus.row);
    const rows = renderedRows(page, channels.length);
    const visible = visibleRows(page, channels.length);
    const time = renderedTime(focus.viewFrom, this.limits);
    const x0 = (focus.viewFrom - this.limits.from) * PX_PER_MS;
    const y0 = visible.from * ROW_H;
    const shown = channels.slice(rows.from, rows.to);
    const focusedChannel = channels[focus.row];
    const focusedCell = this.focusedCell();
    const nowX = (this.now - focus.viewFrom) * PX_PER_MS;
    return html`
      <div class="stage" style="transform:translate(${this.offsetX}px,0) scale(${this.scale})">
        <header>
          <h1>节目指南<small>TV Guide · 电子节目单</small></h1>
          <div class="summary">${this.renderSummary(focusedChannel, focusedCell)}</div>
          <div class="clock">${hm(this.now)}<small>${dayLabel(this.now, this.now)}</small></div>
        </header>
        <div class="day">${dayLabel(focus.viewFrom, this.now)}</div>
        <div class="ruler">${this.renderTicks(time, focus.viewFrom)}${nowX >= 0 && nowX <= TIME_W
          ? html`<div class="now-tick" style="left:${nowX}px"><span>${hm(this.now)}</span></div>` : nothing}</div>
        <div class="channels"><div class="plane" style="transform:translateY(${-y0}px)">
          ${repeat(shown, (c) => c.id, (c, i) => this.renderChannel(c, rows.from + i, rows.from + i === focus.row))}
        </div></div>
        <div class="timeline">
          <div class="plane" style="transform:translate(${-x0}px,${-y0}px)">
            ${repeat(shown, (c) => c.id, (c, i) => this.renderRow(c, rows.from + i, time))}
          </div>
          ${nowX >= 0 && nowX <= TIME_W ? html`<div class="now-line" style="left:${nowX}px"></div>` : nothing}
        </div>
        ${this.renderNotice(channels.length)}
        <footer>
          <span><i>▲▼◀▶</i>选择 Move</span><span><i>OK</i>详情 Details</span><span><i class="red">●</i>提醒 Reminder</span>
          <span><i>CH±</i>翻页 Page</span><span><i class="yellow">●</i><i class="blue">●</i>前一天/后一天 Day</span>
          <span><i>←</i>返回 Back</span>
        </footer>
        ${this.details ? html`<div class="backdrop"></div>${this.renderDetails(this.details)}` : nothing}
        ${this.toast ? html`<div class="toast ${this.toast.kind}" role="status">${this.toast.text}</div>` : nothing}
      </div>
    `;
  }

  private renderSummary(channel: GuideChannel | undefined, cell: GridCell | undefined): TemplateResult | typeof nothing {
    if (!channel) return nothing;
    const where = channelName(channel);
    if (cell?.kind !== 'programme') return html`<b>${NO_INFO}</b><span>${where}</span>`;
    const p = cell.programme;
    return html`<b>${titleOf(p)}</b><span>${where} · ${span(p.start, p.end)}${p.genres.length > 0 ? ` · ${genreLabel(p.genres[0] ?? 'undefined')}` : ''}</span>`;
  }

  private renderTicks(time: Range, viewFrom: number): TemplateResult[] {
    const ticks: TemplateResult[] = [];
    for (let t = Math.ceil(time.from / VIEW_STEP_MS) * VIEW_STEP_MS; t < time.to; t += VIEW_STEP_MS) {
      const x = (t - viewFrom) * PX_PER_MS;
      if (x < -200 || x > TIME_W) continue;
      ticks.push(html`<div class="tick" style="left:${x}px">${hm(t)}</div>`);
    }
    return ticks;
  }

  private renderChannel(channel: GuideChannel, row: number, focused: boolean): TemplateResult {
    return html`<div class="ch ${focused ? 'focused' : ''}" style="top:${row * ROW_H}px">
      <span class="num">${channel.number ?? String(row + 1)}</span>
      ${channel.logo ? html`<img src=${channel.logo} alt="" loading="lazy" decoding="async"
        @error=${(e: Event) => (e.target as HTMLElement).remove()} />` : nothing}
      <span class="name">${channelName(channel)}</span>
    </div>`;
  }

  private renderRow(channel: GuideChannel, row: number, time: Range): TemplateResult {
    const cells = (this.data?.cellsOf(channel.id)?.cells ?? []).filter((c) => c.end > time.from && c.start < time.to);
    const focusRow = row === this.cursor.row;
    return html`<div class="row" style="top:${row * ROW_H}px">
      ${repeat(cells, cellKey, (cell) => this.renderCell(cell, focusRow && cell.start <= this.cursor.at && this.cursor.at < cell.end))}
    </div>`;
  }

  private renderCell(cell: GridCell, focused: boolean): TemplateResult {
    const { viewFrom } = this.cursor;
    const left = (cell.start - this.limits.from) * PX_PER_MS;
    const width = (cell.end - cell.start) * PX_PER_MS;
    // A cell running in from the left keeps its title in view.
    const indent = cell.start < viewFrom && cell.end > viewFrom ? (viewFrom - cell.start) * PX_PER_MS : 0;
    const label = indent > 0 ? `margin-left:${indent}px` : '';
    if (cell.kind === 'gap') {
      return html`<div class="cell gap ${focused ? 'focused' : ''}" style="left:${left}px;width:${width}px"><b style=${label}>${NO_INFO}</b></div>`;
    }
    const p = cell.programme;
    const now = this.now;
    const reminded = this.reminded.has(p.id);
    const when = p.end <= now ? 'past' : p.start <= now ? 'on-air' : '';
    return html`<div class="cell programme ${when} ${focused ? 'focused' : ''} ${reminded ? 'reminded' : ''}"
      style="left:${left}px;width:${width}px">
      <b style=${label}>${titleOf(p)}</b>${width >= 150 ? html`<small style=${label}>${span(p.start, p.end)}</small>` : nothing}
      ${reminded ? bell : nothing}
    </div>`;
  }

  private renderNotice(channels: number): TemplateResult | typeof nothing {
    const text = this.failure ?? (this.notice || (this.data?.channelsRead && channels === 0
      ? '暂无节目指南数据 · No guide data — load one from the emulator\'s EPG panel, or open this page with ?guide=<url>' : ''));
    return text ? html`<div class="notice">${text}</div>` : nothing;
  }

  private renderDetails(p: Programme): TemplateResult {
    const channel = this.data?.channels.find((c) => c.id === p.channelId);
    const tags = [
      ...p.genres.map(genreLabel), ratingLabel(p.rating), episodeLabel(p.episode),
      ...(p.flags.new === true ? ['首播 New'] : []), ...(p.flags.rerun === true ? ['重播 Rerun'] : []),
      ...(p.flags.subtitles === true ? ['字幕 Subtitles'] : []), ...(p.flags.scrambled === true ? ['加密 Scrambled'] : []),
    ].filter((t) => t !== '');
    const subTitle = pickText(p.subTitles);
    const description = pickText(p.descriptions);
    const reminded = this.reminded.has(p.id);
    return html`<div class="details" role="dialog" aria-label=${titleOf(p)}>
      <h2>${reminded ? bell : nothing}${titleOf(p)}</h2>
      ${subTitle ? html`<div class="sub">${subTitle}</div>` : nothing}
      <div class="meta">${channel ? `${channel.number ?? ''} ${channelName(channel)} · ` : ''}${dayLabel(p.start, this.now)} ${span(p.start, p.end)}
        · ${Math.round((p.end - p.start) / 60_000)} 分钟</div>
      ${tags.length > 0 ? html`<div class="tags">${tags.map((t) => html`<span>${t}</span>`)}</div>` : nothing}
      <p>${description || '暂无简介 / No description'}</p>
      <div class="hint">${reminded ? '红键 取消提醒 Remove reminder' : '红键 设置提醒 Set reminder'} · 返回 关闭 Back to close</div>
    </div>`;
  }
}

if (!customElements.get('yw-epg-grid')) customElements.define('yw-epg-grid', YwEpgGrid);

declare global {
  interface HTMLElementTagNameMap {
    'yw-epg-grid': YwEpgGrid;
  }
}
