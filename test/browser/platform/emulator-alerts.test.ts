import { expect } from '@esm-bundle/chai';
import {
  emulatorFrameName, findPlatformAdapter, isDeviceMessage, parseEmulatorFrameName, type DeviceToHostMessage,
  type HostToDeviceMessage, type PlatformAdapter,
} from '../../../sdk/index.js';

/**
 * A device window inside the emulator: its parent is this test page, so what the adapter posts arrives here
 * as messages, and what the "host" sends is dispatched on the device's own event target.
 */
function emulatedDevice(config: { profile: string; region?: string }): { adapter: PlatformAdapter; fromHost(m: HostToDeviceMessage): void } {
  const events = new EventTarget();
  const env = {
    name: emulatorFrameName(config), document, navigator: { userAgent: 'Mozilla/5.0' }, parent: window,
    addEventListener: events.addEventListener.bind(events), removeEventListener: events.removeEventListener.bind(events),
  } as unknown as Window;
  return {
    adapter: findPlatformAdapter('emulator').create(env),
    fromHost: (data) => events.dispatchEvent(new MessageEvent('message', { data, source: window })),
  };
}

describe('emulator adapter: alert capabilities', () => {
  let posted: DeviceToHostMessage[];
  const onMessage = (e: MessageEvent): void => {
    if (isDeviceMessage(e.data)) posted.push(e.data);
  };
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

  beforeEach(() => {
    posted = [];
    window.addEventListener('message', onMessage);
  });
  afterEach(() => window.removeEventListener('message', onMessage));

  it('reads the region from the frame name, only when the host set one', () => {
    expect(parseEmulatorFrameName(emulatorFrameName({ profile: 'hbbtv', region: '110105' }))).to.deep.equal({ profile: 'hbbtv', region: '110105' });
    expect(emulatorFrameName({ profile: 'hbbtv' })).to.equal('yiwang-emulator:{"profile":"hbbtv"}');
    expect(emulatedDevice({ profile: 'keyboard', region: '440305' }).adapter.region).to.equal('440305');
    expect(emulatedDevice({ profile: 'keyboard' }).adapter.region).to.equal(undefined);
  });

  it('tunes and sets the volume through the host, and keeps the host\'s tuner state', async () => {
    const { adapter, fromHost } = emulatedDevice({ profile: 'keyboard' });
    expect(adapter.currentChannel?.()).to.equal(undefined);
    fromHost({ source: 'yiwang-emulator', type: 'tuner-state', channel: { number: 1 }, volume: 35, muted: true });
    expect(adapter.currentChannel?.()).to.deep.equal({ number: 1 });
    expect(await adapter.getVolume?.()).to.equal(35);
    expect(await adapter.isMuted?.()).to.equal(true);
    await adapter.tune?.({ onid: 1, tsid: 2, sid: 3 });
    await adapter.setVolume?.(180);
    await adapter.setMuted?.(false);
    expect(adapter.currentChannel?.()).to.deep.equal({ onid: 1, tsid: 2, sid: 3 });
    expect(await adapter.getVolume?.()).to.equal(100);
    await settle();
    expect(posted.filter((m) => m.type !== 'hello')).to.deep.equal([
      { source: 'yiwang-device', type: 'tune', target: { onid: 1, tsid: 2, sid: 3 } },
      { source: 'yiwang-device', type: 'volume', volume: 100 },
      { source: 'yiwang-device', type: 'volume', muted: false },
    ]);
    // Malformed state is ignored.
    fromHost({ source: 'yiwang-emulator', type: 'tuner-state', channel: { number: 'x' }, volume: 1, muted: false } as never);
    expect(adapter.currentChannel?.()).to.deep.equal({ onid: 1, tsid: 2, sid: 3 });
  });

  it('delivers in-band sections and injected XML, keeping early ones for the first subscriber', () => {
    const { adapter, fromHost } = emulatedDevice({ profile: 'keyboard' });
    const early = new Uint8Array([0xd8, 1, 2]);
    fromHost({ source: 'yiwang-emulator', type: 'alert-inband', bytes: early });
    fromHost({ source: 'yiwang-emulator', type: 'alert-inject', xml: '<alert/>' });
    const sections: Uint8Array[] = [];
    const injected: unknown[] = [];
    const a = adapter.inbandAlerts?.subscribe((s) => sections.push(s));
    const b = adapter.injectedAlerts?.subscribe((x) => injected.push(x));
    fromHost({ source: 'yiwang-emulator', type: 'alert-inband', bytes: new Uint8Array([0xd8, 9]) });
    fromHost({ source: 'yiwang-emulator', type: 'alert-inband', bytes: 'not bytes' } as never);
    expect(sections.map((s) => [...s])).to.deep.equal([[0xd8, 1, 2], [0xd8, 9]]);
    expect(injected).to.deep.equal(['<alert/>']);
    a?.unsubscribe();
    b?.unsubscribe();
  });
});
