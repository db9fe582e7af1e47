import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedCardCa } from '../../../sdk/index.js';
import { sleep, viewWhere } from './ca-test-helpers.js';

describe('CA OSD queues', () => {
  it('shows one message per position and queues later ones at the same position', () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    card.sendOsd('top 1', 'top');
    card.sendOsd('bottom 1', 'bottom', { loops: 2 });
    card.sendOsd('top 2', 'top');
    expect(ca.view.osd.top?.text).to.equal('top 1');
    expect(ca.view.osd.bottom).to.deep.include({ text: 'bottom 1', loops: 2, raw: { vendor: 'sim-card', code: 2, name: 'ShowOSDMessage' } });
    const firstId = ca.view.osd.top?.id ?? -1;
    card.hideOsd('top');
    expect(ca.view.osd.top?.text).to.equal('top 2');
    expect(ca.view.osd.top?.id).to.be.greaterThan(firstId);
    expect(ca.view.osd.bottom?.text).to.equal('bottom 1');
    card.hideOsd('top');
    expect(ca.view.osd.top).to.equal(undefined);
    ca.close();
  });

  it('osdDone advances only the message it names', () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    const bottom = () => ca.view.osd.bottom;
    card.sendOsd('one', 'bottom', { loops: 1 });
    card.sendOsd('one', 'bottom', { loops: 1 });
    const first = bottom();
    if (!first) throw new Error('no OSD');
    ca.osdDone('bottom', first.id);
    const second = bottom();
    expect(second?.text).to.equal('one');
    expect(second?.id).to.not.equal(first.id);
    ca.osdDone('bottom', first.id); // stale: ignored
    expect(bottom()).to.equal(second);
    ca.osdDone('bottom', second?.id ?? -1);
    expect(bottom()).to.equal(undefined);
    ca.close();
  });

  it('keeps at most osdQueueLength waiting per position, dropping the oldest', () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card, { osdQueueLength: 2 });
    for (let i = 1; i <= 5; i++) card.sendOsd(`m${i}`, 'top');
    const shown: string[] = [];
    for (let i = 0; i < 4; i++) {
      shown.push(ca.view.osd.top?.text ?? '-');
      card.hideOsd('top');
    }
    // m1 shows; m2 and m3 were dropped when m4 and m5 arrived.
    expect(shown).to.deep.equal(['m1', 'm4', 'm5', '-']);
    ca.close();
  });

  it('the default queue keeps 10 waiting messages', () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    for (let i = 0; i <= 12; i++) card.sendOsd(`m${i}`, 'half');
    const shown: string[] = [];
    while (ca.view.osd.half) {
      shown.push(ca.view.osd.half.text);
      card.hideOsd('half');
    }
    expect(shown).to.deep.equal(['m0', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12']);
    ca.close();
  });

  it('full and half screen messages with durationMs expire on their own and the next one shows', async () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    card.sendOsd('short', 'full', { durationMs: 30 });
    card.sendOsd('next', 'full');
    card.sendOsd('half', 'half', { durationMs: 30 });
    expect(ca.view.osd.full?.text).to.equal('short');
    await viewWhere(ca, (v) => v.osd.full?.text === 'next' && v.osd.half === undefined, 1000);
    await sleep(50);
    expect(ca.view.osd.full?.text).to.equal('next');
    ca.close();
  });
});
