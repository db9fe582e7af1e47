/**
 * The emulator box's video decoder: the SDK's HTML5 player, with lineup channels that have no URL drawn as
 * the live test card (number, name, clock, programme title) and URL sources played through MSE/EME.
 */
import type { Player, PlayerOptions } from '../../player/player.js';
import * as playerModule from '../../player/index.js';

// TEMPORARY until the player module exports its HTML5 player: looked up at run time so pages still load.
interface PlayerFactories {
  createHtml5Player(options: PlayerOptions & { channelRenderer: unknown }): Player;
  createTestCardRenderer(): unknown;
}

/** Creates the box's player; `destroyed` hears when the app destroys it (the box then makes a new one). */
export function createEmulatorPlayer(options: PlayerOptions | undefined, destroyed: () => void): Player {
  const { createHtml5Player, createTestCardRenderer } = playerModule as unknown as Partial<PlayerFactories>;
  if (!createHtml5Player || !createTestCardRenderer) throw new Error('the SDK has no HTML5 player yet');
  const player = createHtml5Player({ ...options, channelRenderer: createTestCardRenderer() });
  // A delegating object rather than a subclass: the player's own `this` stays the player.
  return {
    get state$() {
      return player.state$;
    },
    get state() {
      return player.state;
    },
    play: (source) => player.play(source),
    pause: () => player.pause(),
    resume: () => player.resume(),
    stop: () => player.stop(),
    seek: (seconds) => player.seek(seconds),
    selectAudioTrack: (id) => player.selectAudioTrack(id),
    selectSubtitleTrack: (id) => player.selectSubtitleTrack(id),
    setVolume: (volume) => player.setVolume(volume),
    setMuted: (muted) => player.setMuted(muted),
    setVideoWindow: (window) => player.setVideoWindow(window),
    destroy() {
      player.destroy();
      destroyed();
    },
  };
}
