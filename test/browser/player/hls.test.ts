import { expect } from '@esm-bundle/chai';
import { createHtml5Player, type Html5Player } from '../../../sdk/player/index.js';
import { encodeTestVp9, makeTestHls, type TestHls } from './support/testmedia/make-test-hls.js';
import { writeProgressiveMp4 } from './support/testmedia/progressive-mp4-writer.js';
import { TEST_MEDIA_COLOURS } from './support/testmedia/make-test-webm.js';
import { near, pixelAt, rejectionOf } from './support/player-test-kit.js';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';

describe('HTML5 player: HLS through hls.js (generated VP9 fMP4 segments)', () => {
  let stream: TestHls;
  let player: Html5Player;

  before(async () => { stream = await makeTestHls({ seconds: 3 }); });
  after(() => { stream.revoke(); });
  beforeEach(async () => {
    player = createHtml5Player({ firstFrameTimeoutMs: 8000 });
    await player.setMuted(true);
  });
  afterEach(() => { player.destroy(); });

  it('plays a VOD media playlist with #EXT-X-MAP: first frame, duration, not live, picture of second 0', async () => {
    expect(stream.segmentCount).to.equal(3);
    await player.play({ kind: 'url', url: stream.playlistUrl, mimeType: 'application/vnd.apple.mpegurl' });
    expect(player.state.status).to.equal('playing');
    expect(player.state.live).to.equal(false);
    expect(player.state.duration).to.be.closeTo(3, 0.15);
    const pixel = pixelAt(player.videoElement, 10, 10);
    expect(near(pixel, TEST_MEDIA_COLOURS[0] ?? [], 28)).to.equal(true, pixel.join(','));
  });

  it('seeks into the third segment and shows its colour', async () => {
    await player.play({ kind: 'url', url: stream.playlistUrl, mimeType: 'application/vnd.apple.mpegurl' });
    await player.pause();
    const presented = new Promise((resolve) => { player.videoElement.requestVideoFrameCallback(resolve); });
    await player.seek(2.5);
    await presented;
    const pixel = pixelAt(player.videoElement, 10, 10);
    expect(near(pixel, TEST_MEDIA_COLOURS[2] ?? [], 28)).to.equal(true, pixel.join(','));
  });
});

describe('HTML5 player: HLS subtitle renditions', () => {
  it('lists the master playlist subtitle renditions with languages, selects one and turns subtitles off', async () => {
    const stream = await makeTestHls({
      seconds: 2, subtitles: [{ language: 'en', name: 'English', text: 'Hello' }, { language: 'zh', name: '中文', text: '你好' }],
    });
    const player = createHtml5Player({ firstFrameTimeoutMs: 8000 });
    try {
      await player.setMuted(true);
      await player.play({ kind: 'url', url: stream.playlistUrl, mimeType: 'application/vnd.apple.mpegurl' });
      const tracks = player.state.subtitleTracks;
      expect(tracks.map((track) => [track.language, track.label])).to.deep.equal([['en', 'English'], ['zh', '中文']]);
      expect(player.state.subtitleTrack).to.equal(undefined);
      const chinese = tracks[1]?.id ?? '';
      await player.selectSubtitleTrack(chinese);
      expect(player.state.subtitleTrack).to.equal(chinese);
      await player.selectSubtitleTrack(undefined);
      expect(player.state.subtitleTrack).to.equal(undefined);
      expect((await rejectionOf(player.selectSubtitleTrack('hls-subtitle-9'))).code).to.equal(ErrorCode.PlayerOperationInvalid);
    } finally {
      player.destroy();
      stream.revoke();
    }
  });
});

describe('HTML5 player: live HLS', () => {
  it('a playlist without #EXT-X-ENDLIST plays as live: no duration', async () => {
    const live = await makeTestHls({ seconds: 4, live: true });
    const player = createHtml5Player({ firstFrameTimeoutMs: 8000 });
    try {
      await player.setMuted(true);
      await player.play({ kind: 'url', url: live.playlistUrl, mimeType: 'application/vnd.apple.mpegurl' });
      expect(player.state.status).to.equal('playing');
      expect(player.state.live).to.equal(true);
      expect(player.state.duration).to.equal(undefined);
    } finally {
      player.destroy();
      live.revoke();
    }
  });
});

describe('HTML5 player: fragmented MP4 (VP9) file through MSE', () => {
  it('sniffs the fMP4 container and vp09 codec from the bytes and plays the concatenated init + segments', async () => {
    const stream = await makeTestHls({ seconds: 2 });
    const playlist = await (await fetch(stream.playlistUrl)).text();
    const uris = [...playlist.matchAll(/URI="([^"]+)"/g), ...playlist.matchAll(/^(blob:\S+)$/gm)].map((match) => match[1] ?? '');
    const parts = await Promise.all(uris.map(async (uri) => new Uint8Array(await (await fetch(uri)).arrayBuffer())));
    stream.revoke();
    const url = URL.createObjectURL(new Blob(parts));
    const player = createHtml5Player({ firstFrameTimeoutMs: 8000 });
    try {
      await player.setMuted(true);
      await player.play({ kind: 'url', url });
      expect(player.state.status).to.equal('playing');
      expect(player.state.duration).to.be.closeTo(2, 0.15);
      const pixel = pixelAt(player.videoElement, 10, 10);
      expect(near(pixel, TEST_MEDIA_COLOURS[0] ?? [], 28)).to.equal(true, pixel.join(','));
    } finally {
      player.destroy();
      URL.revokeObjectURL(url);
    }
  });
});

describe('HTML5 player: non-fragmented MP4', () => {
  it('is not appended to MSE but handed to the element, and plays', async () => {
    const { track, samples } = await encodeTestVp9({ seconds: 2 });
    const url = URL.createObjectURL(new Blob([writeProgressiveMp4(track, samples)], { type: 'video/mp4' }));
    const player = createHtml5Player({ firstFrameTimeoutMs: 8000 });
    try {
      await player.setMuted(true);
      await player.play({ kind: 'url', url });
      expect(player.videoElement.src).to.equal(url);
      expect(player.state.duration).to.be.closeTo(2, 0.15);
      const pixel = pixelAt(player.videoElement, 10, 10);
      expect(near(pixel, TEST_MEDIA_COLOURS[0] ?? [], 28)).to.equal(true, pixel.join(','));
    } finally {
      player.destroy();
      URL.revokeObjectURL(url);
    }
  });
});
