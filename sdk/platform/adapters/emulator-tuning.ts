/**
 * The emulator box's tuner side as the device app sees it: the signal the host reports, the channel changes
 * the host asks the app's tuner for (`tuneRequests`), the results the app reports back (`reportTune`), and
 * the alert overlay's `tune(target)`, which goes through the app's tuner when one listens.
 */
import { BehaviorSubject, distinctUntilChanged, Observable, type Subscriber } from 'rxjs';
import type { DetailsChannel } from '../../alerts/model.js';
import type { Channel, DvbTriplet, TuneResult } from '../../channels/channel.js';
import type { TuneRequest } from '../platform-adapter.js';
import type { DeviceToHostMessage, HostToDeviceTuneRequest } from './emulator-protocol.js';

/** How long a host's tune request waits for the app's first tuner subscriber when it names no expiry. */
export const EMULATOR_HELD_TUNE_MS = 5000;
/** Host tune requests held for a tuner that has not subscribed yet (the oldest go first). */
const MAX_HELD_TUNES = 8;

/** How long `tune(target)` waits for the app's tuner to report the force-tune it asked for. */
export const EMULATOR_FORCE_TUNE_TIMEOUT_MS = 10_000;

/** A details channel as a tuner target: its number, or its triplet; undefined when it has neither. */
export function detailsToTuneTarget(target: DetailsChannel): number | DvbTriplet | undefined {
  if (target.number !== undefined) return target.number;
  if (target.onid !== undefined && target.tsid !== undefined && target.sid !== undefined) {
    return { onid: target.onid, tsid: target.tsid, sid: target.sid };
  }
  // A cable major number without a minor is what the viewer types; major-minor and source ids are not LCNs.
  if (target.major !== undefined && target.minor === undefined) return target.major;
  return undefined;
}

/** A lineup channel in the form the box and the alert overlay know it. */
export function channelToDetails(channel: Channel): DetailsChannel {
  return channel.triplet ? { number: channel.number, ...channel.triplet } : { number: channel.number };
}

/** A copy of a result the host can always receive (a channel's fields are plain data; anything else is dropped). */
function cloneableResult(result: TuneResult): TuneResult {
  return JSON.parse(JSON.stringify(result)) as TuneResult;
}

interface ForceTuneWaiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class EmulatorTuning {
  /** Whether the tuner has a signal; replays the current value (from the frame name, then the host's messages). */
  readonly signal: Observable<boolean>;
  readonly requests: Observable<TuneRequest>;
  /** The service on screen as the box knows it (the host's tuner state, then each reported tune). */
  channel: DetailsChannel | undefined;
  private readonly signalState: BehaviorSubject<boolean>;
  private readonly subscribers = new Set<Subscriber<TuneRequest>>();
  private readonly waiters = new Map<string, ForceTuneWaiter>();
  /** Host requests that came before the app's tuner subscribed, with when they expire (ms since epoch). */
  private held: { readonly request: TuneRequest; readonly until: number }[] = [];
  private nextId = 1;

  /** `initialSignal`: what the host's frame name said at start-up (its `signal` messages follow). */
  constructor(
    private readonly post: (message: DeviceToHostMessage) => void,
    private readonly forceTuneTimeoutMs = EMULATOR_FORCE_TUNE_TIMEOUT_MS,
    initialSignal = true,
  ) {
    this.signalState = new BehaviorSubject<boolean>(initialSignal);
    this.signal = this.signalState.pipe(distinctUntilChanged());
    this.requests = new Observable<TuneRequest>((subscriber) => {
      this.subscribers.add(subscriber);
      if (this.subscribers.size === 1) this.post({ source: 'yiwang-device', type: 'tune-requests', subscribed: true });
      // The box asked before the app's tuner existed (it starts after the lineup loads): still in time, it gets them.
      const now = Date.now();
      for (const { request, until } of this.held.splice(0)) if (until > now) subscriber.next(request);
      return () => {
        this.subscribers.delete(subscriber);
        if (this.subscribers.size === 0) this.post({ source: 'yiwang-device', type: 'tune-requests', subscribed: false });
      };
    });
  }

  receiveSignal(ok: boolean): void {
    this.signalState.next(ok);
  }

  /**
   * The host asks for a channel. With no tuner listening yet the request waits for the first subscriber
   * until it expires (when the host stops waiting); after that nobody answers it (the host says so).
   */
  receiveRequest(message: HostToDeviceTuneRequest): void {
    const request: TuneRequest = { id: message.id, target: message.target };
    if (this.subscribers.size > 0) {
      this.emit(request);
      return;
    }
    const now = Date.now();
    this.held = this.held.filter((h) => h.until > now);
    this.held.push({ request, until: message.expiresAt ?? now + EMULATOR_HELD_TUNE_MS });
    if (this.held.length > MAX_HELD_TUNES) this.held.shift();
  }

  /**
   * The alert overlay tunes the box. With an app tuner listening, the target goes to it as a tune request,
   * and this resolves when the tuner reports success (rejects with its message on failure); otherwise the
   * box switches by itself, as before the live-TV members existed.
   */
  tune(target: DetailsChannel): Promise<void> {
    const requestTarget = detailsToTuneTarget(target);
    if (this.subscribers.size === 0 || requestTarget === undefined) {
      this.channel = { ...target };
      this.post({ source: 'yiwang-device', type: 'tune', target: this.channel });
      return Promise.resolve();
    }
    const id = `device-tune-${this.nextId++}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`The app's tuner did not report the tune to ${JSON.stringify(requestTarget)} within ${this.forceTuneTimeoutMs} ms`));
      }, this.forceTuneTimeoutMs);
      this.waiters.set(id, { resolve, reject, timer });
      this.emit({ id, target: requestTarget });
    });
  }

  /** The app's tuner finished a tune: the box follows it, the host hears it, a waiting `tune` settles. */
  report(result: TuneResult, request?: TuneRequest): void {
    const channel = result.channel;
    if (channel) this.channel = channelToDetails(channel);
    const requestId = request?.id;
    this.post({
      source: 'yiwang-device', type: 'tune-result', result: cloneableResult(result),
      ...(requestId === undefined ? {} : { requestId }),
    });
    const waiter = requestId === undefined ? undefined : this.waiters.get(requestId);
    if (!waiter || requestId === undefined) return;
    this.waiters.delete(requestId);
    clearTimeout(waiter.timer);
    if (result.ok) waiter.resolve();
    else waiter.reject(new Error(`The tune failed: ${result.error}: ${result.message}`));
  }

  private emit(request: TuneRequest): void {
    for (const subscriber of [...this.subscribers]) subscriber.next(request);
  }
}
