/**
 * The tuner: channel changes with typed results, over the platform's player, the CA session and parental
 * control. One tune runs at a time: a newer one supersedes an older one, which resolves `interrupted` at once
 * and changes nothing afterwards, so holding Channel Up through a lineup always lands on the last channel asked.
 */
import { BehaviorSubject, Subject, Subscription, type Observable } from 'rxjs';
import type { CaPromptView, CaView, ConditionalAccess } from '../ca/conditional-access-types.js';
import type { ParentalBlockReason, ParentalControl, ParentalUnlock, ProgrammeRef } from '../parental/parental-types.js';
import type { PlatformAdapter, TuneRequest } from '../platform/platform-adapter.js';
import type { Player } from '../player/player.js';
import type { Channel, TuneFailure, TuneResult } from './channel.js';
import type {
  Lineup, TuneOptions, TuneTarget, Tuner, TunerOptions, TunerState, ZapRecord, ZapSkip,
} from './channels-types.js';
import { caBlockFailure, playerFailure, tuneFailure } from './tune-failures.js';
import { describeTuneTarget, forceTuneTarget, resolveTuneTarget } from './tune-target.js';
import { zapCandidate, type ZapDirection } from './zap-order.js';

/** Who asked for a tune: the app, the box (`tuneRequests`), the CA (force-tune), or the tuner itself. */
type TuneOrigin = 'app' | 'platform' | 'ca' | 'signal' | 'parental';

interface TuneContext {
  readonly origin: TuneOrigin;
  readonly request?: TuneRequest;
}

/** The tune under way; `settle` ends its caller's wait early (superseded, signal lost). */
interface PendingTune {
  readonly seq: number;
  settle(result: TuneResult): void;
}

const interruptedBy = (what: string): TuneFailure => tuneFailure('interrupted', `Superseded by ${what}`);

/** setTimeout's longest delay; a later re-check is cut to it (and re-scheduled when it fires). */
const MAX_TIMER_MS = 2 ** 31 - 1;

function ignore(): void {
  // Failures of best-effort calls (stopping a stopped player, a CA without a service) change nothing.
}

class LiveTuner implements Tuner {
  private readonly lineup: Lineup;
  private readonly player: Player;
  private readonly platform?: PlatformAdapter;
  private readonly ca?: ConditionalAccess;
  private readonly parental?: ParentalControl;
  private readonly programmeAt?: TunerOptions['programmeAt'];
  private readonly skip: ZapSkip;
  private readonly stateSubject = new BehaviorSubject<TunerState>({ status: 'idle' });
  private readonly zapsSubject = new Subject<ZapRecord>();
  private readonly subscriptions = new Subscription();
  /** Increases with every tune, stop and internal picture change; a run whose number is stale changes nothing. */
  private seq = 0;
  private pending?: PendingTune;
  /** The channel the last finished tune left the box on, and the one before it (for `toggleLast`). */
  private settledChannel?: Channel;
  private lastChannel?: Channel;
  private hasSignal = true;
  /** Set while the CA forces a channel: the force-tune's key and the channel to go back to. */
  private forced?: { readonly key: string; readonly viewerChannel?: Channel };
  /** A force-tune naming no channel of the lineup: ignored (the viewer keeps the tuner) until the CA changes it. */
  private unresolvedForceKey?: string;
  /** Re-decides parental control at the next programme end or viewing-window change. */
  private parentalTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  readonly state$: Observable<TunerState>;
  readonly zaps$: Observable<ZapRecord>;

