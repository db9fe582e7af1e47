import { expect } from '@esm-bundle/chai';
import { mountSystemUi, type SystemUi } from '../../../sdk/overlays/index.js';
import {
  appKeyLog, caFixture, frame, inLayer, keyboardPlatform, press, textOf, typeDigits, until, type CaFixture,
} from './support/system-ui-support.js';

describe('system UI: IPPV purchase', () => {
  let fixture: CaFixture;
  let ui: SystemUi;
  let log: ReturnType<typeof appKeyLog>;

  const dialogText = (): string => textOf(ui, 'yiwang-ippv-dialog', '.dialog');
  const feedback = (): string => textOf(ui, 'yiwang-ippv-dialog', '.feedback');
  const toast = (): string => (inLayer(ui, '.toast')?.textContent ?? '').trim();
  const filledSlots = (): number => ui.element.renderRoot.querySelector('yiwang-ippv-dialog')?.shadowRoot?.querySelectorAll('.slot.filled').length ?? -1;

  async function offer(): Promise<void> {
    fixture.card.setWallet(5000);
    fixture.card.offerIppv({ productId: 9, price: 1200, recordPrice: 1800, title: '欧冠决赛 直播' });
    await until(() => dialogText().includes('钱包余额'), 'the IPPV dialog with the balance');
  }

  beforeEach(() => {
    fixture = caFixture();
    ui = mountSystemUi({ ca: fixture.ca, platform: keyboardPlatform(), resultMs: 300 });
    log = appKeyLog();
  });

  afterEach(() => {
    log.stop();
    ui.unmount();
    fixture.close();
  });

  it('shows the programme, both prices in 元 and the wallet balance', async () => {
    await offer();
    const text = dialogText();
    expect(text).to.contain('付费节目，是否购买？');
    expect(text).to.contain('欧冠决赛 直播');
    expect(text).to.contain('观看 12.00 元');
    expect(text).to.contain('观看并录制 18.00 元');
    expect(text).to.contain('钱包余额 50.00 元');
  });

  it('buys at the chosen price with the right PIN, masked, and shows the result briefly', async () => {
    await offer();
    press('ArrowRight');
    typeDigits('0000');
    await frame();
    expect(filledSlots()).to.equal(4);
    expect(dialogText()).to.not.contain('0000');
    press('Enter');
    await until(() => toast().includes('购买成功'), 'the purchase result');
    expect(toast()).to.equal('购买成功，扣费 18.00 元');
    expect(inLayer(ui, 'yiwang-ippv-dialog', '.dialog')).to.equal(null);
    const [wallet] = await fixture.card.getWallets(1);
    expect(wallet?.balance).to.equal(3200);
    const entitlements = await fixture.card.getEntitlements();
    expect(entitlements.find((e) => e.productId === 9)?.canRecord).to.equal(true);
    // The app saw none of it.
    expect(log.keys).to.deep.equal([]);
    await until(() => toast() === '', 'the result to go');
  });

  it('shows the error for a wrong PIN and lets the viewer try again', async () => {
    await offer();
    typeDigits('1111');
    press('Enter');
    await until(() => feedback() === '密码错误，请重新输入', 'the wrong-PIN message');
    expect(filledSlots()).to.equal(0);
    expect(dialogText()).to.contain('欧冠决赛 直播');
    typeDigits('0000');
    press('Enter');
    await until(() => toast().includes('购买成功'), 'the purchase');
    expect(toast()).to.equal('购买成功，扣费 12.00 元');
    const [wallet] = await fixture.card.getWallets(1);
    expect(wallet?.balance).to.equal(3800);
  });

  it('says so when the wallet is short', async () => {
    fixture.card.setWallet(500);
    fixture.card.offerIppv({ productId: 9, price: 1200, title: '欧冠决赛 直播' });
    await until(() => dialogText().includes('钱包余额 5.00 元'), 'the dialog');
    typeDigits('0000');
    press('Enter');
    await until(() => feedback() === '钱包余额不足', 'the no-money message');
  });

  it('takes Back as "delete a digit", then as "decline"; other keys go to the app', async () => {
    await offer();
    typeDigits('12');
    press('BrowserBack');
    await frame();
    expect(filledSlots()).to.equal(1);
    press('ChannelUp');
    press('Exit');
    expect(log.keys).to.deep.equal(['=', 'Escape']);
    press('BrowserBack');
    press('BrowserBack');
    await until(() => toast() === '已放弃购买', 'the decline');
    expect(inLayer(ui, 'yiwang-ippv-dialog', '.dialog')).to.equal(null);
    const [wallet] = await fixture.card.getWallets(1);
    expect(wallet?.balance).to.equal(5000);
    // No dialog: digits and Back are the app's again.
    press('7');
    press('BrowserBack');
    expect(log.keys).to.deep.equal(['=', 'Escape', '7', 'Backspace']);
  });
});
