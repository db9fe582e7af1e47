/**
 * Normalized remote-key names: W3C UI Events `KeyboardEvent.key` values, as HbbTV 2.0.3 (§10.2.2.1)
 * uses them. Every key event the SDK emits carries one of these, or `Unidentified` with its raw code.
 */
export const KEY_NAMES = [
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'BrowserBack', 'Exit', 'Home', 'ContextMenu',
  'Guide', 'Info', 'ChannelUp', 'ChannelDown', 'AudioVolumeUp', 'AudioVolumeDown', 'AudioVolumeMute',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
  'ColorF0Red', 'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue',
  'MediaPlay', 'MediaPause', 'MediaPlayPause', 'MediaStop', 'MediaFastForward', 'MediaRewind', 'MediaRecord',
  'MediaTrackNext', 'MediaTrackPrevious', 'PageUp', 'PageDown', 'Power', 'Settings', 'Subtitle', 'Search',
] as const;

export type KnownKeyName = (typeof KEY_NAMES)[number];
/** A normalized key, or `Unidentified` when no profile knows the raw code. */
export type KeyName = KnownKeyName | 'Unidentified';

const KNOWN = new Set<string>(KEY_NAMES);
export function isKeyName(value: unknown): value is KnownKeyName {
  return typeof value === 'string' && KNOWN.has(value);
}

/**
 * Key groups after the OIPF/HbbTV KeySet (OIPF DAE §7.2.5). An app declares the groups it handles; the
 * SDK registers those keys with boxes that need it and leaves every other key to the box.
 */
export const KEY_GROUPS = ['navigation', 'colour', 'numeric', 'vcr', 'scroll', 'info', 'other'] as const;
export type KeyGroup = (typeof KEY_GROUPS)[number];

export const KEYS_BY_GROUP: Readonly<Record<KeyGroup, readonly KnownKeyName[]>> = {
  navigation: ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'BrowserBack'],
  colour: ['ColorF0Red', 'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue'],
  numeric: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  vcr: [
    'MediaPlay', 'MediaPause', 'MediaPlayPause', 'MediaStop', 'MediaFastForward', 'MediaRewind', 'MediaRecord',
    'MediaTrackNext', 'MediaTrackPrevious',
  ],
  scroll: ['PageUp', 'PageDown'],
  info: ['Info'],
  other: [
    'Exit', 'Home', 'ContextMenu', 'Guide', 'ChannelUp', 'ChannelDown', 'AudioVolumeUp', 'AudioVolumeDown',
    'AudioVolumeMute', 'Power', 'Settings', 'Subtitle', 'Search',
  ],
};

const GROUP_OF = new Map<string, KeyGroup>();
for (const group of KEY_GROUPS) for (const key of KEYS_BY_GROUP[group]) GROUP_OF.set(key, group);

/** The group a key belongs to; `Unidentified` belongs to none. */
export function keyGroupOf(key: KeyName): KeyGroup | undefined {
  return GROUP_OF.get(key);
}

/** All keys of the given groups, in declaration order. */
export function keysOfGroups(groups: Iterable<KeyGroup>): KnownKeyName[] {
  const out: KnownKeyName[] = [];
  for (const group of groups) out.push(...KEYS_BY_GROUP[group]);
  return out;
}
