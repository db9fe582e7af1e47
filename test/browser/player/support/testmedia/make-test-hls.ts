/**
 * Generates a VOD HLS stream in the browser: canvas frames (the same per-second colours as the WebM test media)
 * encoded to VP9 by WebCodecs, cut into one-second fMP4 segments by the project's fMP4 writer, and a media
 * playlist with `#EXT-X-MAP`. Everything is served as blob URLs; `revoke()` frees them.
 */
import { vp9CodecString, writeFmp4Init, writeFmp4Segment, type Fmp4Sample, type Vp9Track } from './fmp4-writer.js';
import { drawTestMediaFrame } from './make-test-webm.js';

export interface TestHlsOptions {
  readonly width?: number;
  readonly height?: number;
  readonly frameRate?: number;
  readonly seconds?: number;
  /** A live playlist: no `#EXT-X-PLAYLIST-TYPE:VOD` and no `#EXT-X-ENDLIST`. */
  readonly live?: boolean;
  /**
   * Subtitle renditions (WebVTT, one cue over the whole stream): the returned URL is then a master playlist
   * naming them in `#EXT-X-MEDIA:TYPE=SUBTITLES` with the media playlist as its one variant.
   */
  readonly subtitles?: readonly { readonly language: string; readonly name: string; readonly text: string }[];
}

export interface TestHls {
  readonly playlistUrl: string;
  readonly codecs: string;
  readonly segmentCount: number;
  revoke(): void;
}

/** Encodes the test picture to VP9 samples (one key frame per second) for the MP4 writers. */
export async function encodeTestVp9(options: TestHlsOptions = {}): Promise<{ track: Vp9Track; samples: Fmp4Sample[]; frameRate: number }> {
  const width = options.width ?? 320;
  const height = options.height ?? 180;
  const frameRate = options.frameRate ?? 25;
  const seconds = options.seconds ?? 3;
  const track: Vp9Track = { width, height, timescale: 90_000, profile: 0, level: 21 };
  const codec = vp9CodecString(track);
  const config: VideoEncoderConfig = { codec, width, height, bitrate: 300_000, framerate: frameRate };
  if ((await VideoEncoder.isConfigSupported(config)).supported !== true) throw new Error(`VP9 encoding (${codec}) is not supported here`);

  const samples: Fmp4Sample[] = [];
  let failure: DOMException | undefined;
  const frameTicks = track.timescale / frameRate;
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const data = new Uint8Array(chunk.byteLength);
      chunk.copyTo(data);
      samples.push({ data, duration: frameTicks, key: chunk.type === 'key' });
    },
    error: (error) => { failure = error; },
  });
  encoder.configure(config);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas 2D is not available');
  for (let index = 0; index < seconds * frameRate; index += 1) {
    drawTestMediaFrame(ctx, width, height, index, frameRate);
    const frame = new VideoFrame(canvas, { timestamp: Math.round((index * 1e6) / frameRate) });
    encoder.encode(frame, { keyFrame: index % frameRate === 0 });
    frame.close();
  }
  await encoder.flush();
  encoder.close();
  if (failure) throw failure;

  return { track, samples, frameRate };
}

export async function makeTestHls(options: TestHlsOptions = {}): Promise<TestHls> {
  const seconds = options.seconds ?? 3;
  const { track, samples, frameRate } = await encodeTestVp9(options);
  const codec = vp9CodecString(track);
  const urls: string[] = [];
  const blobUrl = (bytes: BlobPart, type: string): string => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    urls.push(url);
    return url;
  };
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:1', ...(options.live === true ? [] : ['#EXT-X-PLAYLIST-TYPE:VOD']), '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-INDEPENDENT-SEGMENTS', `#EXT-X-MAP:URI="${blobUrl(writeFmp4Init(track), 'video/mp4')}"`];
  let segmentCount = 0;
  for (let second = 0; second < seconds; second += 1) {
    const segmentSamples = samples.slice(second * frameRate, (second + 1) * frameRate);
    if (segmentSamples.length === 0) break;
    const segment = writeFmp4Segment(second + 1, second * track.timescale, segmentSamples);
    lines.push(`#EXTINF:${(segmentSamples.length / frameRate).toFixed(3)},`, blobUrl(segment, 'video/mp4'));
    segmentCount += 1;
  }
  lines.push(...(options.live === true ? [] : ['#EXT-X-ENDLIST']), '');
  const mediaPlaylistUrl = blobUrl(lines.join('\n'), 'application/vnd.apple.mpegurl');
  const subtitles = options.subtitles ?? [];
  let playlistUrl = mediaPlaylistUrl;
  if (subtitles.length > 0) {
    const master = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
    for (const subtitle of subtitles) {
      const vtt = blobUrl(`WEBVTT\n\n00:00:00.000 --> 00:00:${String(seconds).padStart(2, '0')}.000\n${subtitle.text}\n`, 'text/vtt');
      const playlist = blobUrl(['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${seconds}`, '#EXT-X-PLAYLIST-TYPE:VOD',
        `#EXTINF:${seconds}.000,`, vtt, '#EXT-X-ENDLIST', ''].join('\n'), 'application/vnd.apple.mpegurl');
      master.push(`#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="${subtitle.name}",LANGUAGE="${subtitle.language}",DEFAULT=NO,AUTOSELECT=NO,URI="${playlist}"`);
    }
    master.push(`#EXT-X-STREAM-INF:BANDWIDTH=400000,CODECS="${codec}",RESOLUTION=${track.width}x${track.height},SUBTITLES="subs"`, mediaPlaylistUrl, '');
    playlistUrl = blobUrl(master.join('\n'), 'application/vnd.apple.mpegurl');
  }
  return {
    playlistUrl, codecs: codec, segmentCount,
    revoke() { for (const url of urls) URL.revokeObjectURL(url); },
  };
}
