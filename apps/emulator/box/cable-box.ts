/**
 * The emulator's cable box, behind the device link: its CA (`CaHost`), the tuner's signal, channel changes
 * the box asks the app's tuner for (`tune(number)`), and the log of tunes the app reported (current channel,
 * zap time).
 */
import {
  channelToDetails, type CaKind, type DetailsChannel, type DeviceToHostMessage, type HostToDeviceMessage,
  type TuneResult,
} from '../../../sdk/index.js';
import type { BoxCa } from './box-ca.js';
import { CaHost } from './ca-host.js';

/** How long `tune(number)` waits for the app's tuner by default. */
export const TUNE_TIMEOUT_MS = 5000;
/** Tunes kept in the log. */
const MAX_TUNE_LOG = 500;

/** One tune the app reported. */
export interface TuneLogEntry {
  /** ms since epoch when the host heard it. */
  readonly at: number;
  /** The `tune-request` it answered; absent for the app's own zaps. */
  readonly requestId?: string;
  readonly ok: boolean;
  /** The channel the box is on afterwards (absent for unknown channels and interrupted tunes). */
  readonly channel?: { readonly id: string; readonly number: number; readonly name: string };
  /** Failure code (`TuneErrorCode`) and message. */
  readonly error?: string;
  readonly message?: string;
  /** Key (or request) to first frame, ms. */
  readonly zapMs?: number;
}

interface TunerReadyWaiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

