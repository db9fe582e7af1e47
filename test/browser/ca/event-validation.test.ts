import { expect } from '@esm-bundle/chai';
import { Subject } from 'rxjs';
import { caEventProblem, ErrorCode, openConditionalAccess, SimulatedCardCa, YiwangError, type CaEvent } from '../../../sdk/index.js';
import { withExtraEvents } from './ca-test-helpers.js';

const raw = { vendor: 'sim-card', code: 1 };

describe('CA event validation', () => {
  it('drops, counts and logs malformed events; good ones around them still apply', () => {
    const card = new SimulatedCardCa();
    const bad = new Subject<unknown>();
    const ca = openConditionalAccess(withExtraEvents(card, bad));
    const seen: CaEvent[] = [];
    ca.events$.subscribe((e) => seen.push(e));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (w: unknown) => { warnings.push(w); };
    try {
      bad.next({ type: 'osd', position: 'middle', text: 'x', raw });
      bad.next({ type: 'block', reason: 'noCard', ecmPid: '0x1001', raw });
      bad.next({ type: 'teleport', raw });
      bad.next({ type: 'mail', state: 'new' });
      bad.next(null);
      card.sendOsd('fine', 'top');
      bad.next({ type: 'ippvOffer', offer: { id: 'o', stage: 'paid', ecmPid: 1, operatorId: 1, productId: 1, walletId: 1, prices: [] }, raw });
    } finally {
      console.warn = warn;
    }
    expect(ca.droppedEvents).to.equal(6);
    expect(seen.map((e) => e.type)).to.deep.equal(['osd']);
    expect(ca.view.osd.top?.text).to.equal('fine');
    const first = warnings[0] as YiwangError;
    expect(first).to.be.instanceOf(YiwangError);
    expect(first.code).to.equal(ErrorCode.CaEventInvalid);
    expect(first.data).to.deep.equal({ vendor: 'sim-card', event: 'osd', reason: 'position must be top, bottom, full or half' });
    expect((warnings[2] as YiwangError).data.reason).to.equal('unknown event type "teleport"');
    expect((warnings[3] as YiwangError).data.reason).to.include('raw');
    ca.close();
  });

  it('names what is wrong', () => {
    expect(caEventProblem({ type: 'block', reason: 'sleepy', ecmPid: 1, raw })).to.equal('reason "sleepy" is not a block reason');
    expect(caEventProblem({ type: 'fingerprint', ecmPid: 1, x: 2, cardId: '1', raw })).to.equal('x must be in 0–1');
    expect(caEventProblem({ type: 'upgradeProgress', phase: 'patching', percent: 140, raw })).to.equal('percent must be in 0–100');
    expect(caEventProblem({ type: 'cardState', card: 'melted', raw })).to.equal('card "melted" is not a card state');
    expect(caEventProblem({ type: 'releaseTune', raw: { vendor: '', code: 1 } })).to.equal('raw.vendor must be a non-empty string');
    expect(caEventProblem({ type: 'forceTune', target: { number: '5' }, raw })).to.equal('target.number must be a non-negative integer');
    expect(caEventProblem({ type: 'forceTune', target: { frequencyKHz: 259_000, modulation: 'QAM64' }, raw })).to.equal(undefined);
    expect(caEventProblem({ type: 'unblock', ecmPid: 0, raw })).to.equal(undefined);
  });

  it('close() completes view$ and events$ and stops listening', () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    const completed: string[] = [];
    ca.view$.subscribe({ complete: () => { completed.push('view$'); } });
    ca.events$.subscribe({ complete: () => { completed.push('events$'); } });
    ca.close();
    expect(completed).to.deep.equal(['events$', 'view$']);
    card.sendOsd('after close', 'top');
    expect(ca.view.osd.top).to.equal(undefined);
  });
});
