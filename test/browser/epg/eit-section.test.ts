import { expect } from '@esm-bundle/chai';
import {
  decodeEitHeader, decodeEitSection, describeEitSection, eitTableName, isContentDescriptor, isParentalRatingDescriptor,
  isShortEventDescriptor, type EitProblemCode,
} from '../../../sdk/epg/sources/eit/index.js';
import {
  ascii, content, descriptor, duration, event, extendedEvent, hex, parental, section, shortEvent, startTime, UNDEFINED_START,
} from './eit-test-encoder.js';

const pf = section({
  tableId: 0x4e, sid: 0x0101, version: 7, section: 1, lastSection: 1, tsid: 0x0111, onid: 0x20cb,
  events: [{
    id: 0x4b2b, start: startTime('2019-01-19T19:00:00Z'), duration: duration(1, 10, 50), running: 4, freeCa: true,
    descriptors: [
      shortEvent('cze', [0xcf, ...ascii('Zazraky')], ascii('Popis')),
      descriptor(0x50, hex('F1 03 01 63 7A 65')), // component: no decoder, skipped
      content([0x30, 0x00]),
      parental(['CZE', 0x0c]),
      descriptor(0x69, hex('01 02 03')), // PDC: skipped
    ],
  }, {
    id: 0x4b2c, start: UNDEFINED_START, duration: duration(0, 30), running: 1,
  }],
});

