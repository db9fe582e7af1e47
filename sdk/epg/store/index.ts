// The guide store: IndexedDB through idb, batched imports, pruning, change feed.
export {
  openGuide, DEFAULT_GUIDE_NAME, DEFAULT_RETENTION_MS, DEFAULT_CHUNK_SIZE, EPG_BROADCAST_CHANNEL,
} from './epg-store.js';
export type {
  EpgStore, OpenGuideOptions, StoreChange, StoreChangeInit, ImportOptions, ImportProgress, ImportSummary, LastImport,
} from './epg-store.js';
export { EPG_DB_VERSION, MAX_PROGRAMME_MS, DAY_MS } from './schema.js';
export type { EpgDB, ScheduleRecord, DirectoryRecord, ReminderRecord, MetaRecord } from './schema.js';
