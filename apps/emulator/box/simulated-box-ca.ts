/**
 * The emulator box's CA library: the SDK's simulated smart-card CA or simulated DCAS terminal, behind the
 * `BoxCa` controls the box panel and `emulator.ca` use.
 */
import { skip } from 'rxjs';
import { SimulatedCardCa, SimulatedDcas, type CaKind, type SimulatedCaBase } from '../../../sdk/index.js';
import type { BoxCa, EmulatorCardState } from './box-ca.js';

/** Default entitlement length when QA gives no expiry: a year, so a test session never sees one lapse. */
const DEFAULT_ENTITLEMENT_MS = 365 * 86_400_000;

export function createSimulatedBoxCa(kind: CaKind): BoxCa {
  return kind === 'dcas' ? dcasBox(new SimulatedDcas()) : cardBox(new SimulatedCardCa());
}

function common(sim: SimulatedCaBase): Omit<BoxCa, 'kind' | 'setCard'> {
  return {
    module: sim,
    // state$ replays the current state; the host wants changes only.
    changes: sim.state$.pipe(skip(1)),
    entitle: (productId, expire) => {
      sim.entitle(productId, { expire: expire ?? Date.now() + DEFAULT_ENTITLEMENT_MS });
    },
    revoke: (productId) => {
      sim.revoke(productId);
    },
    setWallet: (balance) => {
      sim.setWallet(balance);
    },
    osd: (text, position, durationMs) => {
      sim.sendOsd(text, position, durationMs === undefined ? {} : { durationMs });
    },
    hideOsd: (position) => {
      sim.hideOsd(position);
    },
    fingerprint: (durationMs) => {
      sim.fingerprint(durationMs);
    },
    hideFingerprint: () => {
      sim.hideFingerprint();
    },
    mail: (title, body) => {
      if (!sim.sendMail({ title, body })) throw new Error('the mailbox is full (the mail icon blinks)');
    },
    forceTune: (number) => {
      sim.forceTune({ number });
    },
    releaseTune: () => {
      sim.releaseTune();
    },
    ippv: (productId, price) => {
      sim.offerIppv({ productId, price });
    },
    holdings: () => {
      const { entitlements, wallets } = sim.state();
      return { entitlements, wallets };
    },
    snapshot: () => sim.snapshot(),
    restore: (snapshot) => {
      sim.restore(snapshot);
    },
    dispose: () => {
      sim.dispose();
    },
  };
}

function cardBox(sim: SimulatedCardCa): BoxCa {
  return {
    ...common(sim),
    kind: 'smartCard',
    setCard: (state: EmulatorCardState) => {
      sim.setCard(state);
    },
  };
}

function dcasBox(sim: SimulatedDcas): BoxCa {
  return {
    ...common(sim),
    kind: 'dcas',
    // A DCAS box has no slot: `ready` activates the terminal (resolves once active), `absent` deactivates it,
    // `invalid` is a chip that failed authentication; expiry and pairing belong to cards only.
    setCard: (state: EmulatorCardState) => {
      switch (state) {
        case 'ready': return sim.activate();
        case 'absent': sim.deactivate(); return undefined;
        case 'invalid': sim.failAuthentication(); return undefined;
        default: throw new Error(`a DCAS box has no card to make ${state}: use ready (activate), absent (deactivate) or invalid (failed authentication)`);
      }
    },
  };
}
