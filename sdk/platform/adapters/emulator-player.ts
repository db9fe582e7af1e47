/**
 * The emulator box's video decoder: the SDK's HTML5 player, with lineup channels that have no URL drawn as
 * the live test card (number, name, clock, programme title) and URL sources played through MSE/EME.
 */
import type { Player, PlayerOptions } from '../../player/player.js';
import { createHtml5Player } from '../../player/html5/html5-player.js';
import { createTestCardRenderer } from '../../player/testcard/test-card-renderer.js';

/** Creates the box's player; `destroyed` hears when the app destroys it (the box then makes a new one). */
export function createEmulatorPlayer(options: PlayerOptions | undefined, destroyed: () => void): Player {
  const testCard = createTestCardRenderer();
  const player = createHtml5Player({ ...options, channelRenderer: testCard });
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
      // The canvas stream belongs to this player only.
      testCard.dispose();
      destroyed();
    },
  };
}
