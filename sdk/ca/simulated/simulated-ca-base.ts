/**
 * What the simulated smart card and the simulated DCAS terminal share: entitlements per product with dates,
 * wallets and IPPV, mail, PIN with lockout, rating and work time, OSD, fingerprint, forced tune, upgrade,
 * feeding, and the started services it re-evaluates after every change. Subclasses say only what their
 * device (card or terminal) blocks. It is a real `CaModule`: it emits what it decides at once before
 * `startService` resolves, like a vendor library answering `SetEcmPid`.
 */
import { defer, startWith, Subject, type Observable } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { CaEvent, CaForceTuneTarget, CardState, IppvOffer, OsdPosition } from '../ca-events.js';
import type {
  CaEntitlement, CaFeedData, CaKind, CaMail, CaModule, CaOperator, CaResult, CaService, CaStatus, CaWallet, TimeWindow,
} from '../ca-module.js';
import { type CaVendorTable, caVendorBlockEvent, caVendorPrompt, caVendorResult } from '../vendors/ca-vendor.js';
import type {
  EntitleOptions, OfferIppvOptions, SimulatedCaOptions, SimulatedCaSnapshot, SimulatedCaState,
} from './simulated-ca-types.js';
import { insideTimeWindow, isTimeWindow } from './time-window.js';

const DAY_MS = 86_400_000;
/** CDCAS mailbox size. */
export const CA_MAILBOX_SIZE = 100;
/** CDCAS mail limits (bytes there; characters here). */
const MAIL_TITLE_MAX = 30;
const MAIL_BODY_MAX = 160;
const PIN_ATTEMPTS = 3;
const OSD_STYLE: Readonly<Record<OsdPosition, number>> = { top: 1, bottom: 2, full: 3, half: 4 };
/** A bought IPPV programme without an expiry stays entitled this long. */
const IPPV_DEFAULT_MS = 4 * 3_600_000;
/** setTimeout's largest delay; later boundaries are re-checked then. */
const MAX_TIMER_MS = 2_147_483_647;

// CDCAS prompt codes the shared part decides.
const CODE_CLEAR = 0x00;
const CODE_OUT_OF_WORK_TIME = 0x06;
const CODE_NOT_ENTITLED = 0x09;
const CODE_NO_MONEY = 0x0B;
const CODE_UPGRADING = 0x0F;

function randomCardId(prefix: string): string {
  const group = () => String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
  return `${prefix} ${group()} ${group()} ${group()}`;
}

function snapshotInvalid(path: string, expected: string, actual: unknown): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Config, ErrorCode.ConfigInvalid,
    `${path}: expected ${expected}`, { path, expected, actual });
}

interface StartedService {
  readonly service: CaService;
  /** The prompt code last emitted for it (0x00: descrambling). */
  code: number | undefined;
}

export abstract class SimulatedCaBase implements CaModule {
  abstract readonly vendor: string;
  abstract readonly kind: CaKind;
  readonly caSystemIds: readonly number[];
  readonly events: Observable<CaEvent>;
  readonly state$: Observable<SimulatedCaState>;

  protected readonly now: () => number;
  protected cardIdValue: string;
  readonly #events = new Subject<CaEvent>();
  readonly #stateChanges = new Subject<SimulatedCaState>();
  readonly #operators: readonly CaOperator[];
  readonly #pinLockMs: number;
  readonly #upgradeStepMs: number;
  readonly #entitlements = new Map<number, CaEntitlement>();
  #wallets: CaWallet[];
  #mails: CaMail[] = [];
  #mailSeq = 0;
  #pin = '0000';
  #pinFailures = 0;
  #pinLockedUntil = 0;
  #rating = 18;
  #workTime: TimeWindow | undefined;
  readonly #offers = new Map<string, IppvOffer>();
  #offerSeq = 0;
  readonly #services = new Map<number, StartedService>();
  #forcedTune: CaForceTuneTarget | undefined;
  #fingerprintEcm: number | undefined;
  #fingerprintTimer: ReturnType<typeof setTimeout> | undefined;
  #upgrading: { phase: 'receiving' | 'patching'; percent: number } | undefined;
  #boundaryTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  protected constructor(options: SimulatedCaOptions, idPrefix: string) {
    this.now = options.now ?? Date.now;
    this.caSystemIds = options.caSystemIds ?? [0x4A02];
    this.cardIdValue = options.cardId ?? randomCardId(idPrefix);
    this.#operators = options.operators ?? [{ id: 1, name: '一网模拟运营商' }];
    this.#pinLockMs = options.pinLockMs ?? 600_000;
    this.#upgradeStepMs = options.upgradeStepMs ?? 200;
    this.#wallets = this.#operators.map((o) => ({ operatorId: o.id, id: 1, credit: 0, balance: 0 }));
    this.events = this.#events.asObservable();
    this.state$ = defer(() => this.#stateChanges.pipe(startWith(this.state())));
  }

