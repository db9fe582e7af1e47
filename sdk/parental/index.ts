// Public surface of parental control.
export type {
  ParentalBlockReason, ParentalControl, ParentalControlOptions, ParentalDecision, ParentalSettings, PinCheck,
  ProgrammeRef,
} from './parental-types.js';
