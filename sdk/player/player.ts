/**
 * One player interface for live channels, VOD and catch-up, whatever plays underneath: the box's broadcast
 * decoder, an HTML5 `<video>` with MSE/EME, or the emulator's test card. A platform adapter provides it
 * (`PlatformAdapter.createPlayer`); apps and the tuner only see this interface.
 */
import type { Observable } from 'rxjs';
import type { Channel, DrmConfig } from '../channels/channel.js';
import type { YiwangError } from '../errors/yiwang-error.js';

/** What to play. */
export type PlaySource =
  /** A lineup channel: the platform decides how (broadcast tuner, the channel's URL, the emulator's test card). */
  | { readonly kind: 'channel'; readonly channel: Channel }
  /**
   * A URL: HLS (`.m3u8` or `application/vnd.apple.mpegurl`), MP4 or WebM (fragmented files through MSE).
   * `startAt` (seconds) starts VOD and catch-up from there.
   */
  | {
    readonly kind: 'url';
    readonly url: string;
    readonly mimeType?: string;
    readonly drm?: DrmConfig;
    readonly startAt?: number;
    /** A live stream (no end; seek only within the time-shift window, if any). Detected from HLS when absent. */
    readonly live?: boolean;
  };

export type PlayerStatus =
  /** Nothing loaded. */
  | 'idle'
  /** Loading the source; no frame of it shown yet. */
  | 'loading'
  | 'playing'
  | 'paused'
  /** Was playing, waiting for data. */
  | 'buffering'
  | 'stopped'
  | 'error';

/** An audio or subtitle track. */
export interface MediaTrack {
  readonly id: string;
  /** BCP 47 / ISO 639 language code, when known. */
  readonly language?: string;
  readonly label?: string;
  readonly kind: 'audio' | 'subtitle';
}

/** A video window in CSS pixels of the page (the app's coordinate space), or the full screen. */
export type VideoWindow =
  | { readonly mode: 'fullscreen' }
  | { readonly mode: 'window'; readonly x: number; readonly y: number; readonly width: number; readonly height: number };

export interface PlayerState {
  readonly status: PlayerStatus;
  readonly source?: PlaySource;
  /** Seconds; for live, the position in the time-shift window when there is one. */
  readonly position?: number;
  /** Seconds; absent for live. */
  readonly duration?: number;
  /** The seekable range in seconds (VOD: 0..duration; catch-up/time-shift: the window). */
  readonly seekable?: { readonly start: number; readonly end: number };
  readonly live: boolean;
  readonly audioTracks: readonly MediaTrack[];
  readonly subtitleTracks: readonly MediaTrack[];
  readonly audioTrack?: string;
  /** The subtitle track shown; undefined when subtitles are off. */
  readonly subtitleTrack?: string;
  /** 0–100. */
  readonly volume: number;
  readonly muted: boolean;
  readonly window: VideoWindow;
  /** `performance.now()` time when the first frame of the current source was shown. */
  readonly firstFrameAt?: number;
  readonly error?: YiwangError;
}

export interface Player {
  /** The current state; emits on every change (BehaviorSubject-like: a subscriber gets the current state at once). */
  readonly state$: Observable<PlayerState>;
  readonly state: PlayerState;
  /**
   * Plays `source`, replacing what plays. Resolves when its first frame is on screen (for radio and audio-only
   * sources, when playback started); rejects with a YiwangError (`PlayerSourceUnsupported`, `PlayerLoadFailed`,
   * `PlayerDecodeFailed`, `PlayerDrmFailed`, or `PlayerInterrupted` when another play or stop came first).
   */
  play(source: PlaySource): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Stops and clears the picture (black); the state becomes `stopped`. */
  stop(): Promise<void>;
  /** Seeks to `seconds` (VOD, catch-up, time-shift); rejects with `PlayerOperationInvalid` where it does not apply. */
  seek(seconds: number): Promise<void>;
  selectAudioTrack(id: string): Promise<void>;
  /** Shows a subtitle track, or none with `undefined`. */
  selectSubtitleTrack(id: string | undefined): Promise<void>;
  /** 0–100, clamped. */
  setVolume(volume: number): Promise<void>;
  setMuted(muted: boolean): Promise<void>;
  setVideoWindow(window: VideoWindow): Promise<void>;
  /** Releases the decoder and removes what the player added to the page. Further calls reject with `PlayerDestroyed`. */
  destroy(): void;
}

/** What a platform's player needs from the app. */
export interface PlayerOptions {
  /**
   * Where the video plane goes: an element the player fills (absolutely positioned, behind the app's UI).
   * Default: a fixed full-page layer at the back of `document.body` (the app's background must be transparent).
   */
  readonly container?: HTMLElement;
  /** The title of the programme on a channel now, for the emulator's test card (from the guide, if loaded). */
  readonly programmeTitle?: (channel: Channel) => string | undefined | Promise<string | undefined>;
}
