/**
 * The emulator's simulated box, without UI: owns the device frame, sends the selected platform's raw key
 * events into it (auto-repeat while a key is held, keyups only where the box sends them), withholds keys
 * the app has not registered on boxes that need registration, hands guide files to the app's guide store,
 * and collects what the device reports. For alerts it is the box's tuner and audio (the channel the app
 * tuned, volume, mute), its region (in the frame name), and its in-band and local alert inputs.
 */
import {
  createRawKeyEvent, emulatorFrameName, findKeyProfile, isDeviceMessage, isKeyName, primaryBinding,
  type EpgImportResult, type HostToDeviceEpgFeed, type HostToDeviceRawKey, type KeyBinding, type KeyEvent,
  type KeyProfile, type KnownKeyName,
} from '../../sdk/index.js';
import { isDetailsChannel, type DetailsChannel, type DeviceToHostMessage, type HostToDeviceMessage } from '../../sdk/index.js';
import { AutoRepeat } from './auto-repeat.js';

/** Where a key press came from, for the log. */
export type KeyOrigin = 'remote' | 'keyboard' | 'automation';
export type RawEventType = HostToDeviceRawKey['eventType'];

/** One line of the emulator's log. */
export type LogEntryBody =
  /** A normalized key event the device app received (its SDK reported it). */
  | { readonly type: 'device'; readonly event: KeyEvent }
  /** A raw DOM key event the box sent into the device. */
  | {
    readonly type: 'sent'; readonly key: KnownKeyName; readonly eventType: RawEventType; readonly keyCode: number;
    readonly rawKey?: string; readonly repeat: boolean; readonly via: 'dispatch' | 'postMessage'; readonly origin: KeyOrigin;
  }
  /** A press the box kept from the app because the app has not registered the key. */
  | { readonly type: 'withheld'; readonly key: KnownKeyName; readonly keyCode: number; readonly origin: KeyOrigin }
  /** Loads, hellos and registrations. */
  | { readonly type: 'note'; readonly text: string };
export type LogEntry = LogEntryBody & { readonly id: number; readonly time: number };

/** `loading` until the frame's load event; `hello` once the device's SDK announced itself. */
export type DeviceStatus = 'loading' | 'loaded' | 'hello';

/** What happened to a key going down. */
export type KeyDownResult = 'sent' | 'withheld' | 'unsupported';

export interface DeviceLinkCallbacks {
  /** A new device frame was created; the caller puts it in the document, which starts its load. */
  frameChanged?(frame: HTMLIFrameElement): void;
  logged?(entry: LogEntry): void;
  /** Status or registrations changed. */
  stateChanged?(): void;
  /** A new device page is loading (`load`): whatever waited on the old one should give up. */
  loading?(): void;
  /** A device page's SDK said hello (after the link sent it the tuner state). */
  hello?(): void;
  /** A device message the link itself does not handle (CA calls, tune results, …). */
  message?(message: DeviceToHostMessage): void;
}

/** How long `load` waits after the frame's load event for a device that has not said hello yet. */
export const HELLO_TIMEOUT_MS = 1000;
/** Pause after hello, so the registrations the device posts right after it have arrived. */
const SETTLE_MS = 50;
/** How long `press` waits after the release for the device to report the `up`. */
export const UP_WAIT_MS = 150;
/** Device key events kept for `deviceEvents()`. */
const MAX_DEVICE_EVENTS = 10000;
/** How long `sendEpgFeed` waits for the device's import result by default. */
export const EPG_IMPORT_TIMEOUT_MS = 30_000;

