// Public surface of the conditional-access module: the porting interface, normalized events, the CA session.
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
