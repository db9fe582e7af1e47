import { expect } from '@esm-bundle/chai';
import { firstValueFrom } from 'rxjs';
import { openReminders, type Reminders } from '../../../sdk/epg/reminders/index.js';
import { makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide, uniqueGuideName } from '../support/test-guides.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const opened: Reminders[] = [];
async function reminders(...args: Parameters<typeof openReminders>): Promise<Reminders> {
  const r = await openReminders(...args);
  opened.push(r);
  return r;
}

afterEach(async () => {
  for (const r of opened.splice(0)) r.close();
  await deleteTestGuides();
});

describe('reminders: following the guide', () => {
  it('moves with a rescheduled event (same stable id) and fires at the new time', async () => {
    const guide = await openTestGuide();
    const now = Date.now();
    const planned = makeProgramme({ channelId: 'c', eventId: 9, start: now + 2 * HOUR, end: now + 3 * HOUR, title: '足球之夜' });
    await guide.putProgrammes([planned]);
    const r = await reminders(guide);
    await r.add(planned.id, { minutesBefore: 0.005 }); // 300 ms

    const start = Date.now() + 600;
    await guide.putProgrammes([{ ...planned, start, end: start + HOUR }]);
    const [moved] = await r.list();
    expect(moved).to.include({ programmeId: planned.id, start, end: start + HOUR });

    const due = await firstValueFrom(r.due);
    expect(due.reminder.start).to.equal(start);
    expect(due.at).to.equal(start - 300);
    expect(due.late).to.equal(false);
  });

  it('is dropped when its programme is superseded, pruned or cleared', async () => {
    const guide = await openTestGuide();
    const now = Date.now();
    const xmltv = makeProgramme({ channelId: 'x', start: now + HOUR, end: now + 2 * HOUR, title: 'News' });
    const eit = makeProgramme({ channelId: 'e', eventId: 1, start: now + HOUR, end: now + 2 * HOUR, title: 'Film' });
    const other = makeProgramme({ channelId: 'o', eventId: 1, start: now + 5 * HOUR, end: now + 6 * HOUR, title: 'Sport' });
    await guide.putProgrammes([xmltv, eit, other]);
    const r = await reminders(guide);
    for (const p of [xmltv, eit, other]) await r.add(p.id);
    expect(await r.list()).to.have.length(3);

    // The XMLTV guide shifted by 10 minutes: a new id takes the old one's place.
    await guide.putProgrammes([makeProgramme({ channelId: 'x', start: now + HOUR + 10 * MINUTE, end: now + 2 * HOUR, title: 'News' })]);
    expect((await r.list()).map((x) => x.programmeId)).to.deep.equal([eit.id, other.id]);

    // A day after the film ended (retention 24 h): pruned, with its reminder.
    await guide.prune(now + 2 * HOUR + DAY + MINUTE);
    expect((await r.list()).map((x) => x.programmeId)).to.deep.equal([other.id]);

    await guide.clear();
    expect(await r.list()).to.deep.equal([]);
  });

  it('drops reminders of programmes that vanished while closed, when opened', async () => {
    const guide = await openTestGuide();
    const now = Date.now();
    const show = makeProgramme({ channelId: 'c', eventId: 1, start: now + HOUR, end: now + 2 * HOUR, title: 'A' });
    await guide.putProgrammes([show]);
    const r = await reminders(guide);
    await r.add(show.id);
    r.close();
    // Written behind the reminders' back, as an older SDK or another tool could.
    await guide.db.clear('schedules');
    const reopened = await reminders(guide);
    expect(await reopened.list()).to.deep.equal([]);
  });

  it('arms a reminder added in another tab', async () => {
    const name = uniqueGuideName('tabs');
    const tabA = await openTestGuide({ name });
    const tabB = await openTestGuide({ name });
    const start = Date.now() + 700;
    const show = makeProgramme({ channelId: 'c', eventId: 1, start, end: start + HOUR, title: '百家讲坛' });
    await tabA.putProgrammes([show]);
    const inA = await reminders(tabA);
    const inB = await reminders(tabB);
    const dueInB = firstValueFrom(inB.due);
    await inA.add(show.id, { minutesBefore: 0.005 });
    const due = await dueInB;
    expect(due.programme.id).to.equal(show.id);
    expect(due.late).to.equal(false);
  });
});
