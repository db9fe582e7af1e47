/**
 * `<yw-emulator>`: the Yiwang TV emulator for QA and app developers. A TV-sized device frame running an
 * app under a chosen platform key profile, an on-screen remote, desktop keyboard shortcuts, a key log,
 * and the automation API (the element implements it; `installAutomationApi` exposes it as
 * `window.emulator`).
 *
 * Attributes: `device-url` (default `/samples/live-tv/`), `profile` (default `keyboard`),
 * `resolution` (`1920x1080` or `1280x720`), `safe-area`, `region` (the box's region code).
 */
import { css, html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import {
  epgFormats, findKeyProfile, isKeyName, KEY_NAMES, keyProfileIds, primaryBinding, type EpgImportResult, type KnownKeyName,
} from '../../sdk/index.js';
import {
  isResolution, RESOLUTIONS, type EmulatorAutomation, type EmulatorEpgAutomation, type EpgLoadOptions, type KeyLogEntry,
  type PressOptions, type Resolution,
} from './automation-api.js';
import { DeviceLink, type KeyOrigin, type LogEntry } from './device-link.js';
import type { EpgLoadDetail, EpgPanelStatus } from './epg-panel.js';
import { isRegionCode, type AlertMessageDetail, type AlertPanelStatus, type AlertRegionDetail } from './alert-panel.js';
import { fromHex } from './alert-templates.js';
import type { AlertSendResult, EmulatorAlertAutomation, EmulatorTunerState } from './automation-api.js';
import { describeChannel } from './device-link.js';
import { KeyboardShortcuts } from './keyboard-shortcuts.js';
import type { RemoteKeyDetail } from './remote-control.js';
import './tv-frame.js';
import './remote-control.js';
import './key-log.js';
import './key-legend.js';
import './epg-panel.js';
import './alert-panel.js';
import './box-panel.js';
import './box/ca-screen.js';
import type { BoxAction, BoxPanelState } from './box-panel.js';
import { CableBox } from './box/cable-box.js';
import type { TuneLogEntry } from './box/cable-box.js';
import { isEmulatorCardState, isOsdPosition } from './box/box-ca.js';
import { loadLineupProducts } from './box/lineup-products.js';
import { createSimulatedBoxCa } from './box/simulated-box-ca.js';
import type { EmulatorCaAutomation, EmulatorCaStatus } from './automation-api.js';
import type { TuneResult } from '../../sdk/index.js';

export const DEFAULT_DEVICE_URL = '/samples/live-tv/';
export const DEFAULT_PROFILE = 'keyboard';
/** Default hold of `press`, like a quick tap on a remote. */
export const DEFAULT_HOLD_MS = 80;
/** Log lines kept on screen. */
const MAX_LOG_ENTRIES = 400;

/** A Uint8Array, also one made in another frame. */
function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** The last path segment of a URL, for naming a guide. */
function fileNameOf(url: string): string {
  try {
    const path = new URL(url, location.href).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
  } catch {
    return url;
  }
}

/** A product id from a script, or an error naming the call. */
function productIdOf(call: string, productId: unknown): number {
  if (typeof productId !== 'number' || !Number.isInteger(productId) || productId < 0) {
    throw new Error(`emulator.ca.${call}: ${JSON.stringify(productId)} is not a product id (an integer ≥ 0)`);
  }
  return productId;
}

/** The focused element, looking into shadow roots. */
function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export class YwEmulator extends LitElement implements EmulatorAutomation {
  static override properties = {
    deviceUrl: { type: String, attribute: 'device-url' },
    profile: { type: String },
    resolution: { type: String },
    safeArea: { type: Boolean, attribute: 'safe-area' },
    frame: { state: true },
    entries: { state: true },
    deviceFocused: { state: true },
    epgStatus: { state: true },
    region: { type: String },
    alertStatus: { state: true },
    boxState: { state: true },
  };

  static override styles = css`
    :host {
      --yw-font: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif;
      --yw-bg: #111418;
      --yw-panel: #161a20;
      --yw-line: #2a313b;
      --yw-text: #dde3ea;
      --yw-dim: #8a93a0;
      --yw-accent: #4fa3ff;
      display: grid;
      grid-template-rows: auto minmax(0, 1fr);
      height: 100%;
      min-height: 480px;
      background: var(--yw-bg);
      color: var(--yw-text);
      font-family: var(--yw-font);
      font-size: 13px;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 14px;
      padding: 8px 12px;
      background: var(--yw-panel);
      border-bottom: 1px solid var(--yw-line);
    }
    h1 { font-size: 14px; margin: 0 6px 0 0; font-weight: 600; white-space: nowrap; }
    h1 small { color: var(--yw-dim); font-weight: 400; }
    label { display: flex; align-items: center; gap: 6px; color: var(--yw-dim); white-space: nowrap; }
    select, input[type='url'], input[type='text'], button {
      font: inherit;
      color: var(--yw-text);
      background: #20252d;
      border: 1px solid #3a424e;
      border-radius: 4px;
      padding: 3px 6px;
    }
    button { cursor: pointer; background: #2a303a; }
    button:hover { background: #343b47; }
    form { display: flex; gap: 6px; flex: 1; min-width: 260px; }
    form input { flex: 1; min-width: 0; }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 244px 320px;
      min-height: 0;
    }
    .tv {
      display: grid;
      grid-template-rows: minmax(0, 1fr) auto;
      min-width: 0;
      min-height: 0;
    }
    yw-tv-frame { min-height: 240px; }
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      padding: 5px 12px;
      border-top: 1px solid var(--yw-line);
      background: var(--yw-panel);
      color: var(--yw-dim);
      font-size: 12px;
    }
    .status b { color: var(--yw-text); font-weight: 500; }
    .warn { color: #ffb36b; }
    .remote { overflow: auto; padding: 14px 0; border-left: 1px solid var(--yw-line); }
    .side {
      display: grid;
      grid-template-rows: auto auto auto minmax(0, 1fr) auto;
      grid-template-columns: minmax(0, 1fr);
      min-height: 0;
      border-left: 1px solid var(--yw-line);
      background: var(--yw-panel);
    }
    yw-epg-panel { max-height: 50vh; overflow: auto; }
    yw-alert-panel { max-height: 60vh; overflow: auto; }
    yw-box-panel { max-height: 70vh; overflow: auto; }
    yw-key-legend { border-top: 1px solid var(--yw-line); max-height: 45vh; overflow: auto; }
    @media (max-width: 1100px) {
      main { grid-template-columns: minmax(0, 1fr) 244px; grid-template-rows: minmax(360px, 1fr) 320px; }
      .side { grid-column: 1 / -1; grid-template-rows: auto auto auto minmax(0, 1fr); grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); border-left: 0; border-top: 1px solid var(--yw-line); }
      yw-epg-panel { grid-column: 1 / -1; }
      yw-alert-panel { grid-column: 1 / -1; }
      yw-box-panel { grid-column: 1 / -1; }
      yw-key-legend { border-top: 0; border-left: 1px solid var(--yw-line); max-height: none; }
    }
  `;

  /** URL of the app in the device frame. Changing it reloads the device. */
  declare deviceUrl: string;
  /** Key profile id of the simulated box. Changing it reboots the device with that profile. */
  declare profile: string;
  declare resolution: Resolution;
  /** Whether the safe-area overlay is drawn. */
  declare safeArea: boolean;
  declare protected frame: HTMLIFrameElement | undefined;
  declare protected entries: readonly LogEntry[];
  declare protected deviceFocused: boolean;
  declare protected epgStatus: EpgPanelStatus;
  /** The box's region code (GB/T 2260); changing it reboots the device. Undefined: none set. */
  declare region: string | undefined;
  declare protected alertStatus: AlertPanelStatus;
  declare protected boxState: BoxPanelState;

  /** Emergency alerts for the device app (the alert panel does the same). */
  readonly alerts: EmulatorAlertAutomation = {
    inject: (xmlOrBytes) => this.injectAlert(xmlOrBytes),
    send: (message) => this.sendAlert(message),
  };

  /** Guide data for the device app (the EPG panel does the same). */
  readonly epg: EmulatorEpgAutomation = {
    load: (urlOrBytes, options) => this.loadEpg(urlOrBytes, options),
  };

  readonly ready: Promise<void>;
  private resolveReady: () => void = () => undefined;

  /** Log lines written while the element is being built (the box notes a saved card it cannot use). */
  private readonly startupLog: LogEntry[] = [];
  private constructed = false;

  private readonly link = new DeviceLink({
    frameChanged: (frame) => {
      this.frame = frame;
    },
    logged: (entry) => {
      if (!this.constructed) {
        this.startupLog.push(entry);
        return;
      }
      const kept = this.entries.length >= MAX_LOG_ENTRIES ? this.entries.slice(1 - MAX_LOG_ENTRIES) : this.entries;
      this.entries = [...kept, entry];
    },
    stateChanged: () => this.requestUpdate(),
    loading: () => this.box.loading(),
    hello: () => this.box.hello(),
    message: (message) => {
      this.box.receive(message);
    },
  });

  /**
   * The cable box behind the device: CA, signal, tune requests and the tunes the app reported. Closed when
   * the element leaves the document (its CA timers stop, nothing more is saved), made again when it returns
   * (the card comes back from sessionStorage).
   */
  private box = this.createBox();
  private boxClosed = false;

  private createBox(): CableBox {
    return new CableBox({
      send: (message) => this.link.send(message),
      note: (text) => this.link.note(text),
      changed: () => this.boxChanged(),
      followTune: (channel) => this.link.followTune(channel),
      createCa: (kind) => createSimulatedBoxCa(kind),
    });
  }

  /** The box's conditional access (the box panel does the same). */
  readonly ca: EmulatorCaAutomation = {
    setCard: (state) => this.caAct(() => {
      if (!isEmulatorCardState(state)) {
        throw new Error(`emulator.ca.setCard: ${JSON.stringify(state)} is not a card state; use absent, ready, invalid, expired or pairedOther`);
      }
      return this.box.caHost.ca.setCard(state);
    }),
    entitle: (productId, options) => this.caAct(() => {
      const expire = options?.expire === undefined ? undefined : typeof options.expire === 'number' ? options.expire : Date.parse(options.expire);
      if (expire !== undefined && !Number.isFinite(expire)) throw new Error(`emulator.ca.entitle: expire ${JSON.stringify(options?.expire)} is not a time or date`);
      this.box.caHost.ca.entitle(productIdOf('entitle', productId), expire);
    }),
    revoke: (productId) => this.caAct(() => this.box.caHost.ca.revoke(productIdOf('revoke', productId))),
    fingerprint: (durationMs) => this.caAct(() => {
      if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0)) {
        throw new Error(`emulator.ca.fingerprint: durationMs must be a number > 0 (or absent: until hidden), got ${String(durationMs)}`);
      }
      this.box.caHost.ca.fingerprint(durationMs);
    }),
    hideFingerprint: () => this.caAct(() => this.box.caHost.ca.hideFingerprint()),
    osd: (text, position = 'bottom', options) => this.caAct(() => {
      if (typeof text !== 'string' || text.trim() === '') throw new Error('emulator.ca.osd: the text is empty');
      if (!isOsdPosition(position)) throw new Error(`emulator.ca.osd: ${JSON.stringify(position)} is not a position; use top, bottom, full or half`);
      this.box.caHost.ca.osd(text, position, options?.durationMs);
    }),
    hideOsd: (position) => this.caAct(() => {
      if (!isOsdPosition(position)) throw new Error(`emulator.ca.hideOsd: ${JSON.stringify(position)} is not a position; use top, bottom, full or half`);
      this.box.caHost.ca.hideOsd(position);
    }),
    mail: (title, body) => this.caAct(() => {
      if (typeof title !== 'string' || title.trim() === '') throw new Error('emulator.ca.mail: the title is empty');
      this.box.caHost.ca.mail(title, typeof body === 'string' ? body : '');
    }),
    ippv: (productId, price) => this.caAct(() => {
      if (!Number.isInteger(price) || price < 0) throw new Error(`emulator.ca.ippv: price must be whole fen ≥ 0, got ${String(price)}`);
      this.box.caHost.ca.ippv(productIdOf('ippv', productId), price);
    }),
    forceTune: (number) => this.caAct(() => {
      if (!Number.isInteger(number) || number < 0) throw new Error(`emulator.ca.forceTune: ${JSON.stringify(number)} is not a channel number (an integer ≥ 0)`);
      this.box.caHost.ca.forceTune(number);
    }),
    releaseTune: () => this.caAct(() => this.box.caHost.ca.releaseTune()),
    setWallet: (balance) => this.caAct(() => {
      if (!Number.isInteger(balance) || balance < 0) throw new Error(`emulator.ca.setWallet: balance must be whole fen ≥ 0, got ${String(balance)}`);
      this.box.caHost.ca.setWallet(balance);
    }),
    status: () => this.caStatus(),
    kind: (kind) => this.caAct(() => {
      const wanted: unknown = kind;
      if (kind !== undefined) {
        if (wanted !== 'smartCard' && wanted !== 'dcas') throw new Error(`emulator.ca.kind: ${JSON.stringify(kind)} is not smartCard or dcas`);
        this.box.caHost.setKind(kind);
      }
      return this.box.caHost.kind;
    }),
  };

  constructor() {
    super();
    this.deviceUrl = DEFAULT_DEVICE_URL;
    this.profile = DEFAULT_PROFILE;
    this.resolution = '1920x1080';
    this.safeArea = false;
    this.frame = undefined;
    this.entries = this.startupLog.splice(0);
    this.constructed = true;
    this.deviceFocused = false;
    this.epgStatus = { state: 'idle' };
    this.region = undefined;
    this.alertStatus = { state: 'idle' };
    this.boxState = {
      kind: this.box.caHost.kind, entitlements: [], wallets: [], screen: { osd: {}, mail: 'none' }, signal: true, tunerConnected: false,
    };
    this.ready = new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
    new KeyboardShortcuts(this, {
      keyDown: (key) => this.keyDownFrom(key, 'keyboard'),
      keyUp: (key) => this.link.keyUp(key),
    });
  }

  // ---- automation API (see automation-api.ts) ----

  load(url: string): Promise<void> {
    if (typeof url !== 'string' || url.trim() === '') return Promise.reject(new Error('emulator.load: a URL is required'));
    this.deviceUrl = url;
    return this.link.load(url);
  }

  setProfile(id: string): Promise<void> {
    const known = keyProfileIds();
    if (!known.includes(id)) {
      return Promise.reject(new Error(`Unknown key profile "${id}"; known profiles: ${known.join(', ')}`));
    }
    const done = this.link.load(this.deviceUrl, id);
    this.profile = id;
    return done;
  }

  async press(key: string, options: PressOptions = {}): Promise<void> {
    if (!isKeyName(key)) {
      throw new Error(`Unknown key "${key}": not a normalized key name. Known keys: ${KEY_NAMES.join(', ')}`);
    }
    const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
    if (!Number.isFinite(holdMs) || holdMs < 0) throw new Error(`press(${key}): holdMs must be a number ≥ 0, got ${String(holdMs)}`);
    await this.link.settled();
    const profile = this.link.profile;
    if (!primaryBinding(profile, key)) throw new Error(`The "${profile.id}" remote (${profile.label}) has no ${key} key`);
    await this.link.press(key, holdMs, 'automation');
  }

  keyLog(): KeyLogEntry[] {
    return this.link.deviceEvents().map((e) => ({ key: e.key, raw: e.raw, kind: e.kind }));
  }

  clearKeyLog(): void {
    this.link.clearDeviceEvents();
    this.entries = [];
  }

  profiles(): string[] {
    return keyProfileIds();
  }

  async setResolution(resolution: Resolution): Promise<void> {
    if (!isResolution(resolution)) {
      throw new Error(`Unknown resolution "${String(resolution)}"; use one of ${Object.keys(RESOLUTIONS).join(', ')}`);
    }
    this.resolution = resolution;
    await this.updateComplete;
    await this.renderRoot.querySelector('yw-tv-frame')?.updateComplete;
  }

  registeredKeys(): string[] {
    return this.link.registeredKeys();
  }

  setRegion(code: string): Promise<void> {
    if (typeof code !== 'string' || (code !== '' && !isRegionCode(code))) {
      return Promise.reject(new Error(`emulator.setRegion: ${JSON.stringify(code)} is not a region code: 6 digits (GB/T 2260, e.g. 110105) or 12, or '' for none`));
    }
    this.region = code === '' ? undefined : code;
    this.link.region = this.region;
    return this.link.load(this.deviceUrl);
  }

  tuner(): EmulatorTunerState {
    const { channel, volume, muted } = this.link.tuner;
    return { volume, muted, ...(channel ? { channel: { ...channel } } : {}) };
  }

  async tune(number: number, options: { readonly timeoutMs?: number } = {}): Promise<TuneResult> {
    const timeoutMs = options.timeoutMs;
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new Error(`emulator.tune: timeoutMs must be a number > 0, got ${String(timeoutMs)}`);
    }
    await this.link.settled();
    return this.box.tune(number, timeoutMs);
  }

  async whenTunerReady(timeoutMs?: number): Promise<void> {
    if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new Error(`emulator.whenTunerReady: timeoutMs must be a number > 0, got ${String(timeoutMs)}`);
    }
    await this.link.settled();
    return this.box.whenTunerReady(timeoutMs);
  }

  get signal(): boolean {
    return this.box.signal;
  }

  async setSignal(ok: boolean): Promise<void> {
    if (typeof ok !== 'boolean') throw new TypeError(`emulator.setSignal: give true (signal) or false (lost), got ${String(ok)}`);
    await this.link.settled();
    this.box.setSignal(ok);
    this.link.signal = ok;
  }

  tuneLog(): TuneLogEntry[] {
    return this.box.tuneLog();
  }

  /** Runs a CA control, then lets the panel catch up; errors reject (the panel shows them). */
  private async caAct<T>(action: () => T | Promise<T>): Promise<T> {
    const result = await action();
    // Saved after every control, not only on the library's state changes: a reload must find it.
    this.box.caHost.save();
    await this.refreshBox();
    return result;
  }

  private async caStatus(): Promise<EmulatorCaStatus> {
    const status = await this.box.caHost.module.getStatus();
    const { entitlements, wallets } = this.box.caHost.ca.holdings();
    return { ...status, entitlements, wallets, screen: this.box.caHost.stickySummary(), listening: this.box.caHost.listening };
  }

  private boxRefresh: Promise<void> | undefined;
  /** Counts refresh requests, so one made during a read causes another read. */
  private boxRefreshRequests = 0;

  /** Re-reads the box for the panel; calls during a read cause one more read after it. */
  private refreshBox(): Promise<void> {
    this.boxRefreshRequests++;
    if (this.boxRefresh) return this.boxRefresh;
    this.boxRefresh = (async () => {
      let served = 0;
      while (served !== this.boxRefreshRequests) {
        served = this.boxRefreshRequests;
        try {
          const status = await this.caStatus();
          this.boxState = {
            ...this.boxState, kind: status.kind, status, entitlements: status.entitlements, wallets: status.wallets,
            screen: status.screen, signal: this.box.signal, tunerConnected: this.box.tunerConnected,
            ...(this.box.lastTune ? { lastTune: this.box.lastTune } : {}),
          };
        } catch (error) {
          this.boxState = { ...this.boxState, message: { ok: false, text: `the box's CA did not answer: ${error instanceof Error ? error.message : String(error)}` } };
        }
      }
    })().finally(() => {
      this.boxRefresh = undefined;
    });
    return this.boxRefresh;
  }

  private boxChanged(): void {
    this.requestUpdate();
    void this.refreshBox();
  }

  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  /** Redraws when the fingerprint or an OSD message on the box's own layer runs out. */
  private scheduleExpiryRedraw(): void {
    clearTimeout(this.expiryTimer);
    const at = this.box.caHost.nextExpiry();
    if (at === undefined || !this.isConnected) return;
    this.expiryTimer = setTimeout(() => this.boxChanged(), Math.max(0, at - Date.now()) + 5);
  }

  protected override updated(): void {
    this.scheduleExpiryRedraw();
  }

  private async loadLineup(): Promise<void> {
    try {
      const lineup = await loadLineupProducts();
      this.boxState = { ...this.boxState, lineup, lineupError: undefined };
      if (lineup.warnings.length > 0) this.link.note(`lineup: ${lineup.warnings.length} items skipped: ${lineup.warnings.slice(0, 3).join('; ')}`);
    } catch (error) {
      this.boxState = { ...this.boxState, lineupError: `${error instanceof Error ? error.message : String(error)} — type product ids by hand` };
    }
  }

  private onBoxAction(e: CustomEvent<BoxAction>): void {
    const a = e.detail;
    const done: Promise<unknown> = (() => {
      switch (a.action) {
        case 'setCard': return this.ca.setCard(a.state);
        case 'kind': return this.ca.kind(a.kind);
        case 'entitle': return this.ca.entitle(a.productId, a.expire === undefined ? {} : { expire: a.expire });
        case 'revoke': return this.ca.revoke(a.productId);
        case 'wallet': return this.ca.setWallet(a.balance);
        case 'osd': return this.ca.osd(a.text, a.position, a.durationMs === undefined ? {} : { durationMs: a.durationMs });
        case 'hideOsd': return this.ca.hideOsd(a.position);
        case 'fingerprint': return this.ca.fingerprint(a.durationMs);
        case 'hideFingerprint': return this.ca.hideFingerprint();
        case 'mail': return this.ca.mail(a.title, a.body);
        case 'ippv': return this.ca.ippv(a.productId, a.price);
        case 'forceTune': return this.ca.forceTune(a.number);
        case 'releaseTune': return this.ca.releaseTune();
        case 'signal': return this.setSignal(a.ok);
      }
    })();
    done.then(
      () => { this.boxState = { ...this.boxState, message: { ok: true, text: `${a.action}: done 完成` } }; },
      (error: unknown) => { this.boxState = { ...this.boxState, message: { ok: false, text: error instanceof Error ? error.message : String(error) } }; },
    );
  }

  private async injectAlert(xmlOrBytes: string | Uint8Array): Promise<void> {
    const bytes = typeof xmlOrBytes === 'string' ? fromHex(xmlOrBytes) : isBytes(xmlOrBytes) ? xmlOrBytes : undefined;
    const xml = typeof xmlOrBytes === 'string' && bytes === undefined ? xmlOrBytes.trim() : '';
    if (bytes === undefined && xml === '') {
      throw new TypeError('emulator.alerts.inject: give alert XML (string), an SCTE 18 section (Uint8Array) or its hex dump');
    }
    await this.link.settled();
    if (bytes) this.link.sendAlertInband(bytes);
    else this.link.sendAlertInject(xml);
    this.alertStatus = { state: 'done', ok: true, message: bytes ? `in-band section sent (${bytes.length} bytes)` : 'XML injected as a local message' };
  }

  private async sendAlert(message: string | Uint8Array): Promise<AlertSendResult> {
    const bytes = typeof message === 'string' ? fromHex(message) : isBytes(message) ? message : undefined;
    if (bytes === undefined && (typeof message !== 'string' || message.trim() === '')) {
      throw new TypeError('emulator.alerts.send: give alert XML (string), an SCTE 18 section (Uint8Array) or its hex dump');
    }
    this.alertStatus = { state: 'busy', what: 'sending to the headend' };
    let status: number;
    let text: string;
    try {
      const response = await fetch(new URL('/api/alerts', location.href), {
        method: 'POST',
        headers: { 'Content-Type': bytes ? 'application/octet-stream' : 'application/xml; charset=utf-8' },
        body: bytes ? new Blob([new Uint8Array(bytes)]) : typeof message === 'string' ? message : '',
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const why = `emulator.alerts.send: the headend cannot be reached: ${error instanceof Error ? error.message : String(error)}`;
      this.alertStatus = { state: 'done', ok: false, message: why };
      this.link.note(why);
      throw new Error(why, { cause: error });
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Not JSON (no headend behind this server): keep the text.
    }
    const reply = body as { key?: unknown; reason?: unknown };
    const summary = status === 202
      ? `headend published ${typeof reply.key === 'string' ? reply.key : 'the alert'}`
      : `headend answered ${status}${typeof reply.reason === 'string' ? `: ${reply.reason}` : ''}`;
    this.alertStatus = { state: 'done', ok: status === 202, message: summary };
    this.link.note(summary);
    return { status, body };
  }

  private onAlertMessage(e: CustomEvent<AlertMessageDetail>, how: 'send' | 'inject'): void {
    const started = how === 'send' ? this.sendAlert(e.detail.text) : this.injectAlert(e.detail.text);
    started.catch((error: unknown) => {
      this.alertStatus = { state: 'done', ok: false, message: error instanceof Error ? error.message : String(error) };
    });
  }

  private onAlertRegion(e: CustomEvent<AlertRegionDetail>): void {
    this.setRegion(e.detail.region).catch((error: unknown) => {
      this.alertStatus = { state: 'done', ok: false, message: error instanceof Error ? error.message : String(error) };
    });
  }

  private async loadEpg(urlOrBytes: string | Uint8Array, options: EpgLoadOptions = {}): Promise<EpgImportResult> {
    const format = options.format === undefined || options.format === '' || options.format === 'auto' ? undefined : options.format;
    let bytes: Uint8Array;
    let name: string;
    if (typeof urlOrBytes === 'string') {
      if (urlOrBytes.trim() === '') throw new Error('emulator.epg.load: a URL or the guide\'s bytes are required');
      name = options.name ?? fileNameOf(urlOrBytes);
      this.epgStatus = { state: 'loading', name };
      try {
        const response = await fetch(new URL(urlOrBytes, location.href));
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        const message = `emulator.epg.load: cannot fetch ${urlOrBytes}: ${error instanceof Error ? error.message : String(error)}`;
        this.epgStatus = { state: 'failed', name, message };
        this.link.note(message);
        throw new Error(message, { cause: error });
      }
    } else if (isBytes(urlOrBytes)) {
      bytes = urlOrBytes;
      name = options.name ?? 'guide';
    } else {
      throw new TypeError('emulator.epg.load: give a URL (string) or the guide\'s bytes (Uint8Array)');
    }
    this.epgStatus = { state: 'loading', name };
    await this.link.settled();
    try {
      const result = await this.link.sendEpgFeed({
        name, bytes, ...(format === undefined ? {} : { format }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      this.epgStatus = { state: 'done', result };
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.epgStatus = { state: 'failed', name, message };
      throw error;
    }
  }

  private onEpgLoad(e: CustomEvent<EpgLoadDetail>): void {
    const { input, format } = e.detail;
    const options: EpgLoadOptions = format === undefined ? {} : { format };
    const started = typeof input === 'string'
      ? this.loadEpg(input, options)
      : input.arrayBuffer().then((buffer) => this.loadEpg(new Uint8Array(buffer), { ...options, name: input.name }));
    // The panel shows the outcome; the log has it too.
    started.catch(() => undefined);
  }

  // ---- more for tests and tools ----

  /** The device frame, once created. */
  get deviceFrame(): HTMLIFrameElement | undefined {
    return this.link.frame;
  }

  /** The log shown in the UI (device keys, raw keys sent, withheld presses, notes), oldest first. */
  get logEntries(): readonly LogEntry[] {
    return this.entries;
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.boxClosed) {
      this.box = this.createBox();
      this.boxClosed = false;
    }
    this.link.connect();
    void this.refreshBox();
    window.addEventListener('blur', this.onWindowBlur);
    window.addEventListener('focus', this.onWindowFocus);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('blur', this.onWindowBlur);
    window.removeEventListener('focus', this.onWindowFocus);
    clearTimeout(this.expiryTimer);
    this.box.close();
    this.boxClosed = true;
    this.link.disconnect();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The first update boots the device; later attribute or property changes made outside the API
    // methods reboot it (the API methods load first, so the link already matches here).
    if (!this.hasBooted) {
      void this.bootDevice().then(() => this.updateComplete).then(() => this.resolveReady());
    } else if ((changed.has('deviceUrl') || changed.has('profile') || changed.has('region'))
      && (this.deviceUrl !== this.link.url || this.profile !== this.link.profile.id || this.region !== this.link.region)) {
      this.link.region = this.region;
      void this.bootDevice();
    }
  }

  private hasBooted = false;

  private bootDevice(): Promise<void> {
    this.hasBooted = true;
    try {
      findKeyProfile(this.profile);
    } catch (err) {
      this.link.note(`${err instanceof Error ? err.message : String(err)}; using ${DEFAULT_PROFILE}`);
      this.profile = DEFAULT_PROFILE;
    }
    this.link.region = this.region;
    return this.link.load(this.deviceUrl, this.profile);
  }

  private keyDownFrom(key: KnownKeyName, origin: KeyOrigin): void {
    if (this.link.keyDown(key, origin) === 'unsupported') {
      this.link.note(`the ${this.link.profile.label} remote has no ${key} key`);
    }
  }

  private readonly onWindowBlur = (): void => {
    // Focus moves into the device frame after the blur.
    setTimeout(() => {
      this.deviceFocused = this.link.frame !== undefined && deepActiveElement(document) === this.link.frame;
    }, 0);
  };

  private readonly onWindowFocus = (): void => {
    this.deviceFocused = false;
  };

  private onRemoteKey(e: CustomEvent<RemoteKeyDetail>): void {
    if (e.detail.action === 'down') this.keyDownFrom(e.detail.key, 'remote');
    else this.link.keyUp(e.detail.key);
  }

  private onLoadSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('url');
    if (input instanceof HTMLInputElement) void this.load(input.value.trim()).catch((err: unknown) => this.link.note(String(err)));
  }

  private withheldKeys(): Set<KnownKeyName> {
    return new Set(KEY_NAMES.filter((k) => this.link.isWithheld(k)));
  }

  protected override render(): TemplateResult {
    const profile = this.link.profile;
    const { width, height } = RESOLUTIONS[isResolution(this.resolution) ? this.resolution : '1920x1080'];
    const registered = this.link.registeredKeys();
    const status = this.link.status;
    const tuner = this.link.tuner;
    const zapMs = this.box.lastTune?.zapMs;
    return html`
      <header class="toolbar">
        <h1>一网 Yiwang <small>TV emulator · 电视模拟器</small></h1>
        <label>Platform 平台
          <select name="profile" @change=${(e: Event) => void this.setProfile((e.target as HTMLSelectElement).value)}>
            ${keyProfileIds().map((id) => html`<option value=${id} ?selected=${id === profile.id}>${id} — ${findKeyProfile(id).label}</option>`)}
          </select>
        </label>
        <label>Resolution 分辨率
          <select name="resolution" @change=${(e: Event) => void this.setResolution((e.target as HTMLSelectElement).value as Resolution)}>
            ${Object.keys(RESOLUTIONS).map((r) => html`<option value=${r} ?selected=${r === this.resolution}>${r}</option>`)}
          </select>
        </label>
        <label><input type="checkbox" name="safe-area" .checked=${this.safeArea}
          @change=${(e: Event) => { this.safeArea = (e.target as HTMLInputElement).checked; }} />Safe area 安全区</label>
        <form @submit=${(e: SubmitEvent) => this.onLoadSubmit(e)}>
          <input type="text" name="url" aria-label="App URL" placeholder="App URL, e.g. /samples/hello-remote/" .value=${this.deviceUrl} spellcheck="false" />
          <button type="submit">Load 加载</button>
          <button type="button" title="Reboot the device" @click=${() => void this.load(this.deviceUrl)}>↻</button>
        </form>
      </header>
      <main>
        <section class="tv">
          <yw-tv-frame .frame=${this.frame} screen-width=${width} screen-height=${height} ?safe-area=${this.safeArea}>
            <yw-box-ca-screen .screen=${this.box.caHost.stickySummary()} ?active=${!this.box.caHost.listening}></yw-box-ca-screen>
          </yw-tv-frame>
          <div class="status">
            <span>Device: <b>${status === 'hello' ? 'running, SDK said hello' : status === 'loaded' ? 'loaded' : 'loading…'}</b></span>
            <span>Profile: <b>${profile.id}</b> (${profile.downEvent}${profile.sendsKeyUp ? ' + keyup' : ', no keyup'}${profile.registration === 'none' ? '' : `, needs ${profile.registration} registration`})</span>
            ${profile.registration === 'none' ? '' : html`<span title=${registered.join(' ')}>Registered: <b>${registered.length}</b> keys</span>`}
            ${this.link.heldKey ? html`<span>Holding: <b>${this.link.heldKey}</b></span>` : ''}
            <span class="tuner">Channel 频道: <b>${describeChannel(tuner.channel)}</b>${zapMs === undefined ? '' : html` · zap 换台 <b>${Math.round(zapMs)} ms</b>`} · Volume 音量: <b>${tuner.volume}${tuner.muted ? ' (muted 静音)' : ''}</b></span>
            <span>Region 区域: <b>${this.link.region ?? '—'}</b></span>
            ${this.box.signal ? '' : html`<span class="warn signal">No signal 无信号</span>`}
            ${this.deviceFocused ? html`<span class="warn">The TV picture has focus: desktop keys go to the app unmapped. Click outside the TV to use the shortcuts.</span>` : ''}
          </div>
        </section>
        <section class="remote">
          <yw-remote-control .profile=${profile} .withheld=${this.withheldKeys()} .pressed=${this.link.heldKey}
            @remote-key=${(e: CustomEvent<RemoteKeyDetail>) => this.onRemoteKey(e)}></yw-remote-control>
        </section>
        <section class="side">
          <yw-epg-panel .formats=${epgFormats()} .status=${this.epgStatus} ?connected=${this.link.epgFeedsConnected}
            @epg-load=${(e: CustomEvent<EpgLoadDetail>) => this.onEpgLoad(e)}></yw-epg-panel>
          <yw-alert-panel .region=${this.region ?? ''} .status=${this.alertStatus}
            @alert-send=${(e: CustomEvent<AlertMessageDetail>) => this.onAlertMessage(e, 'send')}
            @alert-inject=${(e: CustomEvent<AlertMessageDetail>) => this.onAlertMessage(e, 'inject')}
            @alert-region=${(e: CustomEvent<AlertRegionDetail>) => this.onAlertRegion(e)}></yw-alert-panel>
          <yw-box-panel .state=${this.boxState} @box-open=${() => void this.loadLineup()} @box-action=${(e: CustomEvent<BoxAction>) => this.onBoxAction(e)}></yw-box-panel>
          <yw-key-log .entries=${this.entries} @clear-log=${() => this.clearKeyLog()}></yw-key-log>
          <yw-key-legend .profile=${profile}></yw-key-legend>
        </section>
      </main>
    `;
  }
}

if (!customElements.get('yw-emulator')) customElements.define('yw-emulator', YwEmulator);

declare global {
  interface HTMLElementTagNameMap {
    'yw-emulator': YwEmulator;
  }
}
