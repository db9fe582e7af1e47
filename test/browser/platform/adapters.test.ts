import { expect } from '@esm-bundle/chai';
import {
  detectPlatformAdapter, emulatorFrameName, findPlatformAdapter, keySetFor, platformAdapterIds, YiwangError,
} from '../../../sdk/index.js';

/** A stand-in for a box's window: only the globals detection and adapters read. */
function fakeWindow(globals: Record<string, unknown>, name = ''): Window {
  const events = new EventTarget();
  return {
    name, document, navigator: { userAgent: 'Mozilla/5.0' }, parent: { postMessage: () => undefined },
    addEventListener: events.addEventListener.bind(events), removeEventListener: events.removeEventListener.bind(events),
    ...globals,
  } as unknown as Window;
}

describe('platform adapters', () => {
  it('registers an adapter per box family and falls back to the browser', () => {
    expect(platformAdapterIds()).to.include.members(['browser', 'emulator', 'hbbtv', 'tizen', 'webos', 'cn-iptv', 'ipanel']);
    expect(detectPlatformAdapter(fakeWindow({})).id).to.equal('browser');
  });

  const detections: Array<[string, Record<string, unknown>]> = [
    ['tizen', { tizen: { tvinputdevice: {} } }],
    ['webos', { webOS: {} }],
    ['cn-iptv', { Authentication: { CTCGetConfig: () => '' } }],
    ['ipanel', { iPanel: {} }],
    ['hbbtv', { oipfObjectFactory: {} }],
  ];
  for (const [id, globals] of detections) {
    it(`detects ${id} from its globals`, () => {
      const env = fakeWindow(globals);
      expect(detectPlatformAdapter(env).id).to.equal(id);
      expect(findPlatformAdapter(id).create(env).keyProfileId).to.equal(id);
    });
  }

  it('detects the emulator frame and takes its profile from the host', () => {
    const env = fakeWindow({ tizen: { tvinputdevice: {} } }, emulatorFrameName({ profile: 'webos' }));
    const factory = detectPlatformAdapter(env);
    expect(factory.id, 'the emulator outranks vendor globals').to.equal('emulator');
  });

  it('ignores an emulator frame name on a top-level page (a stale window.name on a real box)', () => {
    const env = fakeWindow({ tizen: { tvinputdevice: {} } }, emulatorFrameName({ profile: 'webos' }));
    Object.assign(env, { parent: env });
    expect(detectPlatformAdapter(env).id).to.equal('tizen');
  });

  it('registers Tizen keys through tvinputdevice, skipping always-delivered and unsupported keys', async () => {
    const batches: string[][] = [];
    const tvinputdevice = {
      getSupportedKeys: () => ['ColorF0Red', 'ColorF1Green', 'MediaPlay', '1'].map((name, code) => ({ name, code })),
      registerKeyBatch: (names: string[], ok: () => void) => { batches.push(names); ok(); },
      unregisterKeyBatch: (_: string[], ok: () => void) => ok(),
    };
    const adapter = findPlatformAdapter('tizen').create(fakeWindow({ tizen: { tvinputdevice } }));
    expect(adapter.supportsKeyRegistration()).to.equal(true);
    await adapter.registerKeys(['ArrowUp', 'Enter', 'ColorF0Red', 'ColorF1Green', 'MediaPlay', 'MediaRecord', '1']);
    expect(batches).to.deep.equal([['ColorF0Red', 'ColorF1Green', 'MediaPlay', '1']]);
  });

  it('reports a refused Tizen registration as a rejection', async () => {
    const tvinputdevice = {
      getSupportedKeys: () => [{ name: 'ColorF0Red', code: 403 }],
      registerKeyBatch: (_: string[], __: () => void, fail: (e: { message: string }) => void) => fail({ message: 'privilege missing' }),
      unregisterKeyBatch: (_: string[], ok: () => void) => ok(),
    };
    const adapter = findPlatformAdapter('tizen').create(fakeWindow({ tizen: { tvinputdevice } }));
    let error: unknown;
    await adapter.registerKeys(['ColorF0Red']).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/privilege missing/);
  });

  it('computes the HbbTV KeySet mask and otherKeys (OIPF DAE 7.2.5)', () => {
    expect(keySetFor(['ArrowUp', 'Enter'])).to.deep.equal({ mask: 0x10, otherKeys: [] });
    expect(keySetFor(['ColorF0Red', 'ColorF3Blue', '5', 'MediaPlay', 'PageUp', 'Info'])).to.deep.equal({ mask: 0x1 | 0x8 | 0x100 | 0x20 | 0x40 | 0x80, otherKeys: [] });
    expect(keySetFor(['ChannelUp', 'Guide'])).to.deep.equal({ mask: 0x400, otherKeys: [427, 458] });
  });

  it('sets the KeySet on the owner application', async () => {
    const values: Array<[number, number[] | undefined]> = [];
    const object = document.createElement('object');
    object.setAttribute('type', 'application/oipfApplicationManager');
    Object.assign(object, { getOwnerApplication: () => ({ privateData: { keyset: { value: 0, setValue: (m: number, o?: number[]) => values.push([m, o]) } } }) });
    document.body.appendChild(object);
    try {
      const adapter = findPlatformAdapter('hbbtv').create(fakeWindow({ oipfObjectFactory: {} }));
      await adapter.registerKeys(['ArrowLeft', 'ColorF1Green']);
      await adapter.unregisterKeys(['ColorF1Green']);
      expect(values).to.deep.equal([[0x12, []], [0x10, []]]);
    } finally {
      object.remove();
    }
  });

  it('throws a typed error for an unknown adapter id', () => {
    expect(() => findPlatformAdapter('android-tv')).to.throw(YiwangError, /No platform adapter "android-tv"/);
  });
});
