/**
 * `mountSystemUi(options)`: puts the SDK's system UI layer over whatever the app shows — what the CA session
 * wants on screen (`ca.view$`), and the parental PIN dialog the app asks for.
 */
import type { Subscription } from 'rxjs';
import type { CaResult } from '../../ca/ca-module.js';
import type { CaView, ConditionalAccess } from '../../ca/conditional-access-types.js';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { KeyName } from '../../keys/key-names.js';
import type { ParentalControl, PinCheck } from '../../parental/parental-types.js';
import type { PlatformAdapter } from '../../platform/platform-adapter.js';
import { currentPlatform } from '../../platform/platform-registry.js';
import { KeepOnTop } from '../top-layer/keep-on-top.js';
import { KeyGuard, keyProfileOf, keyTargetsOf, type KeyDecision } from '../top-layer/key-guard.js';
import { TopLayerRank } from '../top-layer/top-layer-stack.js';
import type { IppvAnswerDetail } from './ippv-dialog.js';
import { DIALOG_KEYS, type DialogFeedback } from './pin-entry.js';
import type { ParentalPinRequest } from './pin-dialog.js';
import { defineSystemUiElements, SYSTEM_LAYER_TAG, type YiwangSystemLayer } from './system-layer.js';
import { resolveSystemUiConfig, type SystemUiConfig, type SystemUiOptions } from './system-ui-options.js';
import { formatClock, formatYuan } from './system-ui-styles.js';

/** How a parental PIN request ended. */
export type ParentalPinAnswer = 'correct' | 'cancelled' | 'locked';

export interface SystemUi {
  /** The `<yiwang-system-layer>` element (among the last children of `<html>`). */
  readonly element: YiwangSystemLayer;
  /** The configuration in use, defaults filled in. */
  readonly config: SystemUiConfig;
  /**
   * Asks the viewer for the parental-control PIN. With `request.channelId` the PIN unlocks that channel (or
   * only `request.programme` on it) through `parental.unlockTemporarily`, so `correct` means it is unlocked
   * now (the tuner, told by `parental.unlocks$`, plays it); without, the PIN is only checked
   * (`parental.verifyPin`), for the app's own settings screens. A wrong PIN shows the attempts left and asks
   * again; Back (with no digit typed) cancels. Resolves `correct`, `cancelled` (also when `request.signal`
   * aborts, when another request replaces this one, or on unmount) or `locked` (too many wrong PINs: the
   * dialog shows until when, for `resultMs`). Rejects `ConfigInvalid` when the layer was mounted without
   * `parental` or the request names an empty channel id or a programme without a channel,
   * `ParentalPinNotSet` when no PIN is set, and with the check's error when it fails.
   */
  requestParentalPin(request: ParentalPinRequest): Promise<ParentalPinAnswer>;
  /** Removes the layer, gives the keys back and cancels a pending PIN request. Idempotent. */
  unmount(): void;
}

const EMPTY_VIEW: CaView = { osd: {}, mail: 'none' };

const mounted = new WeakMap<Document, SystemUiController>();

/**
 * Mounts the system UI layer: a `<yiwang-system-layer>` element among the last children of `<html>`, shown
 * in the browser's top layer above the app's dialogs, popovers and fullscreen element, and below emergency
 * alerts (`TopLayerRank`). It is non-modal: the app stays usable behind it.
 *
 * - From `ca.view$`: the blocking CA prompt (centre), OSD crawls at the top and bottom (each message runs its
 *   `loops` and then `ca.osdDone`; without loops until hidden), full- and half-screen OSD panels (`durationMs`,
 *   then `ca.osdDone`), the fingerprint (above all else, not removable by the app or a key), the mail icon,
 *   card-upgrade progress, the feed request, and the IPPV offer as a purchase dialog (`ca.answerIppv`).
 * - `requestParentalPin` shows the parental PIN dialog; given a channel, a correct PIN unlocks it.
 * - Keys: only while a dialog (IPPV, PIN) is open, the layer takes digits, OK, Back and Left/Right in the
 *   capture phase (the app never sees them); every other key, and every key while no dialog is open, goes to
 *   the app. An emergency alert that holds the remote has them all.
 *
 * One layer per document: mounting again returns the same `SystemUi` (a `ca` or `parental` the first call
 * lacked is taken on; different ones are ignored with a warning). Mount it before the app adds its own key
 * listeners, so its capture-phase listener on `window` sees keys first.
 */
export function mountSystemUi(options: SystemUiOptions = {}): SystemUi {
  const doc = options.container ?? document;
  const existing = mounted.get(doc);
  if (existing) {
    existing.adopt(options);
    return existing.handle;
  }
  defineSystemUiElements();
  const controller = new SystemUiController(doc, options);
  mounted.set(doc, controller);
  controller.start();
  return controller.handle;
}

