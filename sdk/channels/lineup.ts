/**
 * The lineup: the headend's JSON lineup merged with the box's service list, plus the viewer's favourites and
 * recents. See `lineup-json.ts` for the JSON format.
 */
import { BehaviorSubject, combineLatest, map, type Observable } from 'rxjs';
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import { tripletId, type Channel, type DvbTriplet } from './channel.js';
import { ChannelStore, DEFAULT_CHANNEL_DB_NAME } from './channel-store.js';
import type { Lineup, LineupOptions, LineupWarning } from './channels-types.js';
import { parseLineupJson } from './lineup-json.js';

/** Recents kept when `maxRecents` is not given. */
export const DEFAULT_MAX_RECENTS = 20;
/** BroadcastChannel on which lineups announce favourites/recents changes to other apps on the same database. */
export const CHANNELS_BROADCAST_CHANNEL = 'yiwang-channels';

interface LoadedChannels {
  readonly channels: readonly Channel[];
  readonly warnings: readonly LineupWarning[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lineupInvalid(source: string, reason: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Channels, ErrorCode.LineupInvalid,
    `Lineup ${source} is not readable: ${reason}`, { source, reason });
}

function channelUnknown(target: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Channels, ErrorCode.ChannelUnknown,
    `No channel ${JSON.stringify(target)} in the lineup`, { target });
}

async function fetchLineup(url: string): Promise<{ json: string; baseUrl: string }> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw lineupInvalid(url, `fetch failed (${describe(error)})`);
  }
  if (!response.ok) throw lineupInvalid(url, `HTTP ${String(response.status)}`);
  return { json: await response.text(), baseUrl: response.url || url };
}

function documentBase(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.href;
}

/**
 * Reads every configured source. A source that fails becomes a warning (path `lineup` or `serviceList`) as
 * long as another one was read; when none could be read, rejects with the first failure.
 */
async function loadChannels(options: LineupOptions): Promise<LoadedChannels> {
  const warnings: LineupWarning[] = [];
  const failures: unknown[] = [];
  let lineupChannels: readonly Channel[] = [];
  let platformChannels: readonly Channel[] = [];
  let sources = 0;

  if (options.json !== undefined || options.url !== undefined) {
    sources++;
    try {
      const base = options.url === undefined ? documentBase() : new URL(options.url, documentBase()).href;
      const read = options.json !== undefined
        ? { json: options.json, baseUrl: base }
        : await fetchLineup(base ?? String(options.url));
      const parsed = parseLineupJson(read.json, {
        ...(read.baseUrl === undefined ? {} : { baseUrl: read.baseUrl }),
        source: options.url ?? 'json',
      });
      lineupChannels = parsed.channels;
      warnings.push(...parsed.warnings);
    } catch (error) {
      failures.push(error);
      warnings.push({ path: 'lineup', message: describe(error) });
    }
  }
  const serviceList = options.platform?.serviceList?.bind(options.platform);
  if (serviceList) {
    sources++;
    try {
      platformChannels = await serviceList();
    } catch (error) {
      failures.push(error);
      warnings.push({ path: 'serviceList', message: `the box's service list could not be read: ${describe(error)}` });
    }
  }
  if (sources === 0) throw lineupInvalid('options', 'no source: give url, json, or a platform with serviceList()');
  if (failures.length === sources) {
    const first = failures[0];
    throw first instanceof YiwangError ? first : lineupInvalid('serviceList', describe(first));
  }
  return { channels: mergeChannels(lineupChannels, platformChannels, warnings), warnings };
}

/**
 * Lineup channels win over the box's services with the same id or number; the box's other services are kept.
 * A box service repeating an id or number of an earlier one is skipped with a warning. Sorted by number.
 */
export function mergeChannels(lineup: readonly Channel[], platform: readonly Channel[], warnings: LineupWarning[] = []): Channel[] {
  const lineupIds = new Set(lineup.map((c) => c.id));
  const lineupNumbers = new Set(lineup.map((c) => c.number));
  const merged = [...lineup];
  platform.forEach((service, index) => {
    if (lineupIds.has(service.id) || lineupNumbers.has(service.number)) return;
    const taken = merged.find((c) => c.id === service.id || c.number === service.number);
    if (taken) {
      warnings.push({
        path: `serviceList[${String(index)}]`,
        message: `${service.id} (${String(service.number)}) repeats ${taken.id} (${String(taken.number)}); skipped`,
      });
      return;
    }
    merged.push({ ...service, origin: 'platform' });
  });
  return merged.sort((a, b) => a.number - b.number);
}

class OpenLineup implements Lineup {
  private readonly channelsSubject: BehaviorSubject<readonly Channel[]>;
  private readonly storedFavourites: BehaviorSubject<readonly string[]>;
  private readonly storedRecents: BehaviorSubject<readonly string[]>;
  private byIdMap = new Map<string, Channel>();
  private byNumberMap = new Map<number, Channel>();
  private currentWarnings: readonly LineupWarning[];
  private readonly broadcast?: BroadcastChannel;
  readonly channels$: Observable<readonly Channel[]>;
  readonly favourites$: Observable<readonly string[]>;
  readonly recents$: Observable<readonly string[]>;

