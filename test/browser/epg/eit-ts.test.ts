import { expect } from '@esm-bundle/chai';
import { createEpgReport, detectEpgSource, findEpgSource, type EpgBatch, type EpgParseReport, type Programme } from '../../../sdk/epg/index.js';
import {
  eitSectionsSource, probeTransportStream, transportStreamSource, TsSectionDemux, type EitParseOptions, type EitStats, type TsDemuxIssue,
} from '../../../sdk/epg/sources/eit/index.js';
import {
  ascii, concat, duration, extendedEvent, nullPacket, packetize, section, shortEvent, startTime, utf8, type EventSpec,
} from './eit-test-encoder.js';

interface Result {
  readonly report: EpgParseReport;
  readonly stats: EitStats;
  readonly programmes: Programme[];
  readonly batches: EpgBatch[];
}

async function* pieces(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) {
    await Promise.resolve();
    yield p;
  }
}

async function parseParts(parts: readonly Uint8Array[], options: EitParseOptions = {}, source = transportStreamSource): Promise<Result> {
  const report = createEpgReport();
  let stats: EitStats | undefined;
  const batches: EpgBatch[] = [];
  for await (const b of source.parse(pieces(parts), report, { ...options, onStats: (s) => (stats = s) })) batches.push(b);
  if (!stats) throw new Error('no stats');
  return { report, stats, batches, programmes: batches.flatMap((b) => b.programmes) };
}

const parseTs = (bytes: Uint8Array, options: EitParseOptions = {}): Promise<Result> => parseParts([bytes], options);

const longText = (n: number): number[] => ascii('x'.repeat(n));
const ev = (id: number, iso: string, title: string, extra: Partial<EventSpec> = {}): EventSpec => ({
  id, start: startTime(iso), duration: duration(0, 30), descriptors: [shortEvent('eng', ascii(title))], ...extra,
});

/** Four sections: two small (share packets), one spanning several packets, one Chinese. */
const SECTIONS = [
  section({ tableId: 0x4e, sid: 1, section: 0, lastSection: 1, events: [ev(1, '2024-05-01T10:00:00Z', 'Now', { running: 4 })] }),
  section({ tableId: 0x4e, sid: 1, section: 1, lastSection: 1, events: [ev(2, '2024-05-01T10:30:00Z', 'Next', { running: 1 })] }),
  section({ tableId: 0x50, sid: 1, events: [ev(3, '2024-05-01T11:00:00Z', 'Long', {
    descriptors: [shortEvent('eng', ascii('Long')), extendedEvent(0, 1, 'eng', longText(240)), extendedEvent(1, 1, 'eng', longText(240))],
  })] }),
  section({ tableId: 0x50, sid: 2, events: [ev(4, '2024-05-01T11:00:00Z', '', { descriptors: [shortEvent('zho', [0x15, ...utf8('天气预报')])] })] }),
];

