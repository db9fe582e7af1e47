// Starts the live-TV app in a container: opens the SDK's live-TV services, launches the Lightning screen
// transparent over the video plane, bridges the remote's keys into it and tunes the last watched channel.
import { Launch, Lightning, type PlatformSettings } from '@lightningjs/sdk';
import type { Subscription } from 'rxjs';
import { asLightningApplication, bridgeLightningKeys, remoteKeys, type TuneResult } from '../../sdk/index.js';
import { LiveTvController, type LiveTvControllerOptions, type LiveTvState } from './controller.js';
import { createLiveTvScreen } from './screen.js';
import { openLiveTvServices, type LiveTvServiceOptions, type LiveTvServices } from './services.js';
import type { ZapEntry } from './zap-log.js';

export type { LiveTvState } from './controller.js';
export type { ZapEntry } from './zap-log.js';

export interface LiveTvOptions extends LiveTvServiceOptions, LiveTvControllerOptions {}

export interface LiveTvHandle {
  /** Resolves when the services are open, the screen is drawn, keys are delivered and the first tune ended. */
  readonly ready: Promise<void>;
  /** The first tune's result (the last watched channel, or the first of the lineup). */
  readonly firstTune: Promise<TuneResult | undefined>;
  state(): LiveTvState;
  /** The last zaps, oldest first (at most `zapLogSize`). */
  zaps(limit?: number): ZapEntry[];
  /** The SDK services the app runs on, once open (parental settings for QA, the tuner for tests). */
  readonly services: Promise<LiveTvServices>;
  /** Stops keys, closes the services and removes the screen. */
  stop(): void;
}

/**
 * Lightning SDK's `Launch` types every application option as required although it deep-merges its own
 * defaults, and its `KeyMap` type lacks `false` ("no key handling", which Lightning core supports).
 */
type LaunchSettings = Partial<Omit<Lightning.Application.Options, 'keys' | 'stage'>> & {
  readonly stage: Partial<Lightning.Application.Options['stage']>;
  readonly keys?: Lightning.Application.KeyMap | false;
};

function launch(App: Lightning.Component.Constructor, settings: LaunchSettings, platform: PlatformSettings): Lightning.Application {
  // The cast only widens what Launch's declaration admits; see LaunchSettings.
  return Launch(App, settings as Lightning.Application.Options, platform);
}

export function startLiveTv(container: HTMLElement, options: LiveTvOptions = {}): LiveTvHandle {
  const life = { stopped: false, app: undefined as Lightning.Application | undefined, canvas: undefined as HTMLCanvasElement | undefined };
  let controller: LiveTvController | undefined;
  let keys: Subscription | undefined;
  const services = openLiveTvServices(options);

  const started = services.then(async (opened) => {
    if (life.stopped) {
      opened.close();
      throw new Error('live-tv: stopped before it started');
    }
    const ctl = new LiveTvController(opened, options);
    controller = ctl;
    const shown = new Promise<void>((resolve) => {
      const Screen = createLiveTvScreen(ctl, {
        onInit: () => {
          const app = life.app;
          if (life.stopped || !app) return;
          keys = bridgeLightningKeys(asLightningApplication(app), remoteKeys({
            platform: opened.platform,
            groups: ['navigation', 'colour', 'numeric', 'scroll', 'info'],
            // By name: the rest of the "other" group (volume, power, home) stays with the box.
            keys: ['ChannelUp', 'ChannelDown', 'Exit'],
          }));
          app.stage.once('frameEnd', () => resolve());
          app.stage.forceRenderUpdate();
        },
      });
      const app = launch(Screen, {
        stage: {
          w: 1920, h: 1080, precision: 1,
          // Transparent: the player's video plane shows through everywhere the screen draws nothing.
          clearColor: 0x00000000,
          // Over live video the screen is idle most of the time: no 60 Hz loop then, so a box's CPU goes to the
          // decoder (and, in the emulator, to the test card) — zap time is what the viewer waits for.
          pauseRafLoopOnIdle: true,
          // Text textures (the banner's) go to the GPU straight from their canvas, not through getImageData.
          forceTxCanvasSource: true,
        },
        debug: false,
        // The SDK bridge delivers normalized keys; Lightning must not read raw key codes itself.
        keys: false,
      }, { log: false, showFps: false, showVersion: false });
      life.app = app;
      const canvas = app.stage.getCanvas();
      canvas.classList.add('live-tv-stage');
      life.canvas = canvas;
      container.appendChild(canvas);
    });
    const firstTune = ctl.start();
    await shown;
    return firstTune;
  });

  return {
    ready: started.then(() => undefined),
    firstTune: started,
    services,
    state: () => controller?.state() ?? { status: 'idle', zapCount: 0, entryDigits: '', signal: true, favourites: [], pinDialog: false },
    zaps: (limit) => controller?.zaps(limit) ?? [],
    stop() {
      if (life.stopped) return;
      life.stopped = true;
      keys?.unsubscribe();
      controller?.close();
      void services.then((s) => s.close(), () => undefined);
      const app = life.app;
      if (app) {
        const gl = app.stage.gl;
        app.destroy();
        gl?.getExtension('WEBGL_lose_context')?.loseContext();
      }
      life.canvas?.remove();
    },
  };
}
