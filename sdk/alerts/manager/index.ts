// The alert manager: the device's alert state (ingest decisions, targeting, language, time, persistence).
export type {
  ActiveAlert, AlertManager, AlertManagerOptions, AlertOrigin, AlertReceipt, DeviceLocation, IngestOutcome,
} from './alert-manager-types.js';
export {
  createAlertManager, DEFAULT_ALERT_LIFETIME_MS, DEFAULT_CHECK_INTERVAL_MS, DEFAULT_RESTORE_TIMEOUT_MS,
} from './alert-manager.js';
export { DEFAULT_ALERT_DB_NAME } from './alert-store.js';
export {
  distanceKm, matchAreas, pointInCircle, pointInPolygon, regionCovers, regionPrefix, scte18Covers, scte18LocationOf,
  type AreaMatch, type Scte18Location,
} from './area-match.js';
export { chooseLanguage } from './choose-language.js';
