/**
 * The CA session: validates the module's events, applies the vendor UI rules (prompt-rules, osd-queue) and
 * keeps the view the system UI draws. See `ConditionalAccess` for the contract.
 */
import { BehaviorSubject, Subject, type Observable, type Subscription } from 'rxjs';
import type { Channel } from '../channels/channel.js';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import type { CaBlockReason, CaEvent, IppvOffer, OsdPosition } from './ca-events.js';
import type { CaModule, CaResult, CaService, CaStatus } from './ca-module.js';
import type {
  CaPromptText, CaPromptView, CaView, ConditionalAccess, ConditionalAccessOptions, FingerprintView,
} from './conditional-access-types.js';
import { caServiceFor, EcmKeys } from './ecm-key.js';
import { setLongTimeout, type CancelTimeout } from './long-timer.js';
import { OsdQueues } from './osd-queue.js';
import { PromptBoard, type PromptEntry } from './prompt-rules.js';
import { describeCaReason } from './prompt-texts.js';
import { caEventProblem } from './validate-ca-event.js';

/** Enough waiting OSD messages for an operator's burst; older ones are stale by the time they would show. */
const DEFAULT_OSD_QUEUE_LENGTH = 10;
/** A fingerprint placed at random stays inside this part of the screen (clear of overscan and the edges). */
const SAFE_AREA = { min: 0.1, max: 0.9 } as const;

interface CurrentService {
  readonly channel: Channel;
  /** Absent for a clear channel: nothing was started in the CA. */
  readonly service?: CaService;
}

function commandFailed(command: string, error: unknown, vendor: string): YiwangError {
  if (error instanceof YiwangError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaCommandFailed,
    `CA ${command} failed: ${reason}`, { command, code: 'unknown', raw: { vendor, code: 'exception', name: command }, reason });
}

class ConditionalAccessSession implements ConditionalAccess {
  readonly module: CaModule;
  readonly #events = new Subject<CaEvent>();
  readonly #view: BehaviorSubject<CaView>;
  readonly events$: Observable<CaEvent>;
  readonly view$: Observable<CaView>;
  readonly #options: ConditionalAccessOptions;
  readonly #now: () => number;
  readonly #board = new PromptBoard();
  readonly #osd: OsdQueues;
  readonly #ecmKeys = new EcmKeys();
  readonly #promptViews = new WeakMap<PromptEntry, CaPromptView>();
  readonly #subscription: Subscription;
  #current: CurrentService | undefined;
  /** Bumped by every start/stop: a start that resolves after another one began no longer speaks for the screen. */
  #generation = 0;
  #fingerprint: FingerprintView | undefined;
  #cancelFingerprintTimer: CancelTimeout | undefined;
  #mail: CaView['mail'] = 'none';
  #ippv: IppvOffer | undefined;
  #cancelIppvTimer: CancelTimeout | undefined;
  #upgrade: CaView['upgrade'];
  #feedRequest: CaView['feedRequest'];
  #forcedTune: CaView['forcedTune'];
  #dropped = 0;
  #closed = false;

