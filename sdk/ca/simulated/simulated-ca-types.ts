/** Options, control state and snapshot of the simulated CA modules (`SimulatedCardCa`, `SimulatedDcas`). */
import type { CaEntitlement, CaKind, CaMail, CaOperator, CaService, CaWallet, TimeWindow } from '../ca-module.js';
import type { CaBlockReason, CaForceTuneTarget, CardState, IppvOffer } from '../ca-events.js';

export interface SimulatedCaOptions {
  /** The clock (ms since epoch). Entitlement dates, work time, PIN lock and offer expiry read it. */
  readonly now?: () => number;
  /** CA_system_ids reported as `CaModule.caSystemIds`. Default `[0x4A02]` (Novel-SuperTV, what the emulator lineup uses). */
  readonly caSystemIds?: readonly number[];
  /** Card serial or terminal id shown by the fingerprint. Default: a random `8000 xxxx xxxx xxxx` (DCAS: `3A00 …`). */
  readonly cardId?: string;
  /** Default `[{ id: 1, name: '一网模拟运营商' }]`. */
  readonly operators?: readonly CaOperator[];
  /** How long three wrong PINs lock the PIN. Default 10 minutes. */
  readonly pinLockMs?: number;
  /** Delay between the scripted card-upgrade progress steps. Default 200 ms; tests pass 0–5. */
  readonly upgradeStepMs?: number;
}

export interface EntitleOptions {
  /** ms since epoch; default now. */
  readonly begin?: number;
  /** ms since epoch; default 30 days from now. */
  readonly expire?: number;
  /** Default the first operator. */
  readonly operatorId?: number;
  readonly name?: string;
  readonly canRecord?: boolean;
}

export interface OfferIppvOptions {
  readonly productId: number;
  /** Price to view, in fen. */
  readonly price: number;
  /** Price to view and record, in fen; offered as the second price when set. */
  readonly recordPrice?: number;
  readonly title?: string;
  /** Default `paid`. */
  readonly stage?: IppvOffer['stage'];
  /** The offer lapses this long from now; default never. */
  readonly expiresInMs?: number;
  readonly operatorId?: number;
  readonly walletId?: number;
}

/** What the emulator's box panel shows; `state$` emits a new one after every change. */
export interface SimulatedCaState {
  readonly vendor: string;
  readonly kind: CaKind;
  /** Card state (smart card) or terminal state mapped to CardState (DCAS). */
  readonly card: CardState;
  readonly cardId?: string;
  readonly entitlements: readonly CaEntitlement[];
  readonly wallets: readonly CaWallet[];
  readonly mails: { readonly total: number; readonly unread: number };
  readonly offers: readonly IppvOffer[];
  /** Services started now and what blocks each (absent: descrambling). */
  readonly services: readonly { readonly service: CaService; readonly blocked?: CaBlockReason }[];
  readonly rating: number;
  readonly workTime?: TimeWindow;
  readonly pinLocked: boolean;
  readonly forcedTune?: CaForceTuneTarget;
  readonly fingerprint: boolean;
  readonly upgrading?: { readonly phase: 'receiving' | 'patching'; readonly percent: number };
}

/** Plain JSON the emulator stores to keep the card across reloads (`snapshot()` / `restore()`). */
export interface SimulatedCaSnapshot {
  readonly format: 'yiwang-sim-ca/1';
  readonly vendor: string;
  /** The card or terminal state. */
  readonly device: string;
  readonly cardId: string;
  readonly entitlements: readonly CaEntitlement[];
  readonly wallets: readonly CaWallet[];
  readonly mails: readonly CaMail[];
  readonly pin: string;
  readonly rating: number;
  readonly workTime?: TimeWindow;
}
