import { expect } from '@esm-bundle/chai';
import { detectAlertFormat, parseAlert, type Alert } from '../../../sdk/alerts/index.js';
import {
  DEFAULT_GPS_UTC_OFFSET_SECONDS, gpsToUtcMs, parseScte18, probeScte18, scte18Format, scte18Priority,
} from '../../../sdk/alerts/formats/scte18/scte18-format.js';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { ceaSection, mssText, tsPackets } from './scte18-test-encoder.js';

// Synthetic messages: no real SCTE 18 captures are available to the project.
const NOW = Date.UTC(2025, 6, 1, 12, 0, 0);
/** GPS seconds for a UTC instant, computed here from the definition (GPS = UTC + 18 s since 2017). */
const gps = (utcMs: number): number => (utcMs - Date.UTC(1980, 0, 6)) / 1000 + 18;
const START = Date.UTC(2025, 6, 1, 12, 30, 0);

const tornado = ceaSection({
  sequence: 5, eventId: 4660, originator: 'WXR', eventCode: 'TOR',
  nature: mssText(['eng', 'Tornado Warning'], ['spa', 'Aviso de tornado']),
  timeRemaining: 60, startTime: gps(START), duration: 30, priority: 15,
  detailsOob: 257, major: 0, minor: 0, audioOob: 514,
  alertText: mssText(['eng', 'A tornado has been sighted. Take shelter.'], ['spa', 'Se ha visto un tornado.']),
  locations: [[8, 0, 31], [8, 2, 0]],
  exceptions: [{ major: 12, minor: 1 }, { sourceId: 300 }],
  descriptors: [0x02, 0x01, 0x00],
});

