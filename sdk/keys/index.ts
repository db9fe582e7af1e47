// Public surface of the keys module. Built-in profiles register themselves on import.
import './profiles/keyboard.js';
import './profiles/hbbtv.js';
import './profiles/tizen.js';
import './profiles/webos.js';
import './profiles/cn-iptv.js';
import './profiles/ipanel.js';

export { KEY_NAMES, KEY_GROUPS, KEYS_BY_GROUP, isKeyName, keyGroupOf, keysOfGroups } from './key-names.js';
export type { KeyName, KnownKeyName, KeyGroup } from './key-names.js';
export type { KeyEvent, KeyKind } from './key-event.js';
export type { KeyBinding, KeyProfile } from './key-profile.js';
export { primaryBinding } from './key-profile.js';
export { KeyMap, type RawKey, type ResolvedKey } from './key-map.js';
export { rawKeyCode } from './raw-key-code.js';
export {
  KeyProfilePriority, registerKeyProfile, unregisterKeyProfile, findKeyProfile, keyProfileIds,
} from './key-profile-registry.js';
export { applyKeyConfig, keyProfileFromJson, type KeyConfigJson, type KeyProfileJson } from './key-config.js';
export { remoteKeys, type RemoteKeysOptions } from './remote-keys.js';
export { longPress } from './operators/longPress.js';
export { inferKeyUp } from './operators/inferKeyUp.js';
export { digitEntry, type DigitEntry, type DigitEntryOptions } from './operators/digitEntry.js';
export {
  asLightningApplication, bridgeLightningKeys, LIGHTNING_KEY_STEMS, LightningKeyEvent, type LightningApplicationLike,
} from './lightning-bridge.js';
export { SpatialNavigator, type Direction, type SpatialNavigationOptions } from './spatial-navigation.js';
