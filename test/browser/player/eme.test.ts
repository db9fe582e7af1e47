import { expect } from '@esm-bundle/chai';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import { CLEARKEY, clearKeyLicense, createHtml5Player, type Html5Player } from '../../../sdk/player/index.js';
import { base64Url, makeTestWebm, TEST_MEDIA_COLOURS } from './support/testmedia/make-test-webm.js';
import { delay, near, rejectionOf } from './support/player-test-kit.js';
import { webmBlocks } from './support/webm-blocks.js';

describe('HTML5 player: EME ClearKey on generated encrypted WebM', () => {
  const keyId = crypto.getRandomValues(new Uint8Array(16));
  const key = crypto.getRandomValues(new Uint8Array(16));
  const clearKeys = { [base64Url(keyId)]: base64Url(key) };
  let url: string;
  let bytes: Uint8Array<ArrayBuffer>;
  let player: Html5Player;

  before(async () => {
    const media = await makeTestWebm({ width: 320, height: 180, seconds: 2, encryption: { keyId, key } });
    bytes = media.bytes;
    url = URL.createObjectURL(new Blob([media.bytes], { type: 'video/webm' }));
  });
  after(() => { URL.revokeObjectURL(url); });
  beforeEach(async () => {
    player = createHtml5Player({ firstFrameTimeoutMs: 3000 });
    await player.setMuted(true);
  });
  afterEach(() => { player.destroy(); });

  it('the file declares WebM encryption and its frames are not plain VP8', () => {
    // ContentEncKeyID (0x47E2, size 16) followed by the key id.
    const text = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    const keyIdHex = Array.from(keyId, (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(text).to.include(`47e290${keyIdHex}`);
  });

  it('plays with the right key: frames are presented and time advances', async () => {
    await player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, clearKeys } });
    expect(player.state.status).to.equal('playing');
    expect(player.videoElement.mediaKeys).to.not.equal(null);
    const video = player.videoElement;
    const frames = await new Promise<number>((resolve) => {
      const count = (_now: number, first: VideoFrameCallbackMetadata): void => {
        video.requestVideoFrameCallback((_later, metadata) => { resolve(metadata.presentedFrames - first.presentedFrames); });
      };
      video.requestVideoFrameCallback(count);
    });
    expect(frames).to.be.greaterThan(0);
    expect(video.currentTime).to.be.greaterThan(0);
    expect(video.error).to.equal(null);
    // Canvas readback of EME video is black in Chromium, so the decrypted picture itself is checked by
    // decrypting the blocks the way the CDM must (below) and by `make-clearkey-fixture.mjs --verify` (screenshot).
  });

  it('its blocks decrypt (AES-128-CTR, counter IV‖0) to VP8 frames that decode to the clip colour', async () => {
    const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-CTR', false, ['decrypt']);
    const blocks = webmBlocks(bytes);
    const first = blocks[0];
    if (!first) throw new Error('no blocks');
    expect(first.key).to.equal(true);
    expect(first.data[0]).to.equal(0x01);
    const counter = new Uint8Array(16);
    counter.set(first.data.subarray(1, 9));
    const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CTR', counter, length: 64 }, cryptoKey, first.data.subarray(9)));
    // A VP8 key frame carries the start code 9d 01 2a after its 3-byte frame tag.
    expect(Array.from(plain.subarray(3, 6))).to.deep.equal([0x9d, 0x01, 0x2a]);
    const pixel = await new Promise<number[]>((resolve, reject) => {
      const decoder = new VideoDecoder({
        output: (frame) => {
          const canvas = new OffscreenCanvas(frame.displayWidth, frame.displayHeight);
          const ctx = canvas.getContext('2d');
          ctx?.drawImage(frame, 0, 0);
          frame.close();
          resolve(Array.from(ctx?.getImageData(10, 10, 1, 1).data.subarray(0, 3) ?? []));
        },
        error: reject,
      });
      decoder.configure({ codec: 'vp8' });
      decoder.decode(new EncodedVideoChunk({ type: 'key', timestamp: 0, data: plain }));
      void decoder.flush();
    });
    expect(near(pixel, TEST_MEDIA_COLOURS[0] ?? [], 24)).to.equal(true, pixel.join(','));
  });

  it('plays the committed fixture apps/headend/media/clearkey with its keys.json', async () => {
    // The test server serves JSON as a JavaScript module (web-test-runner.config.mjs), so import it.
    const keysPath = '/apps/headend/media/clearkey/keys.json';
    const json = ((await import(keysPath)) as { default: { keySystem: string; clearKeys: Record<string, string> } }).default;
    await player.play({ kind: 'url', url: '/apps/headend/media/clearkey/testcard-clearkey.webm', drm: json });
    expect(player.state.status).to.equal('playing');
    expect(player.state.duration).to.be.closeTo(4, 0.1);
  });

  it('a lineup channel with a URL source plays that URL with its DRM, as live', async () => {
    await player.play({
      kind: 'channel',
      channel: {
        id: 'iptv-1', number: 501, name: 'IPTV 1', kind: 'tv', scrambled: false, origin: 'lineup',
        source: { type: 'url', url, mimeType: 'video/webm; codecs="vp8"', drm: { keySystem: CLEARKEY, clearKeys } },
      },
    });
    expect(player.state.status).to.equal('playing');
    expect(player.state.live).to.equal(true);
    expect(player.videoElement.mediaKeys).to.not.equal(null);
  });

  it('POSTs the licence request to licenseUrl and applies the answer', async () => {
    const licence = JSON.stringify({ keys: [{ kty: 'oct', kid: base64Url(keyId), k: base64Url(key) }], type: 'temporary' });
    await player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, licenseUrl: `data:application/json,${encodeURIComponent(licence)}` } });
    expect(player.state.status).to.equal('playing');
  });

  it('a licence server answering 404 fails at the licence step with the status', async () => {
    const error = await rejectionOf(player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, licenseUrl: '/no-such-licence-server' } }));
    expect(error.code).to.equal(ErrorCode.PlayerDrmFailed);
    expect(error.data).to.include({ keySystem: CLEARKEY, step: 'license' });
    expect(String(error.data['reason'])).to.include('HTTP 404');
  });

  it('fails with PlayerDrmFailed at the licence step when clearKeys lacks the key id', async () => {
    const error = await rejectionOf(player.play({
      kind: 'url', url, drm: { keySystem: CLEARKEY, clearKeys: { [base64Url(new Uint8Array(16))]: base64Url(key) } },
    }));
    expect(error.code).to.equal(ErrorCode.PlayerDrmFailed);
    expect(error.data).to.include({ keySystem: CLEARKEY, step: 'license' });
    expect(String(error.data['reason'])).to.include(base64Url(keyId));
    expect(player.state.status).to.equal('error');
  });

  it('fails with PlayerDrmFailed with the wrong key for the right key id', async () => {
    const wrong = { [base64Url(keyId)]: base64Url(crypto.getRandomValues(new Uint8Array(16))) };
    const error = await rejectionOf(player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, clearKeys: wrong } }));
    expect(error.code).to.equal(ErrorCode.PlayerDrmFailed);
    expect(error.data).to.include({ keySystem: CLEARKEY, step: 'decrypt' });
  });

  it('fails with PlayerDrmFailed at requestMediaKeySystemAccess for an unknown key system', async () => {
    const error = await rejectionOf(player.play({ kind: 'url', url, drm: { keySystem: 'com.example.nodrm', licenseUrl: '/licence' } }));
    expect(error.code).to.equal(ErrorCode.PlayerDrmFailed);
    expect(error.data).to.include({ keySystem: 'com.example.nodrm', step: 'requestMediaKeySystemAccess' });
  });

  it('an encrypted file without DRM configuration shows no frame and fails after the timeout', async () => {
    const error = await rejectionOf(player.play({ kind: 'url', url }));
    expect([ErrorCode.PlayerLoadFailed, ErrorCode.PlayerDecodeFailed]).to.include(error.code);
  });

  it('a stop while the MediaKeys are being created leaves the element without them', async () => {
    // A spy on the browser call (not a stand-in): the stop comes once the key system access is granted, while
    // the player is still creating its MediaKeys.
    const original = navigator.requestMediaKeySystemAccess.bind(navigator);
    let stopped: Promise<void> | undefined;
    navigator.requestMediaKeySystemAccess = (keySystem, configurations) => {
      const request = original(keySystem, configurations);
      void request.then(() => { stopped ??= player.stop(); }, () => undefined);
      return request;
    };
    try {
      const error = await rejectionOf(player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, clearKeys } }));
      expect(error.code).to.equal(ErrorCode.PlayerInterrupted);
      expect(stopped).to.not.equal(undefined);
      await stopped;
      // Keys created for the stopped source would land within a few ms; give them ample time.
      for (let waited = 0; waited < 300 && player.videoElement.mediaKeys === null; waited += 20) await delay(20);
      expect(player.videoElement.mediaKeys).to.equal(null);
      expect(player.state.status).to.equal('stopped');
    } finally {
      Reflect.deleteProperty(navigator, 'requestMediaKeySystemAccess');
    }
  });

  it('a licence POST in flight is cancelled when the play is replaced', async () => {
    let signal: AbortSignal | null | undefined;
    const originalFetch = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') {
        signal = init.signal;
        return new Promise<Response>(() => undefined);
      }
      return originalFetch(input, init);
    };
    try {
      const play = player.play({ kind: 'url', url, drm: { keySystem: CLEARKEY, licenseUrl: '/licence-that-never-answers' } });
      for (let waited = 0; waited < 2000 && signal === undefined; waited += 20) await delay(20);
      expect(signal?.aborted).to.equal(false);
      const rejected = rejectionOf(play);
      await player.stop();
      expect((await rejected).code).to.equal(ErrorCode.PlayerInterrupted);
      expect(signal?.aborted).to.equal(true);
    } finally {
      window.fetch = originalFetch;
    }
  });

  it('clearKeyLicense answers an EME licence request with the JWK set of the requested keys', () => {
    const request = new TextEncoder().encode(JSON.stringify({ kids: [base64Url(keyId)], type: 'temporary' }));
    const license = JSON.parse(new TextDecoder().decode(clearKeyLicense(request.buffer, clearKeys))) as unknown;
    expect(license).to.deep.equal({ keys: [{ kty: 'oct', kid: base64Url(keyId), k: base64Url(key) }], type: 'temporary' });
  });
});
