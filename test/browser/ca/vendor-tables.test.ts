import { expect } from '@esm-bundle/chai';
import {
  CA_BLOCK_REASONS, CDCAS_PROMPTS, CdcasCallbackBridge, caVendors, cdcasCallbackToEvent, DVT_TABLE, findCaVendor,
  findCaVendorBySystemId, registerCaVendor, unregisterCaVendor, caVendorBlockEvent, caVendorResult, YiwangError, ErrorCode,
  CaVendorPriority, type CaEvent,
} from '../../../sdk/index.js';

describe('CA vendor tables', () => {
  it('maps every CDCAS ShowBuyMessage code 0x00–0x21 to a normalized reason, 0x00 unblocking', () => {
    const cdcas = findCaVendor('cdcas3');
    expect(caVendorBlockEvent(cdcas, 0x1FF1, 0x00)).to.deep.equal({ type: 'unblock', ecmPid: 0x1FF1, raw: { vendor: 'cdcas3', code: 0, name: 'CDCA_MESSAGE_CANCEL_TYPE' } });
    const reasons: Record<number, string> = {
      0x01: 'badCard', 0x02: 'expired', 0x03: 'noCard', 0x04: 'noOperator', 0x05: 'blackout', 0x06: 'outOfWorkTime',
      0x07: 'ratingTooHigh', 0x08: 'notPaired', 0x09: 'notEntitled', 0x0A: 'decryptFail', 0x0B: 'noMoney', 0x0C: 'wrongRegion',
      0x0D: 'needParentCard', 0x0E: 'cardVerifyFailed', 0x0F: 'cardUpgrading', 0x10: 'upgradeCard', 0x11: 'zappingTooFast',
      0x12: 'cardSleeping', 0x13: 'cardFrozen', 0x14: 'cardPaused', 0x15: 'preview', 0x19: 'noOperator', 0x20: 'restartRequired',
      0x21: 'stbFrozen',
    };
    for (const [code, reason] of Object.entries(reasons)) {
      const event = caVendorBlockEvent(cdcas, 0x101, Number(code));
      expect(event, `code ${code}`).to.deep.include({ type: 'block', reason, ecmPid: 0x101 });
    }
    expect(CDCAS_PROMPTS.find((p) => p.code === 0x03)?.text).to.equal('加扰节目，请插入智能卡');
  });

  it('keeps an unknown code as reason unknown with the raw code', () => {
    const event = caVendorBlockEvent(findCaVendor('cdcas3'), 0x200, 0x1C, 'CDSTBCA_ShowBuyMessage');
    expect(event).to.deep.equal({ type: 'block', reason: 'unknown', ecmPid: 0x200, raw: { vendor: 'cdcas3', code: 0x1C, name: 'CDSTBCA_ShowBuyMessage' } });
    expect(CA_BLOCK_REASONS).to.include('unknown');
  });

  it('maps CDCA_RC_* results by number and by name, unknown ones to unknown', () => {
    const cdcas = findCaVendor('cdcas3');
    expect(caVendorResult(cdcas, 0x04)).to.deep.equal({ ok: false, code: 'pinInvalid', raw: { vendor: 'cdcas3', code: 4, name: 'CDCA_RC_PIN_INVALID' } });
    expect(caVendorResult(cdcas, 'CDCA_RC_CARD_PAIROTHER').code).to.equal('cardPairedOther');
    expect(caVendorResult(cdcas, 'CDCA_RC_WATCHRATING_INVALID').code).to.equal('ratingInvalid');
    expect(caVendorResult(cdcas, 'CDCA_RC_FEEDTIME_NOT_ARRIVE').code).to.equal('feedTimeNotArrived');
    expect(caVendorResult(cdcas, 0x00)).to.deep.include({ ok: true, code: 'ok' });
    expect(caVendorResult(cdcas, 0x77)).to.deep.equal({ ok: false, code: 'unknown', raw: { vendor: 'cdcas3', code: 0x77, name: '119' } });
  });

  it('has a DVT table beside CDCAS: the registry is not single-vendor', () => {
    expect(caVendors()).to.include.members(['cdcas3', 'dvt', 'sim-card', 'sim-dcas']);
    const dvt = findCaVendor('dvt');
    expect(dvt).to.equal(DVT_TABLE);
    expect(caVendorBlockEvent(dvt, 0x300, 4)).to.deep.include({ type: 'block', reason: 'noCard', raw: { vendor: 'dvt', code: 4, name: 'DVTCA_PLEASE_INSERT_CARD' } });
    expect(caVendorBlockEvent(dvt, 0x300, 9)).to.deep.include({ reason: 'noMoney' });
    expect(caVendorBlockEvent(dvt, 0x300, 0xFE).type).to.equal('unblock');
    expect(findCaVendorBySystemId(0x4A02).id).to.be.oneOf(['cdcas3', 'sim-card', 'sim-dcas']);
  });

  it('throws CaVendorUnknown naming the known vendors; an application table wins over a built-in one', () => {
    try {
      findCaVendor('conax');
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(YiwangError);
      expect((error as YiwangError).code).to.equal(ErrorCode.CaVendorUnknown);
      expect((error as YiwangError).data.known).to.include('cdcas3');
    }
    registerCaVendor({ ...DVT_TABLE, caSystemIds: [0x4AD2], label: 'DVT on this network' }, CaVendorPriority.APPLICATION);
    try {
      expect(findCaVendor('dvt').label).to.equal('DVT on this network');
      expect(findCaVendorBySystemId(0x4AD2).id).to.equal('dvt');
    } finally {
      unregisterCaVendor('dvt', CaVendorPriority.APPLICATION);
    }
    expect(findCaVendor('dvt')).to.equal(DVT_TABLE);
  });
});

