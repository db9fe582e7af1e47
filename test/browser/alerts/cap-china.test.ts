// China's CAP profile, GB/T 35965.1-2018. No real 12379 CAP message was available: the messages below are
// SYNTHETIC, written for these tests after the identifier and time rules of the standard's annex A
// (identifier ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N, Beijing time +08:00) and the I–IV / 红橙黄蓝 levels.
import { expect } from '@esm-bundle/chai';
import { findAlertFormat, parseAlert } from '../../../sdk/index.js';

const cap = findAlertFormat('cap');

/** SYNTHETIC: a district meteorological office's gale warning, blue, in the shape a 12379 feed would have. */
const SYNTHETIC_GALE = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>11010553000000_20240716083000_0</identifier>
  <sender>11010553000000</sender>
  <sent>2024-07-16T08:30:00+08:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大风</event>
    <urgency>Expected</urgency>
    <severity>Minor</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>EventType</valueName><value>11B06</value></eventCode>
    <effective>2024-07-16T08:30:00+08:00</effective>
    <expires>2024-07-17T08:30:00+08:00</expires>
    <senderName>北京市朝阳区气象台</senderName>
    <headline>北京市朝阳区气象台发布大风蓝色预警信号</headline>
    <description>预计16日午后至夜间，朝阳区将出现6级左右偏北风，阵风可达8级，请注意防范。</description>
    <instruction>1. 关好门窗，加固围板、棚架、广告牌等易被风吹动的搭建物；2. 行人注意尽量少骑自行车。</instruction>
    <area>
      <areaDesc>北京市朝阳区</areaDesc>
    </area>
  </info>
</alert>`;

/** SYNTHETIC: an update upgrading a rainstorm warning to orange, with GB/T 2260 geocodes and a level parameter. */
const SYNTHETIC_UPGRADE = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>44030053000000_20240601143000_1</identifier>
  <sender>44030053000000</sender>
  <sent>2024-06-01 14:30:00+08:00</sent>
  <status>Actual</status>
  <msgType>Update</msgType>
  <scope>Public</scope>
  <references>44030053000000,44030053000000_20240601120000_0,2024-06-01T12:00:00+08:00</references>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>2024-06-01T20:30:00</expires>
    <headline>深圳市气象台将暴雨黄色预警信号升级为橙色</headline>
    <parameter><valueName>预警级别</valueName><value>2</value></parameter>
    <area>
      <areaDesc>深圳市福田区、南山区</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>440304</value></geocode>
      <geocode><valueName>areaCode</valueName><value>440305</value></geocode>
    </area>
  </info>
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Rainstorm</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <headline>Rainstorm warning upgraded to orange</headline>
  </info>
</alert>`;

describe('CAP: China profile GB/T 35965.1 (synthetic messages)', () => {
  it('reads a synthetic gale warning: level from the colour, region from the identifier', () => {
    expect(cap.probe(SYNTHETIC_GALE)).to.equal(true);
    const alert = parseAlert(SYNTHETIC_GALE);
    expect(alert).to.deep.include({
      key: 'cap:11010553000000/11010553000000_20240716083000_0', status: 'actual', msgType: 'alert',
      level: 4, levelSource: 'colour', event: '大风', eventCode: '11B06',
      sent: Date.UTC(2024, 6, 16, 0, 30), effective: Date.UTC(2024, 6, 16, 0, 30), expires: Date.UTC(2024, 6, 17, 0, 30),
    });
    expect(alert.texts['zh-cn']?.headline).to.equal('北京市朝阳区气象台发布大风蓝色预警信号');
    expect(alert.texts['zh-cn']?.senderName).to.equal('北京市朝阳区气象台');
    // No geocode: the issuer's GB/T 2260 code (110105, Chaoyang) targets the area.
    expect(alert.areas).to.deep.equal([{ description: '北京市朝阳区', regionCodes: ['110105'], polygons: [], circles: [], geocodes: [] }]);
  });

  it('reads a synthetic upgrade: references, geocodes as region codes, Beijing time without a zone', () => {
    const alert = cap.parse(SYNTHETIC_UPGRADE);
    expect(alert.msgType).to.equal('update');
    expect(alert.referenceKeys).to.deep.equal(['cap:44030053000000/44030053000000_20240601120000_0']);
    expect(alert.references[0]?.sent).to.equal(Date.UTC(2024, 5, 1, 4));
    // "2024-06-01 14:30:00+08:00" (the standard's extended format with a space) and a zoneless expires in Beijing time.
    expect(alert.sent).to.equal(Date.UTC(2024, 5, 1, 6, 30));
    expect(alert.expires).to.equal(Date.UTC(2024, 5, 1, 12, 30));
    // 预警级别 2 and 橙色 in the headline: level II; the level parameter is the China level itself.
    expect([alert.level, alert.levelSource]).to.deep.equal([2, 'china-level']);
    expect(alert.areas).to.have.length(1);
    expect(alert.areas[0]?.regionCodes).to.deep.equal(['440304', '440305']);
    expect(Object.keys(alert.texts)).to.deep.equal(['zh-cn', 'en-us']);
  });

  it('reads level words: 特别重大 I, 重大 II, 较大 III, 一般 IV', () => {
    const words: Array<[string, number]> = [['特别重大', 1], ['重大', 2], ['较大', 3], ['一般', 4]];
    for (const [word, level] of words) {
      const alert = cap.parse(SYNTHETIC_GALE.replace('<event>大风</event>', `<event>${word}突发事件预警</event>`)
        .replace('大风蓝色预警信号', '预警信息'));
      expect([alert.level, alert.levelSource], word).to.deep.equal([level, 'china-level']);
    }
  });

  it('does not narrow an alert to a region when the identifier names no province', () => {
    const national = SYNTHETIC_GALE.replaceAll('11010553000000', '10000053000000');
    expect(cap.parse(national).areas[0]?.regionCodes).to.deep.equal([]);
    const noArea = SYNTHETIC_GALE.replace(/<area>[\s\S]*<\/area>/, '');
    expect(cap.parse(noArea).areas).to.deep.equal([{ regionCodes: ['110105'], polygons: [], circles: [], geocodes: [] }]);
  });

  it('keeps a polygon-only area as given rather than adding the issuer region', () => {
    const polygon = SYNTHETIC_GALE.replace('<areaDesc>北京市朝阳区</areaDesc>',
      '<areaDesc>朝阳区东部</areaDesc><polygon>39.9,116.5 39.95,116.6 39.85,116.6 39.9,116.5</polygon>');
    expect(cap.parse(polygon).areas[0]?.regionCodes).to.deep.equal([]);
  });

  it('takes 6- and 12-digit geocodes as region codes in a China message, never in others', () => {
    const withCode = (identifier: string, language: string): readonly string[] | undefined => cap.parse(SYNTHETIC_GALE
      .replace('11010553000000_20240716083000_0', identifier).replace('zh-CN', language)
      .replace('</areaDesc>', '</areaDesc><geocode><valueName>code</valueName><value>110105001000</value></geocode>')).areas[0]?.regionCodes;
    expect(withCode('11010553000000_20240716083000_0', 'zh-CN')).to.deep.equal(['110105001000']);
    expect(withCode('CN-TEST-1', 'zh-CN')).to.deep.equal(['110105001000']);
    expect(withCode('TW-TEST-1', 'zh-TW')).to.deep.equal([]);
  });
});
