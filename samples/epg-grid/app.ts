// Starts the guide in a container: opens the guide store, shows it, takes the remote's keys and the box's
// guide feeds, and loads a default guide into an empty store.
import type { Subscription } from 'rxjs';
import {
  connectEpgFeeds, currentPlatform, importEpgFeed, listChannels, openGuide, openReminders, remoteKeys,
  type EpgImportResult, type EpgStore, type KeyName, type PlatformAdapter, type Reminders,
} from '../../sdk/index.js';
import { YwEpgGrid, type EpgGridState } from './epg-grid.js';

export type { EpgGridState } from './epg-grid.js';

export interface EpgGridOptions {
  /** An open guide store to show (it stays open on `stop`). Default: `openGuide({name: guideName})`. */
  readonly guide?: EpgStore;
  /** Database name for `openGuide` when no `guide` is given. Default: the SDK's default guide. */
  readonly guideName?: string;
  /** A guide (XMLTV, EIT, TS or JSON; format detected) to fetch and import when the store has no channels. */
  readonly guideUrl?: string;
  /** The box: where keys and guide feeds come from. Default `currentPlatform()`. */
  readonly platform?: PlatformAdapter;
  /** Time source. Default `Date.now`. */
  readonly clock?: () => number;
}

export interface EpgGridHandle {
  /** Resolves when the store is open, the first guide data is on screen (or the store is empty) and keys are delivered. */
  readonly ready: Promise<void>;
  /** `performance.now()` in the frame after the first grid with programme cells was rendered. */
  readonly firstGridPaint: Promise<number>;
  /** The result of importing `guideUrl`, or undefined when none was imported. */
  readonly defaultGuide: Promise<EpgImportResult | undefined>;
  readonly element: YwEpgGrid;
  state(): EpgGridState;
  /** Stops keys, feeds and reminders and removes the guide; closes the store if it opened it. */
  stop(): void;
}

/** Keys the guide acts on; moves also repeat while held. */
const MOVE_KEYS = new Set<KeyName>([
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'ChannelUp', 'ChannelDown',
]);

async function loadDefaultGuide(guide: EpgStore, url: string, element: YwEpgGrid): Promise<EpgImportResult | undefined> {
  element.notice = '正在载入节目指南… Loading the guide…';
  try {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    const result = await importEpgFeed(guide, { name: url, bytes: response.body }, {
      onProgress: ({ channels, programmes }) => {
        element.notice = `正在载入节目指南 Loading the guide… ${channels} 频道 channels · ${programmes} 节目 programmes`;
      },
    });
    element.notice = result.error ? `节目指南载入失败 / Loading the guide failed: ${result.error.message}` : '';
    return result;
  } catch (error) {
    element.notice = `无法获取节目指南 / Cannot fetch the guide ${url}: ${error instanceof Error ? error.message : String(error)}`;
    return undefined;
  }
}

/**
 * Starts the guide: appends a `<yw-epg-grid>` to `container` at once (channels paint as soon as they are
 * read, programmes after), opens the store, connects the box's guide feeds (`connectEpgFeeds`, so the
 * emulator's EPG panel fills it) and the reminders, and loads `guideUrl` if the store has no channels.
 * Marks `epg-grid:store-open`, `epg-grid:channels-read` and `epg-grid:cells-read` on the performance timeline.
 */
export function startEpgGrid(container: HTMLElement, options: EpgGridOptions = {}): EpgGridHandle {
  const element = new YwEpgGrid();
  if (options.clock) element.clock = options.clock;
  container.append(element);
  const platform = options.platform ?? currentPlatform();
  const subscriptions: Subscription[] = [];
  let reminders: Reminders | undefined;
  let opened: EpgStore | undefined;
  const life = { stopped: false };
  // A function, so checks after an `await` are not narrowed away.
  const stopped = (): boolean => life.stopped;

  // GuideChannel and Exit keys by name: the rest of the "other" group (volume, power, home) stays with the box.
  const keys = remoteKeys({ platform, groups: ['navigation', 'colour', 'scroll', 'info'], keys: ['ChannelUp', 'ChannelDown', 'Exit'] });
  subscriptions.push(keys.subscribe((e) => {
    if (e.kind === 'down' || (e.kind === 'repeat' && MOVE_KEYS.has(e.key))) element.handleKey(e.key);
  }));

  const opening = (async (): Promise<EpgStore | undefined> => {
    const guide = options.guide ?? (opened = await openGuide(options.guideName === undefined ? {} : { name: options.guideName }));
    if (stopped()) {
      opened?.close();
      return undefined;
    }
    performance.mark('epg-grid:store-open');
    element.guide = guide;
    subscriptions.push(connectEpgFeeds(guide, platform));
    await element.dataShown;
    // Once the first data is on screen: the reminders sync writes, which would hold up the first grid read.
    reminders = await openReminders(guide);
    if (stopped()) reminders.close();
    else element.reminders = reminders;
    return guide;
  })();
  opening.catch((error: unknown) => {
    element.notice = `节目指南无法打开 / Cannot open the guide: ${error instanceof Error ? error.message : String(error)}`;
  });
  // The default guide loads after `ready`: a big guide takes a while, and the grid fills in as it lands.
  const defaultGuide = opening.then(async (guide) => {
    if (!guide || options.guideUrl === undefined || stopped()) return undefined;
    if ((await listChannels(guide)).length > 0) return undefined;
    return loadDefaultGuide(guide, options.guideUrl, element);
  }, () => undefined);

  return {
    ready: opening.then(() => undefined),
    firstGridPaint: element.firstGridPaint,
    defaultGuide,
    element,
    state: () => element.state(),
    stop() {
      life.stopped = true;
      for (const s of subscriptions.splice(0)) s.unsubscribe();
      reminders?.close();
      element.remove();
      opened?.close();
    },
  };
}