  constructor(options: TunerOptions) {
    this.lineup = options.lineup;
    this.player = options.player;
    this.platform = options.platform;
    this.ca = options.ca;
    this.parental = options.parental;
    this.programmeAt = options.programmeAt;
    this.skip = options.skip ?? {};
    this.state$ = this.stateSubject.asObservable();
    this.zaps$ = this.zapsSubject.asObservable();
    const { signal, tuneRequests } = this.platform ?? {};
    if (signal) this.subscriptions.add(signal.subscribe((has) => this.onSignal(has)));
    if (tuneRequests) {
      this.subscriptions.add(tuneRequests.subscribe((request) => {
        void this.perform(request.target, {}, { origin: 'platform', request });
      }));
    }
    if (this.ca) this.subscriptions.add(this.ca.view$.subscribe((view) => this.onCaView(view)));
    if (this.parental) {
      this.subscriptions.add(this.parental.settings$.subscribe(() => void this.recheckParental()));
      this.subscriptions.add(this.parental.unlocks$.subscribe((unlock) => this.onParentalUnlock(unlock)));
    }
  }

  get state(): TunerState {
    return this.stateSubject.value;
  }

  tune(target: TuneTarget, options: TuneOptions = {}): Promise<TuneResult> {
    return this.perform(target, options, { origin: 'app' });
  }

  next(options: TuneOptions = {}): Promise<TuneResult> {
    return this.zap('next', options);
  }

  previous(options: TuneOptions = {}): Promise<TuneResult> {
    return this.zap('previous', options);
  }

  toggleLast(options: TuneOptions = {}): Promise<TuneResult> {
    const last = this.lastChannel;
    if (!last) return Promise.resolve(this.record(undefined, 'last', tuneFailure('noChannelList', 'No previous channel to go back to')));
    return this.perform(last.id, options, { origin: 'app' });
  }

  async stop(): Promise<void> {
    this.supersede('stop');
    this.clearParentalTimer();
    // Leaving the channel ends its PIN unlock, as tuning away does.
    this.parental?.endTemporaryUnlocks();
    await this.blank();
    this.setState({ status: 'idle' });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.supersede('close');
    this.clearParentalTimer();
    this.subscriptions.unsubscribe();
    this.zapsSubject.complete();
    this.stateSubject.complete();
  }

  private zap(direction: ZapDirection, options: TuneOptions): Promise<TuneResult> {
    const from = this.state.channel;
    if (this.forced) return Promise.resolve(this.record(from?.id, direction, this.tunerLocked()));
    const candidate = zapCandidate(this.lineup, from, direction, this.skip, this.parental);
    if (!candidate) {
      const failure = tuneFailure('noChannelList', `No channel to zap to (${String(this.lineup.channels.length)} in the lineup, all skipped or none)`);
      return Promise.resolve(this.record(from?.id, direction, failure));
    }
    return this.perform(candidate, options, { origin: 'app' });
  }

  private tunerLocked(): TuneFailure {
    return tuneFailure('tunerLocked', 'The conditional access holds the tuner on a forced channel');
  }

  /** Resolves the target, supersedes the tune under way, runs this one and records its result. */
  private async perform(target: TuneTarget, options: TuneOptions, context: TuneContext): Promise<TuneResult> {
    const from = this.state.channel?.id;
    const to = describeTuneTarget(target);
    if (this.closed) return tuneFailure('unidentified', 'The tuner is closed');
    if (this.forced && context.origin !== 'ca' && context.origin !== 'signal') {
      return this.record(from, to, this.tunerLocked(), context.request);
    }
    const channel = resolveTuneTarget(this.lineup, target);
    // A target naming no channel changes nothing, not even a tune under way.
    if (!channel) return this.record(from, to, tuneFailure('unknownChannel', `No channel ${to} in the lineup`), context.request);

    const startedAt = options.startedAt ?? performance.now();
    this.supersede(`a tune to ${channel.id}`);
    const seq = this.seq;
    let settle: (result: TuneResult) => void = ignore;
    const settled = new Promise<TuneResult>((resolve) => (settle = resolve));
    const pending: PendingTune = { seq, settle };
    this.pending = pending;
    this.clearParentalTimer();
    this.setState({ channel, status: 'tuning' });
    const result = await Promise.race([this.run(channel, seq, startedAt), settled]);
    if (this.pending === pending) this.pending = undefined;
    return this.record(from, channel.id, result, context.request);
  }

  /** Ends the tune under way (its caller gets `interrupted`) and invalidates every run in flight. */
  private supersede(by: string): void {
    this.seq++;
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle(interruptedBy(by));
  }

