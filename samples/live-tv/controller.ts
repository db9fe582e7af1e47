// What the live-TV app does, free of Lightning: zapping, number entry, the last-channel toggle, the channel
// list with its favourites filter, the info banner with now/next, the no-signal and lock notices, and the
// parental PIN flow through the system UI. The Lightning screen forwards keys here and draws what it is told.
import { firstValueFrom, Subject, type Subscription } from 'rxjs';
import {
  channelNumberEntry, type Channel, type ChannelNumberEntryEvent, type KeyEvent, type TuneFailure, type TuneOptions, type TuneResult,
  type TunerState,
} from '../../sdk/index.js';
import { channelMarks, clockText, entryText, listRowText, pickText, progressOf, slotText } from './format.js';
import type { LiveTvServices } from './services.js';
import { ZapLog, type ZapEntry } from './zap-log.js';

/** The info banner's content. */
export interface BannerView {
  readonly number: number;
  readonly name: string;
  readonly logo?: string;
  /** Scrambled, radio and favourite marks. */
  readonly marks: string;
  readonly now?: { readonly title: string; readonly slot: string };
  readonly next?: { readonly title: string; readonly slot: string };
  /** How far the programme on air has run, 0–1; undefined without a guide. */
  readonly progress?: number;
  readonly clock: string;
}

export interface ListRowView {
  readonly channelId: string;
  readonly text: string;
  readonly current: boolean;
}

/** The visible page of the channel list. */
export interface ListView {
  readonly title: string;
  readonly rows: readonly ListRowView[];
  /** The focused row within `rows`. */
  readonly focusedRow: number;
  /** Position of the focused channel in the whole list, 1-based, and its length. */
  readonly position: number;
  readonly total: number;
  readonly favouritesOnly: boolean;
  readonly empty?: string;
}

/** What the screen draws. */
export interface LiveTvRenderer {
  banner(view: BannerView | undefined): void;
  entry(text: string | undefined): void;
  list(view: ListView | undefined): void;
  notice(text: string | undefined): void;
}

export interface LiveTvControllerOptions {
  /** How long the banner stays after a zap or Info, ms. Default 5000. */
  readonly bannerMs?: number;
  /** Digit entry: commit after this long without a digit, ms. Default 2000. */
  readonly entryTimeoutMs?: number;
  /** Rows shown at once in the channel list. Default 10. */
  readonly listRows?: number;
  /** Zaps kept for the hook. Default 200. */
  readonly zapLogSize?: number;
  /** Wall clock, ms since epoch. */
  readonly clock?: () => number;
}

/** What `window.liveTv.state()` reports. */
export interface LiveTvState {
  readonly channel?: { readonly id: string; readonly number: number; readonly name: string; readonly scrambled: boolean; readonly kind: string };
  readonly status: TunerState['status'];
  readonly failure?: { readonly error: string; readonly message: string; readonly caCode?: string; readonly caText?: string };
  /** The zap time of the last tune that showed a frame, ms. */
  readonly lastZapMs?: number;
  readonly zapCount: number;
  readonly banner?: BannerView;
  /** Digits typed so far; empty when no entry is open. */
  readonly entryDigits: string;
  readonly list?: { readonly focusedChannel?: string; readonly favouritesOnly: boolean; readonly total: number };
  readonly notice?: string;
  readonly signal: boolean;
  /** The channel a PIN is being asked for. */
  readonly pinFor?: string;
  /** Whether the system UI's PIN dialog is open (it then has the digits, OK and Back). */
  readonly pinDialog: boolean;
  readonly favourites: readonly string[];
  /** What the CA has the system UI show now: the blocking prompt (`E04 请插入智能卡`) and the fingerprint. */
  readonly ca?: { readonly prompt?: string; readonly fingerprint?: string };
}

const NO_SIGNAL = '无信号 No signal · 请检查信号线 Check the cable';
const LOCKED = '频道已加锁 Channel locked · 按确定键输入密码 Press OK to enter the PIN';

export class LiveTvController {
  readonly #services: LiveTvServices;
  readonly #bannerMs: number;
  readonly #listRows: number;
  readonly #clock: () => number;
  readonly #zaps: ZapLog;
  readonly #digits = new Subject<KeyEvent>();
  readonly #subscriptions: Subscription[] = [];
  #renderer: LiveTvRenderer | undefined;

