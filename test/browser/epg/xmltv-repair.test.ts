import { expect } from '@esm-bundle/chai';
import { createEpgReport, type Programme } from '../../../sdk/epg/index.js';
import { TimelineRepair, type DraftProgramme } from '../../../sdk/epg/sources/repair-timeline.js';

const H = 3_600_000;

function draft(channelId: string, start: number, end: number | undefined, title: string, extra: Partial<DraftProgramme> = {}): DraftProgramme {
  return {
    id: `${channelId}@${start}`, channelId, start, end, titles: { '': title }, descriptions: {}, genres: [], genreLabels: [], flags: {}, ...extra,
  };
}

/** Runs drafts through a repair and returns the settled programmes as `title start–end` lines. */
function settle(drafts: readonly DraftProgramme[]): { lines: string[]; report: ReturnType<typeof createEpgReport> } {
  const report = createEpgReport();
  const repair = new TimelineRepair(report);
  const out: Programme[] = [];
  drafts.forEach((d, i) => {
    const settled = repair.push(d, `item ${i}`);
    if (settled) out.push(settled);
  });
  out.push(...repair.flush());
  return { lines: out.map((p) => `${p.titles['']} ${p.start / H}-${p.end / H}${p.lengthSeconds ? ` len=${p.lengthSeconds}` : ''}`), report };
}

describe('TimelineRepair', () => {
  it('passes a clean timeline through untouched, holding one programme per channel', () => {
    const report = createEpgReport();
    const repair = new TimelineRepair(report);
    expect(repair.push(draft('a', 0, H, 'A1'))).to.equal(undefined);
    expect(repair.push(draft('b', 0, H, 'B1'))).to.equal(undefined);
    expect(repair.push(draft('a', H, 2 * H, 'A2'))?.titles['']).to.equal('A1');
    expect(repair.flush().map((p) => p.titles[''])).to.deep.equal(['A2', 'B1']);
    expect(report).to.deep.include({ skipped: 0, repaired: 0 });
  });

  it('gives a missing end the next start, else the declared length, else drops it', () => {
    const { lines, report } = settle([
      draft('a', 0, undefined, 'A1'), draft('a', 2 * H, 3 * H, 'A2'),
      draft('b', 0, undefined, 'B1', { lengthSeconds: 1800 }),
      draft('c', 0, undefined, 'C1'),
    ]);
    expect(lines).to.deep.equal(['A1 0-2', 'A2 2-3', 'B1 0-0.5']);
    expect(report).to.deep.include({ repaired: 2, skipped: 1 });
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['missing-stop', 'missing-stop', 'missing-stop']);
    expect(report.warnings[2]?.message).to.contain('"C1" has no end').and.contain('dropped');
    expect(report.warnings[2]?.where).to.equal('item 3, channel c');
  });

  it('repairs an end at or before the start from the next start, or drops it at the end of the channel', () => {
    const { lines, report } = settle([draft('a', 0, 0, 'A1'), draft('a', H, 2 * H, 'A2'), draft('a', 3 * H, 2 * H, 'A3')]);
    expect(lines).to.deep.equal(['A1 0-1', 'A2 1-2']);
    expect(report).to.deep.include({ repaired: 1, skipped: 1 });
    expect(report.warnings[0]?.message).to.contain('not after its start').and.contain('next programme starts');
  });

  it('trims an overlap (a 24-hour filler) to the next start', () => {
    const { lines, report } = settle([draft('a', 0, 24 * H, 'Filler'), draft('a', 6 * H, 7 * H, 'News')]);
    expect(lines).to.deep.equal(['Filler 0-6', 'News 6-7']);
    expect(report.repaired).to.equal(1);
    expect(report.warnings[0]?.code).to.equal('overlap');
  });

  it('drops one of two programmes with the same start: the one without a duration, else the later', () => {
    const zeroFirst = settle([draft('a', 0, 0, 'Placeholder'), draft('a', 0, H, 'Real'), draft('a', H, 2 * H, 'Next')]);
    expect(zeroFirst.lines).to.deep.equal(['Real 0-1', 'Next 1-2']);
    const twins = settle([draft('a', 0, H, 'First'), draft('a', 0, H, 'Twin')]);
    expect(twins.lines).to.deep.equal(['First 0-1']);
    expect(twins.report.skipped).to.equal(1);
    expect(twins.report.warnings[0]?.message).to.contain('"Twin" is dropped');
  });

  it('keeps a declared length only when it differs from the slot', () => {
    const { lines } = settle([draft('a', 0, H, 'Same', { lengthSeconds: 3600 }), draft('a', H, 2 * H, 'Cut', { lengthSeconds: 3000 })]);
    expect(lines).to.deep.equal(['Same 0-1', 'Cut 1-2 len=3000']);
  });

  it('keeps a late programme that fills a gap, trimming it to the held programme', () => {
    const { lines, report } = settle([
      draft('a', 0, H, 'A'), draft('a', 5 * H, 6 * H, 'Late'), draft('a', H, 2 * H, 'Gap'), draft('a', 4 * H, 5.5 * H, 'Runs on'),
    ]);
    expect(lines).to.deep.equal(['A 0-1', 'Gap 1-2', 'Runs on 4-5', 'Late 5-6']);
    expect(report).to.deep.include({ repaired: 1, skipped: 0 });
    expect(report.warnings[0]?.message).to.contain('out of order before "Late"').and.contain('end trimmed');
  });

  it('drops late programmes that collide with settled ones (a morning dated to the wrong day)', () => {
    // Day 2 from 05:00 is listed, then four programmes that belong to day 2 but are dated day 1.
    const day = 24;
    const { lines, report } = settle([
      draft('a', 5 * H, 7 * H, 'D1 early'), draft('a', 7 * H, 8 * H, 'D1 news'), draft('a', 8 * H, 9 * H, 'D1 morning'),
      draft('a', (day + 5) * H, (day + 6) * H, 'D2 05'), draft('a', (day + 6) * H, (day + 6.5) * H, 'D2 06'),
      draft('a', 7 * H, 7.5 * H, 'Misdated 07'), draft('a', 8 * H, (day + 9) * H, 'Misdated 08'), draft('a', 9 * H, 10 * H, 'Fits'),
      draft('a', (day + 9) * H, (day + 10) * H, 'D2 09'),
    ]);
    expect(lines).to.deep.equal(['D1 early 5-7', 'D1 news 7-8', 'D1 morning 8-9', 'D2 05 29-30', 'Fits 9-10', 'D2 06 30-30.5', 'D2 09 33-34']);
    expect(report).to.deep.include({ skipped: 2, repaired: 0 });
    expect(report.warnings.map((w) => w.code)).to.deep.equal(['out-of-order', 'out-of-order']);
    expect(report.warnings[0]?.message).to.contain('"Misdated 07" starts at 1970-01-01T07:00:00.000Z, out of order before "D2 06"')
      .and.contain('collides with a programme already listed (1970-01-01T07:00:00.000Z to 1970-01-01T08:00:00.000Z); dropped');
  });

  it('keeps at most maxWarnings warnings but counts every fault', () => {
    const report = createEpgReport();
    const repair = new TimelineRepair(report, 2);
    for (let i = 0; i < 5; i++) repair.push(draft(`c${i}`, 0, undefined, 'x'));
    repair.flush();
    expect(report.skipped).to.equal(5);
    expect(report.warnings).to.have.length(2);
  });
});
