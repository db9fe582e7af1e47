/**
 * The HTML5 player: one `<video>` in a video plane, fed by hls.js (HLS), Media Source Extensions (WebM and
 * fragmented MP4), the element itself (non-fragmented MP4, native HLS) or a ChannelRenderer (channels without a
 * URL, e.g. the emulator's test card); DRM through EME. Implements the `Player` contract.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { ErrorCode, type YiwangError } from '../../errors/yiwang-error.js';
import type { ChannelRenderer } from '../channel-renderer.js';
import type { MediaTrack, PlaySource, Player, PlayerOptions, PlayerState, VideoWindow } from '../player.js';
import { abortReason, describeError, drmError, isYiwangError, playerError } from '../player-errors.js';
import { EmeController } from './eme-controller.js';
import { waitForFirstFrame } from './first-frame.js';
import { hlsJsSupported, openHlsSession, type HlsSession } from './hls-source.js';
import { openMseSource, type MseSession } from './mse-source.js';
import { isHlsSource, sniffMedia } from './source-sniff.js';
import { VideoPlane } from './video-plane.js';

export interface Html5PlayerOptions extends PlayerOptions {
  /** Draws channels that have no URL source (the emulator's test card, a broadcast bridge). */
  readonly channelRenderer?: ChannelRenderer;
  /** A play that shows no frame within this many ms fails (`PlayerDrmFailed` with DRM, else `PlayerLoadFailed`). Default 15 000. */
  readonly firstFrameTimeoutMs?: number;
}

export interface Html5Player extends Player {
  /** The player's `<video>` (for a platform adapter that needs the element itself, and for tests). */
  readonly videoElement: HTMLVideoElement;
}

type UrlSource = Extract<PlaySource, { kind: 'url' }>;

/** A play in progress, until its first frame. */
interface Attempt {
  readonly source: PlaySource;
  readonly generation: number;
  readonly controller: AbortController;
  readonly failed: Promise<never>;
  fail(error: YiwangError): void;
}

/** Bytes read before choosing how to play a fetched file: enough for WebM Tracks or an MP4 `moov`. */
const SNIFF_BYTES = 64 * 1024;

/** The AudioTrackList of browsers that have one (not in TypeScript's DOM lib). */
interface NativeAudioTrack { readonly id: string; readonly language: string; readonly label: string; enabled: boolean }
interface WithAudioTracks { readonly audioTracks: ArrayLike<NativeAudioTrack> & EventTarget }
const hasAudioTracks = (video: HTMLVideoElement): video is HTMLVideoElement & WithAudioTracks => 'audioTracks' in video;

const sourceLabel = (source: PlaySource): string => (source.kind === 'url' ? source.url : `channel ${source.channel.number} ${source.channel.id}`);

function interrupted(source: PlaySource): YiwangError {
  return playerError(ErrorCode.PlayerInterrupted, `Play of ${sourceLabel(source)} was superseded`, { source: sourceLabel(source) });
}

async function readHead(response: Response, signal: AbortSignal): Promise<{
  head: Uint8Array<ArrayBuffer>; reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> | undefined;
}> {
  if (!response.body) return { head: new Uint8Array(await response.arrayBuffer()), reader: undefined };
  const reader = response.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let length = 0;
  while (length < SNIFF_BYTES && !signal.aborted) {
    const { done, value } = await reader.read();
    if (done) {
      const head = concat(parts, length);
      return { head, reader: undefined };
    }
    parts.push(value);
    length += value.length;
  }
  return { head: concat(parts, length), reader };
}

