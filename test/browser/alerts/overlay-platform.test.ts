import { expect } from '@esm-bundle/chai';
import { mountAlertOverlay, sameChannel, type AlertOverlayHandle, type AlertOverlayOptions } from '../../../sdk/alerts/overlay/index.js';
import {
  activeAlert, alertTestPlatform, fakeManager, frame, must, stubAudioContext, type AlertTestPlatform, type FakeManager,
} from './overlay-support.js';

const CCTV1 = { number: 1 };
const NEWS = { onid: 0x2001, tsid: 5, sid: 101 };
const DETAILS = { onid: 0x2001, tsid: 9, sid: 900, number: 99 };

describe('alert overlay: the box (tuning, volume, tone)', () => {
  let manager: FakeManager;
  let platform: AlertTestPlatform;
  let overlay: AlertOverlayHandle | undefined;

  async function mount(options: AlertOverlayOptions = {}): Promise<AlertOverlayHandle> {
    overlay = mountAlertOverlay(manager, { platform, tone: false, alertVolume: false, ...options });
    await frame();
    return overlay;
  }

  async function settle(): Promise<void> {
    await frame();
    await overlay?.settled();
  }

  beforeEach(() => {
    manager = fakeManager();
    platform = alertTestPlatform({ channel: CCTV1, volume: 20 });
  });

  afterEach(() => {
    overlay?.unmount();
    overlay = undefined;
  });

  describe('force-tune', () => {
    it('tunes a level-1 alert\'s details channel and back to the viewer\'s channel when it ends', async () => {
      await mount();
      manager.set(activeAlert({ key: 'cap:t/1', level: 1, detailsChannel: DETAILS }));
      await settle();
      expect(platform.calls).to.deep.equal([`tune:${JSON.stringify(DETAILS)}`]);
      expect(platform.channel).to.deep.equal(DETAILS);
      // An update of the same alert does not tune again.
      manager.set(activeAlert({ key: 'cap:t/1', level: 1, detailsChannel: DETAILS, text: { headline: '更新' } }));
      await settle();
      expect(platform.calls).to.have.length(1);
      manager.set();
      await settle();
      expect(platform.calls).to.deep.equal([`tune:${JSON.stringify(DETAILS)}`, `tune:${JSON.stringify(CCTV1)}`]);
      expect(platform.channel).to.deep.equal(CCTV1);
    });

    it('does not tune when the channel watched is on the exception list', async () => {
      platform.channel = NEWS;
      await mount();
      manager.set(activeAlert({ level: 1, detailsChannel: DETAILS, exceptions: [{ onid: 0x2001, tsid: 5, sid: 101 }] }));
      await settle();
      expect(platform.calls).to.deep.equal([]);
      expect(must(overlay).view().mode).to.equal('takeover');
    });

    it('does not tune for level 2, drills, or alerts without a details channel', async () => {
      await mount();
      manager.set(activeAlert({ level: 2, detailsChannel: DETAILS }), activeAlert({ level: 1 }));
      manager.setDrills(activeAlert({ level: 1, drill: true, detailsChannel: DETAILS }));
      await settle();
      expect(platform.calls.filter((c) => c.startsWith('tune:'))).to.deep.equal([]);
    });

    it('follows a more urgent details channel and still returns to the first channel', async () => {
      const other = { major: 7, minor: 1 };
      await mount();
      manager.set(activeAlert({ key: 'cap:t/a', level: 1, detailsChannel: DETAILS, sent: 1000 }));
      await settle();
      manager.set(
        activeAlert({ key: 'cap:t/a', level: 1, detailsChannel: DETAILS, sent: 1000 }),
        activeAlert({ key: 'cap:t/b', level: 1, detailsChannel: other, sent: 2000 }),
      );
      await settle();
      manager.set();
      await settle();
      expect(platform.calls).to.deep.equal([
        `tune:${JSON.stringify(DETAILS)}`, `tune:${JSON.stringify(other)}`, `tune:${JSON.stringify(CCTV1)}`,
      ]);
    });

    it('tunes back on unmount, and not at all with forceTune off', async () => {
      await mount();
      manager.set(activeAlert({ level: 1, detailsChannel: DETAILS }));
      await settle();
      must(overlay).unmount();
      await must(overlay).settled();
      expect(platform.channel).to.deep.equal(CCTV1);

      platform.calls.length = 0;
      await mount({ forceTune: false });
      await settle();
      expect(platform.calls).to.deep.equal([]);
    });

    it('compares channels by the scheme both give', () => {
      expect(sameChannel({ onid: 1, tsid: 2, sid: 3 }, { onid: 1, tsid: 2, sid: 3, number: 5 })).to.equal(true);
      expect(sameChannel({ onid: 1, tsid: 2, sid: 3 }, { onid: 1, tsid: 2, sid: 4 })).to.equal(false);
      expect(sameChannel({ major: 7, minor: 1 }, { major: 7, minor: 2 })).to.equal(false);
      expect(sameChannel({ sourceId: 12 }, { number: 12 })).to.equal(false);
      expect(sameChannel({ number: 3 }, undefined)).to.equal(false);
    });
  });

  describe('volume and tone', () => {
    it('raises and unmutes the volume for a level 1–2 alert and restores it when the last one ends', async () => {
      platform.muted = true;
      await mount({ alertVolume: 70 });
      manager.set(activeAlert({ key: 'cap:v/1', level: 1 }));
      await settle();
      expect(platform.calls).to.deep.equal(['muted:false', 'volume:70']);
      // A second urgent alert does not save the raised volume as the viewer's.
      manager.set(activeAlert({ key: 'cap:v/1', level: 1 }), activeAlert({ key: 'cap:v/2', level: 2 }));
      await settle();
      expect(platform.calls).to.have.length(2);
      manager.set(activeAlert({ key: 'cap:v/3', level: 3 }));
      await settle();
      expect(platform.calls).to.deep.equal(['muted:false', 'volume:70', 'volume:20', 'muted:true']);
      expect([platform.volume, platform.muted]).to.deep.equal([20, true]);
    });

    it('keeps a louder volume, and leaves banners alone', async () => {
      platform.volume = 90;
      await mount({ alertVolume: 70 });
      manager.set(activeAlert({ level: 4 }), activeAlert({ level: 3 }));
      await settle();
      expect(platform.calls).to.deep.equal([]);
      manager.set(activeAlert({ level: 2 }));
      await settle();
      manager.set();
      await settle();
      expect(platform.calls).to.deep.equal([]);
      expect(platform.volume).to.equal(90);
    });

    it('sounds the EAS attention pair (853 + 960 Hz) once per new level 1–2 alert', async () => {
      const audio = stubAudioContext();
      await mount({ tone: { durationMs: 300 }, createAudioContext: audio.create });
      manager.set(activeAlert({ key: 'cap:s/1', level: 3 }));
      await settle();
      expect(audio.frequencies).to.deep.equal([]);
      manager.set(activeAlert({ key: 'cap:s/2', level: 2 }));
      await settle();
      expect(audio.frequencies).to.deep.equal([853, 960]);
      manager.set(activeAlert({ key: 'cap:s/2', level: 2, text: { headline: '更新' } }));
      await settle();
      expect(audio.frequencies).to.have.length(2);
      expect(audio.created).to.equal(1);
    });

    it('goes without volume control or WebAudio on a box that has neither', async () => {
      const full = alertTestPlatform();
      // Only the key members: no tuner, no volume.
      const rest = {
        id: full.id, keyProfileId: full.keyProfileId, keyTarget: full.keyTarget,
        supportsKeyRegistration: () => false, registerKeys: full.registerKeys, unregisterKeys: full.unregisterKeys,
      };
      overlay = mountAlertOverlay(manager, {
        platform: rest, createAudioContext: () => {
          throw new Error('no WebAudio');
        },
      });
      manager.set(activeAlert({ level: 1, detailsChannel: DETAILS }));
      await settle();
      expect(overlay.view().mode).to.equal('takeover');
    });
  });
});
