// Public surface of the alert overlay.
export {
  mountAlertOverlay, type AlertOverlayHandle, type AlertOverlaySource,
} from './mount-alert-overlay.js';
export {
  defaultAlertOverlayConfig, resolveAlertOverlayConfig, type AlertOverlayConfig, type AlertOverlayOptions,
  type AlertLevelColours, type AttentionToneConfig,
} from './overlay-options.js';
export { ALERT_OVERLAY_TAG, YwAlertOverlay, defineAlertOverlayElement, type OverlayAnnouncement } from './alert-overlay-element.js';
export { planOverlay, sameChannel, type OverlayView, type ShownAlert } from './overlay-view.js';