describe('format scte18', () => {
  it('maps a section to the normalized alert', () => {
    const { alert, warnings } = parseScte18(tornado, { now: NOW });
    expect(warnings).to.deep.equal([]);
    const expected: Alert = {
      key: 'scte18:4660',
      format: 'scte18',
      identifier: '4660',
      sender: 'WXR',
      sent: NOW,
      status: 'actual',
      msgType: 'alert',
      scope: 'public',
      references: [],
      referenceKeys: [],
      level: 1,
      levelSource: 'scte18-priority',
      event: 'TOR',
      eventCode: 'TOR',
      texts: {
        eng: { headline: 'Tornado Warning', event: 'Tornado Warning', description: 'A tornado has been sighted. Take shelter.' },
        spa: { headline: 'Aviso de tornado', event: 'Aviso de tornado', description: 'Se ha visto un tornado.' },
      },
      areas: [{
        regionCodes: [], polygons: [], circles: [],
        geocodes: [{ name: 'SCTE18', value: '8.0.31' }, { name: 'SCTE18', value: '8.2.0' }],
      }],
      effective: START,
      expires: START + 30 * 60_000,
      detailsChannel: { sourceId: 257 },
      audio: { sourceId: 514 },
      exceptions: [{ major: 12, minor: 1 }, { sourceId: 300 }],
      resources: [],
      parameters: [{ name: 'alert_priority', value: '15 (Maximum)' }, { name: 'EAS_originator_code', value: 'WXR' }],
      displaySeconds: 60,
      sequence: 5,
    };
    expect(alert).to.deep.equal(expected);
  });

  it('maps alert_priority: 0 is a test, 15/11/7/3 are levels 1–4, reserved values count as the next-highest defined', () => {
    const table = Array.from({ length: 16 }, (_, p) => scte18Priority(p));
    expect(table.map((t) => t.level)).to.deep.equal([4, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1]);
    expect(table.map((t) => t.status)).to.deep.equal(['test', ...new Array<string>(15).fill('actual')]);
    const test = parseScte18(ceaSection({ eventId: 9, priority: 0 }), { now: NOW }).alert;
    expect([test.status, test.level, test.parameters[0]?.value]).to.deep.equal(['test', 4, '0 (Test)']);
    const reserved = parseScte18(ceaSection({ eventId: 9, priority: 9 }), { now: NOW }).alert;
    expect([reserved.status, reserved.level, reserved.parameters[0]?.value]).to.deep.equal(['actual', 2, '9']);
  });

  it('reads GPS time with the documented leap offset; 0 = immediate; duration 0 = no expiry; time remaining 0 = until updated', () => {
    expect(DEFAULT_GPS_UTC_OFFSET_SECONDS).to.equal(18);
    expect(gpsToUtcMs(0, 0)).to.equal(Date.UTC(1980, 0, 6));
    expect(gpsToUtcMs(gps(START))).to.equal(START);
    expect(gpsToUtcMs(gps(START), 17)).to.equal(START + 1000);
    const immediate = parseScte18(ceaSection({ eventId: 3, startTime: 0, duration: 0, timeRemaining: 0 }), { now: NOW }).alert;
    expect(immediate.effective).to.equal(NOW);
    expect(immediate.sent).to.equal(NOW);
    expect('expires' in immediate).to.equal(false);
    expect(immediate.displaySeconds).to.equal(0);
    const withStt = parseScte18(ceaSection({ eventId: 3, startTime: gps(START), duration: 15 }), { now: NOW, gpsUtcOffsetSeconds: 18 }).alert;
    expect(withStt.expires).to.equal(START + 15 * 60_000);
  });

  it('puts in-band details as major/minor and leaves out what is zero', () => {
    const inBand = parseScte18(ceaSection({ eventId: 3, major: 7, minor: 2 }), { now: NOW }).alert;
    expect(inBand.detailsChannel).to.deep.equal({ major: 7, minor: 2 });
    expect(inBand.audio).to.equal(undefined);
    const none = parseScte18(ceaSection({ eventId: 3, locations: [] }), { now: NOW }).alert;
    expect(none.detailsChannel).to.equal(undefined);
    expect(none.areas).to.deep.equal([]);
    expect(none.texts).to.deep.equal({});
    expect(none.parameters.filter((p) => p.name === 'yiwang:warning').map((p) => p.value)).to.deep.equal(['location_code_count 0 is outside 1–31']);
  });

  it('takes the first valid section on PID 0x1FFB from a transport stream', () => {
    const bad = ceaSection({ eventId: 1, badCrc: true });
    const ts = new Uint8Array([...tsPackets([new Uint8Array([0x00, 0xb0, 0x0d, 0, 1, 0xc1, 0, 0, 0, 1, 0xe0, 0x10, 0, 0, 0, 0])], 0x0000), ...tsPackets([bad, tornado])]);
    expect(probeScte18(ts)).to.equal(true);
    const { alert } = parseScte18(ts, { now: NOW });
    expect(alert.key).to.equal('scte18:4660');
    const onlyBad = tsPackets([bad]);
    expect(() => parseScte18(onlyBad)).to.throw(YiwangError, /CRC_32/);
    expect(() => parseScte18(tsPackets([tornado], 0x0100))).to.throw(YiwangError, /no cable_emergency_alert section on PID 0x1FFB in 2 packets/);
  });

  it('probes sections and streams only, and is found by the registry', () => {
    expect(probeScte18(tornado)).to.equal(true);
    expect(probeScte18('<EBD/>')).to.equal(false);
    expect(probeScte18(new Uint8Array([0x3c, 0x3f]))).to.equal(false);
    expect(probeScte18(new Uint8Array(0))).to.equal(false);
    expect(probeScte18(tsPackets([tornado], 0x0100))).to.equal(false);
    expect(detectAlertFormat(tornado)).to.equal(scte18Format);
    expect(parseAlert(tornado).key).to.equal('scte18:4660');
    expect(parseAlert(tornado, 'scte18').sequence).to.equal(5);
  });

  it('rejects text input, empty input and a bad CRC as AlertRejected', () => {
    for (const input of ['<alert/>', new Uint8Array(0), ceaSection({ eventId: 1, badCrc: true })]) {
      try {
        scte18Format.parse(input);
        expect.fail('should reject');
      } catch (error) {
        expect(error).to.be.instanceOf(YiwangError);
        expect((error as YiwangError).code).to.equal(ErrorCode.AlertRejected);
        expect((error as YiwangError).data.format).to.equal('scte18');
      }
    }
  });
});