/** A guide file for the device. */
export interface EpgFeedRequest {
  readonly name: string;
  /** EPG source id; the device detects the format when absent. */
  readonly format?: string;
  /** Copied before sending: the caller's array stays usable. */
  readonly bytes: Uint8Array;
  /** Default `EPG_IMPORT_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
}

interface EpgWaiter {
  readonly name: string;
  readonly resolve: (result: EpgImportResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

function isImportResult(value: unknown): value is EpgImportResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Partial<Record<keyof EpgImportResult, unknown>>;
  return typeof r.name === 'string' && typeof r.channels === 'number' && typeof r.programmes === 'number'
    && typeof r.skipped === 'number' && typeof r.repaired === 'number' && typeof r.ms === 'number' && Array.isArray(r.warnings);
}

/** One line for the log. */
export function describeImport(result: EpgImportResult): string {
  const counts = `${result.channels} channels, ${result.programmes} programmes, ${result.skipped} skipped, `
    + `${result.repaired} repaired, ${result.expired} expired, ${result.ms} ms`;
  return result.error
    ? `EPG "${result.name}" failed${result.format ? ` (${result.format})` : ''}: ${result.error.message} — stored before the failure: ${counts}`
    : `EPG "${result.name}" imported as ${result.format ?? '?'}: ${counts}`;
}

interface HeldKey {
  readonly name: KnownKeyName;
  /** Undefined when the box withheld the press. */
  readonly binding: KeyBinding | undefined;
  readonly origin: KeyOrigin;
  readonly repeater: AutoRepeat | undefined;
}

interface LoadWaiter {
  readonly generation: number;
  readonly resolve: () => void;
}

const KINDS = new Set(['down', 'repeat', 'long', 'up']);

function isKeyEvent(value: unknown): value is KeyEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<Record<keyof KeyEvent, unknown>>;
  return typeof e.key === 'string' && typeof e.kind === 'string' && KINDS.has(e.kind) && typeof e.raw === 'number';
}

