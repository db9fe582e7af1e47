import { expect } from '@esm-bundle/chai';
import { Observable, Subject } from 'rxjs';
import {
  connectEpgFeeds, ErrorCode, importEpgFeed, listChannels, programme, type EpgFeed, type EpgImportResult,
  type PlatformAdapter,
} from '../../../sdk/index.js';
import { generateGuide } from '../support/generate-guide.js';
import { deleteTestGuides, openTestGuide } from '../support/test-guides.js';
import { toXmltv } from '../support/xmltv-text.js';
import { concat, content, duration, nullPacket, packetize, section, shortEvent, startTime, utf8 } from './eit-test-encoder.js';

const HOUR = 3_600_000;
const T = Math.floor(Date.now() / HOUR) * HOUR;

interface Report {
  readonly result: EpgImportResult;
  readonly feed: EpgFeed;
}

interface FeedPlatform extends PlatformAdapter {
  /** What the box sends. */
  readonly box: Subject<EpgFeed>;
  readonly reports: Report[];
  /** Resolves once `count` results have been reported. */
  reported(count: number): Promise<void>;
  /** How many observers `epgFeeds` has now. */
  observers(): number;
}

/** A box that delivers guide feeds: the seam `connectEpgFeeds` reads (as test/browser/keys/test-platform.ts is for keys). */
function feedPlatform(): FeedPlatform {
  const box = new Subject<EpgFeed>();
  const reports: Report[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let observers = 0;
  return {
    id: 'test-feeds',
    keyProfileId: 'keyboard',
    keyTarget: new EventTarget(),
    supportsKeyRegistration: () => false,
    registerKeys: () => Promise.resolve(),
    unregisterKeys: () => Promise.resolve(),
    box,
    reports,
    epgFeeds: new Observable<EpgFeed>((subscriber) => {
      observers++;
      const inner = box.subscribe(subscriber);
      return () => {
        observers--;
        inner.unsubscribe();
      };
    }),
    reportEpgImport(result, feed) {
      reports.push({ result, feed });
      for (const w of waiters.filter((x) => reports.length >= x.count)) w.resolve();
    },
    reported(count) {
      if (reports.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    observers: () => observers,
  };
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A small XMLTV guide around now: 3 channels × 6 hours. */
function xmltvBytes(): { bytes: Uint8Array; programmes: number } {
  const guide = generateGuide({ channels: 3, hours: 6, start: T - HOUR, ids: 'xmltv', seed: 3 });
  return { bytes: encode(toXmltv(guide)), programmes: guide.programmes.length };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** EIT schedule sections for one service (onid 3, tsid 2, sid 7): two events with Chinese titles (UTF-8 selector 0x15). */
function eitSections(): Uint8Array {
  const title = (s: string): number[] => [0x15, ...utf8(s)];
  return section({
    tableId: 0x50, sid: 7, events: [
      { id: 101, start: startTime(iso(T)), duration: duration(1, 0), descriptors: [shortEvent('chi', title('新闻联播'), title('今日要闻')), content([0x20, 0])] },
      { id: 102, start: startTime(iso(T + HOUR)), duration: duration(0, 30), descriptors: [shortEvent('chi', title('天气预报'))] },
    ],
  });
}

afterEach(deleteTestGuides);

describe('connectEpgFeeds', () => {
  it('imports an XMLTV feed (format detected) and reports what was stored', async () => {
    const guide = await openTestGuide();
    const box = feedPlatform();
    const connection = connectEpgFeeds(guide, box);
    const { bytes, programmes } = xmltvBytes();
    const feed: EpgFeed = { name: 'guide.xml', bytes };
    box.box.next(feed);
    await box.reported(1);
    const [report] = box.reports;
    expect(report?.feed).to.equal(feed);
    const result = report?.result;
    expect(result).to.include({ name: 'guide.xml', format: 'xmltv', channels: 3, programmes, skipped: 0, repaired: 0, expired: 0 });
    expect(result?.error).to.equal(undefined);
    expect(result?.warnings).to.deep.equal([]);
    expect(result?.ms).to.be.a('number').and.at.least(0);
    expect((await listChannels(guide)).map((c) => c.names.zh)).to.deep.equal(['频道 1', '频道 2', '频道 3']);
    // Results cross frames by postMessage: they must survive structured cloning unchanged.
    expect(structuredClone(result)).to.deep.equal(result);
    connection.unsubscribe();
  });

  it('imports EIT sections and a transport stream, named or detected, one feed after the other', async () => {
    const guide = await openTestGuide();
    const box = feedPlatform();
    connectEpgFeeds(guide, box);
    const sections = eitSections();
    box.box.next({ name: 'EIT schedule', format: 'eit', bytes: sections });
    // Two packets at least: a TS is recognised by its sync bytes 188 apart.
    box.box.next({ name: 'capture.ts', bytes: concat(packetize([sections]), nullPacket(), nullPacket()) });
    await box.reported(2);
    expect(box.reports.map((r) => [r.result.name, r.result.format, r.result.channels, r.result.programmes, r.result.error]))
      .to.deep.equal([['EIT schedule', 'eit', 1, 2, undefined], ['capture.ts', 'ts', 1, 2, undefined]]);
    const news = await programme(guide, '3.2.7#101');
    expect(news?.titles).to.deep.equal({ chi: '新闻联播' });
    expect(news?.genres).to.deep.equal(['news']);
    expect(news?.start).to.equal(T);
  });

  it('reports a bad feed as an error result and keeps going', async () => {
    const guide = await openTestGuide();
    const box = feedPlatform();
    connectEpgFeeds(guide, box);
    box.box.next({ name: 'noise.bin', bytes: Uint8Array.from({ length: 600 }, (_, i) => (i * 37) & 0xff) });
    box.box.next({ name: 'guide.csv', format: 'csv', bytes: encode('a,b,c') });
    box.box.next({ name: 'evil.xml', format: 'xmltv', bytes: encode('<?xml version="1.0"?><!DOCTYPE tv [<!ENTITY x "y">]><tv></tv>') });
    const { bytes, programmes } = xmltvBytes();
    box.box.next({ name: 'good.xml', bytes });
    await box.reported(4);
    const [noise, csv, evil, good] = box.reports.map((r) => r.result);
    expect(noise?.format).to.equal(undefined);
    expect(noise?.error?.code).to.equal(ErrorCode.EpgFormatUnknown);
    expect(noise?.error?.message).to.contain('Cannot tell the EPG format');
    expect(csv?.error?.code).to.equal(ErrorCode.EpgFormatUnknown);
    expect(csv?.error?.message).to.contain('"csv"');
    expect(evil).to.include({ format: 'xmltv', channels: 0, programmes: 0 });
    expect(evil?.error?.code).to.equal(ErrorCode.XmlDoctypeRefused);
    expect(good).to.include({ format: 'xmltv', programmes });
    expect(good?.error).to.equal(undefined);
  });

  it('counts skipped, repaired and expired items and keeps the first warnings', async () => {
    const guide = await openTestGuide();
    const box = feedPlatform();
    connectEpgFeeds(guide, box, { maxWarnings: 2 });
    const t = (ms: number): string => new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14) + ' +0000';
    const xml = '<tv><channel id="a"><display-name>A</display-name></channel>'
      + `<programme start="${t(T - 10 * 24 * HOUR)}" stop="${t(T - 10 * 24 * HOUR + HOUR)}" channel="a"><title>Old</title></programme>`
      + `<programme start="${t(T)}" stop="${t(T + HOUR)}" channel="a"><title>Ok</title></programme>`
      + `<programme start="bad" stop="${t(T + HOUR)}" channel="a"><title>Bad start</title></programme>`
      + `<programme channel="a"><title>No start</title></programme>`
      + `<programme start="${t(T + HOUR)}" channel="a"><title>No stop</title></programme>`
      + `<programme start="${t(T + 2 * HOUR)}" stop="${t(T + HOUR + HOUR / 2)}" channel="a"><title>Stop before start</title></programme>`
      + `<programme start="${t(T + 3 * HOUR)}" stop="${t(T + 4 * HOUR)}" channel="a"><title>Next</title></programme>`
      + '</tv>';
    box.box.next({ name: 'messy.xml', bytes: encode(xml) });
    await box.reported(1);
    const result = box.reports[0]?.result;
    // Skipped: a bad start, no start. Repaired: the missing stop, the stop before the start. Expired: ten days old.
    expect(result).to.include({ channels: 1, programmes: 4, skipped: 2, repaired: 2, expired: 1 });
    expect(result?.warnings).to.have.length(2);
  });

  it('stops taking feeds when unsubscribed, and when the store closes', async () => {
    const guide = await openTestGuide();
    const box = feedPlatform();
    const connection = connectEpgFeeds(guide, box);
    expect(box.observers()).to.equal(1);
    connection.unsubscribe();
    expect(box.observers()).to.equal(0);

    connectEpgFeeds(guide, box);
    expect(box.observers()).to.equal(1);
    guide.close();
    expect(box.observers()).to.equal(0);
  });

  it('reports an import cut short by unsubscribing as aborted', async () => {
    const guide = await openTestGuide({ chunkSize: 50 });
    const box = feedPlatform();
    const connection = connectEpgFeeds(guide, box);
    const big = generateGuide({ channels: 20, hours: 24, start: T, ids: 'xmltv' });
    box.box.next({ name: 'big.xml', bytes: encode(toXmltv(big)) });
    await new Promise<void>((resolve) => {
      const s = guide.changes.subscribe(() => {
        s.unsubscribe();
        resolve();
      });
    });
    connection.unsubscribe();
    await box.reported(1);
    const result = box.reports[0]?.result;
    expect(result?.error?.code).to.equal(ErrorCode.EpgImportAborted);
    expect(result?.programmes).to.be.below(big.programmes.length);
  });

  it('does nothing on a box without feeds', async () => {
    const guide = await openTestGuide();
    const connection = connectEpgFeeds(guide, { ...feedPlatform(), epgFeeds: undefined });
    expect(connection.closed).to.equal(false);
    connection.unsubscribe();
  });
});

describe('importEpgFeed', () => {
  it('detects the format of a stream from its first chunks, however small, and imports it', async () => {
    const guide = await openTestGuide();
    const { bytes, programmes } = xmltvBytes();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const result = await importEpgFeed(guide, { name: 'stream.xml', bytes: stream });
    expect(result).to.include({ format: 'xmltv', channels: 3, programmes });
  });

  it('handles a stream shorter than the detection head and an empty one', async () => {
    const guide = await openTestGuide();
    const eit = concat(eitSections());
    const once = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(eit);
        controller.close();
      },
    });
    expect(await importEpgFeed(guide, { name: 'short', bytes: once })).to.include({ format: 'eit', programmes: 2 });
    const empty = await importEpgFeed(guide, { name: 'empty', bytes: new Uint8Array(0) });
    expect(empty.error?.code).to.equal(ErrorCode.EpgFormatUnknown);
  });
});