  private async run(channel: Channel, seq: number, startedAt: number): Promise<TuneResult> {
    const current = (): boolean => seq === this.seq;
    const interrupted = (): TuneResult => interruptedBy('a newer tune');
    this.parental?.endTemporaryUnlocks(channel.id);

    if (!this.hasSignal) {
      await this.blank();
      if (!current()) return interrupted();
      return this.conclude(seq, tuneFailure('noSignal', `No signal: cannot receive ${channel.name}`, { channel }), 'failed');
    }

    const programme = await this.currentProgramme(channel);
    if (!current()) return interrupted();
    // Only parental control decides: the PIN is checked by `unlockTemporarily`, whose unlock `check` honours.
    if (this.parentalBlock(channel, programme) !== undefined) {
      await this.blank();
      if (!current()) return interrupted();
      // Decided again: the PIN may have been entered while the picture stopped.
      const reason = this.parentalBlock(channel, programme);
      if (reason !== undefined) return this.concludeParentalBlock(seq, channel, reason, programme);
    }

    // Descrambling starts alongside the picture; a CA prompt stops the picture as soon as it comes.
    let caPrompt: CaPromptView | undefined;
    const caDone = this.ca && channel.scrambled
      ? this.ca.startService(channel).then((prompt) => prompt, (error: unknown) => this.caErrorPrompt(error))
        .then((prompt) => {
          caPrompt = prompt;
          if (prompt && current()) void this.player.stop().catch(ignore);
        })
      : this.ca?.stopService().catch(ignore);
    const playback: { played: boolean; error?: unknown } = { played: false };
    const playDone = this.player.play({ kind: 'channel', channel })
      .then(() => (playback.played = true), (error: unknown) => (playback.error = error));
    await Promise.all([caDone, playDone]);
    if (!current()) return interrupted();

    const block = caPrompt ?? this.caBlockFor(channel);
    if (block) {
      if (playback.played) await this.player.stop().catch(ignore);
      if (!current()) return interrupted();
      return this.conclude(seq, caBlockFailure(channel, block), 'blocked');
    }
    if (!playback.played) {
      await this.ca?.stopService().catch(ignore);
      if (!current()) return interrupted();
      return this.conclude(seq, playerFailure(channel, playback.error), 'failed');
    }
    const firstFrameAt = this.player.state.firstFrameAt;
    const zapMs = channel.kind !== 'radio' && firstFrameAt !== undefined ? Math.max(0, firstFrameAt - startedAt) : undefined;
    const success: TuneResult = { ok: true, channel, ...(zapMs === undefined ? {} : { zapMs }) };
    this.lineup.addRecent(channel.id).catch(ignore); // a channel from outside the lineup is not a recent
    const result = this.conclude(seq, success, 'presenting');
    this.scheduleParentalRecheck(programme);
    return result;
  }

  /** Applies a finished run's outcome when it is still the current one, and remembers the channel it settled on. */
  private conclude(seq: number, result: TuneResult, status: TunerState['status']): TuneResult {
    if (seq !== this.seq) return interruptedBy('a newer tune');
    const channel = result.channel;
    this.setState({ ...(channel ? { channel } : {}), status, ...(result.ok ? {} : { failure: result }) });
    if (channel && channel.id !== this.settledChannel?.id) {
      this.lastChannel = this.settledChannel;
      this.settledChannel = channel;
    }
    return result;
  }

  private record(from: string | undefined, to: string, result: TuneResult, request?: TuneRequest): TuneResult {
    const zapMs = result.ok ? result.zapMs : undefined;
    if (!this.closed) this.zapsSubject.next({ ...(from === undefined ? {} : { from }), to, result, ...(zapMs === undefined ? {} : { zapMs }) });
    try {
      this.platform?.reportTune?.(result, request);
    } catch {
      // The box's listener failing does not change the tune.
    }
    return result;
  }

  private setState(state: TunerState): void {
    if (!this.closed) this.stateSubject.next(state);
  }

