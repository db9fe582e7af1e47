// Public surface of the SDK's on-screen layers: the ranked top layer they share, and the system UI layer
// (CA prompts, OSD, fingerprint, mail icon, IPPV and parental PIN dialogs).
export {
  TopLayerRank, TopLayerStack, topLayerStack, type TopLayerMember, type TopLayerMemberInfo,
} from './top-layer/top-layer-stack.js';
export { KeepOnTop, type KeepOnTopTarget } from './top-layer/keep-on-top.js';
export {
  KeyGuard, keyProfileOf, keyTargetsOf, type KeyDecision, type KeyGuardPolicy,
} from './top-layer/key-guard.js';
export { mountSystemUi, type ParentalPinAnswer, type SystemUi } from './system/mount-system-ui.js';
export {
  defaultSystemUiConfig, resolveSystemUiConfig, type SystemUiConfig, type SystemUiOptions,
} from './system/system-ui-options.js';
export {
  SYSTEM_LAYER_TAG, YiwangSystemLayer, defineSystemUiElements, type IppvDialogState, type PinDialogState,
  type SystemLayerDelegate,
} from './system/system-layer.js';
export { CA_PROMPT_TAG, YiwangCaPrompt, promptLine } from './system/ca-prompt.js';
export { OSD_CRAWL_TAG, YiwangOsdCrawl, type OsdDoneDetail } from './system/osd-crawl.js';
export { OSD_PANEL_TAG, YiwangOsdPanel } from './system/osd-panel.js';
export { FINGERPRINT_MARK_TAG, YiwangFingerprintMark } from './system/fingerprint-mark.js';
export { MAIL_ICON_TAG, YiwangMailIcon } from './system/mail-icon.js';
export { UPGRADE_STRIP_TAG, YiwangUpgradeStrip } from './system/upgrade-strip.js';
export { FEED_NOTICE_TAG, YiwangFeedNotice } from './system/feed-notice.js';
export { IPPV_DIALOG_TAG, YiwangIppvDialog, type IppvAnswerDetail } from './system/ippv-dialog.js';
export { PIN_DIALOG_TAG, YiwangPinDialog, type ParentalPinRequest } from './system/pin-dialog.js';
export { DIALOG_KEYS, PIN_MAX_LENGTH, PIN_MIN_LENGTH, type DialogFeedback } from './system/pin-entry.js';
