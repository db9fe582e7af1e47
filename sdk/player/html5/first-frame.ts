/**
 * Waits for the first frame a `<video>` presents after its source changed. With `requestVideoFrameCallback`
 * the callback runs when the compositor gets a frame; without it, the `playing` event plus one animation frame
 * (the frame is painted by the next rendering step after playback starts).
 */
import { abortReason } from '../player-errors.js';

/** Whether the browser has `requestVideoFrameCallback` (Chromium 83+, Safari 15.4+; not older TV browsers). */
export function hasVideoFrameCallback(video: HTMLVideoElement): boolean {
  return 'requestVideoFrameCallback' in video;
}

export function waitForFirstFrame(video: HTMLVideoElement, signal: AbortSignal): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      video.removeEventListener('playing', onPlaying);
      reject(abortReason(signal));
    };
    const done = (): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      video.removeEventListener('playing', onPlaying);
      resolve(performance.now());
    };
    const onPlaying = (): void => { requestAnimationFrame(done); };
    signal.addEventListener('abort', onAbort, { once: true });
    if (hasVideoFrameCallback(video)) video.requestVideoFrameCallback(done);
    else video.addEventListener('playing', onPlaying);
  });
}