  /** No picture and no descrambling. */
  private async blank(): Promise<void> {
    await Promise.all([this.player.stop().catch(ignore), this.ca?.stopService().catch(ignore)]);
  }

  // --- parental control -----------------------------------------------------------------------------

  /** The programme on now, asked only when a rating threshold is set (the guide query costs zap time). */
  private async currentProgramme(channel: Channel): Promise<ProgrammeRef | undefined> {
    if (!this.parental || !this.programmeAt || this.parental.settings.ratingThreshold === undefined) return undefined;
    try {
      return await this.programmeAt(channel, Date.now());
    } catch {
      return undefined; // no guide answer: decide on the channel and the time alone
    }
  }

  /** What parental control says about `channel` now (its temporary unlocks included); undefined: allowed. */
  private parentalBlock(channel: Channel, programme: ProgrammeRef | undefined): ParentalBlockReason | undefined {
    if (!this.parental) return undefined;
    const decision = this.parental.check(channel.id, programme);
    return decision.allowed ? undefined : decision.reason;
  }

  private parentalFailure(channel: Channel, reason: ParentalBlockReason, programme: ProgrammeRef | undefined): TuneFailure {
    const why = { channelLock: 'the channel is locked', rating: 'the programme is rated above the threshold', viewingWindow: 'outside the viewing hours' }[reason];
    return tuneFailure('parentalLock', `${channel.name} (${String(channel.number)}) needs the parental PIN: ${why}`, {
      channel, parentalReason: reason, ...(reason === 'rating' && programme ? { parentalProgramme: programme } : {}),
    });
  }

  /** Ends a run on a parental block (the picture already stopped), watching for the block to lift by itself. */
  private concludeParentalBlock(seq: number, channel: Channel, reason: ParentalBlockReason, programme: ProgrammeRef | undefined): TuneResult {
    const result = this.conclude(seq, this.parentalFailure(channel, reason, programme), 'blocked');
    if (seq === this.seq) this.scheduleParentalRecheck(programme);
    return result;
  }

  /**
   * Re-decides, while a channel is shown or parental-blocked, when the decision may change with time: at the
   * end of the programme on now and when the viewing window opens or closes.
   */
  private scheduleParentalRecheck(programme: ProgrammeRef | undefined): void {
    this.clearParentalTimer();
    if (!this.parental || this.closed) return;
    const delays = [programme ? programme.end - Date.now() : undefined, this.parental.msUntilViewingWindowChange()]
      .filter((delay): delay is number => delay !== undefined && delay > 0);
    if (delays.length === 0) return;
    const delay = Math.min(Math.min(...delays) + 1, MAX_TIMER_MS);
    this.parentalTimer = setTimeout(() => void this.recheckParental(), delay);
  }

  private clearParentalTimer(): void {
    clearTimeout(this.parentalTimer);
    this.parentalTimer = undefined;
  }

  /**
   * After a programme change, a viewing-window change, a settings change or a PIN unlock: blocks the channel
   * shown when parental control now forbids it, and plays a channel it blocked when it now allows it.
   */
  private async recheckParental(): Promise<void> {
    const { channel, status, failure } = this.state;
    if (this.pending || !channel || !this.parental || this.closed) return;
    const parentalBlocked = status === 'blocked' && failure?.error === 'parentalLock';
    if (status !== 'presenting' && !parentalBlocked) return;
    const seq = this.seq;
    const programme = await this.currentProgramme(channel);
    if (seq !== this.seq) return; // a tune, a stop or close() came meanwhile
    const reason = this.parentalBlock(channel, programme);
    if (status === 'presenting' && reason !== undefined) {
      this.supersede('parental control');
      const blockSeq = this.seq;
      await this.blank();
      if (blockSeq === this.seq) this.concludeParentalBlock(blockSeq, channel, reason, programme);
    } else if (parentalBlocked && reason === undefined) {
      void this.perform(channel, {}, { origin: 'parental' });
    } else if (parentalBlocked && reason !== undefined) {
      const blocked = this.parentalFailure(channel, reason, programme);
      const changed = reason !== failure.parentalReason || blocked.parentalProgramme?.id !== failure.parentalProgramme?.id;
      // Still blocked: the notice changes only when the reason or the programme did.
      if (changed) this.concludeParentalBlock(seq, channel, reason, programme);
      else this.scheduleParentalRecheck(programme);
    } else {
      this.scheduleParentalRecheck(programme);
    }
  }

