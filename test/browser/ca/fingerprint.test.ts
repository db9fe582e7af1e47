import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedCardCa } from '../../../sdk/index.js';
import { scrambledChannel, viewWhere } from './ca-test-helpers.js';

describe('CA fingerprint, mail, force tune, upgrade and feeding', () => {
  it('shows the card id at a random place in the safe area until hidden', async () => {
    const card = new SimulatedCardCa({ cardId: '8000 1234 5678 9012' });
    const ca = openConditionalAccess(card);
    card.entitle(101);
    await ca.startService(scrambledChannel('s1', [101], 0x1001));
    card.fingerprint();
    const fp = ca.view.fingerprint;
    expect(fp).to.deep.include({ text: '8000 1234 5678 9012' });
    expect(fp?.until).to.equal(undefined);
    expect(fp?.x).to.be.within(0.1, 0.9);
    expect(fp?.y).to.be.within(0.1, 0.9);
    expect(card.state().fingerprint).to.equal(true);
    card.hideFingerprint();
    expect(ca.view.fingerprint).to.equal(undefined);
    ca.close();
  });

  it('a fingerprint with durationMs sets until from the clock and goes by itself', async () => {
    let now = 1_000_000;
    const card = new SimulatedCardCa({ cardId: '8000 0000 0000 0001' });
    const ca = openConditionalAccess(card, { now: () => now });
    card.fingerprint(40);
    expect(ca.view.fingerprint?.until).to.equal(1_000_040);
    now += 40;
    await viewWhere(ca, (v) => v.fingerprint === undefined, 1000);
    ca.close();
  });

  it('a fingerprint with no card is refused', () => {
    const card = new SimulatedCardCa({ card: 'absent' });
    expect(() => { card.fingerprint(); }).to.throw(/no card/);
  });

  it('mail icon: new, none once read, full at 100 mails', async () => {
    const card = new SimulatedCardCa();
    const ca = openConditionalAccess(card);
    const mail = card.sendMail({ title: '缴费通知', body: '请于月底前缴费' });
    expect(ca.view.mail).to.equal('new');
    await card.readMail(mail?.id ?? '');
    expect(ca.view.mail).to.equal('none');
    for (let i = 0; i < 99; i++) card.sendMail({ title: `t${i}`, body: 'b' });
    expect(ca.view.mail).to.equal('full');
    expect(card.sendMail({ title: 'one more', body: 'b' })).to.equal(undefined);
    expect((await card.getMails()).length).to.equal(100);
    await card.deleteMail(mail?.id ?? '');
    expect(ca.view.mail).to.equal('new');
    ca.close();
  });

  it('forced tune until released; upgrade progress cleared at 100 % patching; feed request', async () => {
    const card = new SimulatedCardCa({ upgradeStepMs: 1 });
    const ca = openConditionalAccess(card);
    card.forceTune({ number: 5 });
    expect(ca.view.forcedTune).to.deep.equal({ number: 5 });
    card.releaseTune();
    expect(ca.view.forcedTune).to.equal(undefined);

    const phases: string[] = [];
    const sub = ca.view$.subscribe((v) => { if (v.upgrade) phases.push(`${v.upgrade.phase} ${v.upgrade.percent}`); });
    await ca.startService(scrambledChannel('s1', [], 0x1001));
    card.entitle(1);
    const upgrading = card.upgrade();
    expect(ca.currentBlock()?.reason).to.equal('cardUpgrading');
    await upgrading;
    sub.unsubscribe();
    expect(phases[0]).to.equal('receiving 0');
    expect(phases).to.include('patching 75');
    expect(ca.view.upgrade).to.equal(undefined);
    expect(ca.currentBlock()).to.equal(undefined);
    expect((await card.getStatus()).card).to.equal('ready');

    card.requestFeed();
    expect(ca.view.feedRequest).to.deep.equal({ operatorId: 1 });
    ca.dismissFeedRequest();
    expect(ca.view.feedRequest).to.equal(undefined);
    ca.close();
  });
});
