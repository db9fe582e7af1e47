/**
 * Corpus test for the CAP format on 15 real messages, read in place from ../shared/fixtures/cap (never
 * copied into the project; PROVENANCE.md there gives the source and licence of each): OASIS appendix
 * examples, IPAWS, NOAA tsunami messages, Canada (CAP-CP), Australia (prefixed namespace), Iceland,
 * Taiwan (BOM, zh-TW), Mexico and the Philippines (status Test, XML-DSig, one line). Skips when the
 * fixtures are not there.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { detectAlertFormat, parseAlert, type Alert } from '../../../sdk/index.js';

// dist/node/test/node/alerts → the repository root is five levels up; fixtures live beside it in ../shared.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const FIXTURES = resolve(process.env.YIWANG_FIXTURES ?? resolve(repoRoot, '../shared/fixtures'), 'cap');
const absent = !existsSync(resolve(FIXTURES, 'PROVENANCE.md'));

/** The fixture whose name starts with `number` (01–15), as bytes. */
function fixture(number: string): Uint8Array {
  const name = readdirSync(FIXTURES).find((n) => n.startsWith(`${number}-`) && n.endsWith('.xml'));
  assert.ok(name, `fixture ${number} exists`);
  return new Uint8Array(readFileSync(resolve(FIXTURES, name)));
}