  /** The viewer entered the PIN for the channel blocked on screen: show it without another tune call. */
  private onParentalUnlock(unlock: ParentalUnlock): void {
    const { channel, status, failure } = this.state;
    if (channel?.id === unlock.channelId && status === 'blocked' && failure?.error === 'parentalLock') void this.recheckParental();
  }

  // --- conditional access ---------------------------------------------------------------------------

  /** The prompt blocking `channel` now: the CA's block of its service, or a prompt not tied to any ECM. */
  private caBlockFor(channel: Channel): CaPromptView | undefined {
    if (!this.ca || !channel.scrambled) return undefined;
    const prompt = this.ca.view.prompt;
    return this.ca.currentBlock() ?? (prompt?.ecmPid === 0 ? prompt : undefined);
  }

  private caErrorPrompt(error: unknown): CaPromptView {
    const text = this.ca?.describe('unknown');
    return {
      reason: 'unknown', ecmPid: 0, text: text?.text ?? (error instanceof Error ? error.message : String(error)),
      ...(text?.code === undefined ? {} : { displayCode: text.code }),
      raw: { vendor: this.ca?.module.vendor ?? 'unknown', code: 'startService', name: error instanceof Error ? error.message : String(error) },
    };
  }

  private onCaView(view: CaView): void {
    if (this.closed) return;
    const forcedKey = view.forcedTune ? JSON.stringify(view.forcedTune) : undefined;
    if (forcedKey !== (this.unresolvedForceKey ?? this.forced?.key)) {
      this.unresolvedForceKey = undefined;
      if (view.forcedTune && forcedKey !== undefined) {
        this.forceTune(view.forcedTune, forcedKey);
      } else {
        const back = this.forced?.viewerChannel;
        this.forced = undefined;
        if (back) void this.perform(back, {}, { origin: 'ca' });
      }
      return;
    }
    // Blocks appearing or going on the channel shown (card inserted, entitlement arrived), between tunes.
    const { channel, status, failure } = this.state;
    if (this.pending || !channel?.scrambled) return;
    const block = this.caBlockFor(channel);
    const caBlocked = status === 'blocked' && (failure?.error === 'encrypted' || failure?.error === 'notEntitled');
    if (status === 'presenting' && block) {
      this.supersede('a CA block');
      const seq = this.seq;
      void this.player.stop().catch(ignore);
      this.conclude(seq, caBlockFailure(channel, block), 'blocked');
    } else if (caBlocked && !block) {
      void this.resumePicture(channel);
    } else if (caBlocked && block && (block.reason !== failure.ca?.reason || block.text !== failure.ca.text)) {
      this.conclude(this.seq, caBlockFailure(channel, block), 'blocked');
    }
  }

  /**
   * The CA forces a channel: the tuner holds it (viewer tunes fail `tunerLocked`) until the release. A target
   * naming no channel of the lineup is reported (`unknownChannel`) and otherwise ignored.
   */
  private forceTune(forcedTune: NonNullable<CaView['forcedTune']>, key: string): void {
    const target = forceTuneTarget(forcedTune);
    const channel = target === undefined ? undefined : resolveTuneTarget(this.lineup, target);
    if (!channel) {
      this.unresolvedForceKey = key;
      const to = target === undefined ? key : describeTuneTarget(target);
      this.record(this.state.channel?.id, to, tuneFailure('unknownChannel', `The conditional access forces a channel not in the lineup: ${key}`));
      return;
    }
    const viewerChannel = this.forced ? this.forced.viewerChannel : this.state.channel;
    this.forced = { key, ...(viewerChannel ? { viewerChannel } : {}) };
    void this.perform(channel, {}, { origin: 'ca' });
  }

