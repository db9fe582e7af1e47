import { expect } from '@esm-bundle/chai';
import {
  applyKeyConfig, findKeyProfile, KeyMap, KeyProfilePriority, primaryBinding, unregisterKeyProfile, YiwangError,
} from '../../../sdk/index.js';

describe('operator key configuration (JSON)', () => {
  afterEach(() => {
    unregisterKeyProfile('dvn');
    unregisterKeyProfile('ipanel', KeyProfilePriority.OPERATOR);
  });

  it('adds a vendor profile that extends a built-in one', () => {
    const [dvn] = applyKeyConfig({ profiles: [{ id: 'dvn', extends: 'ipanel', label: 'DVN 天柏', bindings: { '640': 'BrowserBack', '0x2A1': 'ChannelUp' } }] });
    expect(dvn?.label).to.equal('DVN 天柏');
    const map = new KeyMap(findKeyProfile('dvn'));
    expect(map.resolve({ keyCode: 640 }).key).to.equal('BrowserBack');
    expect(map.resolve({ keyCode: 0x2a1 }).key).to.equal('ChannelUp');
    expect(map.resolve({ keyCode: 1 }).key, 'inherited iPanel arrow').to.equal('ArrowUp');
    expect(findKeyProfile('dvn').downEvent, 'inherited event type').to.equal('keypress');
    expect(primaryBinding(findKeyProfile('dvn'), 'BrowserBack')?.keyCode, 'operator code is what the remote sends').to.equal(640);
  });

  it('overrides a built-in profile of the same id, and unregistering restores it', () => {
    applyKeyConfig({ profiles: [{ id: 'ipanel', bindings: { '13': 'ContextMenu' } }] });
    expect(new KeyMap(findKeyProfile('ipanel')).resolve({ keyCode: 13 }).key).to.equal('ContextMenu');
    expect(new KeyMap(findKeyProfile('ipanel')).resolve({ keyCode: 340 }).key).to.equal('BrowserBack');
    unregisterKeyProfile('ipanel', KeyProfilePriority.OPERATOR);
    expect(new KeyMap(findKeyProfile('ipanel')).resolve({ keyCode: 13 }).key).to.equal('Enter');
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['a wrong key name, with a suggestion', { profiles: [{ id: 'dvn', bindings: { '640': 'Back' } }] },
      /keys\.profiles\[0\]\.bindings\["640"\]: "Back" is not a normalized key name; did you mean "BrowserBack"/],
    ['a code that is not a number', { profiles: [{ id: 'dvn', bindings: { OK: 'Enter' } }] }, /bindings\["OK"\]: "OK" is not a key code/],
    ['an unknown setting', { profiles: [{ id: 'dvn', keyup: false }] }, /keys\.profiles\[0\]\.keyup: unknown setting/],
    ['a bad enum value', { profiles: [{ id: 'dvn', downEvent: 'keyup' }] }, /downEvent: must be one of "keydown", "keypress"/],
    ['extending nothing', { profiles: [{ id: 'dvn', extends: 'coship' }] }, /extends: no profile "coship"/],
    ['a missing id', { profiles: [{ bindings: {} }] }, /keys\.profiles\[0\]\.id: must be a non-empty string/],
    ['profiles not an array', { profiles: {} }, /keys\.profiles: must be an array/],
  ];
  for (const [what, json, message] of bad) {
    it(`rejects ${what} with the path in the message`, () => {
      expect(() => applyKeyConfig(json)).to.throw(YiwangError, message);
    });
  }

  it('registers nothing when any profile is invalid', () => {
    expect(() => applyKeyConfig({ profiles: [{ id: 'dvn', bindings: { '640': 'BrowserBack' } }, { id: 'x', bindings: { '1': 'Nope' } }] })).to.throw();
    expect(() => findKeyProfile('dvn')).to.throw(/No key profile "dvn"/);
  });
});
