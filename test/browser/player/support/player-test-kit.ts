// Shared helpers for the player tests: channels, reading the picture of the player's <video>, awaiting rejections.
import type { Channel } from '../../../../sdk/channels/channel.js';

export function testChannel(number: number, pattern: string, kind: Channel['kind'] = 'tv'): Channel {
  return {
    id: `1.1.${number}`, number, name: `Channel ${number}`, kind, scrambled: false, origin: 'lineup',
    source: { type: 'testcard', pattern },
  };
}

/** The RGB of the video's frame at (x, y) in intrinsic pixels, read through a canvas. */
export function pixelAt(video: HTMLVideoElement, x: number, y: number): [number, number, number] {
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(video, x, y, 1, 1, 0, 0, 1, 1);
  const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

export function near(actual: readonly number[], expected: readonly number[], tolerance = 24): boolean {
  return actual.every((value, index) => Math.abs(value - (expected[index] ?? 0)) <= tolerance);
}

/** Resolves with the error a promise rejects with; fails when it resolves. */
export { rejection as rejectionOf } from '../../support/rejections.js';

export function nextFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => { video.requestVideoFrameCallback(() => { resolve(); }); });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
