import { expect } from '@esm-bundle/chai';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import { createHtml5Player, createTestCardRenderer, type Html5Player, type PlayerState, type TestCardRenderer } from '../../../sdk/player/index.js';
import { delay, near, nextFrame, pixelAt, rejectionOf, testChannel } from './support/player-test-kit.js';

const RED = testChannel(1, '#ff0000');
const BLUE = testChannel(2, '#0000ff');
const GREEN = testChannel(3, '#00ff00');
/** A point of the card's background: below the colour bars, left of the number. */
const BACKGROUND = { x: 40, y: 300 };

describe('test card renderer through the HTML5 player', () => {
  let player: Html5Player;
  let renderer: TestCardRenderer;
  let titlesAsked: number[];

  beforeEach(() => {
    titlesAsked = [];
    renderer = createTestCardRenderer({ width: 640, height: 360 });
    player = createHtml5Player({
      channelRenderer: renderer,
      programmeTitle: (channel) => {
        titlesAsked.push(channel.number);
        return Promise.resolve(`Programme on ${channel.name}`);
      },
    });
  });
  afterEach(() => {
    player.destroy();
    renderer.dispose();
  });

  it('plays a channel: resolves at its first frame and the picture is the channel colour', async () => {
    const states: PlayerState[] = [];
    const subscription = player.state$.subscribe((state) => states.push(state));
    const before = performance.now();
    await player.play({ kind: 'channel', channel: RED });
    subscription.unsubscribe();
    expect(player.state.status).to.equal('playing');
    expect(player.state.live).to.equal(true);
    expect(player.state.firstFrameAt).to.be.a('number').greaterThan(before);
    expect(states.map((state) => state.status)).to.include.members(['idle', 'loading', 'playing']);
    expect(titlesAsked).to.deep.equal([1]);
    expect(renderer.channel).to.equal(RED);
    const video = player.videoElement;
    expect(video.videoWidth).to.equal(640);
    expect(near(pixelAt(video, BACKGROUND.x, BACKGROUND.y), [255, 0, 0], 40)).to.equal(true, `pixel ${pixelAt(video, BACKGROUND.x, BACKGROUND.y).join(',')}`);
  });

  it('the plane is the first child of body, behind the app, and destroy removes it', () => {
    const plane = document.body.firstElementChild as HTMLElement;
    expect(plane.contains(player.videoElement)).to.equal(true);
    expect(getComputedStyle(plane).position).to.equal('fixed');
    expect(Number(getComputedStyle(plane).zIndex)).to.be.lessThan(0);
    player.destroy();
    expect(player.videoElement.isConnected).to.equal(false);
  });

  it('a zap shows the new channel at its first frame and interrupts the previous play', async () => {
    await player.play({ kind: 'channel', channel: RED });
    const first = player.play({ kind: 'channel', channel: BLUE });
    const second = player.play({ kind: 'channel', channel: GREEN });
    const interrupted = await rejectionOf(first);
    expect(interrupted.code).to.equal(ErrorCode.PlayerInterrupted);
    await second;
    // The frame the play resolved at is the new channel's: no frame of the old channel may follow.
    expect(near(pixelAt(player.videoElement, BACKGROUND.x, BACKGROUND.y), [0, 255, 0], 40)).to.equal(true);
    expect(player.state.source).to.deep.equal({ kind: 'channel', channel: GREEN });
  });

  it('frames keep changing while a channel plays (clock, sweep, frame counter)', async () => {
    await player.play({ kind: 'channel', channel: BLUE });
    const count = renderer.frameCount;
    await delay(200);
    expect(renderer.frameCount - count).to.be.within(3, 8);
  });

  it('stop shows black and the state is stopped; play after stop starts again', async () => {
    await player.play({ kind: 'channel', channel: RED });
    await player.stop();
    expect(player.state.status).to.equal('stopped');
    await nextFrame(player.videoElement);
    await delay(50);
    expect(near(pixelAt(player.videoElement, BACKGROUND.x, BACKGROUND.y), [0, 0, 0], 8)).to.equal(true);
    await player.play({ kind: 'channel', channel: BLUE });
    expect(near(pixelAt(player.videoElement, BACKGROUND.x, BACKGROUND.y), [0, 0, 255], 40)).to.equal(true);
  });

  it('stop interrupts a pending play', async () => {
    await player.play({ kind: 'channel', channel: RED });
    const pending = player.play({ kind: 'channel', channel: BLUE });
    await player.stop();
    expect((await rejectionOf(pending)).code).to.equal(ErrorCode.PlayerInterrupted);
  });

  it('a radio channel gets a radio card', async () => {
    await player.play({ kind: 'channel', channel: testChannel(101, '#ff0000', 'radio') });
    // Not the lineup colour: radio cards are dark blue.
    expect(near(pixelAt(player.videoElement, BACKGROUND.x, BACKGROUND.y), [0x10, 0x18, 0x28], 24)).to.equal(true);
  });

  it('200 zaps reuse one stream: no new elements, tracks or streams; zap times are short', async () => {
    await player.play({ kind: 'channel', channel: RED });
    const elements = document.getElementsByTagName('*').length;
    const stream = player.videoElement.srcObject;
    const channels = [RED, BLUE, GREEN];
    const zaps: number[] = [];
    for (let index = 0; index < 200; index += 1) {
      const started = performance.now();
      await player.play({ kind: 'channel', channel: channels[index % 3] ?? RED });
      zaps.push((player.state.firstFrameAt ?? Infinity) - started);
    }
    expect(document.getElementsByTagName('*').length).to.equal(elements);
    expect(player.videoElement.srcObject).to.equal(stream);
    expect((stream as MediaStream).getTracks()).to.have.length(1);
    zaps.sort((a, b) => a - b);
    const p50 = zaps[100] ?? Infinity;
    const p95 = zaps[190] ?? Infinity;
    console.log(`test card zap (play → first frame of the new channel): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    expect(p95).to.be.lessThan(300);
  });

  it('a programme-title source that throws synchronously leaves the card without a title; the play succeeds', async () => {
    const throwing = createHtml5Player({
      channelRenderer: renderer,
      programmeTitle: () => { throw new Error('guide not loaded'); },
    });
    const rejections: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent): void => { rejections.push(event.reason); };
    addEventListener('unhandledrejection', onRejection);
    try {
      player.destroy();
      await throwing.play({ kind: 'channel', channel: RED });
      expect(throwing.state.status).to.equal('playing');
      expect(near(pixelAt(throwing.videoElement, BACKGROUND.x, BACKGROUND.y), [255, 0, 0], 40)).to.equal(true);
      await delay(50);
      expect(rejections).to.deep.equal([]);
    } finally {
      removeEventListener('unhandledrejection', onRejection);
      throwing.destroy();
    }
  });

  it('without a renderer a channel without URL is unsupported', async () => {
    const bare = createHtml5Player();
    try {
      const error = await rejectionOf(bare.play({ kind: 'channel', channel: RED }));
      expect(error.code).to.equal(ErrorCode.PlayerSourceUnsupported);
      expect(bare.state.status).to.equal('error');
    } finally {
      bare.destroy();
    }
  });
});
