/**
 * The host end of the device's `platform.ca`: owns the box's CA library (smart card by default, or DCAS),
 * answers the device's `ca-call` messages, forwards the library's events, and replays what must stay on
 * screen (`CaStickyState`) to an app that starts listening, so it survives Back, Exit, app switches and
 * device reloads. The card, entitlements and wallet are kept in sessionStorage: reloading the emulator
 * keeps the box's card, as a real box keeps it in the slot.
 */
import type { Subscription } from 'rxjs';
import {
  isCaMethod, YiwangError, type CaEvent, type CaKind, type CaModule, type CaService, type HostToDeviceMessage,
} from '../../../sdk/index.js';
import type { BoxCa } from './box-ca.js';
import { CaStickyState } from './ca-sticky-state.js';
import { savedCaProblem } from './saved-ca-check.js';

export const BOX_CA_STORAGE_KEY = 'yiwang-emulator-box-ca';

/** What is stored: the library in use and each library's last snapshot. */
interface StoredBoxCa {
  readonly kind: CaKind;
  readonly snapshots: Partial<Record<CaKind, unknown>>;
}

export interface CaHostOptions {
  /** Builds the library of a kind. */
  readonly create: (kind: CaKind) => BoxCa;
  readonly send: (message: HostToDeviceMessage) => void;
  readonly note: (text: string) => void;
  /** The library's state changed (the panel re-reads it). */
  readonly changed: () => void;
  /** Where the box's card survives an emulator reload; default `sessionStorage`, `null` for none. */
  readonly storage?: Storage | null;
  readonly now?: () => number;
}

function readStored(storage: Storage | null): StoredBoxCa | undefined {
  try {
    const text = storage?.getItem(BOX_CA_STORAGE_KEY);
    if (!text) return undefined;
    const parsed = JSON.parse(text) as Partial<StoredBoxCa>;
    if ((parsed.kind !== 'smartCard' && parsed.kind !== 'dcas') || typeof parsed.snapshots !== 'object') return undefined;
    return { kind: parsed.kind, snapshots: parsed.snapshots };
  } catch {
    return undefined; // unreadable: start with a fresh card
  }
}

/** A copy of `value` that crosses postMessage (structured clone, else its JSON form), or none. */
function plainCopy(value: unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: structuredClone(value) };
  } catch {
    try {
      return { ok: true, value: JSON.parse(JSON.stringify(value)) as unknown };
    } catch {
      return { ok: false }; // BigInt, cycles with functions, …
    }
  }
}