  constructor(module: CaModule, options: ConditionalAccessOptions) {
    this.module = module;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#osd = new OsdQueues(options.osdQueueLength ?? DEFAULT_OSD_QUEUE_LENGTH, () => { this.#publish(); });
    this.#view = new BehaviorSubject<CaView>(this.#build());
    this.events$ = this.#events.asObservable();
    this.view$ = this.#view.asObservable();
    this.#subscription = module.events.subscribe({
      next: (event: unknown) => { this.#receive(event); },
      error: (error: unknown) => {
        console.warn(new YiwangError(ErrorSeverity.Critical, ErrorCategory.Ca, ErrorCode.CaModuleUnavailable,
          `CA module ${module.vendor} stopped its event stream`, { reason: error instanceof Error ? error.message : String(error) }));
      },
    });
  }

  get view(): CaView {
    return this.#view.value;
  }

  get droppedEvents(): number {
    return this.#dropped;
  }

  status(): Promise<CaStatus> {
    return this.module.getStatus();
  }

  async startService(channel: Channel): Promise<CaPromptView | undefined> {
    this.#assertOpen();
    const generation = ++this.#generation;
    const previous = this.#current;
    const service = channel.scrambled ? caServiceFor(channel, this.#ecmKeys.keyFor(channel)) : undefined;
    this.#current = service ? { channel, service } : { channel };
    if (previous?.service) this.#stopInModule(previous.service);
    this.#publish();
    if (!service) return undefined;
    try {
      await this.module.startService(service);
    } catch (error) {
      if (generation !== this.#generation) return undefined;
      throw commandFailed('startService', error, this.module.vendor);
    }
    if (generation === this.#generation) return this.currentBlock();
    // The box moved on while the module was starting: our stop may have reached it before the start did, so
    // stop again rather than leave it descrambling a service nobody watches.
    if (this.#currentEcm() !== service.ecmPid) this.#stopInModule(service);
    return undefined;
  }

  async stopService(): Promise<void> {
    this.#assertOpen();
    this.#generation++;
    const previous = this.#current;
    this.#current = undefined;
    if (!previous?.service) {
      this.#publish();
      return;
    }
    this.#board.dropEcm(previous.service.ecmPid);
    if (this.#ippv?.ecmPid === previous.service.ecmPid) this.#setIppv(undefined);
    this.#publish();
    try {
      await this.module.stopService(previous.service);
    } catch (error) {
      throw commandFailed('stopService', error, this.module.vendor);
    }
  }

  currentBlock(): CaPromptView | undefined {
    const service = this.#current?.service;
    if (!service) return undefined;
    const entry = this.#board.forEcm(service.ecmPid) ?? this.#board.unbound;
    return entry && this.#promptView(entry);
  }

  osdDone(position: OsdPosition, id: number): void {
    this.#osd.done(position, id);
  }

  async answerIppv(pin: string | undefined, priceIndex: number, buy: boolean): Promise<CaResult> {
    this.#assertOpen();
    const offer = this.#ippv;
    if (!offer) return { ok: false, code: 'offerExpired', raw: { vendor: this.module.vendor, code: 'noOffer', name: 'answerIppv' } };
    let result: CaResult;
    try {
      result = await this.module.buyIppv(offer, pin ?? '', priceIndex, buy);
    } catch (error) {
      throw commandFailed('buyIppv', error, this.module.vendor);
    }
    // Kept on a wrong PIN, no money or a lock, so the viewer can retry or pick another price.
    if ((result.ok || result.code === 'offerExpired') && this.#ippv?.id === offer.id) this.#setIppv(undefined);
    return result;
  }

  describe(reason: CaBlockReason): CaPromptText {
    return describeCaReason(reason, this.#options.prompts);
  }

  dismissFeedRequest(): void {
    if (!this.#feedRequest) return;
    this.#feedRequest = undefined;
    this.#publish();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscription.unsubscribe();
    this.#osd.dispose();
    this.#cancelFingerprintTimer?.();
    this.#cancelIppvTimer?.();
    this.#events.complete();
    this.#view.complete();
  }

  /** The ECM key of the service started last (undefined: none, or a clear channel). */
  #currentEcm(): number | undefined {
    return this.#current?.service?.ecmPid;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaModuleUnavailable,
        'The CA session is closed', { reason: 'closed' });
    }
  }

  /** Stops `service` in the module and drops what was tied to its ECM (prompt, IPPV offer). */
  #stopInModule(service: CaService): void {
    this.#board.dropEcm(service.ecmPid);
    if (this.#ippv?.ecmPid === service.ecmPid) this.#setIppv(undefined);
    this.module.stopService(service).catch((error: unknown) => { console.warn(commandFailed('stopService', error, this.module.vendor)); });
  }

  /** Never throws back into the module's stream: a bad event is dropped, logged and counted. */
  #receive(value: unknown): void {
    if (this.#closed) return;
    const problem = caEventProblem(value);
    if (problem !== undefined) {
      this.#dropped++;
      const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
      console.warn(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaEventInvalid,
        `CA event from ${this.module.vendor} dropped: ${problem}`,
        { vendor: this.module.vendor, event: typeof type === 'string' ? type : String(type), reason: problem }));
      return;
    }
    const event = value as CaEvent;
    try {
      this.#apply(event);
    } catch (error) {
      console.warn(error);
    }
    this.#events.next(event);
  }

  #apply(event: CaEvent): void {
    switch (event.type) {
      case 'block': {
        // A late prompt for a service the box already left would never clear: only the current ECM and 0 count.
        if (event.ecmPid !== 0 && event.ecmPid !== this.#currentEcm()) return;
        if (!this.#board.block({ reason: event.reason, ecmPid: event.ecmPid, raw: event.raw })) return;
        break;
      }
      case 'unblock':
        this.#board.unblock(event.ecmPid);
        break;
      case 'osd':
        this.#osd.push(event);
        return;
      case 'osdHide':
        this.#osd.hide(event.position);
        return;
      case 'fingerprint':
        this.#showFingerprint(event);
        break;
      case 'fingerprintHide':
        this.#hideFingerprint();
        break;
      case 'mail':
        this.#mail = event.state;
        break;
      case 'ippvOffer':
        // Like a prompt: an offer for a service the box already left is not shown.
        if (event.offer.ecmPid !== 0 && event.offer.ecmPid !== this.#currentEcm()) return;
        this.#setIppv(event.offer);
        return;
      case 'ippvHide':
        if (this.#ippv && (event.ecmPid === 0 || event.ecmPid === this.#ippv.ecmPid)) this.#setIppv(undefined);
        return;
      case 'forceTune':
        this.#forcedTune = event.target;
        break;
      case 'releaseTune':
        this.#forcedTune = undefined;
        break;
      case 'feedRequest':
        this.#feedRequest = { operatorId: event.operatorId };
        break;
      case 'upgradeProgress':
        this.#upgrade = event.phase === 'patching' && event.percent >= 100 ? undefined : { phase: event.phase, percent: event.percent };
        break;
      case 'entitlementChanged':
        this.#reevaluate();
        return;
      case 'cardState':
        // A feeding prompt asks for the parent card; any card change answers or voids it.
        this.#feedRequest = undefined;
        break;
    }
    this.#publish();
  }

  /**
   * An entitlement changed: the current scrambled service is started again in the module, which answers with
   * block/unblock for its ECM, so a newly entitled product unblocks without a channel change.
   */
  #reevaluate(): void {
    const service = this.#current?.service;
    if (!service) return;
    this.module.startService(service).catch((error: unknown) => { console.warn(commandFailed('startService', error, this.module.vendor)); });
  }

  #showFingerprint(event: Extract<CaEvent, { type: 'fingerprint' }>): void {
    this.#cancelFingerprintTimer?.();
    this.#cancelFingerprintTimer = undefined;
    const place = (): number => SAFE_AREA.min + Math.random() * (SAFE_AREA.max - SAFE_AREA.min);
    this.#fingerprint = {
      text: event.cardId ?? event.text ?? '', x: event.x ?? place(), y: event.y ?? place(), raw: event.raw,
      ...(event.durationMs === undefined ? {} : { until: this.#now() + event.durationMs }),
    };
    if (event.durationMs !== undefined) {
      const shown = this.#fingerprint;
      // Long timeout: operators send durations beyond setTimeout's limit (0xFFFFFFFF ms), which would fire at once.
      this.#cancelFingerprintTimer = setLongTimeout(() => {
        if (this.#fingerprint === shown) this.#hideFingerprint();
        this.#publish();
      }, event.durationMs);
    }
  }

  #hideFingerprint(): void {
    this.#cancelFingerprintTimer?.();
    this.#cancelFingerprintTimer = undefined;
    this.#fingerprint = undefined;
  }

  #setIppv(offer: IppvOffer | undefined): void {
    this.#cancelIppvTimer?.();
    this.#cancelIppvTimer = undefined;
    const left = offer?.expires === undefined ? Infinity : offer.expires - this.#now();
    this.#ippv = left > 0 ? offer : undefined;
    if (this.#ippv && left !== Infinity) {
      const shown = this.#ippv;
      this.#cancelIppvTimer = setLongTimeout(() => { if (this.#ippv === shown) this.#setIppv(undefined); }, left);
    }
    this.#publish();
  }

  #promptView(entry: PromptEntry): CaPromptView {
    let view = this.#promptViews.get(entry);
    if (!view) {
      const text = this.describe(entry.reason);
      view = {
        reason: entry.reason, ecmPid: entry.ecmPid, text: text.text, raw: entry.raw,
        ...(text.code === undefined ? {} : { displayCode: text.code }),
      };
      this.#promptViews.set(entry, view);
    }
    return view;
  }

  #build(): CaView {
    const prompt = this.#board.shown(this.#currentEcm());
    const parts: Record<string, unknown> = {
      prompt: prompt && this.#promptView(prompt), osd: this.#osd.shown, fingerprint: this.#fingerprint, mail: this.#mail,
      ippv: this.#ippv, upgrade: this.#upgrade, feedRequest: this.#feedRequest, forcedTune: this.#forcedTune,
    };
    return Object.fromEntries(Object.entries(parts).filter(([, value]) => value !== undefined)) as unknown as CaView;
  }

  /** Emits the view when any part changed (parts keep their identity while unchanged). */
  #publish(): void {
    if (this.#closed) return;
    const next = this.#build();
    const last = this.#view.value as unknown as Record<string, unknown>;
    const fresh = next as unknown as Record<string, unknown>;
    const keys = new Set([...Object.keys(last), ...Object.keys(fresh)]);
    for (const key of keys) {
      if (last[key] !== fresh[key]) {
        this.#view.next(next);
        return;
      }
    }
  }
}

/**
 * Opens a CA session on `module` (usually `PlatformAdapter.ca`). The session listens to the module until
 * `close()`; call `startService(channel)` on every channel change and draw `view$`.
 */
export function openConditionalAccess(module: CaModule, options: ConditionalAccessOptions = {}): ConditionalAccess {
  const limit = options.osdQueueLength;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new YiwangError(ErrorSeverity.Critical, ErrorCategory.Config, ErrorCode.ConfigInvalid,
      `osdQueueLength: expected a non-negative integer, got ${String(limit)}`, { path: 'osdQueueLength', expected: 'a non-negative integer', actual: limit });
  }
  return new ConditionalAccessSession(module, options);
}
