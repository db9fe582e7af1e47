/**
 * Vendor tables of the two simulated CA modules. Both number their prompts like CDCAS 3.0 (so the emulator
 * shows the codes a real Novel-SuperTV box shows); the DCAS variant adds two terminal prompts, and both add
 * the results CDCAS has no code for (PIN lock, wallet too low) at 0x80+, outside CDCAS's range.
 */
import type { CaVendorTable } from '../vendors/ca-vendor.js';
import { registerCaVendor } from '../vendors/ca-vendor-registry.js';
import { CDCAS_PROMPTS, CDCAS_RESULTS } from '../vendors/cdcas.js';

export const SIM_CARD_VENDOR = 'sim-card';
export const SIM_DCAS_VENDOR = 'sim-dcas';

/** Prompt codes of the DCAS terminal (the simulator's own). */
export const SIM_DCAS_NOT_ACTIVATED = 0x80;
export const SIM_DCAS_NOT_AUTHENTICATED = 0x81;

const SIM_RESULTS = [
  ...CDCAS_RESULTS,
  { code: 0x80, name: 'SIM_RC_PIN_LOCKED', result: 'pinLocked' },
  { code: 0x81, name: 'SIM_RC_NO_MONEY', result: 'noMoney' },
] as const;

export const SIM_CARD_TABLE: CaVendorTable = {
  id: SIM_CARD_VENDOR,
  label: 'Simulated smart-card CA (CDCAS codes)',
  caSystemIds: [0x4A02],
  prompts: CDCAS_PROMPTS,
  results: SIM_RESULTS,
};

export const SIM_DCAS_TABLE: CaVendorTable = {
  id: SIM_DCAS_VENDOR,
  label: 'Simulated DCAS terminal (CDCAS codes plus terminal states)',
  caSystemIds: [0x4A02],
  prompts: [
    ...CDCAS_PROMPTS,
    { code: SIM_DCAS_NOT_ACTIVATED, name: 'SIM_DCAS_TERMINAL_NOT_ACTIVATED', reason: 'terminalNotActivated', text: '终端未激活，请联系运营商' },
    { code: SIM_DCAS_NOT_AUTHENTICATED, name: 'SIM_DCAS_TERMINAL_NOT_AUTHENTICATED', reason: 'terminalNotAuthenticated', text: '终端认证失败' },
  ],
  results: SIM_RESULTS,
};

registerCaVendor(SIM_CARD_TABLE);
registerCaVendor(SIM_DCAS_TABLE);
