/**
 * A simulated downloadable CA (DCAS, GY/T 255) terminal: no card, a security chip that must be activated by
 * the operator and authenticated. Vendor `sim-dcas`; blocks with `terminalNotActivated` /
 * `terminalNotAuthenticated` instead of card reasons; the rest is the shared `SimulatedCaBase`.
 */
import type { CardState } from '../ca-events.js';
import type { CaStatus } from '../ca-module.js';
import { SimulatedCaBase } from './simulated-ca-base.js';
import type { SimulatedCaOptions } from './simulated-ca-types.js';
import { SIM_DCAS_NOT_ACTIVATED, SIM_DCAS_NOT_AUTHENTICATED, SIM_DCAS_TABLE, SIM_DCAS_VENDOR } from './simulated-vendors.js';

export type SimulatedTerminalState = 'notActivated' | 'activating' | 'ready' | 'notAuthenticated';

const TERMINAL_STATES: readonly SimulatedTerminalState[] = ['notActivated', 'activating', 'ready', 'notAuthenticated'];

const TERMINAL_BLOCK: Readonly<Record<SimulatedTerminalState, number | undefined>> = {
  notActivated: SIM_DCAS_NOT_ACTIVATED, activating: SIM_DCAS_NOT_ACTIVATED, ready: undefined, notAuthenticated: SIM_DCAS_NOT_AUTHENTICATED,
};

/** The terminal state as a CardState: activation is the chip's initialization. */
const AS_CARD_STATE: Readonly<Record<SimulatedTerminalState, CardState>> = {
  notActivated: 'notActivated', activating: 'initializing', ready: 'ready', notAuthenticated: 'notAuthenticated',
};

export interface SimulatedDcasOptions extends SimulatedCaOptions {
  /** Terminal state at start. Default `ready`. */
  readonly terminal?: SimulatedTerminalState;
  /** How long `activate()` takes (the operator's activation round trip). Default 500 ms. */
  readonly activationMs?: number;
}

export class SimulatedDcas extends SimulatedCaBase {
  readonly vendor = SIM_DCAS_VENDOR;
  readonly kind = 'dcas' as const;
  protected readonly table = SIM_DCAS_TABLE;
  readonly #activationMs: number;
  #terminal: SimulatedTerminalState;
  #activation: Promise<void> | undefined;

  constructor(options: SimulatedDcasOptions = {}) {
    super(options, '3A00');
    this.#terminal = options.terminal ?? 'ready';
    this.#activationMs = options.activationMs ?? 500;
  }

  get terminal(): SimulatedTerminalState {
    return this.#terminal;
  }

  /** Activates the terminal: `activating`, then `ready` after `activationMs`. Resolves when ready. */
  activate(): Promise<void> {
    if (this.#terminal === 'ready') return Promise.resolve();
    if (this.#activation) return this.#activation;
    this.#set('activating');
    this.#activation = new Promise<void>((resolve) => {
      setTimeout(() => {
        this.#activation = undefined;
        // Deactivated or failed meanwhile: the activation lapsed.
        if (this.#terminal === 'activating') this.#set('ready');
        resolve();
      }, this.#activationMs);
    });
    return this.#activation;
  }

  /** The operator deactivated the terminal. */
  deactivate(): void {
    this.#set('notActivated');
  }

  /** The chip failed authentication (until `activate()` again). */
  failAuthentication(): void {
    this.#set('notAuthenticated');
  }

  #set(state: SimulatedTerminalState): void {
    if (state === this.#terminal) return;
    this.#terminal = state;
    this.deviceChanged();
  }

  protected deviceBlockCode(): number | undefined {
    return TERMINAL_BLOCK[this.#terminal];
  }

  protected deviceCardState(): CardState {
    return AS_CARD_STATE[this.#terminal];
  }

  protected devicePairing(): CaStatus['pairing'] {
    return 'notPaired';
  }

  protected deviceSnapshot(): string {
    return this.#terminal;
  }

  protected restoreDevice(state: string): boolean {
    if (!(TERMINAL_STATES as readonly string[]).includes(state)) return false;
    // An activation in flight does not survive a reload: the operator is asked again.
    this.#terminal = state === 'activating' ? 'notActivated' : state as SimulatedTerminalState;
    return true;
  }
}