/** Names any value for a message, whatever it is. */
function safeText(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class CaHost {
  private library: BoxCa;
  private readonly sticky: CaStickyState;
  private subscriptions: Subscription[] = [];
  private readonly storage: Storage | null;
  private snapshots: Partial<Record<CaKind, unknown>> = {};
  /** Services the current device page started and has not stopped, by channel id. */
  private readonly services = new Map<string, CaService>();
  private deviceListening = false;
  private restoring = false;
  /** Numbers the live events sent to the device, so it can drop a replay of one it already delivered. */
  private nextSeq = 1;

  constructor(private readonly options: CaHostOptions) {
    this.storage = options.storage === undefined ? sessionStorage : options.storage;
    this.sticky = new CaStickyState(options.now);
    const stored = readStored(this.storage);
    this.snapshots = { ...stored?.snapshots };
    this.library = this.open(stored?.kind ?? 'smartCard');
  }

  /** The library in use. */
  get ca(): BoxCa {
    return this.library;
  }

  get kind(): CaKind {
    return this.library.kind;
  }

  get module(): CaModule {
    return this.library.module;
  }

  /** Whether the device app listens to CA events now (else the emulator page draws the sticky state). */
  get listening(): boolean {
    return this.deviceListening;
  }

  /** When something on screen goes by itself (ms since epoch), if anything does. */
  nextExpiry(): number | undefined {
    return this.sticky.nextExpiry();
  }

  /** What the CA has on screen that outlives apps. */
  stickySummary(): ReturnType<CaStickyState['summary']> {
    return this.sticky.summary();
  }

  /**
   * Swaps the box's CA hardware (smart card ↔ DCAS chip). Each library keeps its own saved state; the
   * device hears the new kind and a card-state event, and what the old library had on screen goes.
   */
  setKind(kind: CaKind): void {
    if (kind === this.library.kind) return;
    this.save();
    // What the old library has on screen goes with it: the app's system UI hears it go.
    for (const event of this.sticky.withdrawal({ vendor: this.library.module.vendor, code: 'kindChanged' })) this.forward(event);
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    this.library.dispose();
    this.sticky.clear();
    this.library = this.open(kind);
    this.save();
    this.sendInfo();
    this.options.note(`box CA switched to ${kind === 'dcas' ? 'DCAS (terminal chip)' : 'smart card'}`);
    // What the new library restored (its mail icon) reaches a listening app.
    if (this.deviceListening) this.replayTo('after the CA switch');
    // The app is still on its channel: the new library descrambles (or blocks) it from now on.
    for (const service of this.services.values()) {
      this.library.module.startService(service).catch((error: unknown) => {
        this.options.note(`box CA: ${service.channelId} could not be started in the new CA: ${describeError(error)}`);
      });
    }
    void this.library.module.getStatus().then((status) => {
      this.forward({ type: 'cardState', card: status.card, raw: { vendor: status.vendor, code: 'kindChanged' } });
    }, () => undefined);
    this.options.changed();
  }

  private replayTo(why: string): void {
    const replay = this.sticky.replay();
    for (const { event, seq } of replay) {
      this.options.send({ source: 'yiwang-emulator', type: 'ca-event', event, replay: true, ...(seq === undefined ? {} : { seq }) });
    }
    if (replay.length > 0) this.options.note(`box CA replayed ${replay.map((r) => r.event.type).join(', ')} to the app ${why}`);
  }

  /**
   * A new page said hello: the previous page's services stop (its process is gone), and it learns what CA
   * the box has.
   */
  hello(): void {
    this.deviceGone();
    this.sendInfo();
  }

  /** The device page is going (another app loads): its services stop, it no longer listens. */
  deviceGone(): void {
    if (this.deviceListening) {
      this.deviceListening = false;
      this.options.changed();
    }
    const left = [...this.services.values()];
    this.services.clear();
    for (const service of left) {
      this.library.module.stopService(service).catch((error: unknown) => {
        this.options.note(`box CA: stopping ${service.channelId} after the reload failed: ${describeError(error)}`);
      });
    }
  }

  /** The device app started or stopped listening to CA events; a new listener gets the sticky state. */
  eventsSubscribed(subscribed: boolean): void {
    this.deviceListening = subscribed;
    // Who draws the fingerprint and OSD changes (the app's system UI, or the emulator page).
    this.options.changed();
    if (subscribed) this.replayTo('as it started listening');
  }

  /**
   * Answers one `ca-call` of the device. A call the module refused answers with its error; a call that
   * ran but whose result cannot be sent answers with a distinct error saying it ran (a purchase is not to
   * be retried).
   */
  async call(id: string, method: unknown, args: unknown): Promise<void> {
    if (!isCaMethod(method) || !Array.isArray(args)) {
      this.sendFailure(id, `The box's CA has no method ${safeText(method)}`, { command: safeText(method) });
      return;
    }
    const module = this.library.module;
    let value: unknown;
    try {
      const fn = module[method] as (...a: unknown[]) => Promise<unknown>;
      value = await fn.apply(module, args);
    } catch (error) {
      const data: Record<string, unknown> = { command: method };
      if (error instanceof YiwangError) {
        data.code = error.code;
        const moduleData = plainCopy(error.data);
        if (moduleData.ok) data.moduleData = moduleData.value;
        else data.moduleDataDropped = true;
      }
      this.sendFailure(id, `ca.${method}: ${describeError(error)}`, data);
      return;
    }
    this.track(method, args);
    try {
      this.options.send({ source: 'yiwang-emulator', type: 'ca-result', id, ok: true, value });
    } catch (error) {
      this.sendFailure(id, `ca.${method} ran, but its result cannot be sent to the device: ${describeError(error)}`,
        { command: method, executed: true, reason: 'resultNotTransferable' });
    }
    // Commands (a PIN change, a purchase, a started service) may change what the panel shows; reads do not.
    if (!method.startsWith('get')) this.options.changed();
  }

  private sendFailure(id: string, message: string, data: Record<string, unknown>): void {
    try {
      this.options.send({ source: 'yiwang-emulator', type: 'ca-result', id, ok: false, error: { code: 'CaCommandFailed', message, data } });
    } catch (error) {
      // Nothing more can be said to the device: its call times out. The log says why.
      this.options.note(`box CA: could not answer the device's call ${id}: ${describeError(error)}`);
    }
  }

  /** Stores the current library's snapshot (after every change). */
  save(): void {
    try {
      this.snapshots = { ...this.snapshots, [this.library.kind]: this.library.snapshot() };
      const stored: StoredBoxCa = { kind: this.library.kind, snapshots: this.snapshots };
      this.storage?.setItem(BOX_CA_STORAGE_KEY, JSON.stringify(stored));
    } catch (error) {
      this.options.note(`box CA: the card could not be saved for a reload: ${describeError(error)}`);
    }
  }

  close(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    this.library.dispose();
  }

  private open(kind: CaKind): BoxCa {
    const library = this.options.create(kind);
    // Listening before the restore: what it puts on screen again (the mail icon) is sticky state too.
    this.subscriptions.push(library.module.events.subscribe((event) => this.forward(event)));
    const saved = this.snapshots[kind];
    // The library checks the snapshot's shape; the fields' types and ranges are checked here first.
    const problem = saved === undefined ? undefined : savedCaProblem(saved);
    if (problem !== undefined) {
      this.options.note(`box CA: the saved ${kind} state was not usable (${problem}); starting fresh`);
    } else if (saved !== undefined) {
      this.restoring = true;
      try {
        library.restore(saved);
      } catch (error) {
        this.options.note(`box CA: the saved ${kind} state was not usable (${describeError(error)}); starting fresh`);
      } finally {
        this.restoring = false;
      }
    }
    this.subscriptions.push(library.changes.subscribe(() => {
      this.save();
      this.options.changed();
    }));
    return library;
  }

  private forward(event: CaEvent): void {
    // During a restore no app is listening yet, and the owner may still be under construction: what it put
    // on screen reaches an app by replay only.
    if (this.restoring) {
      this.sticky.observe(event);
      return;
    }
    const seq = this.nextSeq++;
    this.sticky.observe(event, seq);
    this.options.send({ source: 'yiwang-emulator', type: 'ca-event', event, seq });
    this.options.changed();
  }

  private sendInfo(): void {
    const module = this.library.module;
    this.options.send({
      source: 'yiwang-emulator', type: 'ca-info', vendor: module.vendor, kind: module.kind, caSystemIds: [...module.caSystemIds],
    });
  }

  private track(method: string, args: readonly unknown[]): void {
    const service = args[0] as CaService | undefined;
    if (typeof service?.channelId !== 'string') return;
    if (method === 'startService') this.services.set(service.channelId, service);
    else if (method === 'stopService') this.services.delete(service.channelId);
  }
}
