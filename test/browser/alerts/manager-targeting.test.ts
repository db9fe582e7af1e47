import { expect } from '@esm-bundle/chai';
import { T0, TestClock, activeKeys, area, cleanUp, current, makeAlert, openManager } from './manager-support.js';

afterEach(cleanUp);

const CHAOYANG = '110105';
const BEIJING_BOX = [
  { lat: 39.7, lon: 116.2 }, { lat: 39.7, lon: 116.6 }, { lat: 40.1, lon: 116.6 }, { lat: 40.1, lon: 116.2 },
  { lat: 39.7, lon: 116.2 },
];

describe('alert manager: targeting (R8)', () => {
  it('shows a province alert on a county (and village) box; not a neighbour province\'s', async () => {
    const m = await openManager({ now: new TestClock().now, location: { regionCode: '110105001002' } });
    const beijing = makeAlert({ areas: [area({ regionCodes: ['110000'] })] });
    const tianjin = makeAlert({ areas: [area({ regionCodes: ['120000'] })] });
    expect(await m.ingest(beijing, 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
    expect(await m.ingest(tianjin, 'broadcast')).to.deep.equal({ accepted: false, reason: 'not-for-this-area' });
    expect(await activeKeys(m)).to.deep.equal([beijing.key]);
  });

  it('a county alert is not for a box known only to its province', async () => {
    const m = await openManager({ now: new TestClock().now, location: { regionCode: '110000' } });
    expect(await m.ingest(makeAlert({ areas: [area({ regionCodes: [CHAOYANG] })] }), 'broadcast'))
      .to.deep.equal({ accepted: false, reason: 'not-for-this-area' });
  });

  it('no areas = everywhere', async () => {
    const m = await openManager({ now: new TestClock().now, location: { regionCode: CHAOYANG } });
    expect(await m.ingest(makeAlert({ areas: [] }), 'broadcast')).to.deep.equal({ accepted: true, action: 'added' });
  });

  it('polygons and circles against the box\'s point', async () => {
    const m = await openManager({ now: new TestClock().now, location: { point: { lat: 39.9042, lon: 116.4074 } } });
    expect(await m.ingest(makeAlert({ areas: [area({ polygons: [BEIJING_BOX] })] }), 'broadcast'))
      .to.deep.include({ accepted: true });
    expect(await m.ingest(makeAlert({ areas: [area({ circles: [{ center: { lat: 31.23, lon: 121.47 }, radiusKm: 100 }] })] }), 'broadcast'))
      .to.deep.equal({ accepted: false, reason: 'not-for-this-area' });
  });

  it('SCTE 18 location codes with 0 wildcards', async () => {
    const m = await openManager({ now: new TestClock().now, location: { scte18: { state: 6, subdivision: 0, county: 37 } } });
    const code = (value: string) => makeAlert({ format: 'scte18', areas: [area({ geocodes: [{ name: 'scte18', value }] })] });
    expect(await m.ingest(code('6.0.0'), 'inband')).to.deep.include({ accepted: true });
    expect(await m.ingest(code('6.0.38'), 'inband')).to.deep.equal({ accepted: false, reason: 'not-for-this-area' });
  });

  it('shows an alert whose area kinds the box cannot check (conservative for safety)', async () => {
    const m = await openManager({ now: new TestClock().now, location: { regionCode: CHAOYANG } });
    // Only a polygon, and the box has no point.
    expect(await m.ingest(makeAlert({ areas: [area({ polygons: [BEIJING_BOX] })] }), 'broadcast'))
      .to.deep.equal({ accepted: true, action: 'added' });
    const noLocation = await openManager({ now: new TestClock().now });
    expect(await noLocation.ingest(makeAlert({ areas: [area({ regionCodes: ['440000'] })] }), 'broadcast'))
      .to.deep.equal({ accepted: true, action: 'added' });
  });

  it('setLocation re-checks held alerts: hides those no longer for here, shows those now for here', async () => {
    const m = await openManager({ now: new TestClock().now });
    const beijing = makeAlert({ identifier: 'BJ', areas: [area({ regionCodes: ['110000'] })] });
    const guangdong = makeAlert({ identifier: 'GD', areas: [area({ regionCodes: ['440000'] })] });
    await m.ingest(beijing, 'broadcast');
    await m.ingest(guangdong, 'broadcast');
    // Location unknown at first (boot): both shown.
    expect(await activeKeys(m)).to.have.members([beijing.key, guangdong.key]);
    m.setLocation({ regionCode: CHAOYANG });
    expect(await activeKeys(m)).to.deep.equal([beijing.key]);
    m.setLocation({ regionCode: '440305' });
    expect(await activeKeys(m)).to.deep.equal([guangdong.key]);
  });

  it('an update that narrows the area away from the box removes the alert', async () => {
    const m = await openManager({ now: new TestClock().now, location: { regionCode: CHAOYANG } });
    const wide = makeAlert({ identifier: 'N', areas: [area({ regionCodes: ['110000'] })] });
    await m.ingest(wide, 'broadcast');
    const narrow = makeAlert({
      identifier: 'N-u', msgType: 'update', sent: T0 + 1000, areas: [area({ regionCodes: ['110108'] })],
      references: [{ sender: wide.sender, identifier: 'N' }], referenceKeys: [wide.key],
    });
    expect(await m.ingest(narrow, 'broadcast')).to.deep.equal({ accepted: false, reason: 'not-for-this-area' });
    expect(await activeKeys(m)).to.deep.equal([]);
  });
});

describe('alert manager: language (R7)', () => {
  const texts = {
    'en-us': { headline: 'Gale warning' },
    'zh-cn': { headline: '大风预警' },
    'bo': { headline: 'རླུང་ཆེན།' },
  };

  it('the device language first', async () => {
    const m = await openManager({ now: new TestClock().now, languages: ['en-GB'] });
    await m.ingest(makeAlert({ texts }), 'broadcast');
    const [shown] = await current(m.active);
    expect(shown?.language).to.equal('en-us');
    expect(shown?.text).to.deep.equal({ headline: 'Gale warning' });
  });

  it('then Chinese (zh-CN, zh, zho, chi), then the first given', async () => {
    const m = await openManager({ now: new TestClock().now, languages: ['fr'] });
    await m.ingest(makeAlert({ identifier: 'L1', texts }), 'broadcast');
    await m.ingest(makeAlert({ identifier: 'L2', level: 3, texts: { 'en': { headline: 'A' }, 'zho': { headline: '乙' } } }), 'broadcast');
    await m.ingest(makeAlert({ identifier: 'L3', level: 4, texts: { 'ug': { headline: 'x' }, 'en': { headline: 'y' } } }), 'broadcast');
    expect((await current(m.active)).map((a) => a.language)).to.deep.equal(['zh-cn', 'zho', 'ug']);
  });

  it('ISO 639-2 codes and regional variants match the same language', async () => {
    const m = await openManager({ now: new TestClock().now, languages: ['bod'] });
    await m.ingest(makeAlert({ texts }), 'broadcast');
    expect((await current(m.active))[0]?.language).to.equal('bo');
    m.setLanguages(['zh-TW']);
    expect((await current(m.active))[0]?.language).to.equal('zh-cn');
  });

  it('an alert with no text shows its event', async () => {
    const m = await openManager({ now: new TestClock().now });
    await m.ingest(makeAlert({ format: 'scte18', event: 'TOR', texts: {} }), 'inband');
    const [shown] = await current(m.active);
    expect(shown?.language).to.equal('und');
    expect(shown?.text).to.deep.equal({ event: 'TOR' });
  });
});
