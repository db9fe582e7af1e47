import { expect } from '@esm-bundle/chai';
import type { KnownKeyName } from '../../../sdk/index.js';
import { startEpgGrid, type EpgGridHandle } from '../../../samples/epg-grid/app.js';
import { PX_PER_MS, ROWS_PER_PAGE } from '../../../samples/epg-grid/layout.js';
import { testPlatform, type TestPlatform } from '../keys/test-platform.js';
import { generateGuide, guideBatches, makeChannel } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide } from '../support/test-guides.js';
import type { EpgStore } from '../../../sdk/epg/store/index.js';

const HOUR = 3_600_000;
const T = Math.floor(Date.now() / HOUR) * HOUR;
const CHANNELS = 300;
const SPEC = { channels: CHANNELS, hours: 14, start: T - 3 * HOUR, seed: 11 };
/** Rendered rows: the visible page ± one page. */
const MAX_ROWS = 3 * ROWS_PER_PAGE;

async function waitFor(predicate: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('samples/epg-grid', function () {
  this.timeout(30_000);
  let guide: EpgStore;
  let container: HTMLDivElement;
  let box: TestPlatform;
  let app: EpgGridHandle | undefined;

  before(async () => {
    guide = await openTestGuide();
    await guide.importBatches(guideBatches(SPEC));
    // A channel with no programmes, last by number: its row is one gap.
    await guide.putChannels([makeChannel('zz.empty', '无信息频道', '999')]);
  });

  after(deleteTestGuides);

  beforeEach(() => {
    container = document.createElement('div');
    container.style.cssText = 'position:fixed;left:0;top:0;width:960px;height:540px';
    document.body.append(container);
    box = testPlatform('keyboard');
  });

  afterEach(async () => {
    app?.stop();
    app = undefined;
    container.remove();
    const reminders = await guide.db.getAllKeys('reminders');
    await Promise.all(reminders.map((key) => guide.db.delete('reminders', key)));
  });

  async function start(): Promise<EpgGridHandle> {
    app = startEpgGrid(container, { guide, platform: box });
    await app.ready;
    await app.firstGridPaint;
    return app;
  }

  async function press(key: KnownKeyName, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      box.send('keydown', key);
      box.send('keyup', key);
    }
    await app?.element.updateComplete;
  }

  /** Waits until the focused cell is known (the rows read after a page or time change). */
  async function focusSettled(): Promise<void> {
    await waitFor(() => app?.state().focus.kind !== undefined, 'the focused cell');
    await app?.element.updateComplete;
  }

  const shadow = (): ShadowRoot => {
    const root = app?.element.shadowRoot;
    if (!root) throw new Error('no grid');
    return root;
  };

  it('paints channels and programmes, with the now line, and keeps the DOM to the rendered window', async () => {
    const { state } = await start();
    const s = state();
    expect(s.channels).to.equal(CHANNELS + 1);
    expect(s.nowLine).to.equal(true);
    const line = shadow().querySelector<HTMLElement>('.now-line');
    expect(Number.parseFloat(line?.style.left ?? 'NaN')).to.be.closeTo((Date.now() - s.view.from) * PX_PER_MS, 12);
    // Page 0: its rows and the next page's.
    expect(s.dom.rows).to.equal(2 * ROWS_PER_PAGE);
    expect(s.dom.programmeCells).to.be.greaterThan(2 * ROWS_PER_PAGE);
    const names = [...shadow().querySelectorAll('.ch .name')].map((e) => e.textContent);
    expect(names.slice(0, 3)).to.deep.equal(['频道 1', '频道 2', '频道 3']);
    // Every cell lies in the rendered time.
    const spans = s.renderedTime;
    expect(spans.to - spans.from).to.be.at.most(6 * HOUR);
    expect(s.dom.cells).to.be.below(MAX_ROWS * 20);
    // The on-air programme has focus.
    expect(s.focus.row).to.equal(0);
    expect(s.focus.kind).to.equal('programme');
    const first = generateGuide(SPEC).programmes.find((p) => p.channelId === 'ch001.example' && p.start <= Date.now() && p.end > Date.now());
    expect(s.focus.programmeId).to.equal(first?.id);
  });

  it('pages with PageDown/ChannelUp: the DOM stays bounded while the store has hundreds of channels', async () => {
    const { state } = await start();
    await press('PageDown', 10);
    await focusSettled();
    let s = state();
    expect(s.page).to.equal(10);
    expect(s.focus.row).to.equal(10 * ROWS_PER_PAGE);
    expect(s.renderedRows).to.deep.equal({ from: 9 * ROWS_PER_PAGE, to: 12 * ROWS_PER_PAGE });
    await waitFor(() => state().dom.rows === MAX_ROWS, 'three pages of rows');
    const numbers = [...shadow().querySelectorAll('.ch .num')].map((e) => Number(e.textContent));
    expect(Math.min(...numbers)).to.equal(9 * ROWS_PER_PAGE + 1);
    expect(Math.max(...numbers)).to.equal(12 * ROWS_PER_PAGE);
    s = state();
    expect(s.dom.cells).to.be.below(MAX_ROWS * 20);
    await press('ChannelDown');
    expect(state().page).to.equal(9);
    await press('ChannelUp', 2);
    expect(state().page).to.equal(11);
    await press('PageUp', 20);
    expect(state().focus.row).to.equal(0);
  });

  it('moves across time and channels, keeping the time when moving between channels', async () => {
    const { state } = await start();
    const programmes = generateGuide(SPEC).programmes;
    const on = (channelId: string, t: number): string | undefined =>
      programmes.find((p) => p.channelId === channelId && p.start <= t && p.end > t)?.id;
    const first = state().focus;
    await press('ArrowRight');
    const right = state().focus;
    const current = programmes.find((p) => p.id === first.programmeId);
    expect(right.programmeId).to.equal(on('ch001.example', current?.end ?? 0));
    await press('ArrowDown');
    const down = state().focus;
    expect(down.row).to.equal(1);
    expect(down.channelId).to.equal('ch002.example');
    // The second channel's programme at the time focus moved to on the first.
    const nextStart = programmes.find((p) => p.id === right.programmeId)?.start ?? 0;
    expect(down.programmeId).to.equal(on('ch002.example', Math.max(nextStart, state().view.from)));
    await press('ArrowUp');
    expect(state().focus.programmeId).to.equal(right.programmeId);
    await press('ArrowLeft');
    expect(state().focus.programmeId).to.equal(first.programmeId);
    await press('ArrowUp');
    expect(state().focus.row).to.equal(0);

    // Far enough right, the view follows the focus, and the DOM keeps to the new window.
    const viewFrom = state().view.from;
    for (let i = 0; i < 12 && state().view.from === viewFrom; i++) {
      await press('ArrowRight');
      await focusSettled();
    }
    const moved = state();
    expect(moved.view.from).to.be.greaterThan(viewFrom);
    expect(moved.focus.at).to.be.within(moved.view.from - 3 * HOUR, moved.view.to);
    expect(moved.focus.kind).to.equal('programme');
    await waitFor(() => state().dom.programmeCells > 0, 'cells of the new window');
    const focusedCell = shadow().querySelector('.cell.focused b');
    expect(focusedCell?.textContent).to.equal(moved.focus.title);
  });

  it('opens details with Enter and closes them with BrowserBack', async () => {
    const { state } = await start();
    await press('Enter');
    const s = state();
    expect(s.details?.programmeId).to.equal(s.focus.programmeId);
    const dialog = shadow().querySelector('.details');
    expect(dialog?.querySelector('h2')?.textContent).to.contain(s.focus.title);
    expect(dialog?.textContent).to.match(/\d\d:\d\d–\d\d:\d\d/);
    // Genres from the generated guide, shown with their Chinese name.
    expect(dialog?.querySelector('.tags')?.textContent).to.match(/[\u4e00-\u9fff]/);
    // Arrows do not move focus under the details.
    await press('ArrowDown');
    expect(state().focus.row).to.equal(0);
    await press('BrowserBack');
    expect(state().details).to.equal(undefined);
    expect(shadow().querySelector('.details')).to.equal(null);
  });

  it('toggles a reminder with red: bell on the cell, conflicts reported', async () => {
    const { state } = await start();
    const programmes = new Map(generateGuide(SPEC).programmes.map((p) => [p.id, p]));
    const startOf = (id: string | undefined): number => programmes.get(id ?? '')?.start ?? 0;
    // Two overlapping programmes on channels 1 and 2, both starting a while from now (so no reminder
    // comes due during the test and covers the toast).
    const later = Date.now() + 10 * 60_000;
    for (let i = 0; i < 8; i++) {
      await press('ArrowRight');
      if (startOf(state().focus.programmeId) < later) continue;
      await press('ArrowDown');
      if (startOf(state().focus.programmeId) >= later) break;
      await press('ArrowUp');
    }
    expect(state().focus.row).to.equal(1);
    const other = state().focus.programmeId ?? '';
    await press('ArrowUp');
    const target = state().focus.programmeId ?? '';
    expect(startOf(target)).to.be.at.least(later);

    await press('ColorF0Red');
    await waitFor(() => state().reminders.includes(target), 'the reminder');
    await app?.element.updateComplete;
    expect(shadow().querySelector('.cell.focused .bell')).not.to.equal(null);
    expect(state().toast).to.contain('已设置提醒');
    expect(await guide.db.getAllKeys('reminders')).to.deep.equal([target]);

    await press('ArrowDown');
    expect(state().focus.programmeId).to.equal(other);
    await press('ColorF0Red');
    await waitFor(() => state().reminders.includes(other), 'the second reminder');
    expect(state().toast).to.contain('冲突').and.contain(`《${programmes.get(target)?.titles.zh ?? '?'}》`);

    await press('ArrowUp');
    await press('ColorF0Red');
    await waitFor(() => !state().reminders.includes(target), 'the reminder removed');
    await app?.element.updateComplete;
    expect(shadow().querySelector('.cell.focused .bell')).to.equal(null);
    expect(state().toast).to.contain('已取消提醒');
  });

  it('shows a channel without programmes as "no information"', async () => {
    const { state } = await start();
    await press('ChannelUp', 40);
    await focusSettled();
    const s = state();
    expect(s.focus.channelId).to.equal('zz.empty');
    expect(s.focus.kind).to.equal('gap');
    const focused = shadow().querySelector('.cell.focused');
    expect(focused?.textContent).to.contain('暂无节目信息 / No information');
    await press('Enter');
    expect(state().details).to.equal(undefined);
  });
});
