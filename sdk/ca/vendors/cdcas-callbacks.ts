/**
 * CDCAS 3.0 callbacks (`CDSTBCA_*`, the CA library calling the box) turned into normalized `CaEvent`s, so a
 * box's CDCAS wrapper only forwards each callback's arguments: `bridge.ShowBuyMessage(ecmPid, type)` and
 * so on, and hands `bridge.events` to the SDK as `CaModule.events`. Every event keeps the vendor code in
 * `raw` with the callback's name.
 */
import { Subject, type Observable } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { CaEvent, CaForceTuneTarget, IppvOffer } from '../ca-events.js';
import { caVendorBlockEvent } from './ca-vendor.js';
import {
  CDCAS_EMAIL_ICONS, CDCAS_IPPV_STAGES, CDCAS_OSD_STYLES, CDCAS_PROGRESS_MARKS, CDCAS_TABLE, CDCAS_VENDOR,
} from './cdcas.js';

/** `SCDCAIppvBuyInfo`, as a wrapper reads it from the C struct. */
export interface CdcasIppvInfo {
  readonly tvsId: number;
  readonly slotId: number;
  readonly productId: number;
  /** `m_Price[]`: priceCode 0 = view (TPPVVIEW), 1 = view and record (TPPVVIEWTAPING); price in fen. */
  readonly prices: readonly { readonly priceCode: number; readonly price: number }[];
  /** `m_wExpiredDate`: days since 2000-01-01 (CDCAS date). */
  readonly expiredDate?: number;
  /** IPPT: minutes per charge. */
  readonly intervalMinutes?: number;
}

/** `LockService` parameters, BCD already decoded by the wrapper; `modulation` is the DVB-C code 1–5 (16–256 QAM). */
export interface CdcasLockService {
  readonly frequencyKHz: number;
  readonly symbolRate: number;
  readonly modulation: number;
  /** The service to show, when the lock names one by triplet or LCN. */
  readonly channel?: Omit<CaForceTuneTarget, 'frequencyKHz' | 'symbolRate' | 'modulation'>;
}

/** One callback call. Names are the callback names without the `CDSTBCA_` prefix. */
export type CdcasCallback =
  | { readonly name: 'ShowBuyMessage'; readonly ecmPid: number; readonly messageType: number }
  /** `cardId` 0 hides the fingerprint. */
  | { readonly name: 'ShowFingerMessage'; readonly ecmPid: number; readonly cardId: number }
  | { readonly name: 'ShowOSDMessage'; readonly style: number; readonly text: string }
  | { readonly name: 'HideOSDMessage'; readonly style: number }
  | { readonly name: 'EmailNotifyIcon'; readonly show: number; readonly emailId: number }
  | { readonly name: 'StartIppvBuyDlg'; readonly messageType: number; readonly ecmPid: number; readonly info: CdcasIppvInfo }
  | { readonly name: 'HideIPPVDlg'; readonly ecmPid: number }
  | { readonly name: 'LockService'; readonly lock: CdcasLockService }
  | { readonly name: 'UNLockService' }
  | { readonly name: 'RequestFeeding'; readonly tvsId: number }
  | { readonly name: 'ShowProgressStrip'; readonly progress: number; readonly mark: number }
  | { readonly name: 'EntitleChanged'; readonly tvsId: number };

const MS_PER_DAY = 86_400_000;
const CDCAS_EPOCH = Date.UTC(2000, 0, 1);
/** The CDCAS OSD text limit (bytes in GB2312; characters here). */
const OSD_MAX_TEXT = 180;
const QAM: Readonly<Record<number, string>> = { 1: 'QAM16', 2: 'QAM32', 3: 'QAM64', 4: 'QAM128', 5: 'QAM256' };

function invalid(call: { readonly name: string }, reason: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaEventInvalid,
    `CDCAS ${call.name}: ${reason}`, { vendor: CDCAS_VENDOR, event: call.name, reason });
}

function lookup<T>(table: Readonly<Record<number, T>>, value: number, call: CdcasCallback, what: string): T {
  const found = table[value];
  if (found === undefined) throw invalid(call, `unknown ${what} ${value}`);
  return found;
}

/**
 * The normalized event for one CDCAS callback. An unknown `ShowBuyMessage` type becomes a `block` with reason
 * `unknown` (the raw code stays, so the operator can still map it); a code that cannot be placed at all (an
 * OSD style outside 1–4) throws `CaEventInvalid`.
 */