  #state: TunerState;
  #lastZapMs: number | undefined;
  #signal = true;
  #entryDigits = '';
  #banner: BannerView | undefined;
  #bannerChannel: Channel | undefined;
  #bannerTimer: ReturnType<typeof setTimeout> | undefined;
  #clockTimer: ReturnType<typeof setInterval> | undefined;
  /** Bumped on every banner request, so a slow guide read for an older channel is dropped. */
  #bannerSeq = 0;
  #list: { channels: readonly Channel[]; index: number; favouritesOnly: boolean } | undefined;
  #favouritesOnly = false;
  #favourites: readonly string[] = [];
  #notice: string | undefined;
  #pinFor: string | undefined;
  /**
   * The parental block (channel, reason, rated programme) the viewer already answered or cancelled: no new dialog
   * for it until a zap; the next rated programme on the same channel asks again.
   */
  #pinAnswered: string | undefined;
  #pinAbort: AbortController | undefined;
  #closed = false;

  constructor(services: LiveTvServices, options: LiveTvControllerOptions = {}) {
    this.#services = services;
    this.#bannerMs = options.bannerMs ?? 5000;
    this.#listRows = options.listRows ?? 10;
    this.#clock = options.clock ?? Date.now;
    this.#zaps = new ZapLog(options.zapLogSize ?? 200);
    this.#state = services.tuner.state;
    this.#subscriptions.push(
      this.#digits.pipe(channelNumberEntry(services.tuner, { timeoutMs: options.entryTimeoutMs ?? 2000, maxDigits: 3 }))
        .subscribe((entry) => this.#onEntry(entry)),
      services.tuner.state$.subscribe((state) => this.#onTunerState(state)),
      services.tuner.zaps$.subscribe((record) => {
        const entry: ZapEntry = this.#zaps.add(record);
        if (entry.zapMs !== undefined) this.#lastZapMs = entry.zapMs;
      }),
      services.lineup.favourites$.subscribe((ids) => {
        this.#favourites = ids;
        if (this.#list) this.#openList(this.#list.favouritesOnly, this.#list.channels[this.#list.index]?.id);
      }),
    );
    if (services.platform.signal) {
      this.#subscriptions.push(services.platform.signal.subscribe((up) => {
        this.#signal = up;
        this.#renderNotice();
      }));
    }
  }

  /** Connects the screen; it gets the current view at once. */
  attach(renderer: LiveTvRenderer): void {
    this.#renderer = renderer;
    renderer.banner(this.#banner);
    renderer.entry(this.#entryDigits ? entryText(this.#entryDigits) : undefined);
    renderer.list(this.#listView());
    renderer.notice(this.#notice);
  }

  /** Tunes the channel watched last (recents), else the first channel offered; resolves with the result. */
  async start(): Promise<TuneResult | undefined> {
    const { lineup, tuner } = this.#services;
    const recents = await firstValueFrom(lineup.recents$);
    const last = recents.map((id) => lineup.byId(id)).find((c): c is Channel => c !== undefined);
    const first = last ?? lineup.channels.find((c) => !c.hidden) ?? lineup.channels[0];
    if (!first) {
      this.#notice = '频道表为空 The lineup has no channels';
      this.#renderNotice();
      return undefined;
    }
    return tuner.tune(first);
  }

  // ---------------------------------------------------------------- keys

  /** ChannelUp/Down (and Up/Down outside the list): the next or previous channel. */
  zap(step: 1 | -1, startedAt?: number): void {
    if (this.#blockedByDialog()) return;
    const options: TuneOptions = startedAt === undefined ? {} : { startedAt };
    void (step > 0 ? this.#services.tuner.next(options) : this.#services.tuner.previous(options));
  }

  /** A digit (down events count; the entry commits after a pause, at three digits, or on OK). */
  digit(event: KeyEvent): void {
    if (this.#blockedByDialog()) return;
    this.#digits.next(event);
  }

  /** OK: commits the number being typed; on a locked channel asks for the PIN; otherwise opens the list. */
  enter(event: KeyEvent): void {
    if (this.#blockedByDialog()) return;
    if (this.#entryDigits) {
      this.#digits.next(event);
      return;
    }
    const failure = this.#state.status === 'blocked' ? this.#state.failure : undefined;
    if (failure?.error === 'parentalLock' && this.#state.channel) {
      void this.#askPin(this.#state.channel);
      return;
    }
    this.#openList(this.#favouritesOnly, this.#state.channel?.id);
  }

  /** Back: cancels the entry, else closes the list, else goes back to the previous channel. */
  back(event: KeyEvent): void {
    if (this.#blockedByDialog()) return;
    if (this.#entryDigits) {
      this.#digits.next(event);
      return;
    }
    if (this.#list) {
      this.closeList();
      return;
    }
    void this.#services.tuner.toggleLast({ startedAt: event.timeStamp });
  }

  /** Exit: closes whatever the app shows over the picture. */
  exit(): void {
    if (this.#list) this.closeList();
    this.#hideBanner();
  }

  /** Info: shows the banner, or hides it when shown. */
  info(): void {
    if (this.#banner) this.#hideBanner();
    else if (this.#state.channel) this.#showBanner(this.#state.channel);
  }

  // ---------------------------------------------------------------- channel list

  get listOpen(): boolean {
    return this.#list !== undefined;
  }

  listMove(delta: number): void {
    const list = this.#list;
    if (!list || list.channels.length === 0) return;
    const last = list.channels.length - 1;
    // A single step wraps around; a page stops at the ends.
    let index = list.index + delta;
    if (Math.abs(delta) === 1) index = (index + list.channels.length) % list.channels.length;
    else index = Math.min(last, Math.max(0, index));
    list.index = index;
    this.#renderer?.list(this.#listView());
  }

  listPage(direction: 1 | -1): void {
    this.listMove(direction * this.#listRows);
  }

  /** OK in the list: tunes the focused channel and closes the list. */
  listSelect(startedAt?: number): void {
    const list = this.#list;
    const channel = list?.channels[list.index];
    if (!channel) return;
    this.closeList();
    void this.#services.tuner.tune(channel, startedAt === undefined ? {} : { startedAt });
  }

  /** Red: all channels ↔ favourites only. */
  listToggleFavouritesOnly(): void {
    const list = this.#list;
    if (!list) return;
    this.#favouritesOnly = !list.favouritesOnly;
    this.#openList(this.#favouritesOnly, list.channels[list.index]?.id);
  }

  /** Yellow: adds the focused channel to the favourites, or removes it. */
  listToggleFavourite(): void {
    const list = this.#list;
    const channel = list?.channels[list.index];
    if (!channel) return;
    const lineup = this.#services.lineup;
    void lineup.setFavourite(channel.id, !lineup.isFavourite(channel.id)).catch((error: unknown) => {
      console.warn('[live-tv] the favourite was not saved:', error);
    });
  }

  closeList(): void {
    this.#list = undefined;
    this.#renderer?.list(undefined);
  }

  // ---------------------------------------------------------------- hook

  state(): LiveTvState {
    const s = this.#state;
    const channel = s.channel;
    const failure = s.failure;
    const list = this.#list;
    const focused = list?.channels[list.index];
    const caView = this.#services.ca?.view;
    const prompt = caView?.prompt;
    return {
      status: s.status,
      zapCount: this.#zaps.total,
      entryDigits: this.#entryDigits,
      signal: this.#signal,
      favourites: [...this.#favourites],
      pinDialog: this.#services.systemUi.element.openDialog === 'pin',
      ...(channel ? { channel: { id: channel.id, number: channel.number, name: channel.name, scrambled: channel.scrambled, kind: channel.kind } } : {}),
      ...(failure ? {
        failure: {
          error: failure.error, message: failure.message,
          ...(failure.ca?.displayCode === undefined ? {} : { caCode: failure.ca.displayCode }),
          ...(failure.ca ? { caText: failure.ca.text } : {}),
        },
      } : {}),
      ...(this.#lastZapMs === undefined ? {} : { lastZapMs: this.#lastZapMs }),
      ...(this.#banner ? { banner: this.#banner } : {}),
      ...(list ? { list: { favouritesOnly: list.favouritesOnly, total: list.channels.length, ...(focused ? { focusedChannel: focused.id } : {}) } } : {}),
      ...(this.#notice === undefined ? {} : { notice: this.#notice }),
      ...(this.#pinFor === undefined ? {} : { pinFor: this.#pinFor }),
      ...(caView ? {
        ca: {
          ...(prompt ? { prompt: prompt.displayCode ? `${prompt.displayCode} ${prompt.text}` : prompt.text } : {}),
          ...(caView.fingerprint ? { fingerprint: caView.fingerprint.text } : {}),
        },
      } : {}),
    };
  }

  zaps(limit?: number): ZapEntry[] {
    return this.#zaps.list(limit);
  }

  close(): void {
    this.#closed = true;
    for (const s of this.#subscriptions.splice(0)) s.unsubscribe();
    this.#hideBanner();
    this.#renderer = undefined;
  }

  // ---------------------------------------------------------------- internals

  /**
   * Keys after close are dropped. While the system UI asks for a PIN its dialog takes digits, OK and Back
   * itself; zapping stays possible (it cancels the dialog).
   */
  #blockedByDialog(): boolean {
    return this.#closed;
  }

  #onTunerState(state: TunerState): void {
    const previous = this.#state.channel;
    this.#state = state;
    const channel = state.channel;
    if (channel && channel.id !== previous?.id) {
      this.#pinAnswered = undefined;
      this.#pinAbort?.abort();
      this.#showBanner(channel);
    }
    if (channel && state.status === 'blocked' && state.failure?.error === 'parentalLock'
      && this.#pinFor === undefined && this.#pinAnswered !== parentalBlockKey(channel, state.failure)) {
      void this.#askPin(channel);
    }
    this.#renderNotice();
  }

  async #askPin(channel: Channel): Promise<void> {
    if (this.#pinFor !== undefined) return;
    const { systemUi, guide } = this.#services;
    const failure = this.#state.failure;
    const block = parentalBlockKey(channel, failure);
    this.#pinFor = channel.id;
    // Tuning away cancels the dialog.
    const asking = new AbortController();
    this.#pinAbort = asking;
    this.#renderNotice();
    try {
      // Asked before any await, so the dialog holds the remote from now on (the banner's guide read is cached).
      const programmeTitle = pickText(guide.cachedNowNext(channel)?.now?.titles);
      // A correct PIN unlocks the channel (only the rated programme, when that is the reason) in parental
      // control, and the tuner then plays the channel by itself: nothing more to do here.
      await systemUi.requestParentalPin({
        reason: failure?.parentalReason ?? 'channelLock',
        channelId: channel.id,
        ...(failure?.parentalProgramme ? { programme: failure.parentalProgramme } : {}),
        channelName: `${String(channel.number)} ${channel.name}`,
        signal: asking.signal,
        ...(programmeTitle ? { programmeTitle } : {}),
      });
      this.#pinAnswered = block;
    } catch (error) {
      // No PIN set yet, or the check failed: the channel stays locked, the notice says so.
      this.#pinAnswered = block;
      console.warn('[live-tv] the PIN could not be asked:', error);
    } finally {
      if (this.#pinAbort === asking) this.#pinAbort = undefined;
      this.#pinFor = undefined;
      this.#renderNotice();
    }
  }

  #onEntry(entry: ChannelNumberEntryEvent): void {
    switch (entry.type) {
      case 'typing': {
        this.#entryDigits = entry.digits;
        this.#renderer?.entry(entryText(entry.digits, this.#services.lineup.byNumber(Number(entry.digits))));
        return;
      }
      case 'entered':
      case 'cancelled':
        this.#entryDigits = '';
        this.#renderer?.entry(undefined);
        return;
      case 'tuned':
        if (!entry.result.ok && entry.result.error === 'unknownChannel') {
          this.#flashNotice(`没有 ${String(entry.number)} 频道 No channel ${String(entry.number)}`);
        }
    }
  }

  #flashNotice(text: string): void {
    this.#notice = text;
    this.#renderer?.notice(text);
    setTimeout(() => {
      if (this.#notice === text) this.#renderNotice(true);
    }, 2500);
  }

  #renderNotice(clearFlash = false): void {
    const s = this.#state;
    let text: string | undefined;
    if (!this.#signal || s.failure?.error === 'noSignal') text = NO_SIGNAL;
    else if (s.status === 'blocked' && s.failure?.error === 'parentalLock') text = this.#pinFor === undefined ? LOCKED : undefined;
    else if (s.status === 'failed' && s.failure && s.failure.error !== 'interrupted') {
      text = `无法播放 Cannot play: ${s.failure.message}`;
    }
    // CA blocks: the system UI shows the operator's prompt; the app adds nothing over it.
    if (text === undefined && !clearFlash && this.#notice !== undefined && !this.#isStateNotice(this.#notice)) return;
    if (text === this.#notice) return;
    this.#notice = text;
    this.#renderer?.notice(text);
  }

  #isStateNotice(text: string): boolean {
    return text === NO_SIGNAL || text === LOCKED || text.startsWith('无法播放');
  }

  #showBanner(channel: Channel): void {
    const seq = ++this.#bannerSeq;
    this.#bannerChannel = channel;
    this.#banner = {
      number: channel.number, name: channel.name, marks: channelMarks(channel, this.#favourites.includes(channel.id)),
      clock: clockText(this.#clock()), ...(channel.logo ? { logo: channel.logo } : {}),
    };
    this.#renderer?.banner(this.#banner);
    if (this.#bannerTimer !== undefined) clearTimeout(this.#bannerTimer);
    this.#bannerTimer = setTimeout(() => this.#hideBanner(), this.#bannerMs);
    this.#clockTimer ??= setInterval(() => this.#tickBanner(), 1000);
    void this.#fillBanner(channel, seq);
  }

  /** Adds now/next once the guide answered (usually from the cache, within the same frame). */
  async #fillBanner(channel: Channel, seq: number): Promise<void> {
    const at = this.#clock();
    const { now, next } = await this.#services.guide.nowNext(channel, at);
    if (seq !== this.#bannerSeq || !this.#banner) return;
    const nowTitle = pickText(now?.titles);
    const nextTitle = pickText(next?.titles);
    this.#banner = {
      ...this.#banner,
      ...(now && nowTitle ? { now: { title: nowTitle, slot: slotText(now) }, progress: progressOf(now, at) } : {}),
      ...(next && nextTitle ? { next: { title: nextTitle, slot: slotText(next) } } : {}),
    };
    this.#renderer?.banner(this.#banner);
  }

  #tickBanner(): void {
    const channel = this.#bannerChannel;
    if (!this.#banner || !channel) return;
    const clock = clockText(this.#clock());
    if (clock !== this.#banner.clock) {
      this.#banner = { ...this.#banner, clock };
      this.#renderer?.banner(this.#banner);
      void this.#fillBanner(channel, this.#bannerSeq);
    }
  }

  #hideBanner(): void {
    if (this.#bannerTimer !== undefined) clearTimeout(this.#bannerTimer);
    if (this.#clockTimer !== undefined) clearInterval(this.#clockTimer);
    this.#bannerTimer = undefined;
    this.#clockTimer = undefined;
    this.#bannerSeq++;
    this.#bannerChannel = undefined;
    if (!this.#banner) return;
    this.#banner = undefined;
    this.#renderer?.banner(undefined);
  }

  #openList(favouritesOnly: boolean, focusId?: string): void {
    const all = this.#services.lineup.channels.filter((c) => !c.hidden);
    const channels = favouritesOnly ? all.filter((c) => this.#favourites.includes(c.id)) : all;
    const index = Math.max(0, channels.findIndex((c) => c.id === focusId));
    this.#list = { channels, index, favouritesOnly };
    this.#hideBanner();
    this.#renderer?.list(this.#listView());
  }

  #listView(): ListView | undefined {
    const list = this.#list;
    if (!list) return undefined;
    const rows = this.#listRows;
    const top = Math.max(0, Math.min(list.index - Math.floor(rows / 2), list.channels.length - rows));
    const current = this.#state.channel?.id;
    const favourites = new Set(this.#favourites);
    return {
      title: list.favouritesOnly ? '收藏频道 Favourites' : '全部频道 All channels',
      rows: list.channels.slice(top, top + rows).map((c) => ({ channelId: c.id, text: listRowText(c, favourites.has(c.id)), current: c.id === current })),
      focusedRow: list.index - top,
      position: list.channels.length ? list.index + 1 : 0,
      total: list.channels.length,
      favouritesOnly: list.favouritesOnly,
      ...(list.channels.length ? {} : { empty: list.favouritesOnly ? '还没有收藏频道 No favourites yet · 黄键收藏 Yellow adds one' : '没有频道 No channels' }),
    };
  }
}

/** Which parental block a dialog answers: the channel, why, and the rated programme when the rating blocks. */
function parentalBlockKey(channel: Channel, failure: TuneFailure | undefined): string {
  return `${channel.id}|${failure?.parentalReason ?? ''}|${failure?.parentalProgramme?.id ?? ''}`;
}
