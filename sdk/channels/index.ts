// Public surface of the channels module: lineup, favourites and recents, tuning.
export {
  TUNE_ERRORS, guideChannelId, tripletId,
  type Channel, type ChannelCa, type ChannelKind, type ChannelSource, type DrmConfig, type DvbTriplet,
  type TuneCaBlock, type TuneErrorCode, type TuneFailure, type TuneResult, type TuneSuccess,
} from './channel.js';
export type {
  Lineup, LineupOptions, LineupWarning, TuneOptions, TuneTarget, Tuner, TunerOptions, TunerState, ZapRecord, ZapSkip,
} from './channels-types.js';
export {
  LINEUP_FORMAT_VERSION, formatLineupWarning, parseLineupJson, type ParseLineupOptions, type ParsedLineup,
} from './lineup-json.js';
export { CHANNELS_BROADCAST_CHANNEL, DEFAULT_MAX_RECENTS, mergeChannels, openLineup } from './lineup.js';
export { DEFAULT_CHANNEL_DB_NAME } from './channel-store.js';
export { createTuner } from './tuner.js';
export { channelNumberEntry, type ChannelNumberEntryEvent } from './channel-number-entry.js';
