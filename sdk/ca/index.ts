// Public surface of the conditional-access module: the porting interface, normalized events, the CA session,
// vendor tables and their registry, prompt texts and operator config, and the two simulated CA modules.
export { CA_BLOCK_REASONS } from './ca-events.js';
export type {
  CaBlockReason, CaEvent, CaEventType, CaForceTuneTarget, CaRaw, CardState, IppvOffer, OsdPosition,
} from './ca-events.js';
export type {
  CaEntitlement, CaFeedData, CaKind, CaMail, CaModule, CaOperator, CaResult, CaResultCode, CaService, CaStatus,
  CaWallet, TimeWindow,
} from './ca-module.js';
export type {
  CaPromptConfig, CaPromptText, CaPromptView, CaView, ConditionalAccess, ConditionalAccessOptions, FingerprintView,
  OsdView,
} from './conditional-access-types.js';
export { openConditionalAccess } from './conditional-access.js';
export { SYNTHETIC_ECM_BASE } from './ecm-key.js';
export { caPromptConfigFromJson } from './prompt-config.js';
export { DEFAULT_CA_PROMPTS, describeCaReason } from './prompt-texts.js';
export { CA_CARD_STATES, caEventProblem, isCaEvent } from './validate-ca-event.js';
export { caVendorBlockEvent, caVendorPrompt, caVendorResult } from './vendors/ca-vendor.js';
export type { CaVendorPrompt, CaVendorResult, CaVendorTable } from './vendors/ca-vendor.js';
export {
  caVendors, CaVendorPriority, findCaVendor, findCaVendorBySystemId, registerCaVendor, unregisterCaVendor,
} from './vendors/ca-vendor-registry.js';
export {
  CDCAS_EMAIL_ICONS, CDCAS_IPPV_STAGES, CDCAS_OSD_STYLES, CDCAS_PROGRESS_MARKS, CDCAS_PROMPTS, CDCAS_RESULTS, CDCAS_TABLE,
  CDCAS_VENDOR,
} from './vendors/cdcas.js';
export { CdcasCallbackBridge, cdcasCallbackToEvent } from './vendors/cdcas-callbacks.js';
export type { CdcasCallback, CdcasIppvInfo, CdcasLockService } from './vendors/cdcas-callbacks.js';
export { DVT_PROMPTS, DVT_TABLE, DVT_VENDOR } from './vendors/dvt.js';
export { CA_MAILBOX_SIZE, SimulatedCaBase } from './simulated/simulated-ca-base.js';
export { SimulatedCardCa } from './simulated/simulated-card-ca.js';
export type { SimulatedCardOptions, SimulatedCardState } from './simulated/simulated-card-ca.js';
export { SimulatedDcas } from './simulated/simulated-dcas.js';
export type { SimulatedDcasOptions, SimulatedTerminalState } from './simulated/simulated-dcas.js';
export type {
  EntitleOptions, OfferIppvOptions, SimulatedCaOptions, SimulatedCaSnapshot, SimulatedCaState,
} from './simulated/simulated-ca-types.js';
export { SIM_CARD_TABLE, SIM_CARD_VENDOR, SIM_DCAS_TABLE, SIM_DCAS_VENDOR } from './simulated/simulated-vendors.js';
