/**
 * The emulator's live test card: one canvas streamed with `captureStream` into the player's `<video>`. Zapping
 * only changes what is drawn: the canvas, its stream and the video's `srcObject` stay the same for the
 * renderer's whole life, so a zap costs one paint and one presented frame, and thousands of zaps allocate
 * nothing that outlives them.
 */
import type { Channel } from '../../channels/channel.js';
import type { ChannelRenderer, ChannelRenderRequest } from '../channel-renderer.js';
import { drawBlack, drawTestCard } from './draw-test-card.js';
import { MarkerReader } from './frame-marker.js';
import { hasVideoFrameCallback } from '../html5/first-frame.js';
import { abortReason } from '../player-errors.js';

export interface TestCardRendererOptions {
  /** Canvas size in pixels; default 1280 × 720. */
  readonly width?: number;
  readonly height?: number;
  /** Frames drawn per second; default 25. */
  readonly frameRate?: number;
  /** How often the programme title is asked again while a channel is shown, in ms; default 30 000. */
  readonly titleRefreshMs?: number;
}

export interface TestCardRenderer extends ChannelRenderer {
  /** The canvas drawn on (not in the page). */
  readonly canvas: HTMLCanvasElement;
  /** Frames drawn so far. */
  readonly frameCount: number;
  /** The channel drawn now; undefined while black. */
  readonly channel: Channel | undefined;
  /** Stops drawing and ends the stream for good. */
  dispose(): void;
}

interface PendingShow {
  readonly generation: number;
  readonly video: HTMLVideoElement;
  readonly signal: AbortSignal;
  readonly resolve: (presentedAt: number) => void;
  readonly reject: (reason: unknown) => void;
}