function concat(parts: readonly Uint8Array<ArrayBuffer>[], length: number): Uint8Array<ArrayBuffer> {
  if (parts.length === 1 && parts[0]) return parts[0];
  const all = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

class Html5PlayerImpl implements Html5Player {
  readonly #subject: BehaviorSubject<PlayerState>;
  readonly state$: Observable<PlayerState>;
  readonly #plane: VideoPlane;
  readonly #video: HTMLVideoElement;
  readonly #options: Html5PlayerOptions;
  readonly #renderer: ChannelRenderer | undefined;
  #generation = 0;
  /** The play waiting for its first frame. */
  #attempt: Attempt | undefined;
  /** The latest play, pending or playing: aborting its signal silences its source machinery. */
  #current: Attempt | undefined;
  /** What feeds the element now. */
  #media: 'none' | 'channel' | 'url' = 'none';
  #mse: MseSession | undefined;
  #hls: HlsSession | undefined;
  #eme: EmeController | undefined;
  #emeClosing: Promise<void> = Promise.resolve();
  #contentType: string | undefined;
  #liveHint: boolean | undefined;
  #destroyed = false;

  constructor(options: Html5PlayerOptions) {
    this.#options = options;
    this.#renderer = options.channelRenderer;
    this.#plane = new VideoPlane(options.container);
    this.#video = this.#plane.video;
    this.#subject = new BehaviorSubject<PlayerState>({
      status: 'idle', live: false, audioTracks: [], subtitleTracks: [],
      volume: Math.round(this.#video.volume * 100), muted: this.#video.muted, window: { mode: 'fullscreen' },
    });
    this.state$ = this.#subject.asObservable();
    this.#listen();
  }

  get state(): PlayerState { return this.#subject.value; }
  get videoElement(): HTMLVideoElement { return this.#video; }

  async play(source: PlaySource): Promise<void> {
    this.#assertAlive('play');
    const attempt = this.#begin(source);
    this.#update({
      status: 'loading', source, live: source.kind === 'channel' || source.live === true, firstFrameAt: undefined, error: undefined,
      position: undefined, duration: undefined, seekable: undefined, audioTracks: [], subtitleTracks: [],
      audioTrack: undefined, subtitleTrack: undefined,
    });
    const timeoutMs = this.#options.firstFrameTimeoutMs ?? 15_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => { reject(this.#noFrameError(source, timeoutMs)); }, timeoutMs);
    });
    try {
      const firstFrameAt = await Promise.race([this.#load(source, attempt), attempt.failed, timeout]);
      if (attempt.controller.signal.aborted) throw abortReason(attempt.controller.signal);
      if (this.#attempt === attempt) this.#attempt = undefined;
      this.#plane.setStopped(false);
      this.#update({ status: this.#video.paused && this.#media === 'url' ? 'paused' : 'playing', firstFrameAt, ...this.#timing() });
    } catch (error) {
      if (attempt.controller.signal.aborted) throw abortReason(attempt.controller.signal);
      const failure = isYiwangError(error)
        ? error
        : playerError(ErrorCode.PlayerDecodeFailed, `Playing ${sourceLabel(source)} failed: ${describeError(error)}`, { reason: describeError(error) });
      if (this.#attempt === attempt) this.#attempt = undefined;
      await this.#teardown();
      if (this.#generation === attempt.generation) {
        this.#plane.setStopped(true);
        this.#update({ status: 'error', error: failure });
      }
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  pause(): Promise<void> {
    const dead = this.#rejectIfDestroyed('pause');
    if (dead) return dead;
    if (this.#media !== 'url' || !['playing', 'buffering', 'paused'].includes(this.state.status)) {
      return Promise.reject(this.#invalid('pause', this.#media === 'channel' ? 'a live channel cannot be paused (no time-shift)' : 'nothing is playing'));
    }
    this.#video.pause();
    this.#update({ status: 'paused' });
    return Promise.resolve();
  }

  async resume(): Promise<void> {
    this.#assertAlive('resume');
    if (this.#media !== 'url' || this.state.status !== 'paused') throw this.#invalid('resume', 'not paused');
    await this.#startElement();
    this.#update({ status: 'playing' });
  }

  async stop(): Promise<void> {
    this.#assertAlive('stop');
    this.#generation += 1;
    this.#abortCurrent();
    // A channel renderer stays attached and only shows black, so the next channel starts at once.
    if (this.#media === 'channel') this.#renderer?.blank();
    else await this.#teardown();
    this.#plane.setStopped(true);
    this.#update({
      status: 'stopped', source: undefined, firstFrameAt: undefined, position: undefined, duration: undefined,
      seekable: undefined, live: false, audioTracks: [], subtitleTracks: [], audioTrack: undefined, subtitleTrack: undefined, error: undefined,
    });
  }

  async seek(seconds: number): Promise<void> {
    this.#assertAlive('seek');
    const { seekable } = this.#timing();
    if (this.#media !== 'url' || !seekable || !Number.isFinite(seconds)) {
      throw this.#invalid('seek', !Number.isFinite(seconds) ? `not a time: ${seconds}` : 'the source has no seekable range');
    }
    const target = Math.min(Math.max(seconds, seekable.start), seekable.end);
    const video = this.#video;
    // Settles on 'seeked', or on 'emptied' when another play or a stop clears the source mid-seek.
    const seeked = new Promise<void>((resolve) => {
      const done = (): void => {
        video.removeEventListener('seeked', done);
        video.removeEventListener('emptied', done);
        resolve();
      };
      video.addEventListener('seeked', done);
      video.addEventListener('emptied', done);
    });
    video.currentTime = target;
    await seeked;
    this.#update(this.#timing());
  }

  selectAudioTrack(id: string): Promise<void> {
    const dead = this.#rejectIfDestroyed('selectAudioTrack');
    if (dead) return dead;
    if (this.#hls) {
      if (!this.#hls.selectAudio(id)) return Promise.reject(this.#invalid('selectAudioTrack', `no audio track ${id}`));
    } else if (hasAudioTracks(this.#video)) {
      const tracks = Array.from(this.#video.audioTracks);
      const index = tracks.findIndex((track, at) => (track.id || `audio-${at}`) === id);
      if (index === -1) return Promise.reject(this.#invalid('selectAudioTrack', `no audio track ${id}`));
      tracks.forEach((track, at) => { track.enabled = at === index; });
    } else {
      return Promise.reject(this.#invalid('selectAudioTrack', `no audio track ${id} (the source has one audio track)`));
    }
    this.#refreshTracks();
    return Promise.resolve();
  }

  selectSubtitleTrack(id: string | undefined): Promise<void> {
    const dead = this.#rejectIfDestroyed('selectSubtitleTrack');
    if (dead) return dead;
    if (this.#hls) {
      if (!this.#hls.selectSubtitle(id)) return Promise.reject(this.#invalid('selectSubtitleTrack', `no subtitle track ${String(id)}`));
    } else {
      const tracks = this.#textTracks();
      if (id !== undefined && !tracks.some((entry) => entry.id === id)) {
        return Promise.reject(this.#invalid('selectSubtitleTrack', `no subtitle track ${id}`));
      }
      for (const entry of tracks) entry.track.mode = entry.id === id ? 'showing' : 'disabled';
    }
    this.#refreshTracks();
    return Promise.resolve();
  }

  setVolume(volume: number): Promise<void> {
    const dead = this.#rejectIfDestroyed('setVolume');
    if (dead) return dead;
    const clamped = Math.min(100, Math.max(0, Number.isFinite(volume) ? volume : 0));
    this.#video.volume = clamped / 100;
    this.#update({ volume: clamped });
    return Promise.resolve();
  }

  setMuted(muted: boolean): Promise<void> {
    const dead = this.#rejectIfDestroyed('setMuted');
    if (dead) return dead;
    this.#video.muted = muted;
    this.#update({ muted });
    return Promise.resolve();
  }

  setVideoWindow(window: VideoWindow): Promise<void> {
    const dead = this.#rejectIfDestroyed('setVideoWindow');
    if (dead) return dead;
    if (window.mode === 'window' && ![window.x, window.y, window.width, window.height].every(Number.isFinite)) {
      return Promise.reject(this.#invalid('setVideoWindow', `window has a non-finite coordinate: ${JSON.stringify(window)}`));
    }
    this.#plane.setWindow(window);
    this.#update({ window });
    return Promise.resolve();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#generation += 1;
    this.#abortCurrent(playerError(ErrorCode.PlayerDestroyed, 'The player was destroyed', {}));
    this.#destroyed = true;
    if (this.#media === 'channel') this.#renderer?.detach(this.#video);
    void this.#teardown();
    this.#plane.remove();
    this.#subject.complete();
  }

  // ---- loading ----

  #begin(source: PlaySource): Attempt {
    this.#abortCurrent();
    this.#generation += 1;
    let fail: (error: YiwangError) => void = () => undefined;
    const failed = new Promise<never>((_resolve, reject) => { fail = reject; });
    failed.catch(() => undefined);
    const attempt: Attempt = { source, generation: this.#generation, controller: new AbortController(), failed, fail };
    this.#attempt = attempt;
    this.#current = attempt;
    return attempt;
  }

  /** Ends the latest play: a pending one rejects with `reason` (default PlayerInterrupted). */
  #abortCurrent(reason?: YiwangError): void {
    const current = this.#current;
    this.#current = undefined;
    this.#attempt = undefined;
    current?.controller.abort(reason ?? interrupted(current.source));
  }

  #load(source: PlaySource, attempt: Attempt): Promise<number> {
    if (source.kind === 'url') return this.#loadUrl(source, attempt.controller.signal);
    const { channel } = source;
    if (channel.source?.type === 'url') {
      const { url, mimeType, drm } = channel.source;
      return this.#loadUrl({ kind: 'url', url, live: true, ...(mimeType === undefined ? {} : { mimeType }), ...(drm === undefined ? {} : { drm }) }, attempt.controller.signal);
    }
    return this.#loadChannel(source, attempt.controller.signal);
  }

  async #loadChannel(source: Extract<PlaySource, { kind: 'channel' }>, signal: AbortSignal): Promise<number> {
    const renderer = this.#renderer;
    if (!renderer) {
      throw playerError(ErrorCode.PlayerSourceUnsupported, `Channel ${source.channel.number} has no URL source and this player has no channel renderer`, {
        source: sourceLabel(source), reason: 'no channel renderer',
      });
    }
    if (this.#media !== 'channel') {
      await this.#teardown();
      signal.throwIfAborted();
      this.#media = 'channel';
    }
    const request = this.#options.programmeTitle === undefined
      ? { channel: source.channel, signal }
      : { channel: source.channel, signal, programmeTitle: this.#options.programmeTitle };
    return renderer.show(this.#video, request);
  }

  async #loadUrl(source: UrlSource, signal: AbortSignal): Promise<number> {
    await this.#teardown();
    signal.throwIfAborted();
    this.#media = 'url';
    this.#liveHint = source.live;
    const video = this.#video;
    if (source.drm) {
      await this.#emeClosing;
      signal.throwIfAborted();
      this.#eme = new EmeController({
        video, drm: source.drm, contentType: () => this.#contentType, onError: (error) => { this.#onSourceError(signal, error); },
      });
    }
    if (isHlsSource(source.url, source.mimeType)) await this.#attachHls(source, signal);
    else await this.#attachFile(source, signal);
    signal.throwIfAborted();
    if (source.startAt !== undefined && source.startAt > 0) {
      const startAt = source.startAt;
      // Tied to this play's signal: a play replaced before its metadata must not seek the next source.
      video.addEventListener('loadedmetadata', () => { video.currentTime = startAt; }, { once: true, signal });
    }
    const firstFrame = waitForFirstFrame(video, signal);
    void this.#startElement();
    return firstFrame;
  }

  async #attachHls(source: UrlSource, signal: AbortSignal): Promise<void> {
    const video = this.#video;
    if (await hlsJsSupported()) {
      signal.throwIfAborted();
      const session = await openHlsSession(video, source.url, source.drm?.keySystem, {
        onError: (error) => { this.#onSourceError(signal, error); },
        onTracks: () => { this.#refreshTracks(); },
        onLive: (live) => {
          this.#liveHint ??= live;
          this.#update(this.#timing());
        },
      });
      if (signal.aborted) {
        session.close();
        throw abortReason(signal);
      }
      this.#hls = session;
      return;
    }
    // No MSE for hls.js, but the element may play HLS itself (Safari, some TV browsers).
    if (video.canPlayType('application/vnd.apple.mpegurl') !== '') {
      video.src = source.url;
      return;
    }
    throw playerError(ErrorCode.PlayerSourceUnsupported, `HLS ${source.url} cannot play here: no MSE and no native HLS`, {
      source: source.url, reason: 'no MSE and no native HLS',
    });
  }

  async #attachFile(source: UrlSource, signal: AbortSignal): Promise<void> {
    const video = this.#video;
    const { url, mimeType } = source;
    if (mimeType !== undefined && !MediaSource.isTypeSupported(mimeType) && video.canPlayType(mimeType) === '') {
      throw playerError(ErrorCode.PlayerSourceUnsupported, `${url}: type ${mimeType} is not playable here`, { source: url, reason: `unsupported type ${mimeType}` });
    }
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      signal.throwIfAborted();
      throw playerError(ErrorCode.PlayerLoadFailed, `Fetching ${url} failed: ${describeError(error)}`, { url, reason: describeError(error) });
    }
    if (!response.ok) {
      throw playerError(ErrorCode.PlayerLoadFailed, `Fetching ${url} failed: HTTP ${response.status}`, {
        url, status: response.status, reason: response.statusText || `HTTP ${response.status}`,
      });
    }
    const { head, reader } = await readHead(response, signal);
    signal.throwIfAborted();
    const sniffed = sniffMedia(head);
    const giveUpStream = (): void => { void reader?.cancel().catch(() => undefined); };
    if (sniffed.container === 'unknown') {
      giveUpStream();
      const start = Array.from(head.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
      throw playerError(ErrorCode.PlayerSourceUnsupported, `${url} is not WebM, MP4 or HLS (starts with ${start})`, {
        source: url, reason: 'unknown container', mimeType, head: start,
      });
    }
    if ((sniffed.container === 'mp4' && !sniffed.fragmented) || !('MediaSource' in window)) {
      // A non-fragmented MP4 cannot be appended to MSE (its sample index, `moov`, may even come last): the
      // element downloads it itself, progressively with range requests.
      giveUpStream();
      this.#contentType = sniffed.mimeType ?? mimeType;
      video.src = url;
      return;
    }
    const type = sniffed.mimeType ?? mimeType;
    if (type === undefined) {
      giveUpStream();
      throw playerError(ErrorCode.PlayerSourceUnsupported, `${url}: no known codec found in the ${sniffed.container} header`, {
        source: url, reason: 'unknown codecs',
      });
    }
    this.#contentType = type;
    const session = await openMseSource({
      video, url, mimeType: type, head, reader, signal, onError: (error) => { this.#onSourceError(signal, error); },
    });
    if (signal.aborted) {
      session.close();
      throw abortReason(signal);
    }
    this.#mse = session;
  }

  async #startElement(): Promise<void> {
    try {
      await this.#video.play();
    } catch (error) {
      // Autoplay refused with sound (no user gesture yet): play muted rather than not at all.
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        this.#video.muted = true;
        this.#update({ muted: true });
        await this.#video.play().catch(() => undefined);
      }
    }
  }

  async #teardown(): Promise<void> {
    this.#hls?.close();
    this.#hls = undefined;
    this.#mse?.close();
    this.#mse = undefined;
    if (this.#media === 'channel') this.#renderer?.detach(this.#video);
    if (this.#media === 'url' || this.#video.hasAttribute('src')) {
      this.#video.removeAttribute('src');
      this.#video.load();
    }
    this.#media = 'none';
    this.#contentType = undefined;
    this.#liveHint = undefined;
    const eme = this.#eme;
    this.#eme = undefined;
    if (eme) {
      this.#emeClosing = eme.close();
      await this.#emeClosing;
    }
  }

  #noFrameError(source: PlaySource, timeoutMs: number): YiwangError {
    const eme = this.#eme;
    if (eme) {
      return drmError(eme.keySystem, 'decrypt', `no frame within ${timeoutMs} ms${eme.licensed ? ' after the licence was applied (wrong key?)' : ' (no licence was applied)'}`, {
        source: sourceLabel(source),
      });
    }
    return playerError(ErrorCode.PlayerLoadFailed, `${sourceLabel(source)}: no frame within ${timeoutMs} ms`, {
      url: sourceLabel(source), reason: `no frame within ${timeoutMs} ms`,
    });
  }

  // ---- element events ----

  /** An error from one play's source machinery; ignored once another play or a stop replaced that play. */
  #onSourceError(signal: AbortSignal, error: YiwangError): void {
    if (!signal.aborted) this.#onMediaError(error);
  }

  #onMediaError(error: YiwangError): void {
    if (this.#attempt) {
      this.#attempt.fail(error);
      return;
    }
    if (this.#media === 'none') return;
    this.#plane.setStopped(true);
    this.#update({ status: 'error', error });
  }

  #elementError(): YiwangError | undefined {
    const mediaError = this.#video.error;
    if (!mediaError || mediaError.code === MediaError.MEDIA_ERR_ABORTED) return undefined;
    const url = this.state.source?.kind === 'url' ? this.state.source.url : this.#video.currentSrc;
    const reason = mediaError.message || `MediaError ${mediaError.code}`;
    const data = { url, reason, mediaErrorCode: mediaError.code };
    switch (mediaError.code) {
      case MediaError.MEDIA_ERR_NETWORK:
        return playerError(ErrorCode.PlayerLoadFailed, `Loading ${url} failed: ${reason}`, data);
      case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
        return playerError(ErrorCode.PlayerSourceUnsupported, `${url} is not playable: ${reason}`, { ...data, source: url });
      default:
        // Decoding fails on garbage: with DRM keys applied, that is what a wrong key produces.
        if (this.#eme?.licensed === true) return drmError(this.#eme.keySystem, 'decrypt', `decoding failed after decryption (wrong key?): ${reason}`, data);
        return playerError(ErrorCode.PlayerDecodeFailed, `Decoding ${url} failed: ${reason}`, data);
    }
  }

  #listen(): void {
    const video = this.#video;
    const settled = (): boolean => this.#attempt === undefined && this.#media !== 'none';
    video.addEventListener('error', () => {
      if (this.#media !== 'url') return;
      const error = this.#elementError();
      if (error) this.#onMediaError(error);
    });
    video.addEventListener('playing', () => { if (settled() && this.state.status !== 'error') this.#update({ status: 'playing' }); });
    video.addEventListener('waiting', () => { if (settled() && this.state.status === 'playing') this.#update({ status: 'buffering' }); });
    video.addEventListener('pause', () => {
      if (settled() && this.#media === 'url' && (this.state.status === 'playing' || this.state.status === 'buffering') && !video.ended) {
        this.#update({ status: 'paused' });
      }
    });
    for (const type of ['timeupdate', 'durationchange', 'loadedmetadata', 'seeked']) {
      video.addEventListener(type, () => { if (this.#media === 'url') this.#update(this.#timing()); });
    }
    video.addEventListener('volumechange', () => {
      const volume = Math.round(video.volume * 100);
      if (volume !== this.state.volume || video.muted !== this.state.muted) this.#update({ volume, muted: video.muted });
    });
    video.addEventListener('loadedmetadata', () => { this.#refreshTracks(); });
    video.textTracks.addEventListener('addtrack', () => { this.#refreshTracks(); });
    video.textTracks.addEventListener('removetrack', () => { this.#refreshTracks(); });
    if (hasAudioTracks(video)) video.audioTracks.addEventListener('addtrack', () => { this.#refreshTracks(); });
  }

  #textTracks(): { id: string; track: TextTrack }[] {
    return Array.from(this.#video.textTracks)
      .map((track, index) => ({ id: track.id || `text-${index}`, track }))
      .filter((entry) => entry.track.kind === 'subtitles' || entry.track.kind === 'captions');
  }

  #refreshTracks(): void {
    if (this.#destroyed) return;
    const hls = this.#hls;
    if (hls) {
      const { hls: instance } = hls;
      this.#update({
        audioTracks: instance.audioTracks.map((track, index) => ({ id: `hls-audio-${index}`, kind: 'audio', language: track.lang, label: track.name })),
        subtitleTracks: instance.subtitleTracks.map((track, index) => ({ id: `hls-subtitle-${index}`, kind: 'subtitle', language: track.lang, label: track.name })),
        audioTrack: hls.audioTrack, subtitleTrack: hls.subtitleTrack,
      });
      return;
    }
    const texts = this.#textTracks();
    const subtitleTracks: MediaTrack[] = texts.map(({ id, track }) => ({ id, kind: 'subtitle', language: track.language || undefined, label: track.label || undefined }));
    const audioTracks: MediaTrack[] = [];
    let audioTrack: string | undefined;
    if (hasAudioTracks(this.#video)) {
      Array.from(this.#video.audioTracks).forEach((track, index) => {
        const id = track.id || `audio-${index}`;
        audioTracks.push({ id, kind: 'audio', language: track.language || undefined, label: track.label || undefined });
        if (track.enabled) audioTrack = id;
      });
    }
    this.#update({ audioTracks, subtitleTracks, audioTrack, subtitleTrack: texts.find((entry) => entry.track.mode === 'showing')?.id });
  }

  /** Position, duration, seekable range and the live flag from the element. */
  #timing(): Pick<PlayerState, 'position' | 'duration' | 'seekable' | 'live'> {
    const video = this.#video;
    if (this.#media !== 'url') return { live: this.#media === 'channel' };
    const live = this.#liveHint ?? video.duration === Infinity;
    const ranges = video.seekable;
    const seekable = ranges.length > 0 ? { start: ranges.start(0), end: ranges.end(ranges.length - 1) } : undefined;
    return {
      position: video.currentTime,
      duration: !live && Number.isFinite(video.duration) ? video.duration : undefined,
      seekable, live,
    };
  }

  #update(change: Partial<PlayerState>): void {
    if (this.#destroyed) return;
    this.#subject.next({ ...this.#subject.value, ...change });
  }

  #invalid(operation: string, reason: string): YiwangError {
    return playerError(ErrorCode.PlayerOperationInvalid, `${operation}: ${reason}`, { operation, reason });
  }

  #rejectIfDestroyed(operation: string): Promise<never> | undefined {
    return this.#destroyed ? Promise.reject(playerError(ErrorCode.PlayerDestroyed, `${operation} on a destroyed player`, {})) : undefined;
  }

  #assertAlive(operation: string): void {
    if (this.#destroyed) throw playerError(ErrorCode.PlayerDestroyed, `${operation} on a destroyed player`, {});
  }
}

/**
 * Creates the HTML5 player: a `<video>` in a video plane (by default a fixed full-page layer, the first child of
 * `<body>`, behind the app). Give it a `channelRenderer` to play channels that have no URL source.
 */
export function createHtml5Player(options: Html5PlayerOptions = {}): Html5Player {
  return new Html5PlayerImpl(options);
}
