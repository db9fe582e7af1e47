import { expect } from '@esm-bundle/chai';
import { createEpgReport, detectEpgSource, findEpgSource, type EpgBatch, type EpgParseReport, type Programme } from '../../../sdk/epg/index.js';
import { eitSectionsSource, probeEitSections, type EitParseOptions, type EitStats } from '../../../sdk/epg/sources/eit/index.js';
import {
  ascii, concat, content, duration, hex, parental, reseal, section, shortEvent, startTime, type EventSpec,
} from './eit-test-encoder.js';

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

interface Result {
  readonly report: EpgParseReport;
  readonly stats: EitStats;
  readonly batches: EpgBatch[];
  readonly programmes: Programme[];
}

async function parse(bytes: Uint8Array, options: EitParseOptions = {}, size = 1 << 16): Promise<Result> {
  const report = createEpgReport();
  let stats: EitStats | undefined;
  const batches: EpgBatch[] = [];
  for await (const b of eitSectionsSource.parse(chunks(bytes, size), report, { ...options, onStats: (s) => (stats = s) })) batches.push(b);
  if (!stats) throw new Error('no stats');
  return { report, stats, batches, programmes: batches.flatMap((b) => b.programmes) };
}

const ev = (id: number, iso: string, title: string, extra: Partial<EventSpec> = {}): EventSpec => ({
  id, start: startTime(iso), duration: duration(0, 30), descriptors: [shortEvent('eng', ascii(title))], ...extra,
});

