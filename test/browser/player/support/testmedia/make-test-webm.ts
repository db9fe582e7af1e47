/**
 * Generates test media in the browser, with no media files from outside: canvas frames encoded to VP8 by
 * WebCodecs' VideoEncoder, muxed by the project's own WebM writer, optionally encrypted for ClearKey (WebM
 * AES-CTR). The picture is one flat colour per second (TEST_MEDIA_COLOURS), so a test can tell from a pixel
 * which second is shown and whether decryption gave the right picture, plus a moving bar and the frame number.
 */
import { encryptWebmFrame, importAesCtrKey } from './webm-encryption.js';
import { writeWebm, type WebmFrame } from './webm-writer.js';

/** The background colour of each second of the test media, cycling. */
export const TEST_MEDIA_COLOURS: readonly (readonly [number, number, number])[] = [
  [200, 40, 40], [40, 200, 40], [40, 40, 200], [200, 200, 40], [200, 40, 200], [40, 200, 200],
];

export interface TestWebmOptions {
  readonly width?: number;
  readonly height?: number;
  readonly frameRate?: number;
  readonly seconds?: number;
  /** Frames between key frames; default one per second. */
  readonly keyFrameInterval?: number;
  readonly bitrate?: number;
  /** Encrypts every frame with this 16-byte key, declaring this 16-byte key id. */
  readonly encryption?: { readonly keyId: Uint8Array<ArrayBuffer>; readonly key: Uint8Array<ArrayBuffer> };
}

export interface TestWebm {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly mimeType: string;
  readonly durationSeconds: number;
  readonly width: number;
  readonly height: number;
}

function colourOf(second: number): readonly [number, number, number] {
  return TEST_MEDIA_COLOURS[second % TEST_MEDIA_COLOURS.length] ?? [0, 0, 0];
}

/** Draws frame `index` of the test media: the second's colour, a moving bar, the frame number. */
export function drawTestMediaFrame(ctx: OffscreenCanvasRenderingContext2D, width: number, height: number, index: number, frameRate: number): void {
  const [r, g, b] = colourOf(Math.floor(index / frameRate));
  ctx.fillStyle = `rgb(${r} ${g} ${b})`;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(Math.round(((index % frameRate) / frameRate) * (width - width / 10)), Math.round(height * 0.8), Math.round(width / 10), Math.round(height / 12));
  ctx.font = `${Math.round(height / 6)}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(String(index), width / 2, height / 2);
}

async function encodeVp8(options: Required<Omit<TestWebmOptions, 'encryption'>>): Promise<WebmFrame[]> {
  const { width, height, frameRate, seconds, keyFrameInterval, bitrate } = options;
  const config: VideoEncoderConfig = { codec: 'vp8', width, height, bitrate, framerate: frameRate, hardwareAcceleration: 'prefer-software' };
  const support = await VideoEncoder.isConfigSupported(config);
  if (support.supported !== true) throw new Error(`VP8 encoding at ${width}×${height} is not supported by this browser`);
  const frames: WebmFrame[] = [];
  let failure: DOMException | undefined;
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      frames.push({ data, timestampMs: chunk.timestamp / 1000, key: chunk.type === 'key' });
    },
    error: (error) => { failure = error; },
  });
  encoder.configure(config);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas 2D is not available');
  const total = Math.round(seconds * frameRate);
  for (let index = 0; index < total; index += 1) {
    drawTestMediaFrame(ctx, width, height, index, frameRate);
    const frame = new VideoFrame(canvas, { timestamp: Math.round((index * 1e6) / frameRate), duration: Math.round(1e6 / frameRate) });
    encoder.encode(frame, { keyFrame: index % keyFrameInterval === 0 });
    frame.close();
  }
  await encoder.flush();
  encoder.close();
  if (failure) throw failure;
  return frames;
}

/** Encodes a VP8 WebM test clip (encrypted for ClearKey when `encryption` is given). */
export async function makeTestWebm(options: TestWebmOptions = {}): Promise<TestWebm> {
  const frameRate = options.frameRate ?? 25;
  const settings = {
    width: options.width ?? 640, height: options.height ?? 360, frameRate, seconds: options.seconds ?? 3,
    keyFrameInterval: options.keyFrameInterval ?? frameRate, bitrate: options.bitrate ?? 300_000,
  };
  let frames = await encodeVp8(settings);
  const { encryption } = options;
  if (encryption) {
    const key = await importAesCtrKey(encryption.key);
    // IVs: a random 32-bit prefix and the frame index, unique per frame under this key.
    const prefix = crypto.getRandomValues(new Uint8Array(4));
    frames = await Promise.all(frames.map(async (frame, index) => {
      const iv = new Uint8Array(8);
      iv.set(prefix, 0);
      new DataView(iv.buffer).setUint32(4, index);
      return { ...frame, data: await encryptWebmFrame(key, iv, new Uint8Array(frame.data)) };
    }));
  }
  const bytes = writeWebm({
    codecId: 'V_VP8', width: settings.width, height: settings.height, frameDurationMs: 1000 / frameRate,
    ...(encryption ? { encryptionKeyId: encryption.keyId } : {}),
  }, frames);
  return { bytes, mimeType: 'video/webm; codecs="vp8"', durationSeconds: settings.seconds, width: settings.width, height: settings.height };
}

/** Base64url without padding, the form EME's JWK sets use for key ids and keys. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
