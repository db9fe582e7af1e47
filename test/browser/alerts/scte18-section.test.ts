import { expect } from '@esm-bundle/chai';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import {
  decodeCableEmergencyAlert, describeCableEmergencyAlert,
} from '../../../sdk/alerts/formats/scte18/cable-emergency-alert.js';
import { ceaSection, mss, mssText } from './scte18-test-encoder.js';
import { thrown } from '../support/rejections.js';

// Synthetic messages: no real SCTE 18 captures are available to the project.
const full = ceaSection({
  sequence: 21, eventId: 0x1234, originator: 'WXR', eventCode: 'TOR',
  nature: mssText(['eng', 'Tornado Warning'], ['spa', 'Aviso de tornado']),
  timeRemaining: 90, startTime: 1_400_000_000, duration: 45, priority: 11,
  detailsOob: 0x0101, major: 512, minor: 3, audioOob: 0x0202,
  alertText: mssText(['eng', 'Take shelter now.']),
  locations: [[8, 0, 31], [8, 3, 1023], [0, 0, 0]],
  exceptions: [{ major: 2, minor: 1 }, { sourceId: 0x0abc }],
  descriptors: [0x00, 0x03, 1, 2, 3, 0x02, 0x00],
});

describe('SCTE 18 cable_emergency_alert() section', () => {
  it('decodes every field', () => {
    const { section, warnings } = decodeCableEmergencyAlert(full);
    expect(warnings).to.deep.equal([]);
    expect(section).to.deep.include({
      tableIdExtension: 0, sequenceNumber: 21, currentNext: true, protocolVersion: 0, eventId: 0x1234, originatorCode: 'WXR',
      eventCode: 'TOR', timeRemaining: 90, eventStartTime: 1_400_000_000, eventDuration: 45, alertPriority: 11,
      detailsOobSourceId: 0x0101, detailsMajor: 512, detailsMinor: 3, audioOobSourceId: 0x0202, size: full.length,
    });
    expect(section.natureOfActivation.map((s) => [s.language, s.text])).to.deep.equal([['eng', 'Tornado Warning'], ['spa', 'Aviso de tornado']]);
    expect(section.alertText.map((s) => s.text)).to.deep.equal(['Take shelter now.']);
    expect(section.locations).to.deep.equal([{ state: 8, subdivision: 0, county: 31 }, { state: 8, subdivision: 3, county: 1023 }, { state: 0, subdivision: 0, county: 0 }]);
    expect(section.exceptions).to.deep.equal([{ inBand: true, major: 2, minor: 1 }, { inBand: false, sourceId: 0x0abc }]);
    expect(section.descriptors).to.deep.equal([{ tag: 0x00, length: 3 }, { tag: 0x02, length: 0 }]);
  });

  it('describes the section', () => {
    const lines = describeCableEmergencyAlert(decodeCableEmergencyAlert(full).section);
    expect(lines[0]).to.match(/^cable_emergency_alert \(0xD8\), \d+ bytes, sequence_number 21/);
    expect(lines.join('\n')).to.match(/originator WXR \(National Weather Service\), event TOR/);
    expect(lines.join('\n')).to.match(/locations: 8\.0\.31, 8\.3\.1023, 0\.0\.0/);
    expect(lines.join('\n')).to.match(/exceptions: 2\.1, OOB 2748/);
  });

  it('rejects a bad CRC_32, another table_id, a short input and an over-long section_length', () => {
    const crc = thrown(() => decodeCableEmergencyAlert(ceaSection({ eventId: 1, badCrc: true })));
    expect(crc.code).to.equal(ErrorCode.AlertRejected);
    expect(crc.data).to.deep.include({ format: 'scte18', reason: 'crc', where: 'CRC_32' });
    expect(crc.message).to.match(/scte18: CRC_32 0x[0-9A-F]{8} does not match/);

    const other = thrown(() => decodeCableEmergencyAlert(ceaSection({ eventId: 1, tableId: 0xd9 })));
    expect(other.data).to.deep.include({ reason: 'not-scte18', where: 'table_id' });

    const good = ceaSection({ eventId: 1 });
    for (let cut = 0; cut < good.length; cut++) {
      const error = thrown(() => decodeCableEmergencyAlert(good.subarray(0, cut)));
      expect(error.code, `cut at ${cut}`).to.equal(ErrorCode.AlertRejected);
    }
    const long = thrown(() => decodeCableEmergencyAlert(new Uint8Array([0xd8, 0xbf, 0xfe, ...new Array<number>(4094).fill(0)])));
    expect(long.data).to.deep.include({ reason: 'length' });
  });

  it('rejects a field running past the section (naming it and its offset) even with a valid CRC', () => {
    const error = thrown(() => decodeCableEmergencyAlert(ceaSection({ eventId: 1, alertTextLength: 400 })));
    expect(error.data).to.deep.include({ reason: 'truncated', where: 'alert_text' });
    expect(error.message).to.match(/alert_text at offset \d+ runs past the end of the section/);
  });

  it('rejects an unknown protocol_version', () => {
    const error = thrown(() => decodeCableEmergencyAlert(ceaSection({ eventId: 1, protocolVersion: 1 })));
    expect(error.data).to.deep.include({ reason: 'protocol-version', where: 'protocol_version', offset: 8 });
  });

  it('warns about values outside SCTE 18 ranges, text it cannot decode and bytes it skipped', () => {
    const { section, warnings } = decodeCableEmergencyAlert(new Uint8Array([...ceaSection({
      eventId: 7, originator: 'XYZ', timeRemaining: 200, duration: 10, locations: [],
      alertText: mss({ lang: 'eng', segments: [{ compression: 1, mode: 0xff, bytes: [1] }] }),
      descriptors: [0x05, 0x09, 1], padding: [0xaa, 0xbb],
    }), 0x00]));
    expect(section.eventId).to.equal(7);
    expect(section.descriptors).to.deep.equal([]);
    const text = warnings.join('\n');
    for (const pattern of [
      /EAS_originator_code "XYZ"/, /alert_message_time_remaining 200 is over 120 s/, /event_duration 10 min is outside 15–6000/,
      /location_code_count 0 is outside 1–31/, /alert_text: .*compression_type 0x01/, /descriptor 0x05 .* runs past descriptors_length/,
      /2 bytes between the descriptors and CRC_32 ignored/, /1 bytes after the section ignored/,
    ]) expect(text).to.match(pattern);
  });

  it('reads the in-band/OOB exception layout by its flag only', () => {
    const bytes = ceaSection({ eventId: 2, exceptions: [{ sourceId: 0xffff }, { major: 1023, minor: 1023 }] });
    expect(decodeCableEmergencyAlert(bytes).section.exceptions).to.deep.equal([
      { inBand: false, sourceId: 0xffff }, { inBand: true, major: 1023, minor: 1023 },
    ]);
  });
});
