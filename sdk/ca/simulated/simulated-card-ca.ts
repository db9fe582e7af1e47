/**
 * A simulated smart-card CA (vendor `sim-card`, CA_system_id 0x4A02, CDCAS prompt codes) for the emulator and
 * tests. The emulator's box panel inserts, removes and swaps the card with `setCard`; everything else
 * (entitlements, wallet, OSD, fingerprint, mail, IPPV, PIN) is the shared `SimulatedCaBase`.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { CardState } from '../ca-events.js';
import type { CaStatus } from '../ca-module.js';
import { SimulatedCaBase } from './simulated-ca-base.js';
import type { SimulatedCaOptions } from './simulated-ca-types.js';
import { SIM_CARD_TABLE, SIM_CARD_VENDOR } from './simulated-vendors.js';

/** The card in the slot: none, a good one, one the CA cannot read, an expired one, one paired to another box. */
export type SimulatedCardState = 'absent' | 'ready' | 'invalid' | 'expired' | 'pairedOther';

const CARD_STATES: readonly SimulatedCardState[] = ['absent', 'ready', 'invalid', 'expired', 'pairedOther'];

/** CDCAS `ShowBuyMessage` codes for a card that cannot descramble. */
const CARD_BLOCK: Readonly<Record<SimulatedCardState, number | undefined>> = {
  absent: 0x03, ready: undefined, invalid: 0x01, expired: 0x02, pairedOther: 0x08,
};

export interface SimulatedCardOptions extends SimulatedCaOptions {
  /** The card in the slot at start. Default `ready`. */
  readonly card?: SimulatedCardState;
}

export class SimulatedCardCa extends SimulatedCaBase {
  readonly vendor = SIM_CARD_VENDOR;
  readonly kind = 'smartCard' as const;
  protected readonly table = SIM_CARD_TABLE;
  #card: SimulatedCardState;

  constructor(options: SimulatedCardOptions = {}) {
    super(options, '8000');
    this.#card = options.card ?? 'ready';
  }

  get card(): SimulatedCardState {
    return this.#card;
  }

  /** Inserts, removes or swaps the card; started services are re-evaluated (block or unblock). */
  setCard(state: SimulatedCardState): void {
    if (!CARD_STATES.includes(state)) {
      throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaCommandFailed,
        `Unknown card state "${state}"; use one of ${CARD_STATES.join(', ')}`, { command: 'setCard', code: 'unknown', raw: { vendor: this.vendor, code: state } });
    }
    if (state === this.#card) return;
    this.#card = state;
    this.deviceChanged();
  }

  protected deviceBlockCode(): number | undefined {
    return CARD_BLOCK[this.#card];
  }

  protected deviceCardState(): CardState {
    return this.#card;
  }

  protected devicePairing(): CaStatus['pairing'] {
    return this.#card === 'pairedOther' ? 'pairedOther' : this.#card === 'ready' ? 'paired' : 'notPaired';
  }

  protected override identity(): string | undefined {
    return this.#card === 'absent' ? undefined : this.cardIdValue;
  }

  protected deviceSnapshot(): string {
    return this.#card;
  }

  protected restoreDevice(state: string): boolean {
    if (!(CARD_STATES as readonly string[]).includes(state)) return false;
    this.#card = state as SimulatedCardState;
    return true;
  }
}
