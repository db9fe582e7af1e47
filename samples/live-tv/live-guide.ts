// The guide behind the live-TV screens: the SDK's guide store, fed by the box (connectEpgFeeds) and, when it
// is empty, by the headend's XMLTV guide in the background; now/next per channel with a small cache, so a
// zap costs no IndexedDB read while the programme on air has not changed.
import type { Subscription } from 'rxjs';
import {
  connectEpgFeeds, guideChannelId, importEpgFeed, listChannels, nowNext, openGuide,
  type Channel, type EpgImportResult, type EpgStore, type NowNext, type PlatformAdapter, type ProgrammeRef,
} from '../../sdk/index.js';
import { pickText } from './format.js';

export interface LiveGuideOptions {
  readonly platform: PlatformAdapter;
  /** Guide database name; default: the SDK's (shared with the EPG grid). */
  readonly name?: string;
  /** A guide fetched and imported when the store has no channels; none when absent. */
  readonly fallbackUrl?: string;
}

interface CachedNowNext {
  readonly value: NowNext;
  /** ms since epoch until which `value` holds (the end of `now`, or the start of `next` in a gap). */
  readonly validUntil: number;
}

export class LiveGuide {
  /** The import of `fallbackUrl`, or undefined when none ran. Resolves after `open()`. */
  readonly fallbackImport: Promise<EpgImportResult | undefined>;
  #store: EpgStore | undefined;
  #opening: Promise<EpgStore | undefined>;
  readonly #cache = new Map<string, CachedNowNext>();
  readonly #subscriptions: Subscription[] = [];
  #closed = false;

  constructor(options: LiveGuideOptions) {
    this.#opening = openGuide(options.name === undefined ? {} : { name: options.name }).then((store) => {
      if (this.#closed) {
        store.close();
        return undefined;
      }
      this.#store = store;
      // Any change may move a programme: drop what was read.
      this.#subscriptions.push(store.changes.subscribe(() => this.#cache.clear()));
      this.#subscriptions.push(connectEpgFeeds(store, options.platform));
      return store;
    }, (error: unknown) => {
      console.warn('[live-tv] the guide store cannot be opened; banners show no programmes:', error);
      return undefined;
    });
    const url = options.fallbackUrl;
    this.fallbackImport = url === undefined ? Promise.resolve(undefined) : this.#opening.then(async (store) => {
      if (!store || (await listChannels(store)).length > 0) return undefined;
      return importFrom(store, url);
    });
  }

  /** Resolves once the store is open (or failed to open: the guide then stays empty). */
  get ready(): Promise<void> {
    return this.#opening.then(() => undefined);
  }

  /** Now and next on `channel` from what was read before, when it still holds at `at`; no database read. */
  cachedNowNext(channel: Channel, at: number = Date.now()): NowNext | undefined {
    const cached = this.#cache.get(guideChannelId(channel));
    if (!cached || at >= cached.validUntil || (cached.value.now && at < cached.value.now.start)) return undefined;
    return cached.value;
  }

  /** Now and next on `channel` at `at`; empty when the guide has nothing for it. */
  async nowNext(channel: Channel, at: number = Date.now()): Promise<NowNext> {
    const store = this.#store;
    if (!store || store.closed) return {};
    const cached = this.cachedNowNext(channel, at);
    if (cached) return cached;
    const id = guideChannelId(channel);
    const value = await nowNext(store, id, at);
    const validUntil = value.now?.end ?? value.next?.start ?? at + 60_000;
    this.#cache.set(id, { value, validUntil });
    return value;
  }

  /** The programme on `channel` now, for parental control's rating check and per-programme unlock. */
  async programmeAt(channel: Channel, at: number): Promise<ProgrammeRef | undefined> {
    const now = (await this.nowNext(channel, at)).now;
    if (!now) return undefined;
    return { id: now.id, end: now.end, ...(now.rating?.minAge === undefined ? {} : { rating: now.rating.minAge }) };
  }

  /** The title of the programme on `channel` now, for the test card. */
  async titleNow(channel: Channel): Promise<string | undefined> {
    return pickText((await this.nowNext(channel)).now?.titles);
  }

  close(): void {
    this.#closed = true;
    for (const s of this.#subscriptions.splice(0)) s.unsubscribe();
    this.#cache.clear();
    this.#store?.close();
  }
}

async function importFrom(store: EpgStore, url: string): Promise<EpgImportResult | undefined> {
  try {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(`HTTP ${String(response.status)} ${response.statusText}`);
    const result = await importEpgFeed(store, { name: url, bytes: response.body });
    if (result.error) console.warn(`[live-tv] the guide ${url} was imported only in part: ${result.error.message}`);
    return result;
  } catch (error) {
    console.warn(`[live-tv] cannot fetch the guide ${url}:`, error);
    return undefined;
  }
}
