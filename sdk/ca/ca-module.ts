/**
 * The CA porting interface: what a vendor CA library implements (on a box, a thin wrapper over the vendor's
 * C porting layer, e.g. CDCASTB_* calls and CDSTBCA_* callbacks), and what the SDK's CA session
 * (`openConditionalAccess`) and system UI build on. A platform adapter exposes the box's module as
 * `PlatformAdapter.ca`.
 */
import type { Observable } from 'rxjs';
import type { CaEvent, CaRaw, CardState, IppvOffer } from './ca-events.js';

/** Smart card, or a downloadable CA (DCAS) security chip in the box (GY/T 255). */
export type CaKind = 'smartCard' | 'dcas';

/** A daily viewing window, local time `HH:MM`; `end` before `start` wraps past midnight. */
export interface TimeWindow {
  readonly start: string;
  readonly end: string;
}

export interface CaStatus {
  readonly kind: CaKind;
  readonly vendor: string;
  readonly card: CardState;
  /** Card serial (smart card) or terminal/chip id (DCAS); absent when no card. */
  readonly cardId?: string;
  /** Whether the card is paired with this box: `notPaired` when pairing is not used. */
  readonly pairing: 'paired' | 'notPaired' | 'pairedOther';
  /** The card's maturity rating threshold, age 4–18. */
  readonly rating: number;
  readonly workTime?: TimeWindow;
  /** Parent/child cards: present on a child card. */
  readonly child?: { readonly parentCardId?: string; readonly lastFeed?: number; readonly intervalHours: number };
  /** CA library version, for the settings page. */
  readonly version?: string;
}

/** A service the box starts or stops descrambling (`SetEcmPid`). */
export interface CaService {
  readonly channelId: string;
  readonly ecmPid: number;
  readonly caSystemIds: readonly number[];
  /** Products the ECM names (the simulated CA decides from these). */
  readonly productIds: readonly number[];
}

export interface CaOperator {
  readonly id: number;
  readonly name: string;
}

export interface CaEntitlement {
  readonly operatorId: number;
  readonly productId: number;
  /** Product name, when the lineup or the CA knows it. */
  readonly name?: string;
  /** ms since epoch. */
  readonly begin: number;
  readonly expire: number;
  readonly canRecord: boolean;
}

/** An electronic wallet (IPPV slot), amounts in the smallest unit (fen). */
export interface CaWallet {
  readonly operatorId: number;
  readonly id: number;
  readonly credit: number;
  readonly balance: number;
}

export interface CaMail {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** ms since epoch. */
  readonly sent: number;
  readonly read: boolean;
  readonly important: boolean;
}

/** A normalized CA command result (after `CDCA_RC_*`). */
export type CaResultCode =
  | 'ok' | 'pinInvalid' | 'pinLocked' | 'cardPairedOther' | 'workTimeInvalid' | 'ratingInvalid'
  | 'feedTimeNotArrived' | 'cardNoRoom' | 'noMoney' | 'noCard' | 'offerExpired' | 'notSupported' | 'unknown';

export interface CaResult {
  readonly ok: boolean;
  readonly code: CaResultCode;
  readonly raw: CaRaw;
}

/** Feed data read from a parent card, written to a child card (opaque to the SDK). */
export interface CaFeedData {
  readonly operatorId: number;
  readonly bytes: Uint8Array;
}

export interface CaModule {
  readonly vendor: string;
  readonly kind: CaKind;
  /** CA_system_ids this module descrambles. */
  readonly caSystemIds: readonly number[];
  /** The library's callbacks, normalized; hot. Subscribers get events from now on (read state with getStatus). */
  readonly events: Observable<CaEvent>;
  getStatus(): Promise<CaStatus>;
  /** The box started descrambling a service: the module answers with block/unblock (and maybe IPPV) events for its ECM. */
  startService(service: CaService): Promise<void>;
  /** The box stopped the service (channel change). */
  stopService(service: CaService): Promise<void>;
  getOperators(): Promise<readonly CaOperator[]>;
  getEntitlements(operatorId?: number): Promise<readonly CaEntitlement[]>;
  getWallets(operatorId?: number): Promise<readonly CaWallet[]>;
  getMails(): Promise<readonly CaMail[]>;
  /** Marks read and returns the mail; rejects when unknown. */
  readMail(id: string): Promise<CaMail>;
  deleteMail(id: string): Promise<void>;
  verifyPin(pin: string): Promise<CaResult>;
  changePin(oldPin: string, newPin: string): Promise<CaResult>;
  /** Sets the card's rating threshold (age 4–18). */
  setRating(pin: string, age: number): Promise<CaResult>;
  setWorkTime(pin: string, window: TimeWindow): Promise<CaResult>;
  /** Buys (or declines with `buy: false`) an IPPV/IPPT offer at `prices[priceIndex]`. */
  buyIppv(offer: IppvOffer, pin: string, priceIndex: number, buy?: boolean): Promise<CaResult>;
  /** Parent card: feed data for a child card. */
  readParentFeed(operatorId: number): Promise<CaFeedData | CaResult>;
  /** Child card: writes feed data read from the parent. */
  writeChildFeed(data: CaFeedData): Promise<CaResult>;
}
