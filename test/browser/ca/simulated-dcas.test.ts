import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedDcas } from '../../../sdk/index.js';
import { scrambledChannel, viewWhere } from './ca-test-helpers.js';

describe('SimulatedDcas', () => {
  it('activation flow: not activated blocks, activating, ready plays, failed authentication blocks', async () => {
    const dcas = new SimulatedDcas({ terminal: 'notActivated', activationMs: 20, cardId: '3A00 0000 0000 0042' });
    dcas.entitle(101);
    const ca = openConditionalAccess(dcas);
    const states: string[] = [];
    ca.events$.subscribe((e) => { if (e.type === 'cardState') states.push(e.card); });
    expect(await ca.startService(scrambledChannel('s1', [101], 0x1001))).to.deep.include({
      reason: 'terminalNotActivated', displayCode: 'D01', text: '终端未激活，请联系运营商',
      raw: { vendor: 'sim-dcas', code: 0x80, name: 'SIM_DCAS_TERMINAL_NOT_ACTIVATED' },
    });
    expect((await dcas.getStatus())).to.deep.include({ kind: 'dcas', card: 'notActivated' });
    const activated = dcas.activate();
    expect(dcas.terminal).to.equal('activating');
    expect(ca.currentBlock()?.reason).to.equal('terminalNotActivated');
    await activated;
    expect(ca.view.prompt).to.equal(undefined);
    expect(states).to.deep.equal(['initializing', 'ready']);

    dcas.failAuthentication();
    expect(ca.view.prompt?.reason).to.equal('terminalNotAuthenticated');
    dcas.deactivate();
    expect(ca.view.prompt?.reason).to.equal('terminalNotActivated');
    await dcas.activate();
    await viewWhere(ca, (v) => v.prompt === undefined, 500);
    ca.close();
  });

  it('shares entitlements, fingerprint (terminal id), mail and IPPV with the card variant', async () => {
    const dcas = new SimulatedDcas({ cardId: '3A00 0000 0000 0042' });
    dcas.setWallet(500);
    const ca = openConditionalAccess(dcas);
    expect(await ca.startService(scrambledChannel('s1', [101], 0x1001))).to.deep.include({ reason: 'notEntitled' });
    dcas.fingerprint();
    expect(ca.view.fingerprint?.text).to.equal('3A00 0000 0000 0042');
    dcas.sendMail({ title: 't', body: 'b' });
    expect(ca.view.mail).to.equal('new');
    dcas.offerIppv({ productId: 101, price: 200 });
    expect((await ca.answerIppv('0000', 0, true)).ok).to.equal(true);
    expect(ca.currentBlock()).to.equal(undefined);
    const snapshot = dcas.snapshot();
    expect(snapshot.device).to.equal('ready');
    const restored = new SimulatedDcas();
    restored.restore(JSON.parse(JSON.stringify(snapshot)));
    expect((await restored.getWallets())[0]?.balance).to.equal(300);
    ca.close();
  });
});
