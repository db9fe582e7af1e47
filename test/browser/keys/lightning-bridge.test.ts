import { expect } from '@esm-bundle/chai';
import lng from '@lightningjs/core';
import { asLightningApplication, bridgeLightningKeys, ErrorCode, LightningKeyEvent, rawKeyCode, remoteKeys, YiwangError } from '../../../sdk/index.js';
import { sleep, testPlatform } from './test-platform.js';

// A real Lightning application with a focus path: App → List → Item. Handlers record what they got.
const calls: string[] = [];

class Item extends lng.Component {
  override _handleEnter(): void { calls.push('item:Enter'); }
  _handleEnterLong(): void { calls.push('item:EnterLong'); }
  override _handleEnterRelease(): void { calls.push('item:EnterRelease'); }
  override _handleLeft(): boolean { calls.push('item:Left(pass)'); return false; }
}
class List extends lng.Component {
  static override _template(): lng.Component.Template {
    return { Item: { type: Item } };
  }
  override _handleLeft(e: KeyboardEvent): void {
    const kind = e instanceof LightningKeyEvent ? e.kind : '?';
    calls.push(`list:Left:${kind}:${rawKeyCode(e)}:${e.key}`);
  }
  _captureDigit5(): void { calls.push('list:capture5'); }
  override _getFocused(): lng.Component { return this.tag('Item') as lng.Component; }
}
class TestApp extends lng.Application {
  static override _template(): lng.Component.Template {
    return { List: { type: List } };
  }
  override _handleKey(e: KeyboardEvent): void { calls.push(`app:Key:${e.key}:${rawKeyCode(e)}`); }
  override _handleBack(): void { calls.push('app:Back'); }
  override _getFocused(): lng.Component { return this.tag('List') as lng.Component; }
}

describe('bridgeLightningKeys (real Lightning app)', () => {
  let app: lng.Application;
  before(() => {
    app = new TestApp({ stage: { w: 320, h: 180, clearColor: 0x00000000 }, keys: false } as never);
    document.body.appendChild(app.stage.getCanvas());
  });
  after(() => app.destroy());
  beforeEach(() => (calls.length = 0));

  it('delivers down, long and release to the focused component in Lightning order', async () => {
    const platform = testPlatform('hbbtv');
    const sub = bridgeLightningKeys(app as never, remoteKeys({ platform, longPressMs: 60 }));
    platform.send('keydown', 'Enter');
    await sleep(100);
    platform.send('keyup', 'Enter');
    platform.send('keydown', 'ArrowLeft');
    platform.send('keydown', 'ArrowLeft', true);
    platform.send('keyup', 'ArrowLeft');
    platform.send('keydown', 'BrowserBack');
    platform.send('keydown', '5');
    platform.sendRaw('keydown', 777);
    sub.unsubscribe();
    expect(calls).to.deep.equal([
      'item:Enter', 'item:EnterLong', 'item:EnterRelease',
      'item:Left(pass)', 'list:Left:down:37:ArrowLeft', 'item:Left(pass)', 'list:Left:repeat:37:ArrowLeft',
      'app:Back', 'list:capture5', 'app:Key:Unidentified:777',
    ]);
  });

  it('does not also react to raw key codes when launched with keys: false', () => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    expect(calls).to.deep.equal([]);
  });

  it('takes a real Lightning application as the bridge target, and refuses an object without its focus events', () => {
    expect(asLightningApplication(app)).to.equal(app);
    let error: unknown;
    try {
      asLightningApplication({ updateFocusPath: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(YiwangError);
    expect((error as YiwangError).code).to.equal(ErrorCode.ConfigInvalid);
  });
});
