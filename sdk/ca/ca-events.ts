/**
 * The normalized CA event set: one vocabulary for every vendor CA library (Novel-SuperTV CDCAS, Sumavision,
 * DVN, a DCAS terminal, …), after the Montage multi-CA event space. Every event keeps the vendor's raw code.
 */
import type { DetailsChannel } from '../alerts/model.js';

/** The vendor's own identification of an event: its library and the code or callback it used. */
export interface CaRaw {
  /** CA vendor / library id, e.g. `cdcas3` (Novel-SuperTV), `sim-card`, `sim-dcas`. */
  readonly vendor: string;
  /** The vendor's code: a prompt number (`ShowBuyMessage` 0x03), or a callback name when it has none. */
  readonly code: number | string;
  /** The vendor callback or constant name, for logs (`CDSTBCA_ShowBuyMessage`). */
  readonly name?: string;
}

/** Why the CA blocks the picture. */
export type CaBlockReason =
  | 'noCard' | 'badCard' | 'expired' | 'noOperator' | 'blackout' | 'outOfWorkTime' | 'ratingTooHigh'
  | 'notPaired' | 'notEntitled' | 'decryptFail' | 'noMoney' | 'wrongRegion' | 'needParentCard'
  | 'cardVerifyFailed' | 'cardUpgrading' | 'upgradeCard' | 'zappingTooFast' | 'cardSleeping' | 'cardFrozen'
  | 'cardPaused' | 'preview' | 'restartRequired' | 'stbFrozen'
  /** DCAS: the terminal's security chip is not activated / failed authentication. */
  | 'terminalNotActivated' | 'terminalNotAuthenticated'
  | 'unknown';

export const CA_BLOCK_REASONS: readonly CaBlockReason[] = [
  'noCard', 'badCard', 'expired', 'noOperator', 'blackout', 'outOfWorkTime', 'ratingTooHigh', 'notPaired',
  'notEntitled', 'decryptFail', 'noMoney', 'wrongRegion', 'needParentCard', 'cardVerifyFailed', 'cardUpgrading',
  'upgradeCard', 'zappingTooFast', 'cardSleeping', 'cardFrozen', 'cardPaused', 'preview', 'restartRequired',
  'stbFrozen', 'terminalNotActivated', 'terminalNotAuthenticated', 'unknown',
];

/** Where an OSD message shows: scrolling at the top or bottom, full screen, or half screen. */
export type OsdPosition = 'top' | 'bottom' | 'full' | 'half';

/** A pay-per-view offer (IPPV by programme, IPPT by time). */
export interface IppvOffer {
  /** Offer id, unique while the offer stands (the module's own). */
  readonly id: string;
  readonly stage: 'freePreview' | 'paid' | 'ippt';
  readonly ecmPid: number;
  readonly operatorId: number;
  readonly productId: number;
  readonly walletId: number;
  /** Prices in the wallet's smallest unit (fen): index 0 = view, 1 = view and record, as the CA offers them. */
  readonly prices: readonly { readonly kind: 'view' | 'viewAndRecord'; readonly amount: number }[];
  /** The programme or time slot offered, when known. */
  readonly title?: string;
  /** ms since epoch; the offer lapses then. */
  readonly expires?: number;
  /** IPPT: price per `intervalMinutes`. */
  readonly intervalMinutes?: number;
}

/** A forced tune: by triplet/number (`DetailsChannel`), or by DVB-C delivery parameters. */
export interface CaForceTuneTarget extends DetailsChannel {
  readonly frequencyKHz?: number;
  readonly symbolRate?: number;
  readonly modulation?: string;
}

export type CaEvent =
  /** The picture of the service on `ecmPid` is blocked (ecmPid 0: a prompt not tied to a stream). */
  | { readonly type: 'block'; readonly reason: CaBlockReason; readonly ecmPid: number; readonly raw: CaRaw }
  /** The block on `ecmPid` is lifted (the vendor's "clear prompt", e.g. `ShowBuyMessage(pid, 0x00)`). */
  | { readonly type: 'unblock'; readonly ecmPid: number; readonly raw: CaRaw }
  /** An operator OSD message. `loops`: how often a scroll runs (default until hidden); `durationMs` for full/half. */
  | { readonly type: 'osd'; readonly position: OsdPosition; readonly text: string; readonly loops?: number; readonly durationMs?: number; readonly raw: CaRaw }
  | { readonly type: 'osdHide'; readonly position: OsdPosition; readonly raw: CaRaw }
  /**
   * A fingerprint (watermark naming the card, to trace re-broadcast). Shown above everything; no app or key
   * hides it. `durationMs` absent: until `fingerprintHide`. `x`/`y` in 0–1 of the screen, random when absent.
   */
  | { readonly type: 'fingerprint'; readonly ecmPid: number; readonly cardId?: string; readonly text?: string; readonly durationMs?: number; readonly x?: number; readonly y?: number; readonly raw: CaRaw }
  | { readonly type: 'fingerprintHide'; readonly ecmPid: number; readonly raw: CaRaw }
  /** The mail icon: none, new mail, or the mailbox is full (blinking). */
  | { readonly type: 'mail'; readonly state: 'none' | 'new' | 'full'; readonly mailId?: string; readonly raw: CaRaw }
  | { readonly type: 'ippvOffer'; readonly offer: IppvOffer; readonly raw: CaRaw }
  | { readonly type: 'ippvHide'; readonly ecmPid: number; readonly raw: CaRaw }
  | { readonly type: 'forceTune'; readonly target: CaForceTuneTarget; readonly raw: CaRaw }
  | { readonly type: 'releaseTune'; readonly raw: CaRaw }
  /** A child card asks to be fed from its parent card. */
  | { readonly type: 'feedRequest'; readonly operatorId: number; readonly raw: CaRaw }
  /** Card upgrade: receiving the patch, then patching; `percent` 0–100. */
  | { readonly type: 'upgradeProgress'; readonly phase: 'receiving' | 'patching'; readonly percent: number; readonly raw: CaRaw }
  | { readonly type: 'entitlementChanged'; readonly operatorId: number; readonly raw: CaRaw }
  /** The card or terminal changed state (inserted, removed, activated, …); read `CaModule.getStatus()` for the rest. */
  | { readonly type: 'cardState'; readonly card: CardState; readonly raw: CaRaw };

export type CaEventType = CaEvent['type'];

/** A smart card's state; a DCAS terminal reports `ready` when activated and authenticated. */
export type CardState =
  | 'absent' | 'inserted' | 'initializing' | 'ready' | 'invalid' | 'expired' | 'pairedOther' | 'sleeping'
  | 'frozen' | 'paused' | 'upgrading'
  /** DCAS terminal states. */
  | 'notActivated' | 'notAuthenticated';
