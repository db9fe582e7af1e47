/**
 * Desktop keyboard, for development in a browser and for the emulator. Keys a keyboard lacks are put on
 * letters and function keys; `legend` is what the emulator shows.
 */
import { registerKeyProfile } from '../key-profile-registry.js';
import { bindings, DIGIT_ROWS, type KeyProfile } from '../key-profile.js';

export const keyboardProfile: KeyProfile = {
  id: 'keyboard',
  label: 'Desktop keyboard',
  downEvent: 'keydown',
  sendsKeyUp: true,
  registration: 'none',
  bindings: bindings([
    ['ArrowUp', 38, 'ArrowUp'], ['ArrowDown', 40, 'ArrowDown'], ['ArrowLeft', 37, 'ArrowLeft'],
    ['ArrowRight', 39, 'ArrowRight'], ['Enter', 13, 'Enter'], ['BrowserBack', 8, 'Backspace'],
    ['Exit', 27, 'Escape'], ['Home', 36, 'Home'], ['ContextMenu', 77, 'm'], ['Guide', 71, 'g'],
    ['Info', 73, 'i'], ['ChannelUp', 187, '='], ['ChannelDown', 189, '-'], ['AudioVolumeUp', 221, ']'],
    ['AudioVolumeDown', 219, '['], ['AudioVolumeMute', 119, 'F8'],
    ...DIGIT_ROWS,
    ['ColorF0Red', 82, 'r'], ['ColorF1Green', 84, 't'], ['ColorF2Yellow', 89, 'y'], ['ColorF3Blue', 85, 'u'],
    ['MediaPlayPause', 32, ' '], ['MediaPlay', 80, 'p'], ['MediaPause', 65, 'a'], ['MediaStop', 83, 's'],
    ['MediaFastForward', 70, 'f'], ['MediaRewind', 87, 'w'], ['MediaRecord', 67, 'c'],
    ['MediaTrackNext', 190, '.'], ['MediaTrackPrevious', 188, ','], ['PageUp', 33, 'PageUp'],
    ['PageDown', 34, 'PageDown'], ['Power', 120, 'F9'], ['Settings', 69, 'e'], ['Subtitle', 86, 'v'],
    ['Search', 191, '/'],
  ]),
  legend: {
    ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Enter: 'Enter', BrowserBack: 'Backspace',
    Exit: 'Esc', Home: 'Home', ContextMenu: 'M', Guide: 'G', Info: 'I', ChannelUp: '=', ChannelDown: '-',
    AudioVolumeUp: ']', AudioVolumeDown: '[', AudioVolumeMute: 'F8', ColorF0Red: 'R', ColorF1Green: 'T',
    ColorF2Yellow: 'Y', ColorF3Blue: 'U', MediaPlayPause: 'Space', MediaPlay: 'P', MediaPause: 'A',
    MediaStop: 'S', MediaFastForward: 'F', MediaRewind: 'W', MediaRecord: 'C', MediaTrackNext: '.',
    MediaTrackPrevious: ',', PageUp: 'PgUp', PageDown: 'PgDn', Power: 'F9', Settings: 'E', Subtitle: 'V',
    Search: '/', '0': '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', '7': '7', '8': '8',
    '9': '9',
  },
};

registerKeyProfile(keyboardProfile);
