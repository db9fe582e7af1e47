/**
 * The emulator box's CA library as the device app sees it (`platform.ca`): a `CaModule` whose every call
 * goes to the emulator host over postMessage, where the box's simulated smart card or DCAS chip lives (it
 * survives app switches and device reloads, like a vendor library in firmware). The host's CA events are
 * re-emitted on `events`.
 */
import { Observable, type Subscriber } from 'rxjs';
import type { CaEvent } from '../../ca/ca-events.js';
import type {
  CaEntitlement, CaFeedData, CaKind, CaMail, CaModule, CaOperator, CaResult, CaService, CaStatus, CaWallet, TimeWindow,
} from '../../ca/ca-module.js';
import type { IppvOffer } from '../../ca/ca-events.js';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type {
  CaMethod, DeviceToHostMessage, HostToDeviceCaEvent, HostToDeviceCaInfo, HostToDeviceCaResult,
} from './emulator-protocol.js';

/** How long a CA call waits for the host: the box's CA answers in milliseconds, so silence means none. */
export const EMULATOR_CA_TIMEOUT_MS = 5000;

export interface EmulatorCaClientOptions {
  /** Posts a message to the emulator host. */
  readonly post: (message: DeviceToHostMessage) => void;
  /** Default `EMULATOR_CA_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
}

interface PendingCall {
  readonly method: CaMethod;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: YiwangError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Until the host says what its CA is (its `ca-info` follows the device's hello at once). */
const UNKNOWN_INFO = { vendor: 'emulator', kind: 'smartCard' as CaKind, caSystemIds: [] as readonly number[] };

export class EmulatorCaClient implements CaModule {
  readonly events: Observable<CaEvent>;
  private info: Omit<HostToDeviceCaInfo, 'source' | 'type'> = UNKNOWN_INFO;
  private readonly subscribers = new Set<Subscriber<CaEvent>>();
  private readonly pending = new Map<string, PendingCall>();
  /** The number of the first live event delivered since the listeners subscribed. */
  private firstLiveSeq: number | undefined;
  private nextId = 1;
  /** Per page: a late answer meant for the previous page in the frame never settles this page's call. */
  private readonly idPrefix = `ca-${Math.random().toString(36).slice(2, 10)}-`;
  private readonly timeoutMs: number;

  constructor(private readonly options: EmulatorCaClientOptions) {
    this.timeoutMs = options.timeoutMs ?? EMULATOR_CA_TIMEOUT_MS;
    this.events = new Observable<CaEvent>((subscriber) => {
      this.subscribers.add(subscriber);
      // The host replays what is still on screen to a first subscriber: a fingerprint outlives the app.
      if (this.subscribers.size === 1) {
        this.firstLiveSeq = undefined;
        this.options.post({ source: 'yiwang-device', type: 'ca-events', subscribed: true });
      }
      return () => {
        this.subscribers.delete(subscriber);
        if (this.subscribers.size === 0) this.options.post({ source: 'yiwang-device', type: 'ca-events', subscribed: false });
      };
    });
  }

  get vendor(): string {
    return this.info.vendor;
  }

  get kind(): CaKind {
    return this.info.kind;
  }

  get caSystemIds(): readonly number[] {
    return this.info.caSystemIds;
  }

  /** The host said what its CA is. */
  receiveInfo(message: HostToDeviceCaInfo): void {
    this.info = { vendor: message.vendor, kind: message.kind, caSystemIds: [...message.caSystemIds] };
  }

  receiveEvent(message: HostToDeviceCaEvent): void {
    if (this.subscribers.size === 0) return;
    const seq = message.seq;
    if (message.replay === true) {
      // Already delivered live since the listeners subscribed: the replay would show it twice.
      if (seq !== undefined && this.firstLiveSeq !== undefined && seq >= this.firstLiveSeq) return;
    } else if (seq !== undefined) {
      this.firstLiveSeq ??= seq;
    }
    for (const subscriber of [...this.subscribers]) subscriber.next(message.event);
  }

  receiveResult(message: HostToDeviceCaResult): void {
    const call = this.pending.get(message.id);
    if (!call) return; // timed out already
    this.pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.ok) {
      call.resolve(message.value);
      return;
    }
    const code = message.error.code === 'CaModuleUnavailable' ? ErrorCode.CaModuleUnavailable : ErrorCode.CaCommandFailed;
    call.reject(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, code, message.error.message,
      { ...message.error.data, command: call.method }));
  }

  getStatus(): Promise<CaStatus> {
    return this.call('getStatus', []);
  }

  startService(service: CaService): Promise<void> {
    return this.call('startService', [service]);
  }

  stopService(service: CaService): Promise<void> {
    return this.call('stopService', [service]);
  }

  getOperators(): Promise<readonly CaOperator[]> {
    return this.call('getOperators', []);
  }

  getEntitlements(operatorId?: number): Promise<readonly CaEntitlement[]> {
    return this.call('getEntitlements', operatorId === undefined ? [] : [operatorId]);
  }

  getWallets(operatorId?: number): Promise<readonly CaWallet[]> {
    return this.call('getWallets', operatorId === undefined ? [] : [operatorId]);
  }

  getMails(): Promise<readonly CaMail[]> {
    return this.call('getMails', []);
  }

  readMail(id: string): Promise<CaMail> {
    return this.call('readMail', [id]);
  }

  deleteMail(id: string): Promise<void> {
    return this.call('deleteMail', [id]);
  }

  verifyPin(pin: string): Promise<CaResult> {
    return this.call('verifyPin', [pin]);
  }

  changePin(oldPin: string, newPin: string): Promise<CaResult> {
    return this.call('changePin', [oldPin, newPin]);
  }

  setRating(pin: string, age: number): Promise<CaResult> {
    return this.call('setRating', [pin, age]);
  }

  setWorkTime(pin: string, window: TimeWindow): Promise<CaResult> {
    return this.call('setWorkTime', [pin, window]);
  }

  buyIppv(offer: IppvOffer, pin: string, priceIndex: number, buy?: boolean): Promise<CaResult> {
    return this.call('buyIppv', buy === undefined ? [offer, pin, priceIndex] : [offer, pin, priceIndex, buy]);
  }

  readParentFeed(operatorId: number): Promise<CaFeedData | CaResult> {
    return this.call('readParentFeed', [operatorId]);
  }

  writeChildFeed(data: CaFeedData): Promise<CaResult> {
    return this.call('writeChildFeed', [data]);
  }

  /**
   * One round trip to the host. The value is whatever the host's module returned; the host is this SDK's
   * own emulator, so its answers are trusted to have the method's result type.
   */
  private call<T>(method: CaMethod, args: readonly unknown[]): Promise<T> {
    const id = `${this.idPrefix}${this.nextId++}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaModuleUnavailable,
          `The emulator's box did not answer ca.${method} within ${this.timeoutMs} ms (an emulator without a CA host?)`,
          { command: method, reason: 'timeout' }));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.options.post({ source: 'yiwang-device', type: 'ca-call', id, method, args });
      } catch (error) {
        // Arguments that cannot be structured-cloned (a function, a DOM node) never leave the device.
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaCommandFailed,
          `ca.${method}: the arguments cannot be sent to the box: ${error instanceof Error ? error.message : String(error)}`,
          { command: method, reason: 'uncloneable' }));
      }
    });
  }
}
