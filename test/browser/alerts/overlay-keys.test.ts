import { expect } from '@esm-bundle/chai';
import type { Subscription } from 'rxjs';
import { createRawKeyEvent, findKeyProfile, primaryBinding, remoteKeys, type KeyEvent, type KnownKeyName } from '../../../sdk/index.js';
import { mountAlertOverlay, type AlertOverlayHandle, type AlertOverlayOptions } from '../../../sdk/alerts/overlay/index.js';
import { activeAlert, alertTestPlatform, fakeManager, frame, sleep, type AlertTestPlatform, must, type FakeManager } from './overlay-support.js';

const keyboard = findKeyProfile('keyboard');

/** What the remote sends for `key` on a desktop keyboard, dispatched where a box dispatches keys. */
function send(type: 'keydown' | 'keyup', key: KnownKeyName, target: EventTarget = document.activeElement ?? document.body): KeyboardEvent {
  const binding = primaryBinding(keyboard, key);
  if (!binding) throw new Error(`no ${key}`);
  const event = createRawKeyEvent(type, binding, false);
  target.dispatchEvent(event);
  return event;
}

function press(key: KnownKeyName, target?: EventTarget): KeyboardEvent {
  const down = send('keydown', key, target);
  send('keyup', key, target);
  return down;
}

