import { expect } from '@esm-bundle/chai';
import { createRawKeyEvent, findKeyProfile, primaryBinding, type KnownKeyName } from '../../../sdk/index.js';
import { startHelloRemote, type HelloRemoteHandle, type HelloRemoteMode } from '../../../samples/hello-remote/app.js';
import { RING, RING_COLOR, TILE_W } from '../../../samples/hello-remote/tile.js';
import { tilePosition } from '../../../samples/hello-remote/screen.js';

// The test page runs on the 'browser' platform, so keys arrive as the desktop keyboard profile sends them.
const keyboard = findKeyProfile('keyboard');

function binding(name: KnownKeyName): { keyCode: number; key?: string } {
  const b = primaryBinding(keyboard, name);
  if (!b) throw new Error(`keyboard profile has no ${name}`);
  return b;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function down(key: { keyCode: number; key?: string }): void {
  window.dispatchEvent(createRawKeyEvent('keydown', key));
}

function up(key: { keyCode: number; key?: string }): void {
  window.dispatchEvent(createRawKeyEvent('keyup', key));
}

function press(name: KnownKeyName): void {
  const key = binding(name);
  down(key);
  up(key);
}

describe('samples/hello-remote', () => {
  let container: HTMLDivElement;
  let handle: HelloRemoteHandle | undefined;

  async function start(mode: HelloRemoteMode): Promise<HelloRemoteHandle> {
    handle = startHelloRemote(container, { mode });
    await handle.ready;
    return handle;
  }

  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
  });

  afterEach(() => {
    handle?.stop();
    handle = undefined;
    container.remove();
  });

  describe('sdk mode (remoteKeys → bridgeLightningKeys)', () => {
    it('moves focus with the arrows and stops at the edges', async () => {
      const app = await start('sdk');
      expect(app.state().focus).to.deep.equal([0, 0]);
      press('ArrowRight');
      expect(app.state().focus).to.deep.equal([0, 1]);
      press('ArrowDown');
      expect(app.state().focus).to.deep.equal([1, 1]);
      for (let i = 0; i < 4; i++) press('ArrowLeft');
      expect(app.state().focus).to.deep.equal([1, 0]);
      for (let i = 0; i < 9; i++) press('ArrowRight');
      expect(app.state().focus).to.deep.equal([1, 5]);
      for (let i = 0; i < 9; i++) press('ArrowDown');
      expect(app.state().focus).to.deep.equal([3, 5]);
      for (let i = 0; i < 9; i++) press('ArrowUp');
      expect(app.state().focus).to.deep.equal([0, 5]);
      expect(app.state().focusedTile).to.equal('back');
    });

    it('shows the last normalized key, its kind and raw code', async () => {
      const app = await start('sdk');
      down(binding('ArrowLeft'));
      expect(app.state()).to.include({ lastKey: 'ArrowLeft', lastKind: 'down', lastRaw: 37 });
      up(binding('ArrowLeft'));
      expect(app.state()).to.include({ lastKey: 'ArrowLeft', lastKind: 'up', lastRaw: 37 });
    });

    it('draws the focus ring on the focused tile', async () => {
      const app = await start('sdk');
      press('ArrowRight');
      const ringAt = (row: number, col: number): { x: number; y: number } => {
        const { x, y } = tilePosition(row, col);
        return { x: x + TILE_W / 2, y: y - Math.ceil(RING * 0.7) };
      };
      const focused = ringAt(0, 1);
      const previous = ringAt(0, 0);
      const [r, g, b] = await app.readPixel(focused.x, focused.y);
      const ringRgb = [(RING_COLOR >> 16) & 0xff, (RING_COLOR >> 8) & 0xff, RING_COLOR & 0xff];
      expect(Math.abs(r - (ringRgb[0] ?? 0)), `red of ${r},${g},${b}`).to.be.below(24);
      expect(Math.abs(g - (ringRgb[1] ?? 0)), `green of ${r},${g},${b}`).to.be.below(24);
      expect(Math.abs(b - (ringRgb[2] ?? 0)), `blue of ${r},${g},${b}`).to.be.below(24);
      const [r0, g0] = await app.readPixel(previous.x, previous.y);
      expect(r0 < 120 && g0 < 120, `unfocused tile ring area is ${r0},${g0}`).to.equal(true);
    });

    it('calls _handleEnterLong for OK held past 700 ms, then _handleEnterRelease', async () => {
      const app = await start('sdk');
      const enter = binding('Enter');
      down(enter);
      await sleep(350);
      expect(app.state().longPresses).to.equal(0);
      await sleep(450);
      expect(app.state()).to.include({ longPresses: 1, lastHandler: '_handleEnterLong', lastKind: 'long' });
      up(enter);
      expect(app.state()).to.include({ lastHandler: '_handleEnterRelease', lastKind: 'up' });
    });

    it('does not call the long handler for a short press', async () => {
      const app = await start('sdk');
      press('Enter');
      await sleep(800);
      expect(app.state().longPresses).to.equal(0);
      expect(app.state().toast).to.contain('确定');
    });

    it('commits channel 12 from digits 1, 2 and OK', async () => {
      const app = await start('sdk');
      press('1');
      expect(app.state().channelDigits).to.equal('1');
      press('2');
      expect(app.state().channelDigits).to.equal('12');
      press('Enter');
      const state = app.state();
      expect(state.channel).to.equal(12);
      expect(state.channelDigits).to.equal('');
      expect(state.toast).to.contain('频道 12');
    });

    it('shows an unknown code as Unidentified with its raw code', async () => {
      const app = await start('sdk');
      down({ keyCode: 999, key: '' });
      expect(app.state()).to.include({ lastKey: 'Unidentified', lastRaw: 999, lastHandler: '_handleUnidentified' });
      expect(app.state().toast).to.contain('raw 999');
      up({ keyCode: 999, key: '' });
    });

    it('reacts to colour, media, page, info and back keys', async () => {
      const app = await start('sdk');
      press('ColorF0Red');
      expect(app.state().tinted).to.deep.equal(['red']);
      press('MediaPlay');
      expect(app.state().playState).to.equal('playing');
      press('MediaFastForward');
      press('MediaFastForward');
      expect(app.state()).to.include({ playState: 'forward', speed: 4 });
      press('PageDown');
      expect(app.state().focus).to.deep.equal([3, 0]);
      press('PageUp');
      expect(app.state().focus).to.deep.equal([0, 0]);
      press('Info');
      expect(app.state().panel).to.equal('info');
      press('Info');
      expect(app.state().panel).to.equal(undefined);
      press('BrowserBack');
      expect(app.state().toast).to.contain('返回');
      expect(app.state().lastHandler).to.equal('_handleBackRelease');
      // Back was handled by the screen: the Lightning app is still running.
      press('ArrowRight');
      expect(app.state().focus).to.deep.equal([0, 1]);
    });
  });

  describe('lightning mode (Lightning keymap, no SDK)', () => {
    it('moves focus with the arrows through Lightning’s own key handling', async () => {
      const app = await start('lightning');
      press('ArrowRight');
      press('ArrowRight');
      press('ArrowDown');
      expect(app.state().focus).to.deep.equal([1, 2]);
      expect(app.state()).to.include({ mode: 'lightning', lastKey: 'ArrowDown', lastKind: 'up', lastRaw: 40 });
      press('ArrowLeft');
      press('ArrowLeft');
      press('ArrowLeft');
      expect(app.state().focus).to.deep.equal([1, 0]);
    });

    it('leaves keys outside Lightning’s keymap unnamed (no SDK normalization)', async () => {
      const app = await start('lightning');
      press('1');
      expect(app.state().channelDigits).to.equal('');
      expect(app.state().lastHandler).to.equal('_handleKeyRelease');
    });
  });
});
