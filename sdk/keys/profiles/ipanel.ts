/**
 * iPanel-style DVB-C middleware (many provincial cable boxes). Arrows are 1–4, OK is 13 (4097 on some
 * firmware), Back 340, Exit 339. Presses arrive as `keypress` and there is no `keyup`, so releases are
 * inferred from the end of auto-repeat. Vendors differ: operators add their codes by JSON configuration.
 */
import { registerKeyProfile } from '../key-profile-registry.js';
import { bindings, DIGIT_ROWS, type KeyProfile } from '../key-profile.js';

export const ipanelProfile: KeyProfile = {
  id: 'ipanel',
  label: 'iPanel DVB-C middleware',
  downEvent: 'keypress',
  sendsKeyUp: false,
  registration: 'none',
  bindings: bindings([
    ['ArrowUp', 1], ['ArrowDown', 2], ['ArrowLeft', 3], ['ArrowRight', 4], ['Enter', 13], ['Enter', 4097],
    ['BrowserBack', 340], ['Exit', 339], ['PageUp', 372], ['PageDown', 373],
    ...DIGIT_ROWS,
    ['ColorF0Red', 832], ['ColorF1Green', 833], ['ColorF2Yellow', 834], ['ColorF3Blue', 835],
    ['ColorF0Red', 2305], ['ColorF1Green', 2306], ['ColorF2Yellow', 2307], ['ColorF3Blue', 2308],
    ['MediaPlay', 4160], ['MediaStop', 4161], ['MediaPause', 4162], ['Info', 4100], ['ContextMenu', 4098],
    ['Guide', 4192], ['AudioVolumeUp', 595], ['AudioVolumeDown', 596], ['AudioVolumeMute', 597],
    ['AudioVolumeMute', 4108],
  ]),
};

registerKeyProfile(ipanelProfile);