function knownKeys(value: unknown): KnownKeyName[] {
  return Array.isArray(value) ? value.filter(isKeyName) : [];
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The simulated box's tuner and audio. */
export interface TunerState {
  /** The channel on screen; the box starts on channel 1. */
  readonly channel: DetailsChannel | undefined;
  /** 0–100. */
  readonly volume: number;
  readonly muted: boolean;
}

/** How the box starts: channel 1, a middling volume. */
export const INITIAL_TUNER: TunerState = { channel: { number: 1 }, volume: 30, muted: false };

/** A channel for the log and the status bar: `1`, `7-1`, `0x2001.5.101`, `source 12`. */
export function describeChannel(c: DetailsChannel | undefined): string {
  if (!c) return '—';
  if (c.number !== undefined) return String(c.number);
  if (c.major !== undefined) return c.minor === undefined ? String(c.major) : `${c.major}-${c.minor}`;
  if (c.sid !== undefined) return `${c.onid === undefined ? '?' : `0x${c.onid.toString(16)}`}.${c.tsid ?? '?'}.${c.sid}`;
  if (c.sourceId !== undefined) return `source ${c.sourceId}`;
  return JSON.stringify(c);
}

export class DeviceLink {
  private frameElement: HTMLIFrameElement | undefined;
  private currentUrl = '';
  private currentProfile: KeyProfile;
  private currentStatus: DeviceStatus = 'loading';
  /** Counts loads; messages and load events of a superseded frame are ignored. */
  private generation = 0;
  private settledGeneration = 0;
  private helloGeneration = 0;
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private loadWaiters: LoadWaiter[] = [];
  private readonly registered = new Set<KnownKeyName>();
  private readonly events: KeyEvent[] = [];
  private held: HeldKey | undefined;
  private readonly upWaiters = new Set<{ readonly raw: number; readonly resolve: () => void }>();
  private nextLogId = 1;
  private connected = false;
  private readonly epgWaiters = new Map<string, EpgWaiter>();
  private nextFeedId = 1;
  private epgConnected = false;
  private currentRegion: string | undefined;
  private signalOk = true;
  /** The origin of the page that said hello: the box's messages go to it only (undefined: '*', before a hello). */
  private deviceOrigin: string | undefined;
  private tunerState: TunerState = INITIAL_TUNER;

  constructor(
    private readonly callbacks: DeviceLinkCallbacks = {},
    profileId = 'keyboard',
    private readonly host: Window = window,
  ) {
    this.currentProfile = findKeyProfile(profileId);
  }

  /** Starts listening to the device's messages. */
  connect(): void {
    if (this.connected) return;
    this.connected = true;
    this.host.addEventListener('message', this.onMessage);
  }

  /** Stops listening and releases a held key; guide feeds still waiting for an answer fail. */
  disconnect(): void {
    this.failEpgWaiters('the emulator was closed');
    this.releaseHeld();
    this.connected = false;
    this.host.removeEventListener('message', this.onMessage);
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
  }

  get frame(): HTMLIFrameElement | undefined {
    return this.frameElement;
  }

  get url(): string {
    return this.currentUrl;
  }

  get profile(): KeyProfile {
    return this.currentProfile;
  }

  get status(): DeviceStatus {
    return this.currentStatus;
  }

  /** Whether the device app takes guide feeds now (its SDK subscribed to them, e.g. through `connectEpgFeeds`). */
  get epgFeedsConnected(): boolean {
    return this.epgConnected;
  }

  /** The region code the box is configured for (in the device frame's name), if any. */
  get region(): string | undefined {
    return this.currentRegion;
  }

  /** Sets the box's region; it reaches the app with the next `load` (the frame name is read at start-up). */
  set region(code: string | undefined) {
    this.currentRegion = code === '' ? undefined : code;
  }

  /**
   * Whether the tuner has a signal, as the frame name tells a page at start-up: kept current on the live
   * frame too, so a page the app navigates to inside it starts with the right value.
   */
  get signal(): boolean {
    return this.signalOk;
  }

  set signal(ok: boolean) {
    this.signalOk = ok;
    // Renaming the iframe renames its browsing context: the next page in it reads the new name.
    if (this.frameElement) this.frameElement.name = this.frameName(this.currentProfile.id);
  }

  private frameName(profile: string): string {
    return emulatorFrameName({
      profile, ...(this.currentRegion === undefined ? {} : { region: this.currentRegion }),
      ...(this.signalOk ? {} : { signal: false }),
    });
  }

  /** The tuner and audio as the app left them (force-tune, volume). */
  get tuner(): TunerState {
    return this.tunerState;
  }

  /** Delivers an SCTE 18 section as the box's tuner would (`platform.inbandAlerts`); the bytes are copied. */
  sendAlertInband(bytes: Uint8Array): void {
    this.postToDevice({ source: 'yiwang-emulator', type: 'alert-inband', bytes: new Uint8Array(bytes) });
    this.note(`in-band alert section sent to the device (${bytes.length} bytes)`);
  }

  /** Hands the app an alert message (XML) as if received locally (`platform.injectedAlerts`). */
  sendAlertInject(xml: string): void {
    this.postToDevice({ source: 'yiwang-emulator', type: 'alert-inject', xml });
    this.note(`alert message injected into the device (${xml.length} characters)`);
  }

  private postToDevice(message: HostToDeviceMessage): void {
    // Addressed to the page that said hello: after a navigation to another origin the browser drops it.
    this.frameElement?.contentWindow?.postMessage(message, this.deviceOrigin ?? '*');
  }

  /** Posts a message to the device page (dropped when there is none). */
  send(message: HostToDeviceMessage): void {
    this.postToDevice(message);
  }

  /** The app's tuner switched the box to `channel` (a reported tune): the box follows, the device hears it. */
  followTune(channel: DetailsChannel): void {
    this.tunerState = { ...this.tunerState, channel };
    this.sendTunerState();
    this.callbacks.stateChanged?.();
  }

  private sendTunerState(): void {
    const { channel, volume, muted } = this.tunerState;
    this.postToDevice({ source: 'yiwang-emulator', type: 'tuner-state', volume, muted, ...(channel ? { channel } : {}) });
  }

  /** The key being held, if any. */
  get heldKey(): KnownKeyName | undefined {
    return this.held?.name;
  }

  /**
   * Boots the device: a fresh frame named for `profileId` (default: the current profile) loading `url`.
   * Registrations are reset. Resolves after the frame's load event and, when the device's SDK says hello
   * within `HELLO_TIMEOUT_MS`, after that; a load superseded by a newer one resolves with the newer one.
   * Throws (synchronously) for an unknown profile.
   */
  load(url: string, profileId: string = this.currentProfile.id): Promise<void> {
    const profile = findKeyProfile(profileId);
    this.releaseHeld();
    const generation = ++this.generation;
    if (this.helloTimer !== undefined) clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.currentProfile = profile;
    this.currentUrl = url;
    this.currentStatus = 'loading';
    this.registered.clear();
    this.epgConnected = false;
    this.deviceOrigin = undefined;
    this.failEpgWaiters('the device was rebooted');
    this.callbacks.loading?.();

    const frame = this.host.document.createElement('iframe');
    frame.name = this.frameName(profile.id);
    frame.title = 'Device screen';
    frame.allow = 'autoplay; fullscreen';
    frame.src = url;
    let loaded = false;
    frame.addEventListener('load', () => {
      if (generation !== this.generation) return;
      if (loaded) {
        // The app navigated inside the frame; its new page says hello again if it runs the SDK.
        this.note(`device navigated: ${this.frameLocation()}`);
        return;
      }
      loaded = true;
      this.onFirstLoad(generation);
    });
    this.frameElement = frame;
    this.note(`loading ${url} as ${profile.id} (${profile.label})`);
    this.callbacks.stateChanged?.();
    const done = new Promise<void>((resolve) => this.loadWaiters.push({ generation, resolve }));
    this.callbacks.frameChanged?.(frame);
    return done;
  }

  /** Resolves when the latest `load` has completed (at once when it already has). */
  settled(): Promise<void> {
    const generation = this.generation;
    if (this.settledGeneration >= generation) return Promise.resolve();
    return new Promise<void>((resolve) => this.loadWaiters.push({ generation, resolve }));
  }

  /** Keys the device has registered with the box since it booted. */
  registeredKeys(): KnownKeyName[] {
    return [...this.registered];
  }

  /** Whether the box would keep `key` from the app now (registration boxes only). */
  isWithheld(key: KnownKeyName): boolean {
    const profile = this.currentProfile;
    if (profile.registration === 'none') return false;
    if (profile.alwaysDelivered?.includes(key)) return false;
    return !this.registered.has(key);
  }

  /** The normalized events the device reported, oldest first. */
  deviceEvents(): readonly KeyEvent[] {
    return this.events;
  }

  clearDeviceEvents(): void {
    this.events.length = 0;
  }

  /**
   * A key of the remote goes down: the press is sent (and auto-repeats until `keyUp`), withheld, or
   * `unsupported` when this platform's remote has no such key. A key still held is released first:
   * a remote sends one key at a time.
   */
  keyDown(key: KnownKeyName, origin: KeyOrigin): KeyDownResult {
    const binding = primaryBinding(this.currentProfile, key);
    if (!binding) return 'unsupported';
    this.releaseHeld();
    if (this.isWithheld(key)) {
      this.held = { name: key, binding: undefined, origin, repeater: undefined };
      this.log({ type: 'withheld', key, keyCode: binding.keyCode, origin });
      this.callbacks.stateChanged?.();
      return 'withheld';
    }
    const profile = this.currentProfile;
    const repeater = new AutoRepeat(() => this.sendRaw(profile.downEvent, binding, true, key, origin));
    this.held = { name: key, binding, origin, repeater };
    this.sendRaw(profile.downEvent, binding, false, key, origin);
    repeater.start();
    this.callbacks.stateChanged?.();
    return 'sent';
  }

  /** The key is released: repeats stop, and a keyup is sent if this box sends keyups. */
  keyUp(key: KnownKeyName): void {
    const held = this.held;
    if (held?.name !== key) return;
    this.held = undefined;
    held.repeater?.stop();
    if (held.binding && this.currentProfile.sendsKeyUp) this.sendRaw('keyup', held.binding, false, key, held.origin);
    this.callbacks.stateChanged?.();
  }

  releaseHeld(): void {
    if (this.held) this.keyUp(this.held.name);
  }

  /**
   * Presses `key` for `holdMs` (auto-repeating after the box's delay), releases it, and waits until the
   * device reported the release or `UP_WAIT_MS` passed. Withheld and unsupported keys return at once.
   */
  async press(key: KnownKeyName, holdMs: number, origin: KeyOrigin): Promise<KeyDownResult> {
    const result = this.keyDown(key, origin);
    if (result !== 'sent') {
      this.keyUp(key);
      return result;
    }
    await delay(holdMs);
    const binding = primaryBinding(this.currentProfile, key);
    const reported = this.currentProfile.sendsKeyUp && binding ? this.waitForUp(binding.keyCode, UP_WAIT_MS) : delay(UP_WAIT_MS);
    this.keyUp(key);
    await reported;
    return result;
  }

  /**
   * Sends a guide file into the device's guide store (an `epg-feed` message; the bytes are copied and the
   * copy's buffer transferred). Resolves with the import result the device reports; rejects when it gives
   * none within `timeoutMs` (apps that do not connect their store to the box's feeds never answer), or when
   * the device reboots first.
   */
  sendEpgFeed(feed: EpgFeedRequest): Promise<EpgImportResult> {
    const target = this.frameElement?.contentWindow;
    if (!target) return Promise.reject(new Error('There is no device to send the guide to'));
    const timeoutMs = feed.timeoutMs ?? EPG_IMPORT_TIMEOUT_MS;
    const id = `epg-${this.generation}-${this.nextFeedId++}`;
    const bytes = feed.bytes.slice();
    const message: HostToDeviceEpgFeed = {
      source: 'yiwang-emulator', type: 'epg-feed', id, name: feed.name, bytes,
      ...(feed.format === undefined ? {} : { format: feed.format }),
    };
    return new Promise<EpgImportResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.epgWaiters.delete(id);
        const why = this.epgConnected
          ? 'the app takes guide feeds but has not finished this one (a very large guide, or a slow box)'
          : "the app has not connected its guide store to the box's feeds (the Yiwang SDK's connectEpgFeeds)"
            + (this.currentStatus === 'hello' ? '' : '; the page never said hello, so it may not run the SDK at all');
        const error = new Error(`The device did not answer the guide "${feed.name}" within ${timeoutMs / 1000} s: ${why}`);
        this.note(error.message);
        reject(error);
      }, timeoutMs);
      this.epgWaiters.set(id, { name: feed.name, resolve, reject, timer });
      target.postMessage(message, this.deviceOrigin ?? '*', [bytes.buffer]);
      this.note(`sent guide "${feed.name}" (${bytes.length} bytes, ${feed.format ?? 'format detected by the device'})`);
    });
  }

  private failEpgWaiters(why: string): void {
    for (const [id, waiter] of this.epgWaiters) {
      clearTimeout(waiter.timer);
      this.epgWaiters.delete(id);
      waiter.reject(new Error(`The guide "${waiter.name}" got no answer: ${why}`));
    }
  }

  /** Adds a note line to the log. */
  note(text: string): void {
    this.log({ type: 'note', text });
  }

  private waitForUp(raw: number, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter = {
        raw,
        resolve: () => {
          clearTimeout(timer);
          this.upWaiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.resolve, timeoutMs);
      this.upWaiters.add(waiter);
    });
  }

  private sendRaw(eventType: RawEventType, binding: KeyBinding, repeat: boolean, key: KnownKeyName, origin: KeyOrigin): void {
    const frame = this.frameElement;
    if (!frame) return;
    let doc: Document | null;
    try {
      doc = frame.contentDocument; // null when the device is cross-origin
    } catch {
      doc = null;
    }
    const via = doc ? 'dispatch' : 'postMessage';
    const entry: LogEntryBody = { type: 'sent', key, eventType, keyCode: binding.keyCode, repeat, via, origin };
    this.log(binding.key === undefined ? entry : { ...entry, rawKey: binding.key });
    if (doc) {
      const target = doc.activeElement ?? doc.body;
      target.dispatchEvent(createRawKeyEvent(eventType, binding, repeat, doc.defaultView ?? window));
    } else {
      const message: HostToDeviceRawKey = {
        source: 'yiwang-emulator', type: 'raw-key', eventType, repeat,
        binding: { keyCode: binding.keyCode, key: binding.key, code: binding.code },
      };
      frame.contentWindow?.postMessage(message, '*');
    }
  }

  private readonly onMessage = (e: MessageEvent): void => {
    const frame = this.frameElement;
    if (!frame || !isDeviceMessage(e.data)) return;
    // A leaving page's goodbye has no source any more: it must come from the origin that said hello.
    if (e.source === null && e.data.type === 'bye' && this.deviceOrigin !== undefined && e.origin === this.deviceOrigin) {
      this.onBye();
      return;
    }
    if (e.source !== frame.contentWindow) return;
    const message = e.data;
    switch (message.type) {
      case 'hello':
        this.deviceOrigin = e.origin === 'null' ? undefined : e.origin;
        this.onHello(message.profile);
        break;

      case 'key':
        if (isKeyEvent(message.event)) this.onDeviceKey(message.event);
        break;
      case 'register-keys': {
        const keys = knownKeys(message.keys);
        for (const key of keys) this.registered.add(key);
        this.note(`device registered ${keys.length} keys: ${keys.join(' ')}`);
        this.callbacks.stateChanged?.();
        break;
      }
      case 'unregister-keys': {
        const keys = knownKeys(message.keys);
        for (const key of keys) this.registered.delete(key);
        this.note(`device unregistered ${keys.length} keys: ${keys.join(' ')}`);
        this.callbacks.stateChanged?.();
        break;
      }
      case 'epg-feeds':
        this.epgConnected = message.connected;
        this.note(this.epgConnected ? 'device takes guide feeds' : 'device stopped taking guide feeds');
        this.callbacks.stateChanged?.();
        break;
      case 'epg-import':
        this.onEpgImport(message.id, message.result);
        break;
      case 'tune':
        if (!isDetailsChannel(message.target)) break;
        this.tunerState = { ...this.tunerState, channel: message.target };
        this.note(`device tuned to channel ${describeChannel(message.target)}`);
        this.sendTunerState();
        this.callbacks.stateChanged?.();
        break;
      case 'volume': {
        const volume = typeof message.volume === 'number' && Number.isFinite(message.volume)
          ? Math.round(Math.min(100, Math.max(0, message.volume))) : this.tunerState.volume;
        const muted = typeof message.muted === 'boolean' ? message.muted : this.tunerState.muted;
        this.tunerState = { ...this.tunerState, volume, muted };
        this.note(`device set the volume to ${volume}${muted ? ' (muted)' : ''}`);
        this.sendTunerState();
        this.callbacks.stateChanged?.();
        break;
      }
      default:
        this.callbacks.message?.(message);
        break;
    }
  };

  private onEpgImport(id: unknown, result: unknown): void {
    const waiter = typeof id === 'string' ? this.epgWaiters.get(id) : undefined;
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.epgWaiters.delete(id as string);
    if (!isImportResult(result)) {
      waiter.reject(new Error(`The device answered the guide "${waiter.name}" with a malformed result`));
      return;
    }
    // Fields a device may omit (an older SDK) read as zero.
    const complete: EpgImportResult = { ...result, expired: typeof result.expired === 'number' ? result.expired : 0 };
    this.note(describeImport(complete));
    waiter.resolve(complete);
  }

  /**
   * The page that said hello is going (its `bye` at pagehide; the app navigates inside the frame): for the
   * box it is a reboot, whether or not the next page runs the SDK.
   */
  private onBye(): void {
    this.deviceOrigin = undefined;
    this.registered.clear();
    this.epgConnected = false;
    this.failEpgWaiters('the device page went away (a navigation inside the frame)');
    this.currentStatus = 'loaded';
    this.note('the device page is going: a reboot for the box');
    this.callbacks.loading?.();
    this.callbacks.stateChanged?.();
  }

  private onHello(profile: unknown): void {
    const generation = this.generation;
    // A hello starts a new device page: whatever an earlier page registered or connected is gone.
    this.registered.clear();
    this.epgConnected = false;
    this.helloGeneration = generation;
    this.currentStatus = 'hello';
    const expected = this.currentProfile.id;
    this.note(profile === expected ? `device SDK says hello (${expected})` : `device SDK says hello with profile ${String(profile)}, expected ${expected}`);
    // The box's tuner state outlives the page: tell the new page where it is.
    this.sendTunerState();
    this.callbacks.hello?.();
    this.callbacks.stateChanged?.();
    // Load event already seen: the load was waiting for this hello.
    if (this.helloTimer !== undefined) {
      clearTimeout(this.helloTimer);
      this.helloTimer = undefined;
      this.settleLater(generation);
    }
  }

  private onFirstLoad(generation: number): void {
    if (this.currentStatus === 'loading') this.currentStatus = 'loaded';
    this.note(`loaded ${this.frameLocation()}`);
    this.callbacks.stateChanged?.();
    if (this.helloGeneration === generation) {
      this.settleLater(generation);
      return;
    }
    this.helloTimer = setTimeout(() => {
      this.helloTimer = undefined;
      if (this.helloGeneration !== generation) this.note(`no hello from the device within ${HELLO_TIMEOUT_MS} ms (page without the Yiwang SDK?)`);
      this.settle(generation);
    }, HELLO_TIMEOUT_MS);
  }

  private settleLater(generation: number): void {
    setTimeout(() => this.settle(generation), SETTLE_MS);
  }

  private settle(generation: number): void {
    if (generation !== this.generation || generation <= this.settledGeneration) return;
    this.settledGeneration = generation;
    const ready = this.loadWaiters.filter((w) => w.generation <= generation);
    this.loadWaiters = this.loadWaiters.filter((w) => w.generation > generation);
    for (const waiter of ready) waiter.resolve();
  }

  private onDeviceKey(event: KeyEvent): void {
    if (this.events.length >= MAX_DEVICE_EVENTS) this.events.shift();
    this.events.push(event);
    this.log({ type: 'device', event });
    if (event.kind === 'up') {
      for (const waiter of [...this.upWaiters]) if (waiter.raw === event.raw) waiter.resolve();
    }
  }

  private frameLocation(): string {
    try {
      return this.frameElement?.contentWindow?.location.href ?? this.currentUrl;
    } catch {
      return this.currentUrl; // cross-origin
    }
  }

  private log(body: LogEntryBody): void {
    this.callbacks.logged?.({ ...body, id: this.nextLogId++, time: Date.now() });
  }
}
