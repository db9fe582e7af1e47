import { expect } from '@esm-bundle/chai';
import { firstValueFrom } from 'rxjs';
import { ErrorCode } from '../../../sdk/errors/yiwang-error.js';
import { openReminders, type DueReminder, type Reminders } from '../../../sdk/epg/reminders/index.js';
import { makeProgramme } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide, sleep, uniqueGuideName } from '../support/test-guides.js';
import { rejection } from '../support/rejections.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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

describe('reminders: firing', () => {
  it('fires minutesBefore the start, once, not late', async () => {
    const guide = await openTestGuide();
    const start = Date.now() + 800;
    const show = makeProgramme({ channelId: 'c', eventId: 1, start, end: start + HOUR, title: '新闻联播' });
    await guide.putProgrammes([show]);
    const r = await reminders(guide);
    const fired: DueReminder[] = [];
    r.due.subscribe((d) => fired.push(d));
    const { reminder, conflicts } = await r.add(show.id, { minutesBefore: 0.01 }); // 600 ms
    expect(conflicts).to.deep.equal([]);
    expect(reminder).to.include({ programmeId: show.id, channelId: 'c', start, minutesBefore: 0.01 });

    await sleep(100);
    expect(fired).to.have.length(0);
    await sleep(400);
    expect(fired).to.have.length(1);
    expect(fired[0]).to.deep.include({ at: start - 600, late: false, programme: show });
    expect(fired[0]?.reminder.firedFor).to.equal(start);
    await sleep(400);
    expect(fired).to.have.length(1);
    expect((await r.list()).map((x) => x.firedFor)).to.deep.equal([start]);
  });

  it('re-arms from the database after a reload', async () => {
    const name = uniqueGuideName('reload');
    const guide = await openTestGuide({ name });
    const start = Date.now() + 700;
    const show = makeProgramme({ channelId: 'c', eventId: 2, start, end: start + HOUR, title: '天气预报' });
    await guide.putProgrammes([show]);
    const before = await reminders(guide);
    await before.add(show.id, { minutesBefore: 0.005 }); // 300 ms
    before.close();
    guide.close();

    const reopened = await openTestGuide({ name });
    const after = await reminders(reopened);
    const due = await firstValueFrom(after.due);
    expect(due).to.deep.include({ at: start - 300, late: false });
    expect(due.programme.id).to.equal(show.id);
    expect(Date.now()).to.be.at.least(start - 300);
  });

  it('fires at once, marked late, a reminder that came due while nobody listened; never twice', async () => {
    const name = uniqueGuideName('late');
    const guide = await openTestGuide({ name });
    const now = Date.now();
    // On air for a minute already; the reminder was due two minutes ago.
    const show = makeProgramme({ channelId: 'c', eventId: 3, start: now - MINUTE, end: now + 30 * MINUTE, title: '动画城' });
    await guide.putProgrammes([show]);
    const first = await reminders(guide);
    await first.add(show.id, { minutesBefore: 1 });
    first.close(); // The box was switched off before anyone saw it.

    const second = await reminders(guide);
    const due = await firstValueFrom(second.due);
    expect(due).to.deep.include({ late: true, at: now - 2 * MINUTE });
    second.close();

    const third = await reminders(guide);
    const again: DueReminder[] = [];
    third.due.subscribe((d) => again.push(d));
    await sleep(200);
    expect(again).to.deep.equal([]);
  });

  it('reports overlapping reminded programmes as conflicts, and still adds the reminder', async () => {
    const guide = await openTestGuide();
    const t = Date.now() + HOUR;
    const film = makeProgramme({ channelId: 'movie', eventId: 1, start: t, end: t + 2 * HOUR, title: 'Film Night' });
    const match = makeProgramme({ channelId: 'sport', eventId: 1, start: t + HOUR, end: t + 3 * HOUR, title: 'Premier League Live' });
    const late = makeProgramme({ channelId: 'news', eventId: 1, start: t + 3 * HOUR, end: t + 4 * HOUR, title: 'News' });
    await guide.putProgrammes([film, match, late]);
    const r = await reminders(guide);
    expect((await r.add(film.id)).conflicts).to.deep.equal([]);
    expect((await r.add(match.id)).conflicts).to.deep.equal([film]);
    expect((await r.add(late.id)).conflicts).to.deep.equal([]);
    // Replacing the film's reminder conflicts with the match, not with itself.
    expect((await r.add(film.id, { minutesBefore: 10 })).conflicts).to.deep.equal([match]);
    expect((await r.list()).map((x) => [x.programmeId, x.minutesBefore])).to.deep.equal(
      [[film.id, 10], [match.id, 2], [late.id, 2]]);
  });

  it('removes reminders and rejects bad requests with typed errors', async () => {
    const guide = await openTestGuide();
    const now = Date.now();
    const show = makeProgramme({ channelId: 'c', eventId: 4, start: now + HOUR, end: now + 2 * HOUR, title: 'A' });
    const over = makeProgramme({ channelId: 'c', eventId: 5, start: now - 2 * HOUR, end: now - HOUR, title: 'B' });
    await guide.putProgrammes([show, over]);
    const r = await reminders(guide);
    await r.add(show.id);
    expect(await r.remove(show.id)).to.equal(true);
    expect(await r.remove(show.id)).to.equal(false);
    expect(await r.list()).to.deep.equal([]);

    expect((await rejection(r.add('c#404'))).code).to.equal(ErrorCode.EpgProgrammeNotFound);
    expect((await rejection(r.add(over.id))).data).to.include({ name: 'programmeId', value: over.id });
    expect((await rejection(r.add(show.id, { minutesBefore: -1 }))).code).to.equal(ErrorCode.EpgArgumentInvalid);
    // A failed add does not break the stream of due reminders.
    const next = firstValueFrom(r.due);
    const soon = makeProgramme({ channelId: 'c', eventId: 6, start: Date.now() + 300, end: now + HOUR, title: 'C' });
    await guide.putProgrammes([soon]);
    await r.add(soon.id, { minutesBefore: 0 });
    expect((await next).programme.id).to.equal(soon.id);
  });
});