class CanvasTestCardRenderer implements TestCardRenderer {
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #stream: MediaStream;
  readonly #track: CanvasCaptureMediaStreamTrack | undefined;
  readonly #frameIntervalMs: number;
  readonly #titleRefreshMs: number;
  readonly #marker = new MarkerReader();
  #frameCount = 0;
  #generation = 0;
  #channel: Channel | undefined;
  #title: string | undefined;
  #titleAskedAt = 0;
  #titleSource: ChannelRenderRequest['programmeTitle'];
  #timer: ReturnType<typeof setInterval> | undefined;
  #pending: PendingShow | undefined;
  #attached: HTMLVideoElement | undefined;
  /** One frame callback at most is outstanding, however many zaps happen before it fires. */
  #frameRequested = false;
  #disposed = false;
  // Bound once: per-zap callbacks would otherwise be fresh closures each time.
  readonly #onTick = (): void => { this.#drawFrame(); };
  readonly #onVideoFrame = (): void => {
    this.#frameRequested = false;
    this.#checkPresented();
  };
  readonly #onAbort = (): void => {
    const pending = this.#pending;
    if (pending?.signal.aborted === true) {
      this.#pending = undefined;
      pending.signal.removeEventListener('abort', this.#onAbort);
      pending.reject(abortReason(pending.signal));
    }
  };

  constructor(options: TestCardRendererOptions) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = options.width ?? 1280;
    this.canvas.height = options.height ?? 720;
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('2D canvas is not available for the test card');
    this.#ctx = ctx;
    this.#frameIntervalMs = 1000 / (options.frameRate ?? 25);
    this.#titleRefreshMs = options.titleRefreshMs ?? 30_000;
    // captureStream(0): a frame is captured only when requestFrame() says so, right after each paint, so the
    // switch paint is captured at once instead of waiting for the next capture tick.
    this.#stream = this.canvas.captureStream(0);
    this.#track = this.#stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
    drawBlack(this.#ctx, this.canvas.width, this.canvas.height);
  }

  get frameCount(): number { return this.#frameCount; }
  get channel(): Channel | undefined { return this.#channel; }

  show(video: HTMLVideoElement, request: ChannelRenderRequest): Promise<number> {
    if (this.#disposed) return Promise.reject(new Error('The test card renderer was disposed'));
    if (request.signal.aborted) return Promise.reject(abortReason(request.signal));
    this.#settlePendingAsSuperseded();
    this.#attach(video);
    this.#generation = (this.#generation % 255) + 1;
    this.#channel = request.channel;
    this.#title = undefined;
    this.#titleSource = request.programmeTitle;
    this.#askTitle();
    // Paint the new channel now (not at the next tick) and keep painting at the frame rate.
    this.#drawFrame();
    this.#timer ??= setInterval(this.#onTick, this.#frameIntervalMs);
    return new Promise<number>((resolve, reject) => {
      this.#pending = { generation: this.#generation, video, signal: request.signal, resolve, reject };
      request.signal.addEventListener('abort', this.#onAbort, { once: true });
      this.#waitForFrame(video);
    });
  }

  blank(): void {
    this.#settlePendingAsSuperseded();
    this.#stopTimer();
    this.#channel = undefined;
    this.#titleSource = undefined;
    this.#generation = (this.#generation % 255) + 1;
    drawBlack(this.#ctx, this.canvas.width, this.canvas.height);
    this.#track?.requestFrame();
  }

  detach(video: HTMLVideoElement): void {
    if (this.#attached !== video) return;
    this.blank();
    this.#attached = undefined;
    if (video.srcObject === this.#stream) video.srcObject = null;
  }

  dispose(): void {
    if (this.#disposed) return;
    if (this.#attached) this.detach(this.#attached);
    this.#disposed = true;
    this.#stopTimer();
    for (const track of this.#stream.getTracks()) track.stop();
  }

  #attach(video: HTMLVideoElement): void {
    if (this.#attached && this.#attached !== video) this.detach(this.#attached);
    this.#attached = video;
    if (video.srcObject !== this.#stream) video.srcObject = this.#stream;
    if (video.paused) {
      video.play().catch((error: unknown) => {
        // Autoplay refused with sound: the card has no audio, so play muted rather than show nothing.
        if (error instanceof DOMException && error.name === 'NotAllowedError') {
          video.muted = true;
          void video.play().catch(() => undefined);
        }
      });
    }
  }

  #settlePendingAsSuperseded(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    pending.signal.removeEventListener('abort', this.#onAbort);
    pending.reject(pending.signal.aborted ? abortReason(pending.signal) : new Error('Superseded by another channel'));
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #askTitle(): void {
    const channel = this.#channel;
    const source = this.#titleSource;
    if (!channel || !source) return;
    this.#titleAskedAt = performance.now();
    const generation = this.#generation;
    // Called inside then(): a title source that throws synchronously leaves the card without a title, it does
    // not fail the play.
    Promise.resolve().then(() => source(channel)).then((title) => {
      if (generation === this.#generation) this.#title = title;
    }, () => undefined);
  }

  #drawFrame(): void {
    const channel = this.#channel;
    if (!channel) return;
    if (performance.now() - this.#titleAskedAt > this.#titleRefreshMs) this.#askTitle();
    this.#frameCount += 1;
    drawTestCard(this.#ctx, this.canvas.width, this.canvas.height, {
      channel, programmeTitle: this.#title, generation: this.#generation, frameNumber: this.#frameCount, now: new Date(),
    });
    this.#track?.requestFrame();
  }

  #waitForFrame(video: HTMLVideoElement): void {
    if (this.#frameRequested) return;
    this.#frameRequested = true;
    // requestVideoFrameCallback fires once per frame presented by the compositor; without it, rAF polls.
    if (hasVideoFrameCallback(video)) video.requestVideoFrameCallback(this.#onVideoFrame);
    else requestAnimationFrame(this.#onVideoFrame);
  }

  #checkPresented(): void {
    const pending = this.#pending;
    if (!pending) return;
    if (this.#marker.read(pending.video) === pending.generation) {
      this.#pending = undefined;
      pending.signal.removeEventListener('abort', this.#onAbort);
      pending.resolve(performance.now());
      return;
    }
    this.#waitForFrame(pending.video);
  }
}

/** Creates the emulator's test-card renderer; give it to `createHtml5Player({ channelRenderer })`. */
export function createTestCardRenderer(options: TestCardRendererOptions = {}): TestCardRenderer {
  return new CanvasTestCardRenderer(options);
}