interface PendingPin {
  readonly request: ParentalPinRequest;
  readonly resolve: (answer: ParentalPinAnswer) => void;
  readonly reject: (error: unknown) => void;
  feedback: DialogFeedback | undefined;
  busy: boolean;
  /** Resolved already; the dialog only shows the answer until closed. */
  settled: boolean;
  readonly onAbort: () => void;
}

interface IppvState {
  readonly offerId: string;
  balance: number | undefined;
  feedback: DialogFeedback | undefined;
  busy: boolean;
}

class SystemUiController {
  readonly element: YiwangSystemLayer;
  readonly config: SystemUiConfig;
  readonly handle: SystemUi;
  private ca: ConditionalAccess | undefined;
  private parental: ParentalControl | undefined;
  private view: CaView = EMPTY_VIEW;
  private ippv: IppvState | undefined;
  /** Offers the viewer answered (bought or declined): hidden while the session still lists them. */
  private readonly answered = new Set<string>();
  private pin: PendingPin | undefined;
  private toast: DialogFeedback | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private pinCloseTimer: ReturnType<typeof setTimeout> | undefined;
  private subscription: Subscription | undefined;
  private readonly keys: KeyGuard;
  private readonly keepOnTop: KeepOnTop;
  private stopped = false;

  constructor(private readonly doc: Document, options: SystemUiOptions) {
    this.config = resolveSystemUiConfig(options);
    this.ca = options.ca;
    this.parental = options.parental;
    const platform: PlatformAdapter = options.platform ?? currentPlatform();
    const element = doc.createElement(SYSTEM_LAYER_TAG);
    element.crawlPixelsPerSecond = this.config.crawlPixelsPerSecond;
    element.timeZone = this.config.timeZone;
    element.delegate = {
      osdDone: (position, id) => this.ca?.osdDone(position, id),
      ippvAnswer: (answer) => this.answerIppv(answer),
      pinSubmit: (pin) => this.submitPin(pin),
      pinCancel: () => this.cancelPin(),
    };
    this.element = element;
    this.keepOnTop = new KeepOnTop({
      element,
      rank: TopLayerRank.SYSTEM_UI,
      reassert: () => element.reassert(),
      shown: () => element.hasContent,
      // Dialogs take a few keys only; the layer never holds the whole remote.
      holdsKeys: () => false,
    }, doc);
    element.topLayerEntered = () => this.keepOnTop.entered();
    this.keys = new KeyGuard(keyProfileOf(platform), keyTargetsOf(platform), {
      decide: (key) => this.decideKey(key),
      took: (key) => this.element.handleKey(key),
    });
    this.handle = {
      element,
      config: this.config,
      requestParentalPin: (request) => this.requestPin(request),
      unmount: () => this.stop(),
    };
  }

  start(): void {
    // Keys first: the guard must be the earliest listener on window.
    this.keys.install();
    this.keepOnTop.start();
    this.subscribeCa();
    this.render();
  }

