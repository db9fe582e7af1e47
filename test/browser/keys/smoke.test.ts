import { expect } from '@esm-bundle/chai';
import { createRawKeyEvent, rawKeyCode } from '../../../sdk/index.js';

describe('smoke', () => {
  it('defines keyCode on synthetic events', () => {
    const e = createRawKeyEvent('keydown', { keyCode: 461, key: 'GoBack' });
    expect(rawKeyCode(e)).to.equal(461);
    expect(e.key).to.equal('GoBack');
  });
});
