/**
 * Plays a fetched WebM or fragmented MP4 through Media Source Extensions: the response body is appended to one
 * SourceBuffer in bounded pieces while it downloads. When the buffer is full (QuotaExceededError) the part
 * already played is removed and the append retried; with nothing played to remove, it waits for playback to
 * move on. Failures after start go to `onError`.
 */
import { ErrorCode } from '../../errors/yiwang-error.js';
import type { YiwangError } from '../../errors/yiwang-error.js';
import { abortReason, describeError, isYiwangError, playerError } from '../player-errors.js';

/** Largest piece given to one appendBuffer call. */
const APPEND_PIECE_BYTES = 512 * 1024;
/** Seconds kept behind the play position when evicting. */
const KEEP_BEHIND_SECONDS = 10;

export interface MseSession {
  readonly mediaSource: MediaSource;
  /** Stops downloading and appending; the element's src is cleared by the player. */
  close(): void;
}

function waitForEvent(target: EventTarget, type: string, signal: AbortSignal): Promise<Event> {
  return new Promise<Event>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => { target.removeEventListener(type, onEvent); reject(abortReason(signal)); };
    const onEvent = (event: Event): void => { signal.removeEventListener('abort', onAbort); resolve(event); };
    target.addEventListener(type, onEvent, { once: true });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles when the SourceBuffer's update ends: resolves on `updateend`, rejects on `error` or abort. One waiter
 * for both events, and every listener it added is removed whichever comes first (a long live stream appends
 * thousands of pieces).
 */
function finishUpdate(buffer: SourceBuffer, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanUp = (): void => {
      buffer.removeEventListener('updateend', onUpdateEnd);
      buffer.removeEventListener('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onUpdateEnd = (): void => { cleanUp(); resolve(); };
    const onError = (): void => { cleanUp(); reject(new Error('SourceBuffer append failed (the media could not be parsed)')); };
    const onAbort = (): void => { cleanUp(); reject(abortReason(signal)); };
    if (signal.aborted) {
      onAbort();
      return;
    }
    buffer.addEventListener('updateend', onUpdateEnd);
    buffer.addEventListener('error', onError);
    signal.addEventListener('abort', onAbort);
  });
}

async function appendPiece(video: HTMLVideoElement, buffer: SourceBuffer, piece: Uint8Array<ArrayBuffer>, signal: AbortSignal): Promise<void> {
  for (;;) {
    try {
      buffer.appendBuffer(piece);
      await finishUpdate(buffer, signal);
      return;
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) throw error;
      const start = buffer.buffered.length > 0 ? buffer.buffered.start(0) : 0;
      const evictTo = video.currentTime - KEEP_BEHIND_SECONDS;
      if (evictTo > start + 1) {
        buffer.remove(start, evictTo);
        await finishUpdate(buffer, signal);
      } else {
        // Nothing played yet to remove: the buffer drains as playback advances.
        await waitForEvent(video, 'timeupdate', signal);
      }
    }
  }
}

export interface MseOpenRequest {
  readonly video: HTMLVideoElement;
  readonly url: string;
  readonly mimeType: string;
  /** The bytes already read from `reader` (used to sniff the container). */
  readonly head: Uint8Array<ArrayBuffer>;
  readonly reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> | undefined;
  readonly signal: AbortSignal;
  readonly onError: (error: YiwangError) => void;
}

/** Attaches a MediaSource to the video and starts appending; resolves once the SourceBuffer exists. */
export async function openMseSource(request: MseOpenRequest): Promise<MseSession> {
  const { video, url, mimeType, signal } = request;
  if (!MediaSource.isTypeSupported(mimeType)) {
    throw playerError(ErrorCode.PlayerSourceUnsupported, `MSE cannot play ${mimeType}`, { source: url, reason: `unsupported type ${mimeType}` });
  }
  const mediaSource = new MediaSource();
  const objectUrl = URL.createObjectURL(mediaSource);
  const pump = new AbortController();
  const stop = (): void => { pump.abort(signal.reason); };
  signal.addEventListener('abort', stop, { once: true });
  video.src = objectUrl;
  try {
    await waitForEvent(mediaSource, 'sourceopen', signal);
  } finally {
    URL.revokeObjectURL(objectUrl);
  }
  const buffer = mediaSource.addSourceBuffer(mimeType);

  const run = async (): Promise<void> => {
    let chunk: Uint8Array<ArrayBuffer> | undefined = request.head;
    while (chunk) {
      for (let at = 0; at < chunk.length; at += APPEND_PIECE_BYTES) {
        await appendPiece(video, buffer, chunk.subarray(at, at + APPEND_PIECE_BYTES), pump.signal);
      }
      if (!request.reader) break;
      let next: ReadableStreamReadResult<Uint8Array<ArrayBuffer>>;
      try {
        next = await request.reader.read();
      } catch (error) {
        if (pump.signal.aborted) return;
        throw playerError(ErrorCode.PlayerLoadFailed, `Download of ${url} broke off: ${describeError(error)}`, { url, reason: describeError(error) });
      }
      chunk = next.done ? undefined : next.value;
    }
    if (mediaSource.readyState === 'open' && !buffer.updating) mediaSource.endOfStream();
  };
  run().catch((error: unknown) => {
    if (pump.signal.aborted) return;
    if (isYiwangError(error)) {
      request.onError(error);
      return;
    }
    request.onError(playerError(ErrorCode.PlayerDecodeFailed, `MSE append of ${url} failed: ${describeError(error)}`, {
      url, reason: describeError(error),
    }));
  });

  return {
    mediaSource,
    close(): void {
      signal.removeEventListener('abort', stop);
      pump.abort(new Error('closed'));
      void request.reader?.cancel().catch(() => undefined);
    },
  };
}
