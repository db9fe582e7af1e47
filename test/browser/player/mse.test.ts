import { expect } from '@esm-bundle/chai';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import { createHtml5Player, type Html5Player, type PlayerStatus } from '../../../sdk/player/index.js';
import { makeTestWebm, TEST_MEDIA_COLOURS, type TestWebm } from './support/testmedia/make-test-webm.js';
import { trackListeners } from './support/listener-tracker.js';
import { delay, near, pixelAt, rejectionOf } from './support/player-test-kit.js';

describe('HTML5 player: WebM through MSE (generated VP8 media)', () => {
  let media: TestWebm;
  let url: string;
  let player: Html5Player;

  before(async () => {
    media = await makeTestWebm({ width: 320, height: 180, seconds: 3 });
    url = URL.createObjectURL(new Blob([media.bytes], { type: 'video/webm' }));
  });
  after(() => { URL.revokeObjectURL(url); });
  beforeEach(async () => {
    player = createHtml5Player();
    await player.setMuted(true);
  });
  afterEach(() => { player.destroy(); });

  it('the generated file is a WebM that MSE accepts', () => {
    expect(Array.from(media.bytes.subarray(0, 4))).to.deep.equal([0x1a, 0x45, 0xdf, 0xa3]);
    expect(MediaSource.isTypeSupported(media.mimeType)).to.equal(true);
  });

  it('plays: loading → playing, first frame shows second 0, VOD duration and seekable range', async () => {
    const statuses: PlayerStatus[] = [];
    const subscription = player.state$.subscribe((state) => {
      if (statuses[statuses.length - 1] !== state.status) statuses.push(state.status);
    });
    await player.play({ kind: 'url', url });
    subscription.unsubscribe();
    expect(statuses.slice(0, 3)).to.deep.equal(['idle', 'loading', 'playing']);
    const { state } = player;
    expect(state.live).to.equal(false);
    expect(state.firstFrameAt).to.be.a('number');
    expect(state.duration).to.be.closeTo(3, 0.1);
    expect(state.seekable?.start).to.equal(0);
    expect(state.seekable?.end).to.be.closeTo(3, 0.1);
    expect(near(pixelAt(player.videoElement, 10, 10), TEST_MEDIA_COLOURS[0] ?? [], 24)).to.equal(true, pixelAt(player.videoElement, 10, 10).join(','));
  });

  it('seeks: the picture is the colour of the second sought to; pause and resume', async () => {
    await player.play({ kind: 'url', url });
    await player.pause();
    expect(player.state.status).to.equal('paused');
    const presented = new Promise((resolve) => { player.videoElement.requestVideoFrameCallback(resolve); });
    await player.seek(2.5);
    expect(player.state.position).to.be.closeTo(2.5, 0.1);
    await presented;
    expect(near(pixelAt(player.videoElement, 10, 10), TEST_MEDIA_COLOURS[2] ?? [], 24)).to.equal(true, pixelAt(player.videoElement, 10, 10).join(','));
    await player.resume();
    expect(player.state.status).to.equal('playing');
  });

  it('startAt starts VOD from there', async () => {
    await player.play({ kind: 'url', url, startAt: 1.5 });
    expect(player.videoElement.currentTime).to.be.within(1.4, 2.5);
  });

  it('a seek outside a seekable range, and on a channel, is an invalid operation', async () => {
    expect((await rejectionOf(player.seek(1))).code).to.equal(ErrorCode.PlayerOperationInvalid);
    await player.play({ kind: 'url', url });
    expect((await rejectionOf(player.seek(Number.NaN))).code).to.equal(ErrorCode.PlayerOperationInvalid);
  });

  it('a second play interrupts the first and plays the new source', async () => {
    const first = player.play({ kind: 'url', url });
    const second = player.play({ kind: 'url', url, startAt: 2.2 });
    expect((await rejectionOf(first)).code).to.equal(ErrorCode.PlayerInterrupted);
    await second;
    expect(player.state.status).to.equal('playing');
  });

  it('a play with startAt replaced before its metadata does not seek the source that replaces it', async () => {
    const video = player.videoElement;
    // The element's 'play' event comes after the first play set up its source, before that source's metadata.
    const second = new Promise<void>((resolve) => {
      video.addEventListener('play', () => { resolve(player.play({ kind: 'url', url })); }, { once: true });
    });
    const first = player.play({ kind: 'url', url, startAt: 2.5 });
    expect((await rejectionOf(first)).code).to.equal(ErrorCode.PlayerInterrupted);
    await second;
    expect(video.currentTime).to.be.below(1);
    expect(near(pixelAt(video, 10, 10), TEST_MEDIA_COLOURS[0] ?? [], 24)).to.equal(true, pixelAt(video, 10, 10).join(','));
  });

  it('appending leaves no listener behind on the SourceBuffer once the file is in', async () => {
    const tracker = trackListeners(SourceBuffer.prototype);
    try {
      await player.play({ kind: 'url', url });
      for (let waited = 0; waited < 2000 && tracker.live().length > 0; waited += 25) await delay(25);
      expect(tracker.live()).to.deep.equal([]);
    } finally {
      tracker.restore();
    }
  });

  it('stop clears the picture to black and the state to stopped', async () => {
    await player.play({ kind: 'url', url });
    await player.stop();
    expect(player.state.status).to.equal('stopped');
    expect(player.videoElement.hasAttribute('src')).to.equal(false);
    expect(getComputedStyle(document.body.firstElementChild as HTMLElement).backgroundColor).to.equal('rgb(0, 0, 0)');
  });
});
