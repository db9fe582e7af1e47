/**
 * Samsung Tizen TV: `tizen.tvinputdevice` key codes. Arrows, Enter and Back always arrive; every other key
 * must be registered with `registerKey` first (the platform adapter does it for the declared groups).
 */
import { registerKeyProfile } from '../key-profile-registry.js';
import { bindings, DIGIT_ROWS, type KeyProfile } from '../key-profile.js';

export const tizenProfile: KeyProfile = {
  id: 'tizen',
  label: 'Samsung Tizen',
  downEvent: 'keydown',
  sendsKeyUp: true,
  registration: 'per-key',
  alwaysDelivered: ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'BrowserBack'],
  bindings: bindings([
    ['ArrowLeft', 37], ['ArrowUp', 38], ['ArrowRight', 39], ['ArrowDown', 40], ['Enter', 13],
    ['BrowserBack', 10009, 'XF86Back'], ['Exit', 10182, 'XF86Exit'],
    ['ColorF0Red', 403], ['ColorF1Green', 404], ['ColorF2Yellow', 405], ['ColorF3Blue', 406],
    ...DIGIT_ROWS,
    ['MediaPlayPause', 10252], ['MediaPlay', 415], ['MediaPause', 19], ['MediaStop', 413],
    ['MediaRewind', 412], ['MediaFastForward', 417], ['MediaRecord', 416],
    ['MediaTrackPrevious', 10232], ['MediaTrackNext', 10233],
    ['ChannelUp', 427], ['ChannelDown', 428],
    ['AudioVolumeUp', 447], ['AudioVolumeDown', 448], ['AudioVolumeMute', 449],
    ['Info', 457], ['Guide', 458], ['ContextMenu', 10135], // Tools
    ['Settings', 18], // the Menu key opens settings on Tizen remotes
    ['Subtitle', 10221], ['Search', 10225],
  ]),
};

/** Tizen's own key names for `registerKey`, by normalized name (tvinputdevice "supported keys"). */
export const TIZEN_KEY_NAMES: Readonly<Partial<Record<string, string>>> = {
  ColorF0Red: 'ColorF0Red', ColorF1Green: 'ColorF1Green', ColorF2Yellow: 'ColorF2Yellow',
  ColorF3Blue: 'ColorF3Blue', MediaPlayPause: 'MediaPlayPause', MediaPlay: 'MediaPlay', MediaPause: 'MediaPause',
  MediaStop: 'MediaStop', MediaRewind: 'MediaRewind', MediaFastForward: 'MediaFastForward',
  MediaRecord: 'MediaRecord', MediaTrackPrevious: 'MediaTrackPrevious', MediaTrackNext: 'MediaTrackNext',
  ChannelUp: 'ChannelUp', ChannelDown: 'ChannelDown', Info: 'Info', Guide: 'Guide', ContextMenu: 'Tools',
  Exit: 'Exit', Settings: 'Menu', Subtitle: 'Caption', Search: 'Search', AudioVolumeUp: 'VolumeUp',
  AudioVolumeDown: 'VolumeDown', AudioVolumeMute: 'VolumeMute',
  '0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8', '9': '9',
};

registerKeyProfile(tizenProfile);
