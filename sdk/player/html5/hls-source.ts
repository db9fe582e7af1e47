/**
 * HLS through hls.js over MSE, loaded with a dynamic import only when an HLS URL plays (the bundle is large and
 * most channels never need it). Fatal hls.js errors become player errors; its audio and subtitle track lists
 * and the playlist's live flag are reported to the player.
 */
import type Hls from 'hls.js';
import type { ErrorData } from 'hls.js';
import { ErrorCode } from '../../errors/yiwang-error.js';
import type { YiwangError } from '../../errors/yiwang-error.js';
import type { MediaTrack } from '../player.js';
import { playerError } from '../player-errors.js';

export interface HlsSessionEvents {
  readonly onError: (error: YiwangError) => void;
  readonly onTracks: (audio: readonly MediaTrack[], subtitles: readonly MediaTrack[]) => void;
  readonly onLive: (live: boolean) => void;
}

export interface HlsSession {
  readonly hls: Hls;
  selectAudio(id: string): boolean;
  selectSubtitle(id: string | undefined): boolean;
  readonly audioTrack: string | undefined;
  readonly subtitleTrack: string | undefined;
  close(): void;
}

/** Whether hls.js can run here (MSE with a type it can transmux to). Loads hls.js. */
export async function hlsJsSupported(): Promise<boolean> {
  const { default: HlsClass } = await import('hls.js');
  return HlsClass.isSupported();
}

function errorOf(url: string, data: ErrorData, keySystem: string | undefined): YiwangError {
  const details = `${data.type}/${data.details}${data.error.message ? `: ${data.error.message}` : ''}`;
  const status = data.response?.code;
  const type: string = data.type;
  switch (type) {
    case 'networkError':
      return playerError(ErrorCode.PlayerLoadFailed, `HLS ${url}: ${details}`, {
        url: data.url ?? data.frag?.url ?? url, status, reason: details,
      });
    case 'keySystemError':
      return playerError(ErrorCode.PlayerDrmFailed, `HLS ${url}: ${details}`, { keySystem, step: 'hls.js', reason: details });
    case 'mediaError':
    case 'muxError':
      return playerError(ErrorCode.PlayerDecodeFailed, `HLS ${url}: ${details}`, { reason: details });
    default:
      return playerError(ErrorCode.PlayerLoadFailed, `HLS ${url}: ${details}`, { url, reason: details });
  }
}

export async function openHlsSession(video: HTMLVideoElement, url: string, keySystem: string | undefined, events: HlsSessionEvents): Promise<HlsSession> {
  const { default: HlsClass } = await import('hls.js');
  // EME stays with the player's own controller on the element (one DRM path for MSE and HLS).
  const hls = new HlsClass({ enableWorker: true, lowLatencyMode: false, startFragPrefetch: true });
  const audioId = (index: number): string => `hls-audio-${index}`;
  const subtitleId = (index: number): string => `hls-subtitle-${index}`;
  const report = (): void => {
    events.onTracks(
      hls.audioTracks.map((track, index) => ({ id: audioId(index), kind: 'audio' as const, language: track.lang, label: track.name })),
      hls.subtitleTracks.map((track, index) => ({ id: subtitleId(index), kind: 'subtitle' as const, language: track.lang, label: track.name })),
    );
  };
  hls.on(HlsClass.Events.ERROR, (_event, data) => { if (data.fatal) events.onError(errorOf(url, data, keySystem)); });
  hls.on(HlsClass.Events.AUDIO_TRACKS_UPDATED, report);
  hls.on(HlsClass.Events.SUBTITLE_TRACKS_UPDATED, report);
  hls.on(HlsClass.Events.AUDIO_TRACK_SWITCHED, report);
  hls.on(HlsClass.Events.LEVEL_LOADED, (_event, data) => { events.onLive(data.details.live); });
  hls.loadSource(url);
  hls.attachMedia(video);
  const indexOf = (id: string, prefix: string, count: number): number => {
    const index = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN;
    return Number.isInteger(index) && index >= 0 && index < count ? index : -1;
  };
  return {
    hls,
    selectAudio(id) {
      const index = indexOf(id, 'hls-audio-', hls.audioTracks.length);
      if (index === -1) return false;
      hls.audioTrack = index;
      return true;
    },
    selectSubtitle(id) {
      if (id === undefined) {
        hls.subtitleTrack = -1;
        return true;
      }
      const index = indexOf(id, 'hls-subtitle-', hls.subtitleTracks.length);
      if (index === -1) return false;
      hls.subtitleDisplay = true;
      hls.subtitleTrack = index;
      return true;
    },
    get audioTrack() { return hls.audioTrack >= 0 ? audioId(hls.audioTrack) : undefined; },
    get subtitleTrack() { return hls.subtitleTrack >= 0 ? subtitleId(hls.subtitleTrack) : undefined; },
    close() { hls.destroy(); },
  };
}