describe('EIT section (EN 300 468 §5.2.4)', () => {
  it('reads every header field', () => {
    const r = decodeEitHeader(pf);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.header).to.deep.equal({
      tableId: 0x4e, sectionLength: pf.length - 3, serviceId: 0x0101, version: 7, currentNext: true, sectionNumber: 1,
      lastSectionNumber: 1, transportStreamId: 0x0111, originalNetworkId: 0x20cb, segmentLastSectionNumber: 1, lastTableId: 0x4e,
      size: pf.length,
    });
  });

  it('decodes events: id, start, duration, running status, free_CA_mode, registered descriptors in order', () => {
    const r = decodeEitSection(pf);
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    const [a, b] = r.section.events;
    expect(a?.eventId).to.equal(0x4b2b);
    expect(a?.start).to.equal(Date.UTC(2019, 0, 19, 19, 0, 0));
    expect(a?.duration).to.equal(3600 + 10 * 60 + 50);
    expect(a?.runningStatus).to.equal(4);
    expect(a?.freeCaMode).to.equal(true);
    expect(a?.descriptors.map((d) => d.tag)).to.deep.equal([0x4d, 0x54, 0x55]);
    expect(a?.otherDescriptorTags).to.deep.equal([0x50, 0x69]);
    const short = a?.descriptors[0];
    expect(short && isShortEventDescriptor(short) ? short.eventName : '').to.equal('Žazraky');
    const c = a?.descriptors[1];
    expect(c && isContentDescriptor(c) ? c.entries[0]?.label : '').to.equal('show/game show (general)');
    const p = a?.descriptors[2];
    expect(p && isParentalRatingDescriptor(p) ? p.entries[0]?.minAge : 0).to.equal(15);
    expect(b?.start).to.equal(undefined);
    expect(b?.runningStatus).to.equal(1);
    expect(b?.freeCaMode).to.equal(false);
  });

  it('describes a section the way tstabdump does', () => {
    const r = decodeEitSection(pf);
    if (!r.ok) throw new Error(r.message);
    const text = describeEitSection(r.section);
    for (const line of ['* EIT p/f Actual, TID 0x4E (78)', '  Section: 1 (last: 1), version: 7, size: ' + String(pf.length) + ' bytes',
      '  Service Id: 0x0101 (257)', '  - Event Id: 0x4B2B (19243)', '    Start UTC: 2019/01/19 19:00:00', '    Duration: 01:10:50',
      '    Running status: running', '    CA mode: controlled', '    - Descriptor 0: Short Event (0x4D)', '      Event name: "Žazraky"',
      '    - Descriptor 2: Parental Rating (0x55)', '      Country code: CZE, rating: 0x0C (min. 15 years)', '    Start UTC: undefined']) {
      expect(text.split('\n'), line).to.include(line);
    }
  });

  it('names the four table kinds', () => {
    expect([0x4e, 0x4f, 0x50, 0x5f, 0x60, 0x6f, 0x42].map(eitTableName)).to.deep.equal([
      'EIT p/f Actual', 'EIT p/f Other', 'EIT schedule Actual', 'EIT schedule Actual', 'EIT schedule Other', 'EIT schedule Other',
      'not an EIT (0x42)']);
  });

  it('refuses a bad CRC, a non-EIT table, a bad syntax bit or length', () => {
    const bad = pf.slice();
    bad[20] = (bad[20] ?? 0) ^ 0x01;
    expect(decodeEitSection(bad)).to.deep.include({ ok: false, code: 'eit-crc' });
    const sdt = pf.slice();
    sdt[0] = 0x42;
    expect(decodeEitSection(sdt)).to.deep.include({ ok: false, code: 'eit-not-eit' });
    const syntax = pf.slice();
    syntax[1] = (syntax[1] ?? 0) & 0x7f;
    expect(decodeEitSection(syntax)).to.deep.include({ ok: false, code: 'eit-syntax' });
    expect(decodeEitSection(Uint8Array.from([0x4e, 0xf0, 0x05, 0, 0, 0, 0, 0]))).to.deep.include({ ok: false, code: 'eit-length' });
  });

  it('never throws on a section cut at any length, or on any single corrupted byte', () => {
    for (let n = 0; n < pf.length; n++) {
      const r = decodeEitSection(pf.subarray(0, n));
      expect(r.ok, `cut at ${n}`).to.equal(false);
    }
    for (let i = 0; i < pf.length; i++) {
      for (const v of [0x00, 0xff, 0x80]) {
        const copy = pf.slice();
        copy[i] = v;
        expect(() => decodeEitSection(copy), `byte ${i} = ${v}`).to.not.throw();
      }
    }
  });

  it('inside a good section, an overrunning event or descriptor is dropped and reported, the rest kept', () => {
    const problems: EitProblemCode[] = [];
    const onProblem = (code: EitProblemCode): void => void problems.push(code);
    const good = event({ id: 1, start: startTime('2024-01-01T00:00:00Z'), duration: duration(0, 30), descriptors: [shortEvent('eng', ascii('Ok'))] });
    // A descriptor whose length runs past its loop (loop length 4, descriptor claims 9 bytes).
    const badDescriptor = [0, 2, ...startTime('2024-01-01T00:30:00Z'), ...duration(0, 30), 0x00, 0x04, 0x4d, 0x09, 0x65, 0x6e];
    const badTime = [0, 3, 0xc0, 0x79, 0x1a, 0x45, 0x00, ...duration(0, 30), 0x00, 0x00];
    const truncated = [0, 4, ...startTime('2024-01-01T01:00:00Z'), ...duration(0, 30), 0x00, 0x40];
    const r = decodeEitSection(section({ loop: [...good, ...badDescriptor, ...badTime, ...truncated] }), {}, onProblem);
    if (!r.ok) throw new Error(r.message);
    expect(r.section.events.map((e) => e.eventId)).to.deep.equal([1, 2]);
    expect(r.section.events[1]?.descriptors).to.deep.equal([]);
    expect(problems).to.deep.equal(['eit-descriptor-malformed', 'eit-event-time', 'eit-event-truncated']);
    // A malformed known descriptor (short event with a name length past its payload).
    const problems2: EitProblemCode[] = [];
    const r2 = decodeEitSection(section({ events: [{ id: 9, start: startTime('2024-01-01T00:00:00Z'), duration: duration(1, 0),
      descriptors: [descriptor(0x4d, [...ascii('eng'), 40, ...ascii('short')]), extendedEvent(0, 0, 'eng', ascii('kept'))] }] }), {},
    (code) => void problems2.push(code));
    if (!r2.ok) throw new Error(r2.message);
    expect(r2.section.events[0]?.descriptors.map((d) => d.tag)).to.deep.equal([0x4e]);
    expect(problems2).to.deep.equal(['eit-descriptor-malformed']);
  });

  it('takes the text context per section header (per-service default charset)', () => {
    const raw = section({ sid: 0x66, events: [{ id: 1, start: startTime('2025-01-26T00:00:00Z'), duration: duration(1, 0),
      descriptors: [shortEvent('chi', hex('C9 CF BA A3'))] }] });
    const r = decodeEitSection(raw, (h) => (h.serviceId === 0x66 ? { defaultCharset: 'gb2312' } : {}));
    if (!r.ok) throw new Error(r.message);
    const d = r.section.events[0]?.descriptors[0];
    expect(d && isShortEventDescriptor(d) ? d.eventName : '').to.equal('上海');
  });
});
