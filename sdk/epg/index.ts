// Public surface of the EPG module. Built-in sources register themselves on import.
export * from './model.js';
export type { ByteChunks, EpgBatch, EpgParseOptions, EpgParseReport, EpgSource } from './sources/epg-source.js';
export {
  EpgSourcePriority, registerEpgSource, unregisterEpgSource, epgFormats, findEpgSource, detectEpgSource, createEpgReport,
} from './sources/epg-source-registry.js';
import './sources/xmltv/xmltv-source.js';
import './sources/json/json-source.js';
import './sources/eit/eit-source.js';
import './sources/eit/ts-source.js';
export { genreOfLabel, genresOfLabels } from './genres.js';
export { minAgeOfRating } from './ratings.js';
export * from './store/index.js';
export * from './queries/index.js';
export * from './reminders/index.js';
export { connectEpgFeeds, type ConnectEpgFeedsOptions } from './feeds/connect-epg-feeds.js';
export { importEpgFeed, DEFAULT_FEED_WARNINGS, type EpgFeedInput, type ImportEpgFeedOptions } from './feeds/import-epg-feed.js';
export * from './sources/eit/index.js';