  constructor(
    private readonly options: LineupOptions,
    loaded: LoadedChannels,
    private readonly store: ChannelStore,
    lists: { favourites: readonly string[]; recents: readonly string[] },
  ) {
    this.channelsSubject = new BehaviorSubject(loaded.channels);
    this.currentWarnings = loaded.warnings;
    this.index(loaded.channels);
    this.storedFavourites = new BehaviorSubject(lists.favourites);
    this.storedRecents = new BehaviorSubject(lists.recents);
    this.channels$ = this.channelsSubject.asObservable();
    // Listed: the stored ids whose channel is in the lineup now (the others wait for it to come back).
    const present = (ids$: Observable<readonly string[]>): Observable<readonly string[]> =>
      combineLatest([ids$, this.channelsSubject]).pipe(map(([ids]) => ids.filter((id) => this.byIdMap.has(id))));
    this.favourites$ = present(this.storedFavourites);
    this.recents$ = present(this.storedRecents);
    if (typeof BroadcastChannel !== 'undefined') {
      this.broadcast = new BroadcastChannel(`${CHANNELS_BROADCAST_CHANNEL}:${store.name}`);
      this.broadcast.onmessage = () => {
        void this.store.read().then((read) => {
          this.storedFavourites.next(read.favourites);
          this.storedRecents.next(read.recents);
        }, () => undefined);
      };
    }
  }

  get channels(): readonly Channel[] {
    return this.channelsSubject.value;
  }

  get warnings(): readonly LineupWarning[] {
    return this.currentWarnings;
  }

  private index(channels: readonly Channel[]): void {
    this.byIdMap = new Map(channels.map((c) => [c.id, c]));
    this.byNumberMap = new Map(channels.map((c) => [c.number, c]));
    for (const c of channels) {
      if (c.triplet) {
        const key = tripletId(c.triplet);
        if (!this.byIdMap.has(key)) this.byIdMap.set(key, c);
      }
    }
  }

  byId(id: string): Channel | undefined {
    const channel = this.byIdMap.get(id);
    // An id that only reached the map as a triplet key is found by byTriplet, not as an id.
    return channel?.id === id ? channel : undefined;
  }

  byNumber(number: number): Channel | undefined {
    return this.byNumberMap.get(number);
  }

  byTriplet(triplet: DvbTriplet): Channel | undefined {
    return this.byIdMap.get(tripletId(triplet));
  }

  isFavourite(id: string): boolean {
    return this.storedFavourites.value.includes(id);
  }

  async setFavourite(id: string, favourite: boolean): Promise<void> {
    if (favourite && !this.byId(id)) throw channelUnknown(id);
    const ids = await this.store.update('favourites', (stored) => {
      if (!favourite) return stored.filter((s) => s !== id);
      return stored.includes(id) ? stored : [...stored, id];
    });
    this.storedFavourites.next(ids);
    this.broadcast?.postMessage('favourites');
  }

  async addRecent(id: string): Promise<void> {
    if (!this.byId(id)) throw channelUnknown(id);
    const max = this.options.maxRecents ?? DEFAULT_MAX_RECENTS;
    const ids = await this.store.update('recents', (stored) => [id, ...stored.filter((s) => s !== id)].slice(0, max));
    this.storedRecents.next(ids);
    this.broadcast?.postMessage('recents');
  }

  async refresh(): Promise<void> {
    const loaded = await loadChannels(this.options);
    this.currentWarnings = loaded.warnings;
    this.index(loaded.channels);
    this.channelsSubject.next(loaded.channels);
  }

  close(): void {
    this.broadcast?.close();
    this.store.close();
    this.channelsSubject.complete();
    this.storedFavourites.complete();
    this.storedRecents.complete();
  }
}

/**
 * Opens the lineup: reads the JSON lineup (`url` fetched, or `json`) and the box's service list, merges them
 * (lineup wins on the same id or number), and opens the favourites/recents store. Rejects `LineupInvalid`
 * when no source could be read, `ChannelStoreFailed` when the store cannot be opened.
 *
 * Favourites and recents of channels missing from the lineup stay stored but are not listed, so they return
 * with their channel. `favourites$`, `recents$` and `channels$` replay their current value.
 */
export async function openLineup(options: LineupOptions): Promise<Lineup> {
  const loaded = await loadChannels(options);
  const store = await ChannelStore.open(options.dbName ?? DEFAULT_CHANNEL_DB_NAME);
  try {
    const lists = await store.read();
    return new OpenLineup(options, loaded, store, lists);
  } catch (error) {
    store.close();
    throw error;
  }
}
