import { expect } from '@esm-bundle/chai';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import { createHtml5Player, type Html5Player } from '../../../sdk/player/index.js';
import { makeTestWebm } from './support/testmedia/make-test-webm.js';
import { rejectionOf } from './support/player-test-kit.js';

describe('HTML5 player: errors, volume, window, tracks, destroy', () => {
  let player: Html5Player;
  beforeEach(() => { player = createHtml5Player({ firstFrameTimeoutMs: 5000 }); });
  afterEach(() => { player.destroy(); });

  it('a 404 URL fails with PlayerLoadFailed naming the URL and status', async () => {
    const url = new URL('/no-such-media.webm', location.href).href;
    const error = await rejectionOf(player.play({ kind: 'url', url }));
    expect(error.code).to.equal(ErrorCode.PlayerLoadFailed);
    expect(error.data).to.include({ url, status: 404 });
    expect(player.state.status).to.equal('error');
    expect(player.state.error).to.equal(error);
  });

  it('an HLS playlist that is missing fails through hls.js with PlayerLoadFailed and the status', async () => {
    const url = new URL('/no-such-playlist.m3u8', location.href).href;
    const error = await rejectionOf(player.play({ kind: 'url', url }));
    expect(error.code).to.equal(ErrorCode.PlayerLoadFailed);
    expect(error.data).to.include({ url, status: 404 });
  });

  it('a type the browser cannot play is PlayerSourceUnsupported before anything is fetched', async () => {
    const error = await rejectionOf(player.play({ kind: 'url', url: '/clip.flv', mimeType: 'video/x-flv' }));
    expect(error.code).to.equal(ErrorCode.PlayerSourceUnsupported);
    expect(error.data).to.include({ source: '/clip.flv' });
  });

  it('bytes that are no known container are PlayerSourceUnsupported with their first bytes', async () => {
    const url = URL.createObjectURL(new Blob(['#!not a video at all'], { type: 'application/octet-stream' }));
    try {
      const error = await rejectionOf(player.play({ kind: 'url', url }));
      expect(error.code).to.equal(ErrorCode.PlayerSourceUnsupported);
      expect(error.data).to.include({ reason: 'unknown container', head: '23 21 6e 6f 74 20 61 20' });
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('volume is clamped to 0–100 and mute is kept apart from it', async () => {
    await player.setVolume(150);
    expect(player.state.volume).to.equal(100);
    await player.setVolume(-3);
    expect(player.state.volume).to.equal(0);
    await player.setVolume(35);
    expect(player.videoElement.volume).to.be.closeTo(0.35, 0.001);
    await player.setMuted(true);
    expect(player.state).to.include({ volume: 35, muted: true });
    expect(player.videoElement.muted).to.equal(true);
    await player.setMuted(false);
    expect(player.state.muted).to.equal(false);
  });

  it('setVideoWindow places the picture in page pixels, and back to full screen', async () => {
    await player.setVideoWindow({ mode: 'window', x: 100, y: 50, width: 320, height: 180 });
    let rect = player.videoElement.getBoundingClientRect();
    expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([100, 50, 320, 180]);
    expect(player.state.window).to.deep.equal({ mode: 'window', x: 100, y: 50, width: 320, height: 180 });
    await player.setVideoWindow({ mode: 'fullscreen' });
    rect = player.videoElement.getBoundingClientRect();
    expect([rect.width, rect.height]).to.deep.equal([innerWidth, innerHeight]);
    const error = await rejectionOf(player.setVideoWindow({ mode: 'window', x: Number.NaN, y: 0, width: 1, height: 1 }));
    expect(error.code).to.equal(ErrorCode.PlayerOperationInvalid);
  });

  it('a container option hosts the video instead of the page layer', async () => {
    const host = document.createElement('div');
    Object.assign(host.style, { position: 'absolute', left: '30px', top: '20px', width: '400px', height: '300px' });
    document.body.appendChild(host);
    const hosted = createHtml5Player({ container: host });
    try {
      expect(hosted.videoElement.parentElement).to.equal(host);
      await hosted.setVideoWindow({ mode: 'window', x: 40, y: 30, width: 100, height: 50 });
      const rect = hosted.videoElement.getBoundingClientRect();
      expect([rect.left, rect.top]).to.deep.equal([40, 30]);
    } finally {
      hosted.destroy();
      host.remove();
    }
    expect(host.childElementCount).to.equal(0);
  });

  it('subtitle tracks of the element are listed and selected; an unknown id is invalid', async () => {
    const media = await makeTestWebm({ width: 160, height: 90, seconds: 1 });
    const url = URL.createObjectURL(new Blob([media.bytes]));
    try {
      await player.setMuted(true);
      await player.play({ kind: 'url', url });
      const track = player.videoElement.addTextTrack('subtitles', 'English', 'en');
      await new Promise((resolve) => setTimeout(resolve, 0));
      const listed = player.state.subtitleTracks;
      expect(listed).to.have.length(1);
      expect(listed[0]).to.include({ kind: 'subtitle', language: 'en', label: 'English' });
      const id = listed[0]?.id ?? '';
      await player.selectSubtitleTrack(id);
      expect(track.mode).to.equal('showing');
      expect(player.state.subtitleTrack).to.equal(id);
      await player.selectSubtitleTrack(undefined);
      expect(track.mode).to.equal('disabled');
      expect(player.state.subtitleTrack).to.equal(undefined);
      expect((await rejectionOf(player.selectSubtitleTrack('nope'))).code).to.equal(ErrorCode.PlayerOperationInvalid);
      expect((await rejectionOf(player.selectAudioTrack('nope'))).code).to.equal(ErrorCode.PlayerOperationInvalid);
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('destroy rejects a pending play and every later call with PlayerDestroyed', async () => {
    const pending = player.play({ kind: 'url', url: '/never-answered.webm' });
    player.destroy();
    expect((await rejectionOf(pending)).code).to.equal(ErrorCode.PlayerDestroyed);
    expect((await rejectionOf(player.setVolume(3))).code).to.equal(ErrorCode.PlayerDestroyed);
    expect((await rejectionOf(player.play({ kind: 'url', url: '/x.webm' }))).code).to.equal(ErrorCode.PlayerDestroyed);
  });
});
