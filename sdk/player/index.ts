// Public surface of the player module.
export type {
  MediaTrack, PlaySource, Player, PlayerOptions, PlayerState, PlayerStatus, VideoWindow,
} from './player.js';
export type { ChannelRenderer, ChannelRenderRequest } from './channel-renderer.js';
export { createHtml5Player, type Html5Player, type Html5PlayerOptions } from './html5/html5-player.js';
export { clearKeyLicense, CLEARKEY } from './html5/eme-controller.js';
export { createTestCardRenderer, type TestCardRenderer, type TestCardRendererOptions } from './testcard/test-card-renderer.js';