interface TuneWaiter {
  readonly number: number;
  readonly resolve: (result: TuneResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export interface CableBoxOptions {
  readonly send: (message: HostToDeviceMessage) => void;
  readonly note: (text: string) => void;
  readonly changed: () => void;
  /** The app's tuner moved the box (the device link's tuner state follows). */
  readonly followTune: (channel: DetailsChannel) => void;
  readonly createCa: (kind: CaKind) => BoxCa;
  readonly storage?: Storage | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isWhole = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** The channel of a reported tune, as far as the box uses it (the log, the tuner state it follows). */
function isReportedChannel(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const triplet = value.triplet;
  return typeof value.id === 'string' && value.id !== '' && isWhole(value.number) && typeof value.name === 'string'
    && (triplet === undefined || (isRecord(triplet) && isWhole(triplet.onid) && isWhole(triplet.tsid) && isWhole(triplet.sid)));
}

/** A device's tune report, checked field by field: it comes from whatever page runs in the frame. */
function isTuneResult(value: unknown): value is TuneResult {
  if (!isRecord(value)) return false;
  if (value.ok === true) {
    return isReportedChannel(value.channel)
      && (value.zapMs === undefined || (typeof value.zapMs === 'number' && Number.isFinite(value.zapMs) && value.zapMs >= 0));
  }
  return value.ok === false && typeof value.error === 'string' && value.error !== '' && typeof value.message === 'string'
    && (value.channel === undefined || isReportedChannel(value.channel));
}

export class CableBox {
  readonly caHost: CaHost;
  private signalOk = true;
  private tunerListening = false;
  private readonly log: TuneLogEntry[] = [];
  private readonly waiters = new Map<string, TuneWaiter>();
  private readonly readyWaiters = new Set<TunerReadyWaiter>();
  private nextRequest = 1;

  constructor(private readonly options: CableBoxOptions) {
    this.caHost = new CaHost({
      create: options.createCa, send: options.send, note: options.note, changed: options.changed,
      ...(options.storage === undefined ? {} : { storage: options.storage }),
    });
  }

  get signal(): boolean {
    return this.signalOk;
  }

  /** Whether the app's tuner listens to the box's tune requests. */
  get tunerConnected(): boolean {
    return this.tunerListening;
  }

  /** Reported tunes, oldest first (copies). */
  tuneLog(): TuneLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  get lastTune(): TuneLogEntry | undefined {
    return this.log.at(-1);
  }

  /** Cable plugged or pulled: the app hears it on `platform.signal`. */
  setSignal(ok: boolean): void {
    if (ok === this.signalOk) return;
    this.signalOk = ok;
    this.options.send({ source: 'yiwang-emulator', type: 'signal', ok });
    this.options.note(ok ? 'signal restored 信号恢复' : 'signal lost 信号中断');
    this.options.changed();
  }

  /**
   * Resolves once the app's tuner takes tune requests (at once when it does; after a reboot, the new
   * page's tuner counts); rejects after `timeoutMs` naming why.
   */
  whenTunerReady(timeoutMs = TUNE_TIMEOUT_MS): Promise<void> {
    if (this.tunerListening) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: TunerReadyWaiter = {
        resolve, reject,
        timer: setTimeout(() => {
          this.readyWaiters.delete(waiter);
          reject(new Error(`emulator.whenTunerReady: the app's tuner did not subscribe to the box's tune requests within ${timeoutMs} ms `
            + '(platform.tuneRequests, e.g. through the SDK\'s createTuner)'));
        }, timeoutMs),
      };
      this.readyWaiters.add(waiter);
    });
  }

  /**
   * Asks the app's tuner for channel `number` and resolves with the result it reports. A tuner that
   * subscribes within `timeoutMs` still gets it (the device holds it). Rejects when no tuner answers within
   * `timeoutMs`, or the device reboots first.
   */
  tune(number: number, timeoutMs = TUNE_TIMEOUT_MS): Promise<TuneResult> {
    if (!Number.isInteger(number) || number < 0) {
      return Promise.reject(new Error(`emulator.tune: ${JSON.stringify(number)} is not a channel number (an integer ≥ 0)`));
    }
    const id = `box-tune-${this.nextRequest++}`;
    // Taken before the timer starts: the device never hands the request on after the rejection.
    const expiresAt = Date.now() + timeoutMs;
    return new Promise<TuneResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        const why = this.tunerListening
          ? "the app's tuner takes tune requests but did not report this one"
          : "the app has no tuner listening to the box's tune requests (platform.tuneRequests, e.g. through the SDK's createTuner)";
        const error = new Error(`emulator.tune(${number}): no answer within ${timeoutMs} ms: ${why}`);
        this.options.note(error.message);
        reject(error);
      }, timeoutMs);
      this.waiters.set(id, { number, resolve, reject, timer });
      this.options.send({ source: 'yiwang-emulator', type: 'tune-request', id, target: number, expiresAt });
      this.options.note(`box asks the app's tuner for channel ${number}`);
    });
  }

  /** A new device page is loading: tunes asked of the old one will not be answered. */
  loading(): void {
    if (this.tunerListening) {
      this.tunerListening = false;
      this.options.changed();
    }
    this.caHost.deviceGone();
    this.rejectWaiters('the device was rebooted before its tuner answered');
  }

  private rejectWaiters(why: string): void {
    for (const [id, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      this.waiters.delete(id);
      waiter.reject(new Error(`emulator.tune(${waiter.number}): ${why}`));
    }
  }

  /**
   * A device page said hello: it learns the signal and the CA. Tunes asked of an earlier page (one the app
   * left by navigating inside the frame) will not be answered.
   */
  hello(): void {
    this.rejectWaiters('the device page changed before its tuner answered');
    this.tunerListening = false;
    this.options.send({ source: 'yiwang-emulator', type: 'signal', ok: this.signalOk });
    this.caHost.hello();
  }

  /** Handles the live-TV messages of the device; false for others. */
  receive(message: DeviceToHostMessage): boolean {
    switch (message.type) {
      case 'ca-call':
        // Without a string id there is nobody to answer.
        if (typeof message.id === 'string') void this.caHost.call(message.id, message.method, message.args);
        return true;
      case 'ca-events':
        if (typeof message.subscribed !== 'boolean') {
          this.options.note('the device sent ca-events without a boolean "subscribed"; ignored');
          return true;
        }
        this.caHost.eventsSubscribed(message.subscribed);
        return true;
      case 'tune-requests':
        if (typeof message.subscribed !== 'boolean') {
          this.options.note('the device sent tune-requests without a boolean "subscribed"; ignored');
          return true;
        }
        this.tunerListening = message.subscribed;
        if (this.tunerListening) {
          for (const waiter of [...this.readyWaiters]) {
            clearTimeout(waiter.timer);
            this.readyWaiters.delete(waiter);
            waiter.resolve();
          }
        }
        this.options.note(this.tunerListening ? "the app's tuner takes tune requests" : "the app's tuner stopped taking tune requests");
        this.options.changed();
        return true;
      case 'tune-result':
        this.onTuneResult(message.result, message.requestId);
        return true;
      default:
        return false;
    }
  }

  close(): void {
    this.loading();
    this.caHost.close();
  }

  private onTuneResult(result: unknown, requestId: unknown): void {
    if (!isTuneResult(result)) {
      this.options.note('the device reported a malformed tune result; ignored');
      return;
    }
    const id = typeof requestId === 'string' ? requestId : undefined;
    const channel = result.channel;
    const entry: TuneLogEntry = {
      at: Date.now(), ok: result.ok,
      ...(id === undefined ? {} : { requestId: id }),
      ...(channel ? { channel: { id: channel.id, number: channel.number, name: channel.name } } : {}),
      ...(result.ok ? {} : { error: result.error, message: result.message }),
      ...(result.ok && result.zapMs !== undefined ? { zapMs: result.zapMs } : {}),
    };
    this.log.push(entry);
    if (this.log.length > MAX_TUNE_LOG) this.log.shift();
    if (channel) this.options.followTune(channelToDetails(channel));
    this.options.note(result.ok
      ? `app tuned to ${channel?.number ?? '?'} ${channel?.name ?? ''}${entry.zapMs === undefined ? '' : ` in ${Math.round(entry.zapMs)} ms`}`
      : `app tune failed: ${result.error} — ${result.message}`);
    const waiter = id === undefined ? undefined : this.waiters.get(id);
    if (waiter && id !== undefined) {
      this.waiters.delete(id);
      clearTimeout(waiter.timer);
      waiter.resolve(result);
    }
    this.options.changed();
  }
}
