/**
 * China Telecom / China Unicom IPTV boxes (Huawei, ZTE, FiberHome, Skyworth) running the operators' EPG
 * browser. Codes from the operators' portal key tables. Code 0x300 (KEY_IPTV_EVENT) is a media event,
 * not a key: it arrives as `Unidentified` with raw 768 for the player to read `Utility.getEvent()`.
 */
import { registerKeyProfile } from '../key-profile-registry.js';
import { bindings, DIGIT_ROWS, type KeyProfile } from '../key-profile.js';

export const cnIptvProfile: KeyProfile = {
  id: 'cn-iptv',
  label: 'China IPTV (Telecom/Unicom)',
  downEvent: 'keydown',
  sendsKeyUp: true,
  registration: 'none',
  bindings: bindings([
    ['ArrowLeft', 0x25], ['ArrowUp', 0x26], ['ArrowRight', 0x27], ['ArrowDown', 0x28], ['Enter', 0x0d],
    ['BrowserBack', 0x08], ['BrowserBack', 0x18],
    ['PageUp', 0x21], ['PageDown', 0x22],
    ...DIGIT_ROWS,
    ['Power', 0x100], ['ChannelUp', 0x101], ['ChannelDown', 0x102],
    ['AudioVolumeUp', 0x103], ['AudioVolumeDown', 0x104], ['AudioVolumeMute', 0x105],
    ['MediaPlayPause', 0x107], ['MediaFastForward', 0x108], ['MediaRewind', 0x109], ['Info', 0x10c],
    ['MediaStop', 0x10e], ['Home', 0x110], // PORTAL (首页)
    ['ColorF0Red', 0x113], ['ColorF1Green', 0x114], ['ColorF2Yellow', 0x115], ['ColorF3Blue', 0x116],
    ['Search', 0x11d], ['Guide', 0x70], ['Settings', 0x71],
  ]),
};

registerKeyProfile(cnIptvProfile);