  // ---- What the device (card / terminal) decides ----------------------------------------------------------

  protected abstract readonly table: CaVendorTable;
  /** The prompt code when the card or terminal itself keeps every service scrambled, else undefined. */
  protected abstract deviceBlockCode(): number | undefined;
  /** The card/terminal state as CaStatus reports it (before an upgrade overrides it). */
  protected abstract deviceCardState(): CardState;
  protected abstract devicePairing(): CaStatus['pairing'];
  /** The device state as stored in a snapshot, and back. */
  protected abstract deviceSnapshot(): string;
  protected abstract restoreDevice(state: string): boolean;

  /** Whether the card/terminal answers commands (PIN, purchases, mail). */
  protected deviceReady(): boolean {
    return this.deviceBlockCode() === undefined;
  }

  /** The card/terminal id; absent while there is none (no card). */
  protected identity(): string | undefined {
    return this.cardIdValue;
  }

  // ---- CaModule -----------------------------------------------------------------------------------------

  getStatus(): Promise<CaStatus> {
    const cardId = this.identity();
    return Promise.resolve({
      kind: this.kind, vendor: this.vendor, card: this.#upgrading ? 'upgrading' : this.deviceCardState(),
      pairing: this.devicePairing(), rating: this.#rating, version: 'yiwang-sim 1.0',
      ...(cardId === undefined ? {} : { cardId }),
      ...(this.#workTime ? { workTime: this.#workTime } : {}),
    });
  }

  startService(service: CaService): Promise<void> {
    const started: StartedService = { service, code: undefined };
    this.#services.set(service.ecmPid, started);
    this.#evaluate(started, true);
    for (const offer of this.#offers.values()) {
      if (this.deviceReady() && service.productIds.includes(offer.productId) && !this.#entitled(offer.productId)) {
        this.emit({ type: 'ippvOffer', offer: { ...offer, ecmPid: service.ecmPid }, raw: this.#raw(1, 'StartIppvBuyDlg') });
      }
    }
    this.#scheduleBoundary();
    this.#changed();
    return Promise.resolve();
  }

  stopService(service: CaService): Promise<void> {
    this.#services.delete(service.ecmPid);
    this.#scheduleBoundary();
    this.#changed();
    return Promise.resolve();
  }

  getOperators(): Promise<readonly CaOperator[]> {
    return Promise.resolve(this.deviceReady() ? this.#operators : []);
  }

  getEntitlements(operatorId?: number): Promise<readonly CaEntitlement[]> {
    if (!this.deviceReady()) return Promise.resolve([]);
    return Promise.resolve([...this.#entitlements.values()].filter((e) => operatorId === undefined || e.operatorId === operatorId));
  }

  getWallets(operatorId?: number): Promise<readonly CaWallet[]> {
    if (!this.deviceReady()) return Promise.resolve([]);
    return Promise.resolve(this.#wallets.filter((w) => operatorId === undefined || w.operatorId === operatorId));
  }

  getMails(): Promise<readonly CaMail[]> {
    return Promise.resolve([...this.#mails]);
  }

  readMail(id: string): Promise<CaMail> {
    const i = this.#mails.findIndex((m) => m.id === id);
    const mail = this.#mails[i];
    if (!mail) return Promise.reject(this.#unknownMail(id));
    const read = { ...mail, read: true };
    this.#mails[i] = read;
    this.#mailIcon();
    return Promise.resolve(read);
  }

  deleteMail(id: string): Promise<void> {
    const before = this.#mails.length;
    this.#mails = this.#mails.filter((m) => m.id !== id);
    if (this.#mails.length === before) return Promise.reject(this.#unknownMail(id));
    this.#mailIcon();
    return Promise.resolve();
  }

  verifyPin(pin: string): Promise<CaResult> {
    return Promise.resolve(this.#checkPin(pin) ?? this.#result('CDCA_RC_OK'));
  }

  changePin(oldPin: string, newPin: string): Promise<CaResult> {
    const refused = this.#checkPin(oldPin);
    if (refused) return Promise.resolve(refused);
    if (!/^\d{4,8}$/.test(newPin)) return Promise.resolve(this.#result('CDCA_RC_PIN_INVALID'));
    this.#pin = newPin;
    this.#changed();
    return Promise.resolve(this.#result('CDCA_RC_OK'));
  }

  setRating(pin: string, age: number): Promise<CaResult> {
    const refused = this.#checkPin(pin);
    if (refused) return Promise.resolve(refused);
    if (!Number.isInteger(age) || age < 4 || age > 18) return Promise.resolve(this.#result('CDCA_RC_WATCHRATING_INVALID'));
    this.setViewingLimits({ rating: age });
    return Promise.resolve(this.#result('CDCA_RC_OK'));
  }

  setWorkTime(pin: string, window: TimeWindow): Promise<CaResult> {
    const refused = this.#checkPin(pin);
    if (refused) return Promise.resolve(refused);
    if (!isTimeWindow(window)) return Promise.resolve(this.#result('CDCA_RC_WORKTIME_INVALID'));
    this.setViewingLimits({ workTime: window });
    return Promise.resolve(this.#result('CDCA_RC_OK'));
  }

  /** Declining needs no PIN; buying checks the PIN, the offer, the price index and the wallet. */
  buyIppv(offer: IppvOffer, pin: string, priceIndex: number, buy = true): Promise<CaResult> {
    if (!this.deviceReady()) return Promise.resolve(this.#result('CDCA_RC_CARD_INVALID'));
    const known = this.#offers.get(offer.id);
    if (!known || (known.expires !== undefined && known.expires <= this.now())) {
      return Promise.resolve(this.#result('CDCA_RC_PROG_STATUS_INVALID'));
    }
    if (!buy) {
      this.#withdraw(known, offer.ecmPid);
      return Promise.resolve(this.#result('CDCA_RC_OK'));
    }
    const refused = this.#checkPin(pin);
    if (refused) return Promise.resolve(refused);
    const price = known.prices[priceIndex];
    if (!price) return Promise.resolve(this.#result('CDCA_RC_DATA_NOT_FIND'));
    const wallet = this.#wallets.find((w) => w.operatorId === known.operatorId && w.id === known.walletId);
    if (!wallet || wallet.balance + wallet.credit < price.amount) return Promise.resolve(this.#result('SIM_RC_NO_MONEY'));
    this.#wallets = this.#wallets.map((w) => (w === wallet ? { ...w, balance: w.balance - price.amount } : w));
    this.#withdraw(known, offer.ecmPid);
    this.entitle(known.productId, {
      operatorId: known.operatorId, expire: known.expires ?? this.now() + IPPV_DEFAULT_MS, canRecord: price.kind === 'viewAndRecord',
      ...(known.title === undefined ? {} : { name: known.title }),
    });
    return Promise.resolve(this.#result('CDCA_RC_OK'));
  }

  /** A parent card's feed data: its id and the time, for `writeChildFeed` on a child card. */
  readParentFeed(operatorId: number): Promise<CaFeedData | CaResult> {
    if (!this.deviceReady()) return Promise.resolve(this.#result('CDCA_RC_CARD_INVALID'));
    if (!this.#operators.some((o) => o.id === operatorId)) return Promise.resolve(this.#result('CDCA_RC_DATA_NOT_FIND'));
    const bytes = new TextEncoder().encode(JSON.stringify({ parent: this.identity(), at: this.now() }));
    return Promise.resolve({ operatorId, bytes });
  }

  writeChildFeed(data: CaFeedData): Promise<CaResult> {
    if (!this.deviceReady()) return Promise.resolve(this.#result('CDCA_RC_CARD_INVALID'));
    let feed: unknown;
    try {
      feed = JSON.parse(new TextDecoder().decode(data.bytes));
    } catch {
      return Promise.resolve(this.#result('CDCA_RC_DATA_ERROR'));
    }
    const parent = (feed as { parent?: unknown } | null)?.parent;
    if (typeof parent !== 'string' || parent === this.identity()) return Promise.resolve(this.#result('CDCA_RC_CARD_TYPEERROR'));
    return Promise.resolve(this.#result('CDCA_RC_OK'));
  }

  // ---- Control API (the emulator's box panel and automation) --------------------------------------------

  /** Grants `productId` (replacing an earlier grant of it); services showing it unblock. */
  entitle(productId: number, options: EntitleOptions = {}): CaEntitlement {
    const now = this.now();
    const operatorId = options.operatorId ?? this.#operators[0]?.id ?? 1;
    const entitlement: CaEntitlement = {
      operatorId, productId, begin: options.begin ?? now, expire: options.expire ?? now + 30 * DAY_MS,
      canRecord: options.canRecord ?? true, ...(options.name === undefined ? {} : { name: options.name }),
    };
    this.#entitlements.set(productId, entitlement);
    this.#afterEntitlementChange(operatorId);
    return entitlement;
  }

  /** Withdraws `productId`; services that need it block. Returns whether it was granted. */
  revoke(productId: number): boolean {
    const entitlement = this.#entitlements.get(productId);
    if (!entitlement) return false;
    this.#entitlements.delete(productId);
    this.#afterEntitlementChange(entitlement.operatorId);
    return true;
  }

  /** Sets a wallet's balance and credit (fen): a purchase may spend balance + credit. */
  setWallet(balance: number, credit?: number, operatorId?: number, walletId = 1): void {
    const op = operatorId ?? this.#operators[0]?.id ?? 1;
    const old = this.#wallets.find((w) => w.operatorId === op && w.id === walletId);
    const wallet: CaWallet = { operatorId: op, id: walletId, balance, credit: credit ?? old?.credit ?? 0 };
    this.#wallets = old ? this.#wallets.map((w) => (w === old ? wallet : w)) : [...this.#wallets, wallet];
    this.refresh();
  }

  /** Rating threshold and work time without the PIN (the operator's side of the card). `workTime: null` clears it. */
  setViewingLimits(limits: { readonly rating?: number; readonly workTime?: TimeWindow | null }): void {
    if (limits.rating !== undefined) this.#rating = limits.rating;
    if (limits.workTime !== undefined) this.#workTime = limits.workTime ?? undefined;
    this.refresh();
  }

  sendOsd(text: string, position: OsdPosition, options: { readonly loops?: number; readonly durationMs?: number } = {}): void {
    this.emit({
      type: 'osd', position, text, raw: this.#raw(OSD_STYLE[position], 'ShowOSDMessage'),
      ...(options.loops === undefined ? {} : { loops: options.loops }),
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
    });
  }

  hideOsd(position: OsdPosition): void {
    this.emit({ type: 'osdHide', position, raw: this.#raw(OSD_STYLE[position], 'HideOSDMessage') });
  }

  /** Shows the card/terminal id as a fingerprint, until `hideFingerprint()` or for `durationMs`. */
  fingerprint(durationMs?: number): void {
    const cardId = this.identity();
    if (cardId === undefined) throw this.#commandFailed('fingerprint', 'no card to take the id from');
    const ecmPid = this.#services.keys().next().value ?? 0;
    clearTimeout(this.#fingerprintTimer);
    this.#fingerprintEcm = ecmPid;
    if (durationMs !== undefined) {
      this.#fingerprintTimer = setTimeout(() => { this.#fingerprintEcm = undefined; this.#changed(); }, durationMs);
    }
    this.emit({ type: 'fingerprint', ecmPid, cardId, raw: this.#raw(cardId, 'ShowFingerMessage'), ...(durationMs === undefined ? {} : { durationMs }) });
    this.#changed();
  }

  hideFingerprint(): void {
    clearTimeout(this.#fingerprintTimer);
    const ecmPid = this.#fingerprintEcm ?? 0;
    this.#fingerprintEcm = undefined;
    this.emit({ type: 'fingerprintHide', ecmPid, raw: this.#raw(0, 'ShowFingerMessage') });
    this.#changed();
  }

  /** Delivers a mail (title ≤ 30, body ≤ 160 characters, as CDCAS stores them); a full mailbox refuses it. */
  sendMail(mail: { readonly title: string; readonly body: string; readonly important?: boolean }): CaMail | undefined {
    if (this.#mails.length >= CA_MAILBOX_SIZE) {
      this.emit({ type: 'mail', state: 'full', raw: this.#raw(2, 'EmailNotifyIcon') });
      return undefined;
    }
    const stored: CaMail = {
      id: `mail-${++this.#mailSeq}`, title: mail.title.slice(0, MAIL_TITLE_MAX), body: mail.body.slice(0, MAIL_BODY_MAX),
      sent: this.now(), read: false, important: mail.important ?? false,
    };
    this.#mails.push(stored);
    this.#mailIcon(stored.id);
    return stored;
  }

  /** Offers a product for IPPV; a service showing it gets the offer (or `noMoney` when the wallet is short). */
  offerIppv(options: OfferIppvOptions): IppvOffer {
    const prices: IppvOffer['prices'] = [
      { kind: 'view', amount: options.price },
      ...(options.recordPrice === undefined ? [] : [{ kind: 'viewAndRecord' as const, amount: options.recordPrice }]),
    ];
    const service = [...this.#services.values()].find((s) => s.service.productIds.includes(options.productId));
    const offer: IppvOffer = {
      id: `${this.vendor}-ippv-${++this.#offerSeq}`, stage: options.stage ?? 'paid', ecmPid: service?.service.ecmPid ?? 0,
      operatorId: options.operatorId ?? this.#operators[0]?.id ?? 1, productId: options.productId, walletId: options.walletId ?? 1,
      prices,
      ...(options.title === undefined ? {} : { title: options.title }),
      ...(options.expiresInMs === undefined ? {} : { expires: this.now() + options.expiresInMs }),
    };
    this.#offers.set(offer.id, offer);
    this.emit({ type: 'ippvOffer', offer, raw: this.#raw(offer.stage === 'freePreview' ? 0 : offer.stage === 'paid' ? 1 : 2, 'StartIppvBuyDlg') });
    this.refresh();
    return offer;
  }

  forceTune(target: CaForceTuneTarget): void {
    this.#forcedTune = target;
    this.emit({ type: 'forceTune', target, raw: this.#raw(target.frequencyKHz ?? target.number ?? 0, 'LockService') });
    this.#changed();
  }

  releaseTune(): void {
    this.#forcedTune = undefined;
    this.emit({ type: 'releaseTune', raw: this.#raw(0, 'UNLockService') });
    this.#changed();
  }

  /** Asks for the child card to be fed from its parent. */
  requestFeed(operatorId?: number): void {
    this.emit({ type: 'feedRequest', operatorId: operatorId ?? this.#operators[0]?.id ?? 1, raw: this.#raw(operatorId ?? 1, 'RequestFeeding') });
  }

  /** A vendor prompt by code (CDCAS numbering), e.g. `sendPrompt(0x12)` for a prompt not tied to an ECM. */
  sendPrompt(code: number, ecmPid = 0): void {
    this.emit(caVendorBlockEvent(this.table, ecmPid, code));
  }

  /** Clears the prompt on `ecmPid` (code 0x00). */
  clearPrompt(ecmPid = 0): void {
    this.sendPrompt(CODE_CLEAR, ecmPid);
  }

  /**
   * Scripted card upgrade: receiving 0→100 %, then patching 0→100 % in steps of 25, one step per `stepMs`
   * (default the `upgradeStepMs` option; tests pass 0–5); services
   * block with `cardUpgrading` meanwhile. Resolves when done.
   */
  async upgrade(options: { readonly stepMs?: number } = {}): Promise<void> {
    if (!this.deviceReady()) throw this.#commandFailed('upgrade', 'the card or terminal is not ready');
    if (this.#upgrading) throw this.#commandFailed('upgrade', 'an upgrade is running');
    const stepMs = options.stepMs ?? this.#upgradeStepMs;
    const step = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, stepMs));
    this.#setUpgrading({ phase: 'receiving', percent: 0 });
    for (const phase of ['receiving', 'patching'] as const) {
      for (let percent = 0; percent <= 100; percent += 25) {
        if (this.#disposed) return;
        this.#upgrading = { phase, percent };
        this.emit({ type: 'upgradeProgress', phase, percent, raw: this.#raw(phase === 'receiving' ? 1 : 2, 'ShowProgressStrip') });
        this.#changed();
        await step();
      }
    }
    this.#setUpgrading(undefined);
  }

  /** Re-checks every started service now (entitlement dates, work time); emits what changed. */
  refresh(): void {
    for (const started of this.#services.values()) this.#evaluate(started, false);
    this.#scheduleBoundary();
    this.#changed();
  }

  state(): SimulatedCaState {
    const cardId = this.identity();
    const unread = this.#mails.filter((m) => !m.read).length;
    return {
      vendor: this.vendor, kind: this.kind, card: this.#upgrading ? 'upgrading' : this.deviceCardState(),
      entitlements: [...this.#entitlements.values()], wallets: [...this.#wallets],
      mails: { total: this.#mails.length, unread }, offers: [...this.#offers.values()],
      services: [...this.#services.values()].map(({ service, code }) => {
        const prompt = code === undefined ? undefined : caVendorPrompt(this.table, code);
        return prompt && prompt.reason !== 'clear' ? { service, blocked: prompt.reason } : { service };
      }),
      rating: this.#rating, pinLocked: this.#pinLockedUntil > this.now(), fingerprint: this.#fingerprintEcm !== undefined,
      ...(cardId === undefined ? {} : { cardId }),
      ...(this.#workTime ? { workTime: this.#workTime } : {}),
      ...(this.#forcedTune ? { forcedTune: this.#forcedTune } : {}),
      ...(this.#upgrading ? { upgrading: { ...this.#upgrading } } : {}),
    };
  }

  snapshot(): SimulatedCaSnapshot {
    return {
      format: 'yiwang-sim-ca/1', vendor: this.vendor, device: this.deviceSnapshot(), cardId: this.cardIdValue,
      entitlements: [...this.#entitlements.values()], wallets: [...this.#wallets], mails: [...this.#mails],
      pin: this.#pin, rating: this.#rating, ...(this.#workTime ? { workTime: this.#workTime } : {}),
    };
  }

  /** Restores a `snapshot()` (validated first; throws `ConfigInvalid` naming the bad path) and re-evaluates. */
  restore(json: unknown): void {
    const s = json as Partial<Record<keyof SimulatedCaSnapshot, unknown>> | null;
    if (typeof s !== 'object' || s === null || s.format !== 'yiwang-sim-ca/1') throw snapshotInvalid('format', '"yiwang-sim-ca/1"', s?.format);
    if (s.vendor !== this.vendor) throw snapshotInvalid('vendor', JSON.stringify(this.vendor), s.vendor);
    if (typeof s.cardId !== 'string' || s.cardId === '') throw snapshotInvalid('cardId', 'a non-empty string', s.cardId);
    if (typeof s.pin !== 'string' || !/^\d{4,8}$/.test(s.pin)) throw snapshotInvalid('pin', '4–8 digits', s.pin);
    if (!Number.isInteger(s.rating)) throw snapshotInvalid('rating', 'an integer 4–18', s.rating);
    if (s.workTime !== undefined && !isTimeWindow(s.workTime)) throw snapshotInvalid('workTime', '{start, end} as HH:MM', s.workTime);
    const list = <T>(key: 'entitlements' | 'wallets' | 'mails', fields: readonly string[]): T[] => {
      const value = s[key];
      if (!Array.isArray(value)) throw snapshotInvalid(key, 'an array', value);
      value.forEach((item: unknown, i) => {
        if (typeof item !== 'object' || item === null) throw snapshotInvalid(`${key}[${i}]`, 'an object', item);
        for (const f of fields) if (!(f in item)) throw snapshotInvalid(`${key}[${i}].${f}`, 'a value', undefined);
      });
      return value as T[];
    };
    const entitlements = list<CaEntitlement>('entitlements', ['operatorId', 'productId', 'begin', 'expire']);
    const wallets = list<CaWallet>('wallets', ['operatorId', 'id', 'credit', 'balance']);
    const mails = list<CaMail>('mails', ['id', 'title', 'body', 'sent', 'read']);
    if (typeof s.device !== 'string' || !this.restoreDevice(s.device)) throw snapshotInvalid('device', 'a state of this module', s.device);
    this.cardIdValue = s.cardId;
    this.#pin = s.pin;
    this.#rating = s.rating as number;
    this.#workTime = s.workTime;
    this.#entitlements.clear();
    for (const e of entitlements) this.#entitlements.set(e.productId, e);
    this.#wallets = [...wallets];
    this.#mails = [...mails];
    this.#mailSeq = mails.reduce((max, m) => Math.max(max, Number(/\d+$/.exec(m.id)?.[0] ?? 0)), 0);
    this.#mailIcon();
    this.refresh();
  }

  /** Stops timers and completes `events` and `state$`. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#boundaryTimer);
    clearTimeout(this.#fingerprintTimer);
    this.#events.complete();
    this.#stateChanges.complete();
  }

  // ---- For subclasses ------------------------------------------------------------------------------------

  protected emit(event: CaEvent): void {
    if (!this.#disposed) this.#events.next(event);
  }

  /** The device changed state: tell the session and re-evaluate every service. */
  protected deviceChanged(): void {
    this.emit({ type: 'cardState', card: this.deviceCardState(), raw: this.#raw(this.deviceSnapshot(), 'cardState') });
    this.refresh();
  }

  // ---- Internals -----------------------------------------------------------------------------------------

  #raw(code: number | string, name: string): CaEvent['raw'] {
    return { vendor: this.vendor, code, name };
  }

  #result(name: string): CaResult {
    return caVendorResult(this.table, name);
  }

  #commandFailed(command: string, reason: string): YiwangError {
    return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaCommandFailed,
      `${this.vendor} ${command}: ${reason}`, { command, code: 'unknown', raw: this.#raw(command, command), reason });
  }

  #unknownMail(id: string): YiwangError {
    return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaCommandFailed,
      `${this.vendor}: no mail "${id}"`, { command: 'readMail', code: 'unknown', raw: this.#raw('CDCA_RC_DATA_NOT_FIND', 'GetEmailContent') });
  }

  /** Undefined when the PIN is accepted; otherwise the refusal (no card, wrong, locked). */
  #checkPin(pin: string): CaResult | undefined {
    if (!this.deviceReady()) return this.#result('CDCA_RC_CARD_INVALID');
    const now = this.now();
    if (this.#pinLockedUntil > now) return this.#result('SIM_RC_PIN_LOCKED');
    if (pin === this.#pin) {
      this.#pinFailures = 0;
      return undefined;
    }
    this.#pinFailures++;
    if (this.#pinFailures >= PIN_ATTEMPTS) {
      this.#pinFailures = 0;
      this.#pinLockedUntil = now + this.#pinLockMs;
      this.#changed();
      return this.#result('SIM_RC_PIN_LOCKED');
    }
    return this.#result('CDCA_RC_PIN_INVALID');
  }

  #entitled(productId: number): boolean {
    const e = this.#entitlements.get(productId);
    const now = this.now();
    return e !== undefined && e.begin <= now && now < e.expire;
  }

  /** The prompt code for a service now: the device first, then work time, then the products it needs. */
  #decide(service: CaService): number {
    if (this.#upgrading) return CODE_UPGRADING;
    const device = this.deviceBlockCode();
    if (device !== undefined) return device;
    if (this.#workTime && !insideTimeWindow(this.#workTime, this.now())) return CODE_OUT_OF_WORK_TIME;
    // A service that names no product is descrambled by any live entitlement (the ECM would say which).
    const entitled = service.productIds.length === 0
      ? [...this.#entitlements.keys()].some((p) => this.#entitled(p))
      : service.productIds.some((p) => this.#entitled(p));
    if (entitled) return CODE_CLEAR;
    const offer = [...this.#offers.values()].find((o) => service.productIds.includes(o.productId));
    if (offer) {
      const wallet = this.#wallets.find((w) => w.operatorId === offer.operatorId && w.id === offer.walletId);
      const cheapest = Math.min(...offer.prices.map((p) => p.amount));
      if (!wallet || wallet.balance + wallet.credit < cheapest) return CODE_NO_MONEY;
    }
    return CODE_NOT_ENTITLED;
  }

  #evaluate(started: StartedService, always: boolean): void {
    const code = this.#decide(started.service);
    if (!always && code === started.code) return;
    started.code = code;
    this.emit(caVendorBlockEvent(this.table, started.service.ecmPid, code));
  }

  #afterEntitlementChange(operatorId: number): void {
    this.refresh();
    this.emit({ type: 'entitlementChanged', operatorId, raw: this.#raw(operatorId, 'EntitleChanged') });
  }

  #withdraw(offer: IppvOffer, ecmPid: number): void {
    this.#offers.delete(offer.id);
    this.emit({ type: 'ippvHide', ecmPid, raw: this.#raw(ecmPid, 'HideIPPVDlg') });
  }

  #mailIcon(mailId?: string): void {
    const state = this.#mails.length >= CA_MAILBOX_SIZE ? 'full' : this.#mails.some((m) => !m.read) ? 'new' : 'none';
    this.emit({ type: 'mail', state, raw: this.#raw(state === 'full' ? 2 : state === 'new' ? 1 : 0, 'EmailNotifyIcon'), ...(mailId === undefined ? {} : { mailId }) });
    this.#changed();
  }

  #setUpgrading(progress: { phase: 'receiving' | 'patching'; percent: number } | undefined): void {
    this.#upgrading = progress;
    this.emit({ type: 'cardState', card: progress ? 'upgrading' : this.deviceCardState(), raw: this.#raw(progress ? 'upgrading' : 'ready', 'cardState') });
    this.refresh();
  }

  /** Wakes up at the next entitlement begin/expiry, offer expiry, or minute (work time) to re-evaluate. */
  #scheduleBoundary(): void {
    clearTimeout(this.#boundaryTimer);
    this.#boundaryTimer = undefined;
    if (this.#disposed || this.#services.size === 0) return;
    const now = this.now();
    const times: number[] = [];
    for (const e of this.#entitlements.values()) times.push(e.begin, e.expire);
    for (const o of this.#offers.values()) if (o.expires !== undefined) times.push(o.expires);
    if (this.#workTime) times.push(now + 60_000 - (now % 60_000));
    const next = Math.min(...times.filter((t) => t > now));
    if (next === Infinity) return;
    this.#boundaryTimer = setTimeout(() => {
      for (const [id, o] of this.#offers) if (o.expires !== undefined && o.expires <= this.now()) this.#offers.delete(id);
      this.refresh();
    }, Math.min(next - now, MAX_TIMER_MS));
  }

  #changed(): void {
    if (!this.#disposed && this.#stateChanges.observed) this.#stateChanges.next(this.state());
  }
}
