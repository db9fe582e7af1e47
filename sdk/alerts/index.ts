// Public surface of the alerts module. Built-in formats register themselves on import.
export * from './model.js';
export {
  AlertFormatPriority, registerAlertFormat, alertFormats, findAlertFormat, detectAlertFormat, parseAlert,
} from './formats/alert-format-registry.js';
import './formats/cap/cap-format.js';
import './formats/ebd/ebd-format.js';
import './formats/scte18/scte18-format.js';
export {
  connectAlertDelivery, type AlertDelivery, type AlertDeliveryOptions, type AlertDeliveryStats,
} from './delivery/connect-alert-delivery.js';
export {
  ALERT_TOPIC_ROOT, regionTopic, alertRegionTopics, alertMessageTopic, deviceRegionTopics, deviceAlertSubscriptions,
} from './delivery/alert-topics.js';
export type { AlertDeliveryMessage } from './delivery/alert-delivery-message.js';
export {
  createAlertManager, DEFAULT_ALERT_DB_NAME, matchAreas, chooseLanguage,
  type ActiveAlert, type AlertManager, type AlertManagerOptions, type AlertOrigin, type AlertReceipt, type AreaMatch,
  type DeviceLocation, type IngestOutcome,
} from './manager/index.js';
export {
  mountAlertOverlay, defaultAlertOverlayConfig, resolveAlertOverlayConfig, ALERT_OVERLAY_TAG, YwAlertOverlay,
  type AlertOverlayHandle, type AlertOverlaySource, type AlertOverlayConfig, type AlertOverlayOptions,
  type AlertLevelColours, type AttentionToneConfig, type OverlayView, type ShownAlert,
} from './overlay/index.js';
