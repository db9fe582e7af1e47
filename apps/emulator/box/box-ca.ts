/**
 * The box's CA library as the emulator host drives it: the `CaModule` the device app calls (through
 * `ca-host.ts`), plus the controls of the simulation (the box panel, `emulator.ca`). `simulated-box-ca.ts`
 * builds it on the SDK's simulated smart card and DCAS.
 */
import type { Observable } from 'rxjs';
import type { CaEntitlement, CaKind, CaModule, CaWallet, OsdPosition } from '../../../sdk/index.js';

/**
 * The card states QA sets (`emulator.ca.setCard`); on a DCAS box `ready` activates the terminal, `absent`
 * deactivates it and `invalid` fails its authentication.
 */
export const EMULATOR_CARD_STATES = ['absent', 'ready', 'invalid', 'expired', 'pairedOther'] as const;
export type EmulatorCardState = (typeof EMULATOR_CARD_STATES)[number];

export function isEmulatorCardState(value: unknown): value is EmulatorCardState {
  return typeof value === 'string' && (EMULATOR_CARD_STATES as readonly string[]).includes(value);
}

export const OSD_POSITIONS: readonly OsdPosition[] = ['top', 'bottom', 'full', 'half'];

export function isOsdPosition(value: unknown): value is OsdPosition {
  return typeof value === 'string' && (OSD_POSITIONS as readonly string[]).includes(value);
}

export interface BoxCa {
  readonly kind: CaKind;
  readonly module: CaModule;
  /** Emits whenever the card, entitlements, wallet or activation changed (the panel re-reads, the host persists). */
  readonly changes: Observable<unknown>;
  /** Resolves (when it returns a promise) once the card or terminal is in that state; throws when it cannot be. */
  setCard(state: EmulatorCardState): void | Promise<void>;
  /** Entitles a product from now until `expire` (ms since epoch; default a year from now). */
  entitle(productId: number, expire?: number): void;
  revoke(productId: number): void;
  /** Sets the balance of the first wallet, in fen. */
  setWallet(balance: number): void;
  osd(text: string, position: OsdPosition, durationMs?: number): void;
  hideOsd(position: OsdPosition): void;
  /** Shows the card's fingerprint for `durationMs` (until hidden when absent). */
  fingerprint(durationMs?: number): void;
  hideFingerprint(): void;
  mail(title: string, body: string): void;
  /** The CA forces the box to channel `number` (a mandatory operator channel), until `releaseTune`. */
  forceTune(number: number): void;
  releaseTune(): void;
  /** Offers pay-per-view of `productId` at `price` fen on the service being watched. */
  ippv(productId: number, price: number): void;
  /**
   * What the box holds, read from the operator's side: entitlements and wallets whatever the card's state
   * (the device's `getEntitlements` answers nothing while the card is absent or faulty).
   */
  holdings(): { readonly entitlements: readonly CaEntitlement[]; readonly wallets: readonly CaWallet[] };
  /** What to persist across an emulator reload (structured-cloneable). */
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  /** Stops its timers; the library is not used again. */
  dispose(): void;
}
