// Starts the hello-remote sample in a container: Lightning renders, the SDK delivers the remote's keys.
import { Launch, Lightning, type PlatformSettings } from '@lightningjs/sdk';
import type { Subscription } from 'rxjs';
import { asLightningApplication, bridgeLightningKeys, remoteKeys, type RemoteKeysOptions } from '../../sdk/index.js';
import { HelloRemoteModel, type HelloRemoteMode, type HelloRemoteState } from './model.js';
import { createHelloRemoteScreen } from './screen.js';

export type { HelloRemoteMode, HelloRemoteState } from './model.js';

/** The screen's background (ARGB), drawn as the WebGL clear colour. */
export const BACKGROUND = 0xff0a1a2e;

export interface HelloRemoteOptions {
  /**
   * `sdk` (default): Lightning's key handling is off and `remoteKeys()` feeds it through
   * `bridgeLightningKeys`. `lightning`: Lightning's own default keymap, no SDK (the benchmark baseline).
   */
  readonly mode?: HelloRemoteMode;
  /** Passed to `remoteKeys()` in `sdk` mode (profile, long-press time…). */
  readonly keys?: RemoteKeysOptions;
}

export interface HelloRemoteHandle {
  /** Resolves when the screen is up, focused and drawn, and keys are being delivered. */
  readonly ready: Promise<void>;
  /** A snapshot of what the sample shows. */
  state(): HelloRemoteState;
  readonly app: Lightning.Application;
  readonly canvas: HTMLCanvasElement;
  /** Draws a frame and reads one pixel of it (1920×1080 layout coordinates): `[r, g, b, a]`. */
  readPixel(x: number, y: number): Promise<[number, number, number, number]>;
  /** Stops key delivery, destroys the Lightning app and removes its canvas. */
  stop(): void;
}

/** The mode a page URL asks for: `?keys=lightning` selects Lightning's own key handling. */
export function modeFromSearch(search: string): HelloRemoteMode {
  return new URLSearchParams(search).get('keys') === 'lightning' ? 'lightning' : 'sdk';
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

/**
 * Starts the sample: launches the Lightning app at 1920×1080, appends its canvas to `container` and,
 * in `sdk` mode, bridges `remoteKeys()` into it once the screen is up.
 */
export function startHelloRemote(container: HTMLElement, options: HelloRemoteOptions = {}): HelloRemoteHandle {
  const mode = options.mode ?? 'sdk';
  const model = new HelloRemoteModel(mode);
  let bridge: Subscription | undefined;
  let stopped = false;
  // Set right after Launch; the screen initializes later (the SDK loads fonts first).
  const launchedRef: { app?: Lightning.Application } = {};
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  const Screen = createHelloRemoteScreen(model, {
    onInit: () => {
      const launched = launchedRef.app;
      if (stopped || !launched) return;
      if (mode === 'sdk') bridge = bridgeLightningKeys(asLightningApplication(launched), remoteKeys(options.keys));
      // Ready once the first frame with the screen on it has been drawn.
      launched.stage.once('frameEnd', () => resolveReady());
      launched.stage.forceRenderUpdate();
    },
  });

  const launched = launch(
    Screen,
    {
      // The background is the clear colour: a full-screen quad would cost fill rate on every frame, which
      // low-end boxes (and software WebGL) do not have to spare.
      stage: { w: 1920, h: 1080, precision: 1, clearColor: BACKGROUND },
      debug: false,
      // sdk: Lightning must not read raw key codes itself; the SDK bridge delivers normalized keys.
      // lightning: leave the SDK's default keymap in place.
      ...(mode === 'sdk' ? { keys: false as const } : {}),
    },
    { log: false, showFps: false, showVersion: false },
  );
  launchedRef.app = launched;
  const canvas = launched.stage.getCanvas();
  container.appendChild(canvas);

  return {
    ready,
    state: () => model.snapshot(),
    app: launched,
    canvas,
    readPixel: (x, y) =>
      new Promise((resolve, reject) => {
        const stage = launched.stage;
        stage.once('frameEnd', () => {
          const gl = stage.gl;
          if (!gl) {
            reject(new Error('hello-remote: no WebGL context'));
            return;
          }
          const px = new Uint8Array(4);
          gl.readPixels(x, gl.drawingBufferHeight - 1 - y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
          resolve([px[0] ?? 0, px[1] ?? 0, px[2] ?? 0, px[3] ?? 0]);
        });
        stage.forceRenderUpdate();
      }),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bridge?.unsubscribe();
      const gl = launched.stage.gl;
      launched.destroy();
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
      canvas.remove();
    },
  };
}
