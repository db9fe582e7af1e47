// Public surface of parental control.
export type {
  ParentalBlockReason, ParentalControl, ParentalControlOptions, ParentalDecision, ParentalSettings, ParentalUnlock,
  PinCheck, ProgrammeRef,
} from './parental-types.js';
export {
  DEFAULT_MAX_PIN_ATTEMPTS, DEFAULT_PIN_ITERATIONS, DEFAULT_PIN_LOCKOUT_MS, PARENTAL_BROADCAST_CHANNEL, openParentalControl,
} from './parental-control.js';
export { DEFAULT_PARENTAL_DB_NAME } from './parental-store.js';
export { nextTimeWindowChange, withinTimeWindow } from './viewing-window.js';
