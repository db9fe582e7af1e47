// Public surface of the player module.
export type {
  MediaTrack, PlaySource, Player, PlayerOptions, PlayerState, PlayerStatus, VideoWindow,
} from './player.js';