  /**
   * The CA lifted its block on the channel shown: play it, without a new key press, unless parental control
   * now forbids it (the programme may have changed while the CA blocked it).
   */
  private async resumePicture(channel: Channel): Promise<void> {
    this.supersede('the CA lifting a block');
    const seq = this.seq;
    this.pending = { seq, settle: ignore };
    this.setState({ channel, status: 'tuning' });
    const programme = await this.currentProgramme(channel);
    if (seq !== this.seq) return;
    const reason = this.parentalBlock(channel, programme);
    if (reason !== undefined) {
      await this.blank();
      if (seq !== this.seq) return;
      this.pending = undefined;
      this.concludeParentalBlock(seq, channel, reason, programme);
      return;
    }
    let result: TuneResult;
    let status: TunerState['status'];
    try {
      await this.player.play({ kind: 'channel', channel });
      const block = this.caBlockFor(channel);
      if (block) await this.player.stop().catch(ignore);
      result = block ? caBlockFailure(channel, block) : { ok: true, channel };
      status = block ? 'blocked' : 'presenting';
    } catch (error) {
      result = playerFailure(channel, error);
      status = 'failed';
    }
    if (seq !== this.seq) return;
    this.pending = undefined;
    this.conclude(seq, result, status);
    if (status === 'presenting') this.scheduleParentalRecheck(programme);
  }

  // --- signal ---------------------------------------------------------------------------------------

  private onSignal(has: boolean): void {
    const had = this.hasSignal;
    this.hasSignal = has;
    if (this.closed || has === had) return;
    const { channel, status, failure } = this.state;
    if (!has) {
      if (!channel || status === 'idle') return;
      // The tune under way (if any) ends with noSignal on its channel rather than `interrupted`.
      const lost = tuneFailure('noSignal', `Signal lost on ${channel.name}`, { channel });
      const pending = this.pending;
      this.pending = undefined;
      this.seq++;
      pending?.settle(lost);
      this.clearParentalTimer();
      this.conclude(this.seq, lost, 'failed');
      void this.blank();
    } else if (channel && status === 'failed' && failure?.error === 'noSignal') {
      // A PIN unlock of this channel still holds: parental control keeps it until the viewer tunes away.
      void this.perform(channel, {}, { origin: 'signal' });
    }
  }
}

/**
 * Creates the tuner. It follows the platform's tune requests and signal, the CA's blocks and force-tunes, and
 * parental settings, until `close()`.
 *
 * - `tune` resolves a number (LCN), id, `onid.tsid.sid` string, triplet or Channel (one outside the lineup is
 *   tuned as given). A target naming no channel fails `unknownChannel` and changes nothing, not even a tune
 *   under way; any other tune supersedes the one under way, which resolves `interrupted` at once.
 * - Parental control (`parental.check`) alone decides, before any picture: a blocked channel becomes current
 *   with status `blocked` (no picture, no CA service) and a `parentalLock` failure naming the reason (and, for
 *   the rating, `parentalProgramme`). Once the viewer enters the PIN through
 *   `parental.unlockTemporarily({ channelId, programme }, pin)`, the tuner plays it by itself (tuning to it
 *   again works too). The decision is re-taken when the programme ends (a programme unlock does not cover the
 *   next one), when the viewing window opens or closes, when settings change, and when a CA block lifts.
 * - CA blocks (`encrypted` / `notEntitled`) keep the CA service running, so the picture starts by itself
 *   when the block lifts (card inserted, entitlement arrived). While the CA forces a channel, the viewer's
 *   tunes (and platform requests) fail `tunerLocked`; the release tunes back to the viewer's channel.
 * - Without a signal, tunes fail `noSignal` on their channel; a signal loss while presenting stops the
 *   picture, and its return retunes the channel.
 * - Every finished tune (interrupted ones too) is emitted on `zaps$` and reported to `platform.reportTune`.
 */
export function createTuner(options: TunerOptions): Tuner {
  return new LiveTuner(options);
}