describe('EPG source "eit" (raw sections)', () => {
  it('registers as format eit and is detected from its first bytes', () => {
    expect(findEpgSource('eit')).to.equal(eitSectionsSource);
    const s = section({ events: [ev(1, '2024-05-01T10:00:00Z', 'A')] });
    expect(detectEpgSource(s).format).to.equal('eit');
    expect(probeEitSections(s)).to.equal(true);
    expect(probeEitSections(s.subarray(0, 3))).to.equal(true); // plausible header, rest not yet read
    expect(probeEitSections(Uint8Array.from([0x42, 0xf0, 0x20]))).to.equal(false); // SDT
    expect(probeEitSections(Uint8Array.from([0x4e, 0xff, 0xff]))).to.equal(false); // length 4095
    expect(probeEitSections(Uint8Array.from(ascii('<?xml')))).to.equal(false);
    const bad = s.slice();
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 1;
    expect(probeEitSections(bad)).to.equal(false);
  });

  it('emits one channel per service and normalized programmes', async () => {
    const bytes = concat(
      section({ tableId: 0x50, sid: 10, tsid: 20, onid: 30, events: [
        ev(7, '2024-05-01T10:00:00Z', 'News', { running: 0, freeCa: true, descriptors: [shortEvent('eng', ascii('News'), ascii('Headlines')),
          content([0x20, 0], [0x21, 0]), parental(['GBR', 0x09])] }),
        ev(8, '2024-05-01T10:30:00Z', 'Film'),
      ] }),
      section({ tableId: 0x4e, sid: 11, tsid: 20, onid: 30, events: [] }),
    );
    const { programmes, batches, report } = await parse(bytes);
    expect(batches[0]?.channels).to.deep.equal([{ id: '30.20.10', names: {} }, { id: '30.20.11', names: {} }]);
    expect(report.channels).to.equal(2);
    expect(report.programmes).to.equal(2);
    expect(programmes[0]).to.deep.equal({
      id: '30.20.10#7', eventId: 7, channelId: '30.20.10', start: Date.UTC(2024, 4, 1, 10), end: Date.UTC(2024, 4, 1, 10, 30),
      titles: { eng: 'News' }, descriptions: { eng: 'Headlines' }, genres: ['news'],
      genreLabels: ['news/current affairs (general)', 'news/weather report'], flags: { scrambled: true }, runningStatus: 0,
      rating: { system: 'GBR', value: '9', minAge: 12 },
    });
    expect(programmes[1]?.flags.scrambled).to.equal(false);
  });

  it('a new version_number replaces the sub-table; the same version repeated adds nothing', async () => {
    const v1 = section({ tableId: 0x50, version: 1, events: [ev(1, '2024-05-01T10:00:00Z', 'Old A'), ev(2, '2024-05-01T10:30:00Z', 'Old B')] });
    const v2 = section({ tableId: 0x50, version: 2, events: [ev(1, '2024-05-01T10:00:00Z', 'New A'), ev(3, '2024-05-01T11:00:00Z', 'New C')] });
    const { programmes, stats, report } = await parse(concat(v1, v1, v2, v2, v2));
    expect(programmes.map((p) => `${p.eventId}:${p.titles.eng ?? ''}`)).to.deep.equal(['1:New A', '3:New C']);
    expect(stats.versionChanges).to.equal(1);
    expect(stats.repeatedSections).to.equal(3);
    expect(report.skipped).to.equal(0);
  });

  it('keeps sections of one version by section_number, across table ids and services', async () => {
    const s0 = section({ tableId: 0x50, section: 0, lastSection: 8, events: [ev(1, '2024-05-01T00:00:00Z', 'A')] });
    const s8 = section({ tableId: 0x50, section: 8, lastSection: 8, events: [ev(2, '2024-05-01T03:00:00Z', 'B')] });
    const t51 = section({ tableId: 0x51, section: 0, events: [ev(3, '2024-05-05T00:00:00Z', 'C')] });
    const other = section({ tableId: 0x60, sid: 99, events: [ev(1, '2024-05-01T00:00:00Z', 'X')] });
    const { programmes, stats } = await parse(concat(s8, s0, t51, other, s0));
    expect(programmes.map((p) => p.id)).to.deep.equal(['3.2.1#1', '3.2.1#2', '3.2.1#3', '3.2.99#1']);
    expect(stats.subTables).to.equal(3);
    expect(stats.repeatedSections).to.equal(1);
  });

  it('dedupes an event in p/f and schedule: the schedule copy wins, with the p/f running_status', async () => {
    const pfBytes = section({ tableId: 0x4e, events: [ev(5, '2024-05-01T10:00:00Z', 'From p/f', { running: 4 })] });
    const sched = section({ tableId: 0x50, events: [ev(5, '2024-05-01T10:00:00Z', 'From schedule', { running: 0 })] });
    for (const order of [[pfBytes, sched], [sched, pfBytes]]) {
      const { programmes, stats, report } = await parse(concat(...order));
      expect(programmes).to.have.length(1);
      expect(programmes[0]?.titles.eng).to.equal('From schedule');
      expect(programmes[0]?.runningStatus).to.equal(4);
      expect(stats.duplicateEvents).to.equal(1);
      expect(report.skipped).to.equal(0);
    }
    // Between two p/f tables (actual and other), the later one wins.
    const a = section({ tableId: 0x4e, events: [ev(5, '2024-05-01T10:00:00Z', 'first')] });
    const b = section({ tableId: 0x4f, events: [ev(5, '2024-05-01T10:05:00Z', 'second')] });
    expect((await parse(concat(a, b))).programmes[0]?.titles.eng).to.equal('second');
    expect((await parse(concat(b, a))).programmes[0]?.titles.eng).to.equal('first');
  });

  it('ignores next (current_next_indicator = 0) sections and other tables', async () => {
    const next = section({ version: 3, currentNext: false, events: [ev(1, '2024-05-01T10:00:00Z', 'Next')] });
    const sdt = section({ events: [] });
    sdt[0] = 0x42; // an SDT: a good section of another table
    const { programmes, stats, report } = await parse(concat(next, reseal(sdt), section({ events: [ev(2, '2024-05-01T10:00:00Z', 'Now')] })));
    expect(programmes.map((p) => p.eventId)).to.deep.equal([2]);
    expect(stats.notCurrent).to.equal(1);
    expect(stats.otherTables).to.equal(1);
    expect(report.skipped).to.equal(0);
  });

  it('drops bad-CRC sections (skipped + warning) and keeps the rest', async () => {
    const good1 = section({ sid: 1, events: [ev(1, '2024-05-01T10:00:00Z', 'A')] });
    const bad = section({ sid: 2, events: [ev(2, '2024-05-01T10:00:00Z', 'B')] });
    bad[20] = (bad[20] ?? 0) ^ 0x40;
    const good2 = section({ sid: 3, events: [ev(3, '2024-05-01T10:00:00Z', 'C')] });
    const { programmes, report, stats } = await parse(concat(good1, bad, good2));
    expect(programmes.map((p) => p.channelId)).to.deep.equal(['3.2.1', '3.2.3']);
    expect(stats.badCrc).to.equal(1);
    expect(report.skipped).to.equal(1);
    expect(report.warnings[0]).to.deep.include({ code: 'eit-crc', where: `byte ${good1.length}` });
  });

  it('skips garbage and stuffing between sections, one warning per run', async () => {
    const a = section({ sid: 1, events: [ev(1, '2024-05-01T10:00:00Z', 'A')] });
    const b = section({ sid: 2, events: [ev(2, '2024-05-01T10:00:00Z', 'B')] });
    const garbage = Uint8Array.from(hex('4E 80 10 12 34 56 00 01 02 03 50 F0 20 99'));
    const stuffing = new Uint8Array(7).fill(0xff);
    const { programmes, report } = await parse(concat(garbage, a, stuffing, garbage, garbage, b, garbage), {}, 5);
    expect(programmes.map((p) => p.eventId)).to.deep.equal([1, 2]);
    expect(report.skipped).to.equal(3);
    // The trailing run starts like an EIT header (4E 80 10: section_length 16) and ends early: a truncated section.
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['eit-garbage', 'eit-garbage', 'eit-truncated']);
    expect(report.warnings[1]?.message).to.match(/^28 bytes/);
    // A bad section too: whatever the chunking, the same result and the same report.
    const bad = section({ sid: 4, events: [ev(4, '2024-05-01T10:00:00Z', 'D')] });
    bad[16] = (bad[16] ?? 0) ^ 0x10;
    const input = concat(garbage, a, stuffing, bad, garbage, b, bad);
    const reference = await parse(input, {}, 1 << 16);
    expect(reference.report.warnings.map((w) => w.code)).to.deep.equal(['eit-garbage', 'eit-crc', 'eit-garbage', 'eit-crc']);
    for (let size = 1; size <= 40; size++) {
      const r = await parse(input, {}, size);
      expect(r.programmes, `chunks of ${size}`).to.deep.equal(reference.programmes);
      expect(r.report, `chunks of ${size}`).to.deep.equal(reference.report);
    }
  });

  it('filters channels at ingest and batches programmes (channels in the first batch)', async () => {
    const events = Array.from({ length: 12 }, (_, i) => ev(i + 1, `2024-05-01T${String(i).padStart(2, '0')}:00:00Z`, `P${i}`));
    const bytes = concat(section({ sid: 1, tableId: 0x50, events }), section({ sid: 2, tableId: 0x50, events }));
    const { batches, report } = await parse(bytes, { channels: new Set(['3.2.2']), batchSize: 5 });
    expect(batches.map((b) => [b.channels.length, b.programmes.length])).to.deep.equal([[1, 5], [0, 5], [0, 2]]);
    expect(batches.flatMap((b) => b.programmes).every((p) => p.channelId === '3.2.2')).to.equal(true);
    expect(report.channels).to.equal(1);
    expect(report.programmes).to.equal(12);
  });

  it('an event with an undefined start (NVOD) is skipped and counted', async () => {
    const { programmes, report, stats } = await parse(section({ events: [
      { id: 1, start: [0xff, 0xff, 0xff, 0xff, 0xff], duration: duration(1, 0) }, ev(2, '2024-05-01T10:00:00Z', 'Ok')] }));
    expect(programmes.map((p) => p.eventId)).to.deep.equal([2]);
    expect(stats.undefinedStart).to.equal(1);
    expect(report.skipped).to.equal(1);
    expect(report.warnings[0]?.code).to.equal('eit-no-start');
  });

  it('per-service default charset for raw GB bytes; an unknown string label is refused at once', async () => {
    const raw = (sid: number): Uint8Array => section({ sid, events: [{ id: 1, start: startTime('2025-01-26T00:00:00Z'), duration: duration(1, 0),
      descriptors: [shortEvent('chi', hex('C9 CF BA A3 B5 E7 CA D3'))] }] });
    const bytes = concat(raw(1), raw(2));
    const { programmes } = await parse(bytes, { defaultCharset: ({ sid }) => (sid === 2 ? 'gb2312' : undefined) });
    expect(programmes.find((p) => p.channelId === '3.2.2')?.titles.chi).to.equal('上海电视');
    expect(programmes.find((p) => p.channelId === '3.2.1')?.titles.chi).to.not.match(/[\u4e00-\u9fff]/);
    let error: unknown;
    try {
      await parse(bytes, { defaultCharset: 'klingon' });
    } catch (e) {
      error = e;
    }
    expect(error).to.have.property('code', 4001);
    const warned = await parse(bytes, { defaultCharset: () => 'klingon' });
    expect(warned.report.warnings.map((w) => w.code)).to.include('dvb-text-charset');
    expect(warned.programmes).to.have.length(2);
  });

  it('never throws on input cut at any offset, or chunked at any size', async () => {
    const first = section({ sid: 1, tableId: 0x50, events: [ev(1, '2024-05-01T10:00:00Z', 'A'), ev(2, '2024-05-01T10:30:00Z', 'B')] });
    const bytes = concat(first, section({ sid: 2, tableId: 0x4e, events: [ev(3, '2024-05-01T10:00:00Z', 'C')] }));
    const full = await parse(bytes);
    for (let n = 0; n <= bytes.length; n++) {
      const r = await parse(bytes.subarray(0, n), {}, 7);
      const boundary = n === 0 || n === first.length || n === bytes.length;
      expect(r.programmes.length, `cut at ${n}`).to.equal(n < first.length ? 0 : n < bytes.length ? 2 : 3);
      expect(r.report.skipped, `cut at ${n}`).to.equal(boundary ? 0 : 1);
    }
    for (const size of [1, 2, 3, 13, 64]) {
      expect((await parse(bytes, {}, size)).programmes, `chunks of ${size}`).to.deep.equal(full.programmes);
    }
  });
});
