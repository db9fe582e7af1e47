// CAP fields into the normalized alert: references (updates, cancels), languages and the may-not-override
// rule, times, levels from severity versus explicit colours, areas (polygons, circles, geocodes), resources.
import { expect } from '@esm-bundle/chai';
import { findAlertFormat } from '../../../sdk/index.js';
import { capMessage, info } from './cap-support.js';

const cap = findAlertFormat('cap');

describe('CAP fields', () => {
  describe('updates and cancels', () => {
    it('reads references as triples and keys', () => {
      const alert = cap.parse(capMessage(`  <references>
        a@example.org,A-1,2024-07-16T08:00:00-00:00 b@example.org,B-7,2024-07-16T09:00:00+08:00
        a@example.org,A-1,2024-07-16T08:00:00-00:00 c@example.org,C-2 broken
      </references>\n${info('<event>Update</event>')}`, { msgType: 'Update' }));
      expect(alert.msgType).to.equal('update');
      expect(alert.references).to.deep.equal([
        { sender: 'a@example.org', identifier: 'A-1', sent: Date.UTC(2024, 6, 16, 8) },
        { sender: 'b@example.org', identifier: 'B-7', sent: Date.UTC(2024, 6, 16, 1) },
        { sender: 'c@example.org', identifier: 'C-2' },
      ]);
      expect(alert.referenceKeys).to.deep.equal(['cap:a@example.org/A-1', 'cap:b@example.org/B-7', 'cap:c@example.org/C-2']);
    });

    it('reads a Cancel with no info: it names what it cancels, with nothing to show', () => {
      const alert = cap.parse(capMessage('  <references>ops@example.org,X-9,2024-07-16T07:00:00-00:00</references>',
        { msgType: 'Cancel', identifier: 'X-10', sender: 'ops@example.org' }));
      expect(alert).to.deep.include({
        key: 'cap:ops@example.org/X-10', msgType: 'cancel', level: 4, levelSource: 'default', event: '',
        effective: Date.UTC(2024, 6, 16, 8, 30),
      });
      expect(alert.referenceKeys).to.deep.equal(['cap:ops@example.org/X-9']);
      expect(alert.texts).to.deep.equal({});
      expect(alert.areas).to.deep.equal([]);
      expect(alert.expires).to.equal(undefined);
    });
  });

  describe('languages', () => {
    it('keeps one text per language, en-US by default, lower-cased, in the order given', () => {
      const alert = cap.parse(capMessage([
        info('<event>Wind</event><headline>Gale</headline>'),
        info('<language>ZH-CN</language><event>大风</event><headline>大风预警</headline>'),
      ].join('\n')));
      expect(Object.keys(alert.texts)).to.deep.equal(['en-us', 'zh-cn']);
      expect(alert.texts['zh-cn']).to.deep.equal({ event: '大风', headline: '大风预警' });
      expect(alert.event).to.equal('Wind');
    });

    it('lets a later block of the same language add fields but never override them', () => {
      const alert = cap.parse(capMessage([
        info('<language>en-US</language><event>Flood</event><headline>First headline</headline>'),
        info('<language>fr-CA</language><event>Inondation</event><headline>Premier titre</headline>'),
        info(`<language>en-us</language><event>Other event</event><headline>Second headline</headline>
          <description>Added later.</description><instruction>Move to higher ground.</instruction>`),
        info('<language>fr-CA</language><headline>Deuxième titre</headline><senderName>Agence</senderName>'),
      ].join('\n')));
      expect(alert.texts).to.deep.equal({
        'en-us': { event: 'Flood', headline: 'First headline', description: 'Added later.', instruction: 'Move to higher ground.' },
        'fr-ca': { event: 'Inondation', headline: 'Premier titre', senderName: 'Agence' },
      });
    });

    it('joins pretty-printed lines and keeps blank-line paragraphs', () => {
      const alert = cap.parse(capMessage(info(`<event>E</event><headline>  A   headline
          wrapped </headline><description>
        First paragraph
        continues here.

        Second paragraph.
      </description><instruction/>`)));
      expect(alert.texts['en-us']).to.deep.equal({
        event: 'E', headline: 'A headline wrapped', description: 'First paragraph continues here.\n\nSecond paragraph.',
      });
    });
  });

  describe('times', () => {
    it('reads zones (-00:00 is UTC, +08:00 Beijing) and defaults effective to sent', () => {
      const alert = cap.parse(capMessage(info(`<event>E</event><onset>2024-07-16T20:00:00+08:00</onset>
        <expires>2024-07-16T18:00:00-00:00</expires>`), { sent: '2024-07-16T08:30:00-00:00' }));
      expect(alert.sent).to.equal(Date.UTC(2024, 6, 16, 8, 30));
      expect(alert.effective).to.equal(alert.sent);
      expect(alert.onset).to.equal(Date.UTC(2024, 6, 16, 12));
      expect(alert.expires).to.equal(Date.UTC(2024, 6, 16, 18));
    });

    it('takes the earliest effective and onset and the latest expires across blocks', () => {
      const alert = cap.parse(capMessage([
        info('<event>E</event><effective>2024-07-16T10:00:00Z</effective><onset>2024-07-16T11:00:00Z</onset><expires>2024-07-16T12:00:00Z</expires>'),
        info('<event>E</event><effective>2024-07-16T09:00:00Z</effective><onset>2024-07-16T13:00:00Z</onset><expires>2024-07-16T15:00:00Z</expires>'),
        info('<event>E</event><effective>2024-07-16T09:30:00Z</effective><expires>not a time</expires>'),
      ].join('\n'), { sent: '2024-07-16T08:00:00Z' }));
      expect(alert.effective).to.equal(Date.UTC(2024, 6, 16, 9));
      expect(alert.onset).to.equal(Date.UTC(2024, 6, 16, 11));
      expect(alert.expires).to.equal(Date.UTC(2024, 6, 16, 15));
    });

    it('defaults a block without effective to sent, so the alert is in effect from sent', () => {
      const alert = cap.parse(capMessage([
        info('<event>E</event><effective>2024-07-16T10:00:00Z</effective>'),
        info('<event>E</event>'),
      ].join('\n'), { sent: '2024-07-16T08:00:00Z' }));
      expect(alert.effective).to.equal(Date.UTC(2024, 6, 16, 8));
    });
  });

  describe('levels', () => {
    const level = (children: string): [number, string] => {
      const alert = cap.parse(capMessage(info(children)));
      return [alert.level, alert.levelSource];
    };

    it('maps CAP severity: Extreme 1, Severe 2, Moderate 3, Minor 4, Unknown 4 by default', () => {
      expect(level('<event>E</event><severity>Extreme</severity>')).to.deep.equal([1, 'cap-severity']);
      expect(level('<event>E</event><severity>Severe</severity>')).to.deep.equal([2, 'cap-severity']);
      expect(level('<event>E</event><severity>Moderate</severity>')).to.deep.equal([3, 'cap-severity']);
      expect(level('<event>E</event><severity>Minor</severity>')).to.deep.equal([4, 'cap-severity']);
      expect(level('<event>E</event><severity>Unknown</severity>')).to.deep.equal([4, 'default']);
      expect(level('<event>E</event>')).to.deep.equal([4, 'default']);
    });

    it('lets an explicit colour win over severity, either way', () => {
      const colour = (name: string, value: string, severity: string): [number, string] =>
        level(`<event>E</event><severity>${severity}</severity><parameter><valueName>${name}</valueName><value>${value}</value></parameter>`);
      expect(colour('awareness_level', '4; red; Extreme', 'Minor')).to.deep.equal([1, 'colour']);
      expect(colour('awareness_level', '2; yellow; Moderate', 'Extreme')).to.deep.equal([3, 'colour']);
      expect(colour('Color', 'Orange', 'Unknown')).to.deep.equal([2, 'colour']);
      expect(colour('预警颜色', '蓝色', 'Severe')).to.deep.equal([4, 'colour']);
      expect(colour('alert_color', '紅色', 'Moderate')).to.deep.equal([1, 'colour']);
      // Green (MeteoAlarm level 1) is no warning colour on our scale: severity decides.
      expect(colour('awareness_level', '1; green; Minor', 'Moderate')).to.deep.equal([3, 'cap-severity']);
      // A colour in a parameter that is not about colour or level means nothing.
      expect(colour('HSAS', 'RED', 'Minor')).to.deep.equal([4, 'cap-severity']);
    });

    it('reads China level words and colour warnings in event and headline', () => {
      expect(level('<event>暴雨</event><severity>Minor</severity><headline>市气象台发布暴雨橙色预警信号</headline>')).to.deep.equal([2, 'colour']);
      expect(level('<event>特别重大突发事件预警</event><severity>Moderate</severity>')).to.deep.equal([1, 'china-level']);
      expect(level('<event>森林火险</event><headline>启动Ⅱ级应急响应</headline>')).to.deep.equal([2, 'china-level']);
      expect(level('<event>地质灾害</event><headline>发布三级预警</headline>')).to.deep.equal([3, 'china-level']);
      expect(level('<event>大风</event><headline>大风黃色警報</headline>')).to.deep.equal([3, 'colour']);
      // A bare colour word, or a colour in English text, states no level (a US "Red Flag Warning" is fire weather).
      expect(level('<event>Red Flag Warning</event><severity>Minor</severity><headline>红色的车</headline>')).to.deep.equal([4, 'cap-severity']);
    });

    it('reads China level parameters and colours in severity itself', () => {
      const param = (name: string, value: string): [number, string] =>
        level(`<event>E</event><severity>Minor</severity><parameter><valueName>${name}</valueName><value>${value}</value></parameter>`);
      expect(param('预警级别', '1')).to.deep.equal([1, 'china-level']);
      expect(param('预警级别', 'Ⅲ')).to.deep.equal([3, 'china-level']);
      expect(param('预警级别', '较大')).to.deep.equal([3, 'china-level']);
      expect(param('level', '3')).to.deep.equal([4, 'cap-severity']);
      expect(level('<event>E</event><severity>Red</severity>')).to.deep.equal([1, 'colour']);
      expect(level('<event>E</event><severity>橙色</severity>')).to.deep.equal([2, 'colour']);
    });

    it('takes the most severe level across blocks, explicit before severity', () => {
      const alert = cap.parse(capMessage([
        info('<event>E</event><severity>Extreme</severity>'),
        info('<language>zh-CN</language><event>暴雨</event><severity>Extreme</severity><headline>暴雨黄色预警</headline>'),
        info('<language>zh-CN</language><event>暴雨</event><headline>暴雨蓝色预警</headline>'),
      ].join('\n')));
      expect([alert.level, alert.levelSource]).to.deep.equal([3, 'colour']);
    });
  });

  describe('areas', () => {
    it('reads polygons, circles and geocodes', () => {
      const alert = cap.parse(capMessage(info(`<event>E</event><area><areaDesc>Test area</areaDesc>
        <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
        <circle>32.9525,-115.5527 10.5</circle>
        <geocode><valueName>SAME</valueName><value>006109</value></geocode>
        <geocode><valueName>GB/T 2260</valueName><value>110105</value></geocode>
        <geocode><valueName>ADCD</valueName><value>110105001000</value></geocode>
      </area>`)));
      expect(alert.areas).to.have.length(1);
      const [area] = alert.areas;
      expect(area?.description).to.equal('Test area');
      expect(area?.polygons).to.deep.equal([[
        { lat: 38.47, lon: -120.14 }, { lat: 38.34, lon: -119.95 }, { lat: 38.52, lon: -119.74 }, { lat: 38.62, lon: -119.89 },
        { lat: 38.47, lon: -120.14 },
      ]]);
      expect(area?.circles).to.deep.equal([{ center: { lat: 32.9525, lon: -115.5527 }, radiusKm: 10.5 }]);
      expect(area?.geocodes).to.deep.equal([
        { name: 'SAME', value: '006109' }, { name: 'GB/T 2260', value: '110105' }, { name: 'ADCD', value: '110105001000' },
      ]);
      // SAME 006109 has six digits too, but is a US county code.
      expect(area?.regionCodes).to.deep.equal(['110105', '110105001000']);
    });

    it('closes an open ring, drops unreadable shapes and keeps the area and the alert', () => {
      const alert = cap.parse(capMessage(info(`<event>E</event>
        <area><areaDesc>Open ring</areaDesc><polygon>10,10 10 , 11 11,11</polygon></area>
        <area><areaDesc>Bad shapes</areaDesc><polygon>10,10 11,11 10,10</polygon><polygon>91,0 1,1 2,2 91,0</polygon>
          <polygon>a,b c,d e,f a,b</polygon><circle>10,10</circle><circle>10,10 -5</circle><circle>10,200 5</circle>
          <geocode><valueName>FIPS6</valueName><value>006109</value></geocode></area>`)));
      expect(alert.areas.map((a) => a.description)).to.deep.equal(['Open ring', 'Bad shapes']);
      expect(alert.areas[0]?.polygons).to.deep.equal([[{ lat: 10, lon: 10 }, { lat: 10, lon: 11 }, { lat: 11, lon: 11 }, { lat: 10, lon: 10 }]]);
      expect(alert.areas[1]).to.deep.equal({
        description: 'Bad shapes', regionCodes: [], polygons: [], circles: [], geocodes: [{ name: 'FIPS6', value: '006109' }],
      });
    });

    it('keeps an area repeated in another language once, with the first description, merging its geocodes', () => {
      const polygon = '<polygon>64.17,-22.04 64.19,-21.7 64.15,-21.68 64.17,-22.04</polygon>';
      const alert = cap.parse(capMessage([
        info(`<language>is-IS</language><event>Vindur</event><area><areaDesc>Höfuðborgarsvæðið</areaDesc>${polygon}
          <geocode><valueName>Spásvæði</valueName><value>ho</value></geocode></area>`),
        info(`<language>en-US</language><event>Wind</event><area><areaDesc>Capital Region</areaDesc>${polygon}
          <geocode><valueName>Forecast Region</valueName><value>ho</value></geocode></area>
          <area><areaDesc>Elsewhere</areaDesc><geocode><valueName>Forecast Region</valueName><value>su</value></geocode></area>`),
      ].join('\n')));
      expect(alert.areas.map((a) => a.description)).to.deep.equal(['Höfuðborgarsvæðið', 'Elsewhere']);
      expect(alert.areas[0]?.geocodes).to.deep.equal([{ name: 'Spásvæði', value: 'ho' }, { name: 'Forecast Region', value: 'ho' }]);
    });
  });

  describe('resources and parameters', () => {
    it('reads resources once across languages, and an audio resource as the alert audio', () => {
      const resource = (desc: string): string => `<resource><resourceDesc>${desc}</resourceDesc><mimeType>image/png</mimeType>
        <size>17296</size><uri>https://example.org/icon.png</uri><digest>1c8015126336af265ec36ef202e91611f9cfd7a7</digest></resource>`;
      const alert = cap.parse(capMessage([
        info(`<event>E</event>${resource('Icon')}<resource><resourceDesc>Tone</resourceDesc><mimeType>audio/mpeg</mimeType>
          <size>not a number</size><uri>https://example.org/tone.mp3</uri></resource>`),
        info(`<language>fr-CA</language><event>E</event>${resource('Icône')}`),
      ].join('\n')));
      expect(alert.resources).to.deep.equal([
        { description: 'Icon', mimeType: 'image/png', size: 17296, uri: 'https://example.org/icon.png', digest: '1c8015126336af265ec36ef202e91611f9cfd7a7' },
        { description: 'Tone', mimeType: 'audio/mpeg', uri: 'https://example.org/tone.mp3' },
      ]);
      expect(alert.audio).to.deep.equal({ description: 'Tone', mimeType: 'audio/mpeg', uri: 'https://example.org/tone.mp3' });
    });

    it('reads parameters and the first event code, without repeats', () => {
      const block = `<event>E</event><eventCode><valueName>SAME</valueName><value>SVR</value></eventCode>
        <eventCode><valueName>other</valueName><value>X</value></eventCode>
        <parameter><valueName>EAS-ORG</valueName><value>WXR</value></parameter>
        <parameter><valueName>EAS-ORG</valueName><value>CIV</value></parameter>
        <parameter><valueName></valueName><value>nameless</value></parameter>`;
      const alert = cap.parse(capMessage([info(block), info(block)].join('\n')));
      expect(alert.eventCode).to.equal('SVR');
      expect(alert.parameters).to.deep.equal([{ name: 'EAS-ORG', value: 'WXR' }, { name: 'EAS-ORG', value: 'CIV' }]);
    });
  });
});
