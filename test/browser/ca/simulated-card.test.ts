import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedCardCa, type CaEvent } from '../../../sdk/index.js';
import { scrambledChannel } from './ca-test-helpers.js';

describe('SimulatedCardCa', () => {
  it('card absent → noCard prompt; inserting a card without the product → notEntitled; entitle → plays', async () => {
    const card = new SimulatedCardCa({ card: 'absent' });
    const ca = openConditionalAccess(card);
    const states: string[] = [];
    ca.events$.subscribe((e) => { if (e.type === 'cardState') states.push(e.card); });
    expect(await ca.startService(scrambledChannel('s1', [101], 0x1001))).to.deep.include({ reason: 'noCard', displayCode: 'E03' });
    card.setCard('ready');
    expect(ca.view.prompt).to.deep.include({ reason: 'notEntitled', raw: { vendor: 'sim-card', code: 0x09, name: 'CDCA_MESSAGE_NOENTITLE_TYPE' } });
    card.entitle(101);
    expect(ca.view.prompt).to.equal(undefined);
    card.setCard('absent');
    expect(ca.view.prompt?.reason).to.equal('noCard');
    expect(states).to.deep.equal(['ready', 'absent']);
    ca.close();
  });

  it('revoke blocks again; invalid, expired and pairedOther cards block with their codes', async () => {
    const card = new SimulatedCardCa();
    card.entitle(101);
    const ca = openConditionalAccess(card);
    expect(await ca.startService(scrambledChannel('s1', [101], 0x1001))).to.equal(undefined);
    expect(card.revoke(101)).to.equal(true);
    expect(ca.currentBlock()?.reason).to.equal('notEntitled');
    card.entitle(101);
    const expected: [Parameters<SimulatedCardCa['setCard']>[0], string, number][] = [
      ['invalid', 'badCard', 0x01], ['expired', 'expired', 0x02], ['pairedOther', 'notPaired', 0x08],
    ];
    for (const [state, reason, code] of expected) {
      card.setCard(state);
      expect(ca.view.prompt, state).to.deep.include({ reason, raw: { vendor: 'sim-card', code, name: ca.view.prompt?.raw.name } });
    }
    expect((await card.getStatus()).pairing).to.equal('pairedOther');
    card.setCard('ready');
    expect(ca.view.prompt).to.equal(undefined);
    ca.close();
  });

  it('an entitlement runs from begin to expire: the channel blocks when it lapses', async () => {
    let now = 10_000_000;
    const card = new SimulatedCardCa({ now: () => now });
    const events: CaEvent[] = [];
    card.events.subscribe((e) => events.push(e));
    card.entitle(101, { begin: now - 1000, expire: now + 40 });
    const ca = openConditionalAccess(card, { now: () => now });
    expect(await ca.startService(scrambledChannel('s1', [101], 0x1001))).to.equal(undefined);
    now += 40;
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(ca.currentBlock()?.reason).to.equal('notEntitled');
    card.entitle(102, { begin: now + 1_000_000 });
    expect(await card.getEntitlements()).to.have.length(2);
    ca.close();
    card.dispose();
  });

  it('work time outside the window blocks with outOfWorkTime', async () => {
    const noon = new Date(2026, 0, 1, 12, 0).getTime();
    const card = new SimulatedCardCa({ now: () => noon });
    card.entitle(101, { begin: noon - 1, expire: noon + 1_000_000 });
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    expect((await card.setWorkTime('0000', { start: '18:00', end: '23:00' })).ok).to.equal(true);
    expect(ca.view.prompt?.reason).to.equal('outOfWorkTime');
    expect((await card.setWorkTime('0000', { start: '22:00', end: '13:00' })).ok).to.equal(true);
    expect(ca.view.prompt).to.equal(undefined);
    expect((await card.setWorkTime('0000', { start: '25:00', end: '13:00' })).code).to.equal('workTimeInvalid');
    ca.close();
    card.dispose();
  });

  it('PIN: default 0000, change, rating 4–18, lock after three wrong ones for a while', async () => {
    let now = 0;
    const card = new SimulatedCardCa({ now: () => now, pinLockMs: 1000 });
    expect((await card.verifyPin('0000')).ok).to.equal(true);
    expect((await card.changePin('0000', '2468')).ok).to.equal(true);
    expect((await card.setRating('2468', 12)).ok).to.equal(true);
    expect((await card.getStatus()).rating).to.equal(12);
    expect((await card.setRating('2468', 21)).code).to.equal('ratingInvalid');
    expect((await card.verifyPin('0000')).code).to.equal('pinInvalid');
    expect((await card.verifyPin('0001')).code).to.equal('pinInvalid');
    expect((await card.verifyPin('0002')).code).to.equal('pinLocked');
    expect((await card.verifyPin('2468')).code).to.equal('pinLocked');
    now += 1000;
    expect((await card.verifyPin('2468')).ok).to.equal(true);
  });

  it('status, operators and entitlements follow the card; no card → noCard results', async () => {
    const card = new SimulatedCardCa({ cardId: '8000 1234 5678 9012' });
    card.entitle(101, { name: '基本包' });
    expect(await card.getStatus()).to.deep.include({ kind: 'smartCard', vendor: 'sim-card', card: 'ready', cardId: '8000 1234 5678 9012', pairing: 'paired' });
    expect(await card.getOperators()).to.have.length(1);
    card.setCard('absent');
    const status = await card.getStatus();
    expect(status.card).to.equal('absent');
    expect(status.cardId).to.equal(undefined);
    expect(await card.getEntitlements()).to.deep.equal([]);
    expect((await card.verifyPin('0000')).code).to.equal('noCard');
  });

  it('snapshot and restore keep the card across a reload', async () => {
    const card = new SimulatedCardCa({ cardId: '8000 1111 2222 3333' });
    card.entitle(101);
    card.setWallet(700, 100);
    card.sendMail({ title: '欢迎', body: '欢迎使用' });
    await card.changePin('0000', '1357');
    card.setCard('pairedOther');
    const json = JSON.parse(JSON.stringify(card.snapshot())) as unknown;

    const reloaded = new SimulatedCardCa();
    reloaded.restore(json);
    expect(reloaded.card).to.equal('pairedOther');
    reloaded.setCard('ready');
    expect((await reloaded.getStatus()).cardId).to.equal('8000 1111 2222 3333');
    expect((await reloaded.getEntitlements()).map((e) => e.productId)).to.deep.equal([101]);
    expect((await reloaded.getWallets())[0]).to.deep.include({ balance: 700, credit: 100 });
    expect((await reloaded.getMails())[0]?.title).to.equal('欢迎');
    expect((await reloaded.verifyPin('1357')).ok).to.equal(true);
    expect(() => { reloaded.restore({ ...(json as object), pin: 'abc' }); }).to.throw(/pin/);
    expect(() => { reloaded.restore({ ...(json as object), vendor: 'sim-dcas' }); }).to.throw(/vendor/);
  });

  it('state$ replays the control state and follows changes', () => {
    const card = new SimulatedCardCa();
    const states: string[] = [];
    const sub = card.state$.subscribe((s) => states.push(`${s.card}:${s.entitlements.length}`));
    card.entitle(5);
    card.setCard('absent');
    sub.unsubscribe();
    expect(states[0]).to.equal('ready:0');
    expect(states.at(-1)).to.equal('absent:1');
  });
});
