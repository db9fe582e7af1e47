/**
 * The CA session apps and the system UI use: one normalized event stream, and the view the vendor rules
 * produce from it (which prompt shows, OSD queued per position, fingerprint, mail icon, IPPV offer).
 */
import type { Observable } from 'rxjs';
import type { Channel } from '../channels/channel.js';
import type { CaBlockReason, CaEvent, CaForceTuneTarget, CaRaw, IppvOffer, OsdPosition } from './ca-events.js';
import type { CaModule, CaResult, CaStatus } from './ca-module.js';

/** The operator's display code and text for a block reason, e.g. `{ code: 'E04', text: '请插入智能卡' }`. */
export interface CaPromptText {
  readonly code?: string;
  readonly text: string;
}

/** Operator configuration: texts per reason (missing reasons keep the SDK defaults). */
export type CaPromptConfig = Partial<Readonly<Record<CaBlockReason, CaPromptText>>>;

export interface CaPromptView {
  readonly reason: CaBlockReason;
  readonly ecmPid: number;
  readonly displayCode?: string;
  readonly text: string;
  readonly raw: CaRaw;
}

export interface OsdView {
  /** Increases with every message shown, so a UI can tell a repeated text from the same message. */
  readonly id: number;
  readonly position: OsdPosition;
  readonly text: string;
  readonly loops?: number;
  readonly durationMs?: number;
  readonly raw: CaRaw;
}

export interface FingerprintView {
  /** What to show: the card id, or the vendor's text. */
  readonly text: string;
  /** Position in 0–1 of the screen. */
  readonly x: number;
  readonly y: number;
  /** ms since epoch when it goes; absent until hidden. */
  readonly until?: number;
  readonly raw: CaRaw;
}

/** Everything the CA wants on screen now. */
export interface CaView {
  /**
   * The blocking prompt shown while a scrambled service runs (a prompt with ecmPid 0 wins over ECM prompts).
   * On a clear channel, or with no service, there is none: an ecmPid-0 prompt is kept and shows again when a
   * scrambled service starts.
   */
  readonly prompt?: CaPromptView;
  /** The OSD message shown at each position; later ones wait in a queue per position. */
  readonly osd: Partial<Readonly<Record<OsdPosition, OsdView>>>;
  readonly fingerprint?: FingerprintView;
  readonly mail: 'none' | 'new' | 'full';
  readonly ippv?: IppvOffer;
  readonly upgrade?: { readonly phase: 'receiving' | 'patching'; readonly percent: number };
  readonly feedRequest?: { readonly operatorId: number };
  /** Set while the CA forces a channel. */
  readonly forcedTune?: CaForceTuneTarget;
}

export interface ConditionalAccessOptions {
  /** Operator texts per block reason. */
  readonly prompts?: CaPromptConfig;
  /** OSD messages kept waiting per position; older ones are dropped beyond it. Default 10. */
  readonly osdQueueLength?: number;
  /** The clock (ms since epoch). */
  readonly now?: () => number;
}

export interface ConditionalAccess {
  readonly module: CaModule;
  /** Every module event that passed validation, in order; hot. */
  readonly events$: Observable<CaEvent>;
  /** The current view; replays the current value to new subscribers. */
  readonly view$: Observable<CaView>;
  readonly view: CaView;
  status(): Promise<CaStatus>;
  /**
   * The box switched to `channel`: stops the previous service (its ECM prompts clear), and starts descrambling
   * this one when it is scrambled. Resolves with the prompt that blocks it, when the module decided at once.
   */
  startService(channel: Channel): Promise<CaPromptView | undefined>;
  /** Stops the current service (its ECM prompts clear). */
  stopService(): Promise<void>;
  /** Whether the service started last is blocked now, and by what. */
  currentBlock(): CaPromptView | undefined;
  /** The UI finished an OSD message at `position` (its loops or duration ran out): the next queued one shows. */
  osdDone(position: OsdPosition, id: number): void;
  /** Buys the offer shown (`priceIndex` into its prices) with the card PIN, or declines it. */
  answerIppv(pin: string | undefined, priceIndex: number, buy: boolean): Promise<CaResult>;
  /** The operator's code and text for a reason. */
  describe(reason: CaBlockReason): CaPromptText;
  /** The viewer dismissed the child-card feeding prompt (it also goes when the card changes). */
  dismissFeedRequest(): void;
  /** Module events dropped because they were malformed (each logged as a `CaEventInvalid` warning). */
  readonly droppedEvents: number;
  /** Stops listening to the module and completes `events$` and `view$`; the module's services are left as they are. */
  close(): void;
}
