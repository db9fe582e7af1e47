// Public surface of the channels module: lineup, favourites and recents, tuning.
export {
  TUNE_ERRORS, guideChannelId, tripletId,
  type Channel, type ChannelCa, type ChannelKind, type ChannelSource, type DrmConfig, type DvbTriplet,
  type TuneCaBlock, type TuneErrorCode, type TuneFailure, type TuneResult, type TuneSuccess,
} from './channel.js';
export type {
  Lineup, LineupOptions, LineupWarning, TuneOptions, TuneTarget, Tuner, TunerOptions, TunerState, ZapRecord, ZapSkip,
} from './channels-types.js';