describe('EPG source "ts" (EIT in an MPEG transport stream)', () => {
  it('registers as format ts and is probed by sync bytes at 0, 188 and 376', () => {
    const ts = packetize(SECTIONS);
    expect(findEpgSource('ts')).to.equal(transportStreamSource);
    expect(detectEpgSource(ts).format).to.equal('ts');
    expect(probeTransportStream(ts)).to.equal(true);
    expect(probeTransportStream(ts.subarray(0, 189))).to.equal(true);
    expect(probeTransportStream(ts.subarray(0, 188))).to.equal(false);
    const broken = ts.slice();
    broken[376] = 0;
    expect(probeTransportStream(broken)).to.equal(false);
    expect(probeTransportStream(Uint8Array.from(ascii(`G${'x'.repeat(399)}`)))).to.equal(false); // a text file starting with 'G'
  });

  it('gives the same programmes as the same sections read raw', async () => {
    const ts = packetize(SECTIONS);
    expect(ts.length % 188).to.equal(0);
    const fromTs = await parseTs(ts);
    const raw = await parseParts([concat(...SECTIONS)], {}, eitSectionsSource);
    expect(fromTs.programmes).to.deep.equal(raw.programmes);
    expect(fromTs.programmes.map((p) => p.id)).to.deep.equal(['3.2.1#1', '3.2.1#2', '3.2.1#3', '3.2.2#4']);
    expect(fromTs.programmes[2]?.descriptions.eng).to.equal('x'.repeat(480));
    expect(fromTs.programmes[3]?.titles.zho).to.equal('天气预报');
    expect(fromTs.report.skipped).to.equal(0);
    expect(fromTs.stats.ts?.sections).to.equal(4);
  });

  it('chunks split anywhere: every split point, and 1-byte chunks, give identical output', async () => {
    const ts = concat(nullPacket(), packetize(SECTIONS), nullPacket());
    const expected = (await parseTs(ts)).programmes;
    expect(expected).to.have.length(4);
    for (let k = 0; k <= ts.length; k++) {
      const r = await parseParts([ts.subarray(0, k), ts.subarray(k)]);
      expect(r.programmes, `split at ${k}`).to.deep.equal(expected);
      expect(r.report.skipped, `split at ${k}`).to.equal(0);
    }
    const bytes = Array.from({ length: ts.length }, (_, i) => ts.subarray(i, i + 1));
    expect((await parseParts(bytes)).programmes).to.deep.equal(expected);
  });

  it('one section per packet, adaptation fields, other PIDs interleaved', async () => {
    const ts = packetize(SECTIONS, { onePerPacket: true, adaptationEvery: 2, adaptationBytes: 9 });
    const withOthers: Uint8Array[] = [];
    for (let i = 0; i < ts.length; i += 188) withOthers.push(ts.subarray(i, i + 188), nullPacket());
    const r = await parseTs(concat(...withOthers));
    expect(r.programmes.map((p) => p.eventId)).to.deep.equal([1, 2, 3, 4]);
    expect(r.stats.ts?.pidPackets).to.equal(ts.length / 188);
    expect(r.stats.ts?.packets).to.equal(2 * ts.length / 188);
  });

  it('a carousel repeating the same sections adds nothing; a new version replaces', async () => {
    const v2 = section({ tableId: 0x4e, sid: 1, version: 1, section: 0, lastSection: 1, events: [ev(9, '2024-05-01T10:30:00Z', 'Now v2')] });
    let cc = 0;
    const rounds = [SECTIONS, SECTIONS, SECTIONS, [v2]].map((s) => {
      const ts = packetize(s, { firstCc: cc });
      cc = (cc + ts.length / 188) & 0x0f;
      return ts;
    });
    const r = await parseTs(concat(...rounds));
    expect(r.stats.repeatedSections).to.equal(8);
    expect(r.stats.versionChanges).to.equal(1);
    expect(r.programmes.map((p) => p.eventId)).to.deep.equal([9, 3, 4]);
    expect(r.report.skipped).to.equal(0);
  });

  it('a continuity_counter gap drops the section being assembled and counts it', async () => {
    const ts = packetize(SECTIONS);
    // Which packets carry the long section (#3)? Drop its second packet.
    const packets = Array.from({ length: ts.length / 188 }, (_, i) => ts.subarray(i * 188, i * 188 + 188));
    const longStart = packets.findIndex((p) => (p[1] ?? 0) & 0x40 && p.subarray(5).includes(0x50));
    expect(longStart).to.be.at.least(0);
    const cut = packets.filter((_, i) => i !== longStart + 1);
    const r = await parseTs(concat(...cut));
    expect(r.programmes.map((p) => p.eventId)).to.deep.equal([1, 2, 4]);
    expect(r.stats.ts?.discontinuities).to.equal(1);
    expect(r.stats.ts?.droppedSections).to.equal(1);
    expect(r.report.skipped).to.equal(1);
    expect(r.report.warnings.map((w) => w.code)).to.deep.equal(['ts-discontinuity']);
  });

  it('a duplicated packet is ignored; a gap flagged by discontinuity_indicator is not an error', async () => {
    const ts = packetize(SECTIONS);
    const first = ts.subarray(0, 188);
    const dup = await parseTs(concat(first, ts));
    expect(dup.stats.ts?.duplicatePackets).to.equal(1);
    expect(dup.programmes.map((p) => p.eventId)).to.deep.equal([1, 2, 3, 4]);
    expect(dup.report.skipped).to.equal(0);

    // Restart the counter at 9 on a packet whose adaptation field sets discontinuity_indicator.
    const again = packetize([SECTIONS[3] ?? new Uint8Array(0)], { firstCc: 9, adaptationEvery: 1, adaptationBytes: 1 });
    again[5] = 0x80; // adaptation field flags: discontinuity_indicator
    const flagged = await parseTs(concat(ts, again));
    expect(flagged.stats.ts?.discontinuities).to.equal(0);
    expect(flagged.report.skipped).to.equal(0);
  });

  it('recovers sync after garbage; the section it cut through is dropped and counted', async () => {
    const ts = packetize(SECTIONS);
    const garbage = Uint8Array.from(ascii('garbage with a G in it'));
    const r = await parseTs(concat(ts.subarray(0, 188 * 2), garbage, ts.subarray(188 * 2)));
    expect(r.stats.ts?.syncLosses).to.equal(1);
    expect(r.stats.ts?.skippedBytes).to.equal(garbage.length);
    expect(r.report.warnings.map((w) => w.code)).to.deep.equal(['ts-sync-lost']);
    expect(r.report.skipped).to.equal(1);
    expect(r.programmes.map((p) => p.eventId)).to.deep.equal([1, 2, 4]);
    const leading = await parseTs(concat(garbage, ts));
    expect(leading.programmes.map((p) => p.eventId)).to.deep.equal([1, 2, 3, 4]);
    expect(leading.report.skipped).to.equal(1);
  });

  it('takes EIT from a configured PID', async () => {
    const ts = packetize(SECTIONS, { pid: 0x0300 });
    expect((await parseTs(ts)).programmes).to.have.length(0);
    expect((await parseTs(ts, { pids: [0x0300] })).programmes).to.have.length(4);
  });

  it('a packet with transport_error_indicator is ignored and its section dropped', async () => {
    const ts = packetize(SECTIONS).slice();
    const packets = ts.length / 188;
    for (let i = 0; i < packets; i++) {
      const p = i * 188;
      if (i > 0 && ((ts[p + 1] ?? 0) & 0x40) === 0) {
        ts[p + 1] = (ts[p + 1] ?? 0) | 0x80;
        break;
      }
    }
    const r = await parseTs(ts);
    expect(r.stats.ts?.transportErrors).to.equal(1);
    expect(r.report.warnings.map((w) => w.code)).to.deep.equal(['ts-transport-error']);
    expect(r.report.skipped).to.equal(1);
    expect(r.programmes.map((p) => p.eventId)).to.deep.equal([1, 2, 4]);
  });

  it('never throws on a stream cut at any offset', async () => {
    const ts = packetize(SECTIONS);
    for (let n = 0; n <= ts.length; n += 1) {
      const r = await parseTs(ts.subarray(0, n));
      expect(r.programmes.length, `cut at ${n}`).to.be.at.most(4);
    }
  });

  it('the demux reports a pointer_field past the packet and an oversized section_length', () => {
    const issues: TsDemuxIssue[] = [];
    const sections: Uint8Array[] = [];
    const demux = new TsSectionDemux((s) => sections.push(s), (i) => issues.push(i));
    const bad = new Uint8Array(188).fill(0xff);
    bad.set([0x47, 0x40, 0x12, 0x10, 200]);
    demux.push(bad);
    const huge = new Uint8Array(188).fill(0xff);
    huge.set([0x47, 0x40, 0x12, 0x11, 0x00, 0x4e, 0xff, 0xff]);
    demux.push(huge);
    demux.push(Uint8Array.from([0x47, 0x00]));
    demux.end();
    expect(issues.map((i) => i.code)).to.deep.equal(['ts-section-invalid', 'ts-section-invalid', 'ts-truncated']);
    expect(sections).to.have.length(0);
  });
});