describe('CDCAS callbacks', () => {
  it('normalizes every callback, keeping the vendor code and callback name', () => {
    expect(cdcasCallbackToEvent({ name: 'ShowBuyMessage', ecmPid: 0x1001, messageType: 0x03 })).to.deep.equal({
      type: 'block', reason: 'noCard', ecmPid: 0x1001, raw: { vendor: 'cdcas3', code: 3, name: 'CDSTBCA_ShowBuyMessage' },
    });
    expect(cdcasCallbackToEvent({ name: 'ShowOSDMessage', style: 2, text: '欢迎' })).to.deep.include({ type: 'osd', position: 'bottom', text: '欢迎' });
    expect(cdcasCallbackToEvent({ name: 'ShowOSDMessage', style: 4, text: 'x' })).to.deep.include({ position: 'half' });
    expect(cdcasCallbackToEvent({ name: 'HideOSDMessage', style: 3 })).to.deep.include({ type: 'osdHide', position: 'full' });
    expect(cdcasCallbackToEvent({ name: 'EmailNotifyIcon', show: 2, emailId: 7 })).to.deep.include({ type: 'mail', state: 'full', mailId: '7' });
    expect(cdcasCallbackToEvent({ name: 'EmailNotifyIcon', show: 0, emailId: 0 })).to.deep.include({ state: 'none' });
    expect(cdcasCallbackToEvent({ name: 'ShowProgressStrip', progress: 40, mark: 1 })).to.deep.include({ type: 'upgradeProgress', phase: 'receiving', percent: 40 });
    expect(cdcasCallbackToEvent({ name: 'ShowProgressStrip', progress: 100, mark: 2 })).to.deep.include({ phase: 'patching' });
    expect(cdcasCallbackToEvent({ name: 'ShowFingerMessage', ecmPid: 0x1001, cardId: 80001234 })).to.deep.include({ type: 'fingerprint', cardId: '80001234' });
    expect(cdcasCallbackToEvent({ name: 'ShowFingerMessage', ecmPid: 0x1001, cardId: 0 }).type).to.equal('fingerprintHide');
    expect(cdcasCallbackToEvent({ name: 'RequestFeeding', tvsId: 3 })).to.deep.include({ type: 'feedRequest', operatorId: 3 });
    expect(cdcasCallbackToEvent({ name: 'EntitleChanged', tvsId: 3 })).to.deep.include({ type: 'entitlementChanged', operatorId: 3 });
    expect(cdcasCallbackToEvent({ name: 'UNLockService' }).type).to.equal('releaseTune');
    const lock = cdcasCallbackToEvent({ name: 'LockService', lock: { frequencyKHz: 259_000, symbolRate: 6875, modulation: 3, channel: { number: 1 } } });
    expect(lock).to.deep.include({ type: 'forceTune', target: { number: 1, frequencyKHz: 259_000, symbolRate: 6875, modulation: 'QAM64' } });
  });

  it('turns an IPPV dialog into an offer with prices and the CDCAS expiry date', () => {
    const event = cdcasCallbackToEvent({
      name: 'StartIppvBuyDlg', messageType: 1, ecmPid: 0x1002,
      info: { tvsId: 1, slotId: 2, productId: 501, prices: [{ priceCode: 0, price: 500 }, { priceCode: 1, price: 800 }], expiredDate: 0 },
    });
    if (event.type !== 'ippvOffer') throw new Error('not an offer');
    expect(event.offer).to.deep.include({ stage: 'paid', ecmPid: 0x1002, operatorId: 1, productId: 501, walletId: 2 });
    expect(event.offer.prices).to.deep.equal([{ kind: 'view', amount: 500 }, { kind: 'viewAndRecord', amount: 800 }]);
    expect(event.offer.expires).to.equal(Date.UTC(2000, 0, 2));
  });

  it('the bridge drops and counts a callback it cannot place, without throwing into the library', () => {
    const bridge = new CdcasCallbackBridge();
    const seen: CaEvent[] = [];
    bridge.events.subscribe((e) => seen.push(e));
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (w: unknown) => { warnings.push(w); };
    try {
      bridge.ShowOSDMessage(9, 'bad style');
      bridge.ShowBuyMessage(0x1001, 0x09);
    } finally {
      console.warn = warn;
    }
    expect(bridge.dropped).to.equal(1);
    expect(seen.map((e) => e.type)).to.deep.equal(['block']);
    expect((warnings[0] as YiwangError).code).to.equal(ErrorCode.CaEventInvalid);
    expect((warnings[0] as YiwangError).data).to.deep.include({ vendor: 'cdcas3', event: 'ShowOSDMessage' });
  });
});
