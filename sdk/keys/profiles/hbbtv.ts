/**
 * HbbTV / OIPF terminals: VK_* codes of OIPF DAE §7.2.5 and CEA-2014 Annex F, delivered after the app
 * sets its KeySet (HbbTV 2.0.3 §10.2.2.1). Exit has no VK_ code; the terminal keeps it.
 */
import { registerKeyProfile } from '../key-profile-registry.js';
import { bindings, DIGIT_ROWS, type KeyProfile } from '../key-profile.js';

export const hbbtvProfile: KeyProfile = {
  id: 'hbbtv',
  label: 'HbbTV / OIPF (VK_*)',
  downEvent: 'keydown',
  sendsKeyUp: true,
  registration: 'keyset',
  bindings: bindings([
    ['ArrowLeft', 37], ['ArrowUp', 38], ['ArrowRight', 39], ['ArrowDown', 40], ['Enter', 13],
    ['BrowserBack', 461], // VK_BACK
    ['ColorF0Red', 403], ['ColorF1Green', 404], ['ColorF2Yellow', 405], ['ColorF3Blue', 406],
    ...DIGIT_ROWS,
    ['MediaStop', 413], ['MediaPlay', 415], ['MediaPause', 19], ['MediaPlayPause', 402],
    ['MediaFastForward', 417], ['MediaRewind', 412], ['MediaRecord', 416],
    ['MediaTrackNext', 425], ['MediaTrackPrevious', 424], // VK_TRACK_NEXT / VK_TRACK_PREV
    ['PageUp', 33], ['PageDown', 34], // VK_PAGE_UP / VK_PAGE_DOWN (KeySet SCROLL)
    ['Info', 457], ['Guide', 458], ['Subtitle', 460], ['ContextMenu', 462], // VK_INFO, VK_GUIDE, VK_SUBTITLE, VK_MENU
    ['ChannelUp', 427], ['ChannelDown', 428],
    ['AudioVolumeUp', 447], ['AudioVolumeDown', 448], ['AudioVolumeMute', 449],
    ['Power', 409], // VK_POWER
  ]),
};

registerKeyProfile(hbbtvProfile);
