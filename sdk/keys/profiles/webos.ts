/**
 * LG webOS TV (Magic Remote and conventional remote). Back arrives as keyCode 461 with `key` "GoBack"
 * and an empty `code`; the channel keys arrive as PageUp/PageDown codes 33/34.
 */
import { registerKeyProfile } from '../key-profile-registry.js';
import { bindings, DIGIT_ROWS, type KeyProfile } from '../key-profile.js';

export const webosProfile: KeyProfile = {
  id: 'webos',
  label: 'LG webOS',
  downEvent: 'keydown',
  sendsKeyUp: true,
  registration: 'none',
  bindings: bindings([
    ['ArrowLeft', 37], ['ArrowUp', 38], ['ArrowRight', 39], ['ArrowDown', 40], ['Enter', 13],
    ['BrowserBack', 461, 'GoBack'],
    ['ColorF0Red', 403], ['ColorF1Green', 404], ['ColorF2Yellow', 405], ['ColorF3Blue', 406],
    ...DIGIT_ROWS,
    ['MediaPlay', 415], ['MediaPause', 19], ['MediaStop', 413], ['MediaFastForward', 417],
    ['MediaRewind', 412], ['MediaRecord', 416],
    ['ChannelUp', 33], ['ChannelDown', 34],
    ['Info', 457], ['Guide', 458], ['Subtitle', 460],
  ]),
};

registerKeyProfile(webosProfile);