function parse(number: string): Alert {
  return parseAlert(fixture(number), 'cap');
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The fields every fixture is checked on. */
function summary(alert: Alert): Record<string, unknown> {
  return {
    identifier: alert.identifier, sender: alert.sender, status: alert.status, msgType: alert.msgType, scope: alert.scope,
    level: alert.level, levelSource: alert.levelSource, languages: Object.keys(alert.texts), areas: alert.areas.length,
    referenceKeys: alert.referenceKeys,
  };
}

void describe('CAP corpus (../shared/fixtures/cap)', { skip: absent ? `fixtures not found at ${FIXTURES}` : false }, () => {
  void it('detects every sample as CAP, and parses bytes and text alike', () => {
    const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.xml'));
    assert.equal(names.length, 15);
    for (const name of names) {
      const bytes = new Uint8Array(readFileSync(resolve(FIXTURES, name)));
      assert.equal(detectAlertFormat(bytes).format, 'cap', name);
      assert.deepEqual(parseAlert(new TextDecoder().decode(bytes)), parseAlert(bytes), name);
    }
  });

  void it('01 DHS advisory: no <language> means en-US; an area with only a description; an image resource', () => {
    const alert = parse('01');
    assert.deepEqual(summary(alert), {
      identifier: '43b080713727', sender: 'hsas@dhs.gov', status: 'actual', msgType: 'alert', scope: 'public',
      level: 2, levelSource: 'cap-severity', languages: ['en-us'], areas: 1, referenceKeys: [],
    });
    assert.equal(alert.key, 'cap:hsas@dhs.gov/43b080713727');
    assert.equal(iso(alert.sent), '2003-04-02T19:39:01.000Z');
    assert.equal(alert.effective, alert.sent);
    assert.equal(alert.texts['en-us']?.headline, 'Homeland Security Sets Code ORANGE');
    assert.deepEqual(alert.areas[0], {
      description: 'U.S. nationwide and interests worldwide', regionCodes: [], polygons: [], circles: [], geocodes: [],
    });
    assert.deepEqual(alert.resources, [{ description: 'Image file (GIF)', mimeType: 'image/gif', uri: 'http://www.dhs.gov/dhspublic/getAdvisoryImage' }]);
    assert.deepEqual(alert.parameters, [{ name: 'HSAS', value: 'ORANGE' }]);
    assert.deepEqual(alert.signature, { present: false });
  });

  void it('02 NWS thunderstorm: a closed polygon, SAME geocodes (not region codes), eventCode, expires', () => {
    const alert = parse('02');
    assert.deepEqual(summary(alert), {
      identifier: 'KSTO1055887203', sender: 'KSTO@NWS.NOAA.GOV', status: 'actual', msgType: 'alert', scope: 'public',
      level: 2, levelSource: 'cap-severity', languages: ['en-us'], areas: 1, referenceKeys: [],
    });
    assert.equal(alert.eventCode, 'SVR');
    assert.equal(iso(alert.expires), '2003-06-17T23:00:00.000Z');
    const [area] = alert.areas;
    assert.equal(area?.polygons.length, 1);
    assert.equal(area.polygons[0]?.length, 5);
    assert.deepEqual(area.polygons[0][0], { lat: 38.47, lon: -120.14 });
    assert.deepEqual(area.polygons[0][0], area.polygons[0][4]);
    assert.deepEqual(area.geocodes.map((g) => `${g.name}=${g.value}`), ['SAME=006109', 'SAME=006009', 'SAME=006003']);
    assert.deepEqual(area.regionCodes, []);
  });

  void it('03 TriNet earthquake: an Update referencing version 1, a circle of radius 0, Minor', () => {
    const alert = parse('03');
    assert.deepEqual(summary(alert), {
      identifier: 'TRI13970876.2', sender: 'trinet@caltech.edu', status: 'actual', msgType: 'update', scope: 'public',
      level: 4, levelSource: 'cap-severity', languages: ['en-us'], areas: 1, referenceKeys: ['cap:trinet@caltech.edu/TRI13970876.1'],
    });
    assert.deepEqual(alert.references, [{ sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sent: Date.parse('2003-06-12T03:30:00Z') }]);
    assert.deepEqual(alert.areas[0]?.circles, [{ center: { lat: 32.9525, lon: -115.5527 }, radiusKm: 0 }]);
    assert.equal(alert.texts['en-us']?.senderName, 'Southern California Seismic Network (TriNet) operated by Caltech and USGS');
    assert.equal(alert.parameters.length, 5);
  });

  void it('04 AMBER alert: two languages, the area given in both kept once', () => {
    const alert = parse('04');
    assert.deepEqual(summary(alert), {
      identifier: 'KAR0-0306112239-SW', sender: 'KARO@CLETS.DOJ.CA.GOV', status: 'actual', msgType: 'alert', scope: 'public',
      level: 2, levelSource: 'cap-severity', languages: ['en-us', 'es-us'], areas: 1, referenceKeys: [],
    });
    assert.equal(alert.texts['en-us']?.headline, 'Amber Alert in Los Angeles County');
    assert.equal(alert.texts['es-us']?.headline, 'Alerta Amber en el condado de Los Ángeles');
    assert.equal(alert.texts['es-us'].event, 'Abducción de Niño');
    assert.equal(alert.event, 'Child Abduction');
    assert.equal(alert.eventCode, 'CAE');
    assert.equal(alert.areas[0]?.description, 'Los Angeles County');
    assert.deepEqual(alert.areas[0].geocodes, [{ name: 'SAME', value: '006037' }]);
  });

  void it('05 IPAWS Cancel: no info, cancels the alert it references, signed with a prefixed ds:Signature', () => {
    const alert = parse('05');
    assert.deepEqual(summary(alert), {
      identifier: 'AS-NV-58d33e3a-1f9a-4909-9d59-34e90b33b3e8', sender: 'bbrundage@dps.state.nv.us', status: 'actual',
      msgType: 'cancel', scope: 'public', level: 4, levelSource: 'default', languages: [], areas: 0,
      referenceKeys: ['cap:bbrundage@dps.state.nv.us/AS-NV-e18921c7-1b35-4a81-9705-42d25c265ddd'],
    });
    assert.equal(iso(alert.references[0]?.sent), '2019-04-18T18:02:32.000Z');
    assert.equal(iso(alert.sent), '2019-04-19T17:46:20.000Z');
    assert.equal(alert.effective, alert.sent);
    assert.equal(alert.expires, undefined);
    assert.equal(alert.event, '');
    assert.deepEqual(alert.signature, { present: true });
  });

  void it('06 IPAWS local area emergency: Extreme, a 41-point polygon, WEA parameters, derefUri passed over', () => {
    const alert = parse('06');
    assert.deepEqual(summary(alert), {
      identifier: '402013233923688', sender: '402013233923688', status: 'actual', msgType: 'alert', scope: 'public',
      level: 1, levelSource: 'cap-severity', languages: ['en-us'], areas: 1, referenceKeys: [],
    });
    assert.equal(alert.eventCode, 'LAE');
    assert.equal(alert.areas[0]?.polygons[0]?.length, 41);
    assert.deepEqual(alert.areas[0].geocodes, [{ name: 'SAME', value: '024031' }]);
    assert.ok(alert.parameters.some((p) => p.name === 'CMAMtext' && p.value.startsWith('Police looking for')));
    assert.equal(alert.parameters.filter((p) => p.name === 'BLOCKCHANNEL').length, 4);
    assert.deepEqual(alert.resources, [{ description: 'A broadcast resource', mimeType: 'image/jpeg' }]);
    assert.equal(iso(alert.expires), '2019-12-13T22:24:50.000Z');
    assert.deepEqual(alert.signature, { present: true });
  });

  void it('07 WCATWC tsunami warning: an Update whose reference names another sender; Extreme; three resources', () => {
    const alert = parse('07');
    assert.deepEqual(summary(alert), {
      identifier: 'PAAQ-2-lqw6d6', sender: 'http://newwcatwc.arh.noaa.gov/tsuPortal/', status: 'actual', msgType: 'update',
      scope: 'public', level: 1, levelSource: 'cap-severity', languages: ['en-us'], areas: 1, referenceKeys: ['cap:PAAQ/PAAQ-1-lqw6d6'],
    });
    assert.deepEqual(alert.references, [{ sender: 'PAAQ', identifier: 'PAAQ-1-lqw6d6', sent: Date.parse('2011-09-02T10:55:55Z') }]);
    assert.equal(iso(alert.onset), '2011-09-02T11:36:50.000Z');
    assert.equal(iso(alert.expires), '2011-09-02T12:36:50.000Z');
    assert.equal(alert.resources.length, 3);
    assert.deepEqual(alert.areas[0]?.geocodes, [{ name: 'UGC', value: 'AKZ185' }, { name: 'UGC', value: 'AKZ187' }]);
    assert.equal(alert.parameters.filter((p) => p.name === 'predictedArrivalTime').length, 25);
  });

  void it('08 tsunami cancellation: an Update superseding three messages; severity Unknown', () => {
    const alert = parse('08');
    assert.deepEqual(summary(alert), {
      identifier: 'PAAQ-4-mg5a94', sender: 'wcatwc@noaa.gov', status: 'actual', msgType: 'update', scope: 'public',
      level: 4, levelSource: 'default', languages: ['en-us'], areas: 1,
      referenceKeys: ['cap:wcatwc@noaa.gov/PAAQ-1-mg5a94', 'cap:wcatwc@noaa.gov/PAAQ-2-mg5a94', 'cap:wcatwc@noaa.gov/PAAQ-3-mg5a94'],
    });
    assert.deepEqual(alert.references.map((r) => iso(r.sent)), ['2013-01-05T09:01:16.000Z', '2013-01-05T09:30:16.000Z', '2013-01-05T10:17:31.000Z']);
    assert.equal(alert.event, 'Tsunami Cancellation');
    assert.deepEqual(alert.areas[0]?.circles, [{ center: { lat: 55.3, lon: -134.9 }, radiusKm: 0 }]);
    assert.ok(alert.parameters.some((p) => p.name === 'NWSUGC' && p.value.includes('AKZ026>029')));
    assert.deepEqual(alert.signature, { present: true });
  });

  void it('09 Canada NAAD: en-CA and fr-CA, one area given in both, CAP-CP geocodes, two signatures, empty references', () => {
    const alert = parse('09');
    assert.deepEqual(summary(alert), {
      identifier: 'urn:oid:2.49.0.1.124.3026064006.2019', sender: 'cap-pac@canada.ca', status: 'actual', msgType: 'alert',
      scope: 'public', level: 4, levelSource: 'cap-severity', languages: ['en-ca', 'fr-ca'], areas: 1, referenceKeys: [],
    });
    assert.equal(alert.texts['fr-ca']?.headline, 'bulletin météorologique spécial en vigueur');
    assert.match(alert.texts['en-ca']?.description ?? '', /^###\n\nPlease continue to monitor alerts/);
    assert.equal(alert.texts['en-ca']?.instruction, undefined);
    const [area] = alert.areas;
    assert.equal(area?.description, 'Channel-Port aux Basques and vicinity');
    assert.equal(area.polygons[0]?.length, 13);
    assert.equal(area.geocodes.length, 10);
    // The CLC code 022400 has six digits but is a Canadian scheme.
    assert.deepEqual(area.regionCodes, []);
    assert.deepEqual(alert.signature, { present: true });
  });

  void it('10 Environment Canada: an Update (AllClear) with two references and two areas per language', () => {
    const alert = parse('10');
    assert.deepEqual(summary(alert), {
      identifier: '2.49.0.1.124.6bddbc91.2012', sender: 'cap@ec.gc.ca', status: 'actual', msgType: 'update', scope: 'public',
      level: 4, levelSource: 'cap-severity', languages: ['en-ca', 'fr-ca'], areas: 2,
      referenceKeys: ['cap:cap@ec.gc.ca/2.49.0.1.124.a3f342a4.2012', 'cap:cap@ec.gc.ca/2.49.0.1.124.60f31a3a.2012'],
    });
    assert.deepEqual(alert.areas.map((a) => a.description), ['Windsor - Leamington - Essex County', 'Chatham-Kent - Rondeau Park']);
    assert.equal(iso(alert.effective), '2012-05-02T23:20:00.000Z');
    assert.equal(iso(alert.expires), '2012-05-03T00:20:00.000Z');
    assert.equal(alert.eventCode, 'thunderstorm');
  });

  void it('11 Australia BoM: cap:-prefixed elements read through the namespace; severity Unknown', () => {
    const alert = parse('11');
    assert.deepEqual(summary(alert), {
      identifier: 'AusBoM-IDN21033-2019-01-16T03:15:58+00:00', sender: 'CAP.Message@bom.gov.au', status: 'actual',
      msgType: 'alert', scope: 'public', level: 4, levelSource: 'default', languages: ['en-au'], areas: 1, referenceKeys: [],
    });
    assert.equal(alert.event, 'Thunderstorm');
    assert.match(alert.texts['en-au']?.headline ?? '', /^Severe Thunderstorm Warning for Mid North Coast/);
    assert.equal(alert.areas[0]?.geocodes.length, 7);
    assert.equal(iso(alert.effective), '2019-01-16T03:15:52.000Z');
    assert.equal(iso(alert.expires), '2019-01-16T06:15:52.000Z');
  });

  void it('12 Iceland IMO: is-IS and en-US, a yellow colour parameter, a resource with size and digest', () => {
    const alert = parse('12');
    assert.deepEqual(summary(alert), {
      identifier: 'is-IMO-2a4c2db8-07fd-4a0f-b372-9667280d46d1', sender: 'IMO-Icelandic_Met_Office', status: 'actual',
      msgType: 'alert', scope: 'public', level: 3, levelSource: 'colour', languages: ['is-is', 'en-us'], areas: 1, referenceKeys: [],
    });
    assert.deepEqual(alert.resources, [{
      description: 'Icon: Vindur', mimeType: 'image/png', size: 17296, uri: 'https://cdn.vedur.is/cap/v1/icons/yellow_wind.png',
      digest: '1c8015126336af265ec36ef202e91611f9cfd7a7',
    }]);
    assert.deepEqual(alert.parameters, [{ name: 'Color', value: 'Yellow' }]);
    assert.equal(alert.areas[0]?.polygons[0]?.length, 8);
    assert.equal(iso(alert.onset), '2021-09-12T18:00:00.000Z');
  });

  void it('13 Taiwan WRA: a BOM, zh-TW text, red from the alert_color parameter, +08:00', () => {
    const bytes = fixture('13');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const alert = parse('13');
    assert.deepEqual(summary(alert), {
      identifier: 'WRA_ReservoirWarn_201405142010', sender: 'ddmt01@wra.gov.tw', status: 'actual', msgType: 'alert',
      scope: 'public', level: 1, levelSource: 'colour', languages: ['zh-tw'], areas: 1, referenceKeys: [],
    });
    assert.deepEqual(alert.texts['zh-tw'], {
      event: '水庫洩洪', headline: '明德水庫:洩洪中', description: '水利署訊:明德水庫:洩洪中.影響範圍:後龍溪流域,鄉鎮:頭屋鄉,請及早應變.',
      instruction: '請沿岸附近民眾注意。', senderName: '水利署',
    });
    assert.equal(iso(alert.sent), '2014-05-14T12:10:00.000Z');
    assert.deepEqual(alert.areas[0], {
      description: '苗栗縣頭屋鄉', regionCodes: [], polygons: [], circles: [], geocodes: [{ name: 'Taiwan_Geocode_100', value: '1000512' }],
    });
  });

  void it('14 Mexico SMN: an Update in es-419, severity Unknown but a red semáforo, a wrapped polygon', () => {
    const alert = parse('14');
    assert.deepEqual(summary(alert), {
      identifier: 'avisossmn-ciclontropical-4063', sender: 'smn.cna.gob.mx', status: 'actual', msgType: 'update',
      scope: 'public', level: 1, levelSource: 'colour', languages: ['es-419'], areas: 1,
      referenceKeys: ['cap:smn.cna.gob.mx/avisossmn-ciclontropical-4061'],
    });
    assert.equal(alert.areas[0]?.polygons[0]?.length, 29);
    assert.equal(alert.texts['es-419']?.headline, 'LA TORMENTA TROPICAL "VICENTE" SE LOCALIZA AL SUR DE CHIAPAS');
    assert.ok(alert.parameters.some((p) => p.name === 'trayectoria' && p.value === '150 km al sur-suroeste de Tapachula, Chis.'));
  });

  void it('15 PAGASA: status Test (not a real alert), one-line body, an XML-DSig signature noted but not verified', () => {
    const alert = parse('15');
    assert.deepEqual(summary(alert), {
      identifier: '103ff55e-b538-49a2-a94a-64470ddea2cc', sender: 'PAGASA-DOST', status: 'test', msgType: 'alert',
      scope: 'public', level: 4, levelSource: 'cap-severity', languages: ['en-us'], areas: 1, referenceKeys: [],
    });
    assert.notEqual(alert.status, 'actual');
    assert.deepEqual(alert.signature, { present: true });
    assert.equal(alert.texts['en-us']?.headline, 'Tropical Cyclone Alert : Typhoon Paeng [TEST]');
    assert.equal(alert.areas[0]?.polygons[0]?.length, 7);
    assert.equal(iso(alert.sent), '2014-11-03T06:57:33.000Z');
    assert.equal(iso(alert.expires), '2014-11-03T19:57:28.000Z');
  });
});
