import { expect } from '@esm-bundle/chai';
import { openConditionalAccess, SimulatedCardCa } from '../../../sdk/index.js';
import { scrambledChannel, sleep } from './ca-test-helpers.js';

describe('CA IPPV purchase', () => {
  it('buying deducts the wallet, entitles the product and unblocks the channel', async () => {
    const card = new SimulatedCardCa();
    card.setWallet(1000);
    const ca = openConditionalAccess(card);
    expect(await ca.startService(scrambledChannel('s9', [901], 0x1009))).to.deep.include({ reason: 'notEntitled' });
    card.offerIppv({ productId: 901, price: 300, recordPrice: 450, title: '欧冠决赛' });
    expect(ca.view.ippv).to.deep.include({ productId: 901, ecmPid: 0x1009, title: '欧冠决赛', stage: 'paid' });
    expect(ca.view.ippv?.prices).to.deep.equal([{ kind: 'view', amount: 300 }, { kind: 'viewAndRecord', amount: 450 }]);

    const result = await ca.answerIppv('0000', 1, true);
    expect(result).to.deep.include({ ok: true, code: 'ok' });
    expect(ca.view.ippv).to.equal(undefined);
    await sleep(0);
    expect(ca.view.prompt).to.equal(undefined);
    expect(ca.currentBlock()).to.equal(undefined);
    expect((await card.getWallets())[0]?.balance).to.equal(550);
    const entitlement = (await card.getEntitlements()).find((e) => e.productId === 901);
    expect(entitlement).to.deep.include({ productId: 901, canRecord: true, name: '欧冠决赛' });
    ca.close();
  });

  it('keeps the offer on a wrong PIN so the viewer can retry; locks after three', async () => {
    const card = new SimulatedCardCa();
    card.setWallet(1000);
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s9', [901], 0x1009));
    card.offerIppv({ productId: 901, price: 300 });
    const wrong = await ca.answerIppv('1234', 0, true);
    expect(wrong).to.deep.equal({ ok: false, code: 'pinInvalid', raw: { vendor: 'sim-card', code: 0x04, name: 'CDCA_RC_PIN_INVALID' } });
    expect(ca.view.ippv?.productId).to.equal(901);
    expect((await ca.answerIppv('1111', 0, true)).code).to.equal('pinInvalid');
    expect((await ca.answerIppv('2222', 0, true)).code).to.equal('pinLocked');
    expect((await ca.answerIppv('0000', 0, true)).code).to.equal('pinLocked');
    expect(card.state().pinLocked).to.equal(true);
    expect(ca.view.ippv?.productId).to.equal(901);
    ca.close();
  });

  it('a short wallet blocks with noMoney and the purchase is refused', async () => {
    const card = new SimulatedCardCa();
    card.setWallet(100);
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s9', [901], 0x1009));
    card.offerIppv({ productId: 901, price: 300 });
    expect(ca.view.prompt).to.deep.include({ reason: 'noMoney', displayCode: 'E0B', text: '卡内金额不足' });
    expect((await ca.answerIppv('0000', 0, true)).code).to.equal('noMoney');
    expect((await card.getWallets())[0]?.balance).to.equal(100);
    card.setWallet(100, 500);
    expect(ca.view.prompt?.reason).to.equal('notEntitled');
    expect((await ca.answerIppv('0000', 0, true)).ok).to.equal(true);
    expect((await card.getWallets())[0]?.balance).to.equal(-200);
    ca.close();
  });

  it('an offer tied to a service goes with it on a channel change and comes back with it', async () => {
    const card = new SimulatedCardCa();
    card.setWallet(1000);
    const ca = openConditionalAccess(card);
    await ca.startService(scrambledChannel('s9', [901], 0x1009));
    card.offerIppv({ productId: 901, price: 300 });
    expect(ca.view.ippv?.ecmPid).to.equal(0x1009);
    await ca.startService(scrambledChannel('s8', [801], 0x1008));
    expect(ca.view.ippv).to.equal(undefined);
    await ca.startService(scrambledChannel('s9', [901], 0x1009));
    expect(ca.view.ippv).to.deep.include({ productId: 901, ecmPid: 0x1009 });
    ca.close();
  });

  it('declining hides the offer; an expired offer goes by itself', async () => {
    let now = 5_000_000;
    const card = new SimulatedCardCa({ now: () => now });
    const ca = openConditionalAccess(card, { now: () => now });
    await ca.startService(scrambledChannel('s9', [901], 0x1009));
    card.offerIppv({ productId: 901, price: 300 });
    expect((await ca.answerIppv(undefined, 0, false)).ok).to.equal(true);
    expect(ca.view.ippv).to.equal(undefined);
    card.offerIppv({ productId: 901, price: 300, expiresInMs: 30 });
    expect(ca.view.ippv?.expires).to.equal(5_000_030);
    now += 30;
    await sleep(60);
    expect(ca.view.ippv).to.equal(undefined);
    expect((await ca.answerIppv('0000', 0, true)).code).to.equal('offerExpired');
    ca.close();
  });
});