  /** A second `mountSystemUi` call: takes on what the first lacked. */
  adopt(options: SystemUiOptions): void {
    if (options.ca && options.ca !== this.ca) {
      if (this.ca) console.warn('[yiwang] mountSystemUi: the layer is mounted with another CA session; this one is ignored');
      else {
        this.ca = options.ca;
        this.subscribeCa();
      }
    }
    if (options.parental && options.parental !== this.parental) {
      if (this.parental) console.warn('[yiwang] mountSystemUi: the layer is mounted with another parental control; this one is ignored');
      else this.parental = options.parental;
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    mounted.delete(this.doc);
    this.subscription?.unsubscribe();
    this.keys.uninstall();
    this.keepOnTop.stop();
    if (this.toastTimer !== undefined) clearTimeout(this.toastTimer);
    if (this.pinCloseTimer !== undefined) clearTimeout(this.pinCloseTimer);
    this.finishPin('cancelled');
    this.element.delegate = undefined;
    this.element.remove();
  }

  private subscribeCa(): void {
    const ca = this.ca;
    if (!ca || this.stopped) return;
    this.subscription?.unsubscribe();
    this.subscription = ca.view$.subscribe({
      next: (view) => this.onView(view),
      error: (err: unknown) => console.warn('[yiwang] system UI: the CA view failed', err),
    });
  }

  private onView(view: CaView): void {
    this.view = view;
    const offer = view.ippv;
    if (!offer) this.ippv = undefined;
    else if (offer.id !== this.ippv?.offerId) {
      this.ippv = { offerId: offer.id, balance: undefined, feedback: undefined, busy: false };
      void this.loadBalance(offer.id);
    }
    this.render();
  }

  /** The balance of the offer's wallet, when the CA tells it. */
  private async loadBalance(offerId: string): Promise<void> {
    const ca = this.ca;
    const offer = this.view.ippv;
    if (!ca || offer?.id !== offerId) return;
    try {
      const wallets = await ca.module.getWallets(offer.operatorId);
      const wallet = wallets.find((w) => w.id === offer.walletId && w.operatorId === offer.operatorId)
        ?? wallets.find((w) => w.id === offer.walletId);
      if (wallet && this.ippv?.offerId === offerId) {
        this.ippv.balance = wallet.balance;
        this.render();
      }
    } catch (err) {
      console.warn('[yiwang] system UI: the wallet balance could not be read', err);
    }
  }

  private render(): void {
    if (this.stopped) return;
    const el = this.element;
    el.view = this.view;
    const offer = this.view.ippv;
    const ippv = this.ippv;
    el.ippv = offer && ippv?.offerId === offer.id && !this.answered.has(offer.id)
      ? { offer, busy: ippv.busy, ...(ippv.balance === undefined ? {} : { balance: ippv.balance }), ...(ippv.feedback ? { feedback: ippv.feedback } : {}) }
      : undefined;
    const pin = this.pin;
    el.pin = pin ? { request: pin.request, busy: pin.busy, final: pin.settled, ...(pin.feedback ? { feedback: pin.feedback } : {}) } : undefined;
    el.toast = this.toast;
  }

  private decideKey(key: KeyName): KeyDecision {
    if (this.element.openDialog === undefined) return 'pass';
    // An emergency alert holding the remote has every key, whichever guard sees it first.
    if (this.keepOnTop.heldAbove()) return 'pass';
    return (DIALOG_KEYS as readonly string[]).includes(key) ? 'take' : 'pass';
  }

  private showToast(feedback: DialogFeedback): void {
    this.toast = feedback;
    if (this.toastTimer !== undefined) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toastTimer = undefined;
      this.toast = undefined;
      this.render();
    }, this.config.resultMs);
    this.render();
  }

  // IPPV

  private answerIppv(answer: IppvAnswerDetail): void {
    const ca = this.ca;
    const state = this.ippv;
    const offer = this.view.ippv;
    if (!ca || !state || state.busy || offer?.id !== answer.offerId || state.offerId !== answer.offerId) return;
    state.busy = true;
    state.feedback = answer.buy ? { tone: 'info', text: '正在购买…' } : undefined;
    this.render();
    ca.answerIppv(answer.pin, answer.priceIndex, answer.buy).then(
      (result) => this.ippvAnswered(answer, offer, result),
      (err: unknown) => {
        console.warn('[yiwang] system UI: the IPPV answer failed', err);
        if (!answer.buy) this.answered.add(answer.offerId);
        this.ippvFeedback(answer.offerId, { tone: 'error', text: '购买失败，请稍后再试' });
      },
    );
  }

  private ippvAnswered(answer: IppvAnswerDetail, offer: NonNullable<CaView['ippv']>, result: CaResult): void {
    if (!answer.buy) {
      this.answered.add(answer.offerId);
      this.ippvFeedback(answer.offerId, undefined);
      this.showToast({ tone: 'info', text: '已放弃购买' });
      return;
    }
    if (result.ok) {
      this.answered.add(answer.offerId);
      this.ippvFeedback(answer.offerId, undefined);
      const price = offer.prices[answer.priceIndex];
      this.showToast({ tone: 'success', text: price ? `购买成功，扣费 ${formatYuan(price.amount)}` : '购买成功' });
      return;
    }
    if (result.code === 'offerExpired') {
      this.answered.add(answer.offerId);
      this.ippvFeedback(answer.offerId, undefined);
      this.showToast({ tone: 'error', text: '该节目已停止购买' });
      return;
    }
    this.ippvFeedback(answer.offerId, { tone: 'error', text: IPPV_FAILURE_TEXT[result.code] ?? `购买失败（${result.code}）` });
  }

  private ippvFeedback(offerId: string, feedback: DialogFeedback | undefined): void {
    const state = this.ippv;
    if (state?.offerId !== offerId) return;
    state.busy = false;
    state.feedback = feedback;
    this.render();
    if (feedback?.tone === 'error') void this.loadBalance(offerId);
  }

  // Parental PIN

  private requestPin(request: ParentalPinRequest): Promise<ParentalPinAnswer> {
    const parental = this.parental;
    if (this.stopped) return Promise.resolve('cancelled');
    if (!parental) {
      return Promise.reject(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Config, ErrorCode.ConfigInvalid,
        'requestParentalPin: mountSystemUi was given no `parental` (ParentalControl)', { path: 'parental', expected: 'ParentalControl', actual: undefined }));
    }
    const invalid = invalidPinRequest(request);
    if (invalid) return Promise.reject(invalid);
    if (!parental.settings.pinSet) {
      return Promise.reject(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Parental, ErrorCode.ParentalPinNotSet,
        'requestParentalPin: no parental PIN is set', { operation: 'requestParentalPin' }));
    }
    // A newer request (the viewer tuned to another locked channel) replaces the one on screen.
    this.finishPin('cancelled');
    if (request.signal?.aborted) return Promise.resolve('cancelled');
    return new Promise<ParentalPinAnswer>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.pin === pending) this.finishPin('cancelled');
      };
      const pending: PendingPin = { request, resolve, reject, feedback: undefined, busy: false, settled: false, onAbort };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.pin = pending;
      this.element.clearPin();
      const lockedUntil = parental.settings.lockedUntil;
      if (lockedUntil !== undefined && lockedUntil > Date.now()) this.lockedOut(pending, lockedUntil);
      else this.render();
    });
  }

  private submitPin(pin: string): void {
    const pending = this.pin;
    const parental = this.parental;
    if (!pending || pending.busy || pending.settled || !parental) return;
    pending.busy = true;
    pending.feedback = { tone: 'info', text: '正在验证…' };
    this.render();
    const { channelId, programme } = pending.request;
    const checked = channelId === undefined
      ? parental.verifyPin(pin)
      : parental.unlockTemporarily(programme === undefined ? { channelId } : { channelId, programme }, pin);
    checked.then((check: PinCheck) => {
      if (this.pin !== pending) return;
      pending.busy = false;
      if (check.status === 'correct') this.finishPin('correct');
      else if (check.status === 'incorrect') {
        pending.feedback = { tone: 'error', text: `密码错误，还可尝试 ${check.attemptsLeft} 次` };
        this.render();
      } else this.lockedOut(pending, check.lockedUntil);
    }, (err: unknown) => {
      if (this.pin !== pending) return;
      this.closePin();
      pending.reject(err);
    });
  }

  /** Too many wrong PINs: resolves `locked` and shows until when, for `resultMs`. */
  private lockedOut(pending: PendingPin, lockedUntil: number): void {
    pending.settled = true;
    pending.busy = false;
    pending.feedback = { tone: 'error', text: `密码错误次数过多，已锁定至 ${formatClock(lockedUntil, this.config.timeZone)}` };
    pending.request.signal?.removeEventListener('abort', pending.onAbort);
    pending.resolve('locked');
    this.render();
    if (this.pinCloseTimer !== undefined) clearTimeout(this.pinCloseTimer);
    this.pinCloseTimer = setTimeout(() => {
      this.pinCloseTimer = undefined;
      if (this.pin === pending) this.closePin();
    }, this.config.resultMs);
  }

  private cancelPin(): void {
    const pending = this.pin;
    if (!pending || pending.busy) return;
    if (pending.settled) this.closePin();
    else this.finishPin('cancelled');
  }

  /** Resolves the pending request (if not already) and closes the dialog. */
  private finishPin(answer: ParentalPinAnswer): void {
    const pending = this.pin;
    if (!pending) return;
    if (!pending.settled) {
      pending.settled = true;
      pending.request.signal?.removeEventListener('abort', pending.onAbort);
      pending.resolve(answer);
    }
    this.closePin();
  }

  private closePin(): void {
    this.pin = undefined;
    if (this.pinCloseTimer !== undefined) clearTimeout(this.pinCloseTimer);
    this.pinCloseTimer = undefined;
    this.render();
  }
}