export function cdcasCallbackToEvent(call: CdcasCallback): CaEvent {
  const raw = (code: number | string) => ({ vendor: CDCAS_VENDOR, code, name: `CDSTBCA_${call.name}` });
  switch (call.name) {
    case 'ShowBuyMessage':
      return caVendorBlockEvent(CDCAS_TABLE, call.ecmPid, call.messageType, 'CDSTBCA_ShowBuyMessage');
    case 'ShowFingerMessage':
      return call.cardId === 0
        ? { type: 'fingerprintHide', ecmPid: call.ecmPid, raw: raw(0) }
        : { type: 'fingerprint', ecmPid: call.ecmPid, cardId: String(call.cardId), raw: raw(call.cardId) };
    case 'ShowOSDMessage': {
      const position = lookup(CDCAS_OSD_STYLES, call.style, call, 'OSD style');
      return { type: 'osd', position, text: call.text.slice(0, OSD_MAX_TEXT), raw: raw(call.style) };
    }
    case 'HideOSDMessage':
      return { type: 'osdHide', position: lookup(CDCAS_OSD_STYLES, call.style, call, 'OSD style'), raw: raw(call.style) };
    case 'EmailNotifyIcon': {
      const state = lookup(CDCAS_EMAIL_ICONS, call.show, call, 'mail icon state');
      return { type: 'mail', state, mailId: String(call.emailId), raw: raw(call.show) };
    }
    case 'StartIppvBuyDlg':
      return { type: 'ippvOffer', offer: cdcasOffer(call), raw: raw(call.messageType) };
    case 'HideIPPVDlg':
      return { type: 'ippvHide', ecmPid: call.ecmPid, raw: raw(call.ecmPid) };
    case 'LockService': {
      const { frequencyKHz, symbolRate, modulation, channel } = call.lock;
      const target: CaForceTuneTarget = { ...channel, frequencyKHz, symbolRate, modulation: lookup(QAM, modulation, call, 'modulation') };
      return { type: 'forceTune', target, raw: raw(frequencyKHz) };
    }
    case 'UNLockService':
      return { type: 'releaseTune', raw: raw(0) };
    case 'RequestFeeding':
      return { type: 'feedRequest', operatorId: call.tvsId, raw: raw(call.tvsId) };
    case 'ShowProgressStrip': {
      const phase = lookup(CDCAS_PROGRESS_MARKS, call.mark, call, 'progress mark');
      if (!(call.progress >= 0 && call.progress <= 100)) throw invalid(call, `progress ${call.progress} outside 0–100`);
      return { type: 'upgradeProgress', phase, percent: call.progress, raw: raw(call.mark) };
    }
    case 'EntitleChanged':
      return { type: 'entitlementChanged', operatorId: call.tvsId, raw: raw(call.tvsId) };
  }
}

function cdcasOffer(call: Extract<CdcasCallback, { name: 'StartIppvBuyDlg' }>): IppvOffer {
  const { info } = call;
  const stage = lookup(CDCAS_IPPV_STAGES, call.messageType, call, 'IPPV dialog type');
  const prices = info.prices.map((p) => {
    if (p.priceCode !== 0 && p.priceCode !== 1) throw invalid(call, `unknown price code ${p.priceCode}`);
    return { kind: p.priceCode === 0 ? 'view' as const : 'viewAndRecord' as const, amount: p.price };
  });
  return {
    id: `${CDCAS_VENDOR}:${info.tvsId}:${info.productId}:${call.ecmPid}`,
    stage, ecmPid: call.ecmPid, operatorId: info.tvsId, productId: info.productId, walletId: info.slotId, prices,
    ...(info.expiredDate === undefined ? {} : { expires: CDCAS_EPOCH + (info.expiredDate + 1) * MS_PER_DAY }),
    ...(info.intervalMinutes === undefined ? {} : { intervalMinutes: info.intervalMinutes }),
  };
}

/**
 * The callbacks a CDCAS wrapper binds, with the events they produce. A callback that cannot be normalized is
 * dropped, logged with `console.warn` and counted in `dropped`; it never throws back into the CA library.
 */
export class CdcasCallbackBridge {
  readonly #events = new Subject<CaEvent>();
  readonly events: Observable<CaEvent> = this.#events.asObservable();
  #dropped = 0;

  get dropped(): number {
    return this.#dropped;
  }

  dispatch(call: CdcasCallback): void {
    let event: CaEvent;
    try {
      event = cdcasCallbackToEvent(call);
    } catch (error) {
      this.#dropped++;
      console.warn(error);
      return;
    }
    this.#events.next(event);
  }

  ShowBuyMessage(ecmPid: number, messageType: number): void { this.dispatch({ name: 'ShowBuyMessage', ecmPid, messageType }); }
  ShowFingerMessage(ecmPid: number, cardId: number): void { this.dispatch({ name: 'ShowFingerMessage', ecmPid, cardId }); }
  ShowOSDMessage(style: number, text: string): void { this.dispatch({ name: 'ShowOSDMessage', style, text }); }
  HideOSDMessage(style: number): void { this.dispatch({ name: 'HideOSDMessage', style }); }
  EmailNotifyIcon(show: number, emailId: number): void { this.dispatch({ name: 'EmailNotifyIcon', show, emailId }); }
  StartIppvBuyDlg(messageType: number, ecmPid: number, info: CdcasIppvInfo): void { this.dispatch({ name: 'StartIppvBuyDlg', messageType, ecmPid, info }); }
  HideIPPVDlg(ecmPid: number): void { this.dispatch({ name: 'HideIPPVDlg', ecmPid }); }
  LockService(lock: CdcasLockService): void { this.dispatch({ name: 'LockService', lock }); }
  UNLockService(): void { this.dispatch({ name: 'UNLockService' }); }
  RequestFeeding(tvsId: number): void { this.dispatch({ name: 'RequestFeeding', tvsId }); }
  ShowProgressStrip(progress: number, mark: number): void { this.dispatch({ name: 'ShowProgressStrip', progress, mark }); }
  EntitleChanged(tvsId: number): void { this.dispatch({ name: 'EntitleChanged', tvsId }); }

  /** Completes `events` (the library was shut down). */
  close(): void {
    this.#events.complete();
  }
}