describe('alert overlay: the remote', () => {
  let manager: FakeManager;
  let platform: AlertTestPlatform;
  let overlay: AlertOverlayHandle | undefined;
  let appKeys: KeyEvent[];
  let appRaw: string[];
  let subscription: Subscription | undefined;
  const onWindow = (e: Event): void => {
    appRaw.push(`window:${(e as KeyboardEvent).key}:${e.type}`);
  };
  const onDocumentCapture = (e: Event): void => {
    appRaw.push(`document:${(e as KeyboardEvent).key}:${e.type}`);
  };

  function mount(options: AlertOverlayOptions = {}): AlertOverlayHandle {
    overlay = mountAlertOverlay(manager, { platform, tone: false, ...options });
    // The app starts after the overlay, as apps are told to: remoteKeys and plain listeners.
    subscription = remoteKeys({ platform: { ...platform, keyTarget: window } }).subscribe((e) => appKeys.push(e));
    window.addEventListener('keydown', onWindow);
    window.addEventListener('keyup', onWindow);
    document.addEventListener('keydown', onDocumentCapture, true);
    return overlay;
  }

  beforeEach(() => {
    manager = fakeManager();
    platform = alertTestPlatform();
    appKeys = [];
    appRaw = [];
  });

  afterEach(() => {
    overlay?.unmount();
    overlay = undefined;
    subscription?.unsubscribe();
    window.removeEventListener('keydown', onWindow);
    window.removeEventListener('keyup', onWindow);
    document.removeEventListener('keydown', onDocumentCapture, true);
  });

  const downs = (): string[] => appKeys.filter((e) => e.kind === 'down').map((e) => e.key);

  it('leaves every key to the app while no alert is up', async () => {
    mount();
    await frame();
    press('ArrowDown');
    press('Enter');
    expect(downs()).to.deep.equal(['ArrowDown', 'Enter']);
  });

  for (const level of [1, 2] as const) {
    it(`holds the remote at level ${level}: the app never sees ArrowDown, Back or OK; volume and power pass`, async () => {
      mount();
      manager.set(activeAlert({ level }));
      await frame();
      const held = press('ArrowDown');
      expect(held.defaultPrevented).to.equal(true);
      press('BrowserBack');
      press('Enter');
      press('Exit');
      press('5');
      expect(downs()).to.deep.equal([]);
      expect(appRaw).to.deep.equal([]);
      press('AudioVolumeUp');
      press('AudioVolumeDown');
      expect(downs()).to.deep.equal(['AudioVolumeUp', 'AudioVolumeDown']);
      // Never dismissable by the viewer, however long it has been up.
      expect(manager.dismissed).to.deep.equal([]);
      expect(must(overlay).view().mode).to.equal('takeover');
    });
  }

  it('holds keys dispatched on the platform target too, and gives them back when the alert ends', async () => {
    mount();
    const onTarget: string[] = [];
    const sub = remoteKeys({ platform }).subscribe((e) => onTarget.push(`${e.key}:${e.kind}`));
    manager.set(activeAlert({ key: 'cap:k/1', level: 1 }));
    await frame();
    platform.send('keydown', 'ArrowDown');
    platform.send('keyup', 'ArrowDown');
    expect(onTarget).to.deep.equal([]);
    manager.set();
    await frame();
    platform.send('keydown', 'ArrowDown');
    platform.send('keyup', 'ArrowDown');
    expect(onTarget).to.deep.equal(['ArrowDown:down', 'ArrowDown:up']);
    sub.unsubscribe();
  });

  it('holds the keyup of a press it held, even when the alert ended in between', async () => {
    mount();
    manager.set(activeAlert({ level: 1 }));
    await frame();
    send('keydown', 'ArrowLeft');
    manager.set();
    await frame();
    send('keyup', 'ArrowLeft');
    expect(appRaw).to.deep.equal([]);
  });

  it('takes the operator\'s allowed keys', async () => {
    mount({ allowedKeys: ['ChannelUp'] });
    manager.set(activeAlert({ level: 2 }));
    await frame();
    press('AudioVolumeUp');
    press('ChannelUp');
    expect(downs()).to.deep.equal(['ChannelUp']);
  });

  it('lets the viewer dismiss a level 3–4 banner only after the minimum time, with Back or OK', async () => {
    mount({ minDisplayMs: 400 });
    manager.set(activeAlert({ key: 'cap:k/3', level: 3 }), activeAlert({ key: 'cap:k/4', level: 4 }));
    await frame();
    // Too early: the key is the app's, the banner stays.
    press('BrowserBack');
    expect(downs()).to.deep.equal(['BrowserBack']);
    expect(manager.dismissed).to.deep.equal([]);
    // Banners hold nothing else.
    press('ArrowDown');
    expect(downs()).to.deep.equal(['BrowserBack', 'ArrowDown']);
    expect(must(overlay).element.shadowRoot?.querySelector('.hint')).to.equal(null);
    await sleep(450);
    await frame();
    expect(must(overlay).element.shadowRoot?.querySelector('.banner .hint')?.textContent).to.equal('按返回键关闭');
    const back = press('BrowserBack');
    expect(back.defaultPrevented).to.equal(true);
    expect(manager.dismissed).to.deep.equal(['cap:k/3']);
    expect(downs()).to.deep.equal(['BrowserBack', 'ArrowDown']);
    await frame();
    expect(must(overlay).element.shadowRoot?.querySelector('.banner')?.getAttribute('data-key')).to.equal('cap:k/4');
    press('Enter');
    expect(manager.dismissed).to.deep.equal(['cap:k/3', 'cap:k/4']);
    await frame();
    expect(must(overlay).view().mode).to.equal('none');
    press('Enter');
    expect(downs()).to.deep.equal(['BrowserBack', 'ArrowDown', 'Enter']);
  });

  it('never dismisses a takeover, even with banners waiting behind it', async () => {
    mount({ minDisplayMs: 0 });
    manager.set(activeAlert({ key: 'cap:k/r', level: 1 }), activeAlert({ key: 'cap:k/y', level: 3 }));
    await frame();
    press('BrowserBack');
    press('Enter');
    expect(manager.dismissed).to.deep.equal([]);
    expect(downs()).to.deep.equal([]);
  });

  it('dismisses drills like banners, and they never hold keys', async () => {
    mount({ minDisplayMs: 0, dismissKey: 'Exit' });
    manager.setDrills(activeAlert({ key: 'cap:k/d', level: 1, drill: true }));
    await frame();
    press('ArrowUp');
    expect(downs()).to.deep.equal(['ArrowUp']);
    press('Exit');
    expect(manager.dismissed).to.deep.equal(['cap:k/d']);
    expect(downs()).to.deep.equal(['ArrowUp']);
  });

  it('gives every key back on unmount', async () => {
    mount();
    manager.set(activeAlert({ level: 1 }));
    await frame();
    must(overlay).unmount();
    press('ArrowDown');
    expect(downs()).to.deep.equal(['ArrowDown']);
  });
});