/** What is wrong with the unlock target of a PIN request, if anything. */
function invalidPinRequest(request: ParentalPinRequest): YiwangError | undefined {
  const { channelId, programme } = request;
  if (channelId !== undefined && (typeof channelId !== 'string' || channelId === '')) {
    return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Config, ErrorCode.ConfigInvalid,
      'requestParentalPin: request.channelId must be a lineup channel id', { path: 'request.channelId', expected: 'non-empty string', actual: channelId });
  }
  if (programme !== undefined && channelId === undefined) {
    // Checking the PIN alone would unlock nothing, yet the caller would take `correct` for an unlock.
    return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Config, ErrorCode.ConfigInvalid,
      'requestParentalPin: request.programme is unlocked on a channel; request.channelId is missing', { path: 'request.channelId', expected: 'the channel of request.programme', actual: undefined });
  }
  return undefined;
}

const IPPV_FAILURE_TEXT: Partial<Record<CaResult['code'], string>> = {
  pinInvalid: '密码错误，请重新输入',
  pinLocked: '智能卡密码已锁定，请联系运营商',
  noMoney: '钱包余额不足',
  noCard: '请插入智能卡',
  cardPairedOther: '智能卡与本机顶盒不对应',
  notSupported: '本卡不支持该购买方式',
};
