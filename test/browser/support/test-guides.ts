// Guide stores for tests: unique database names, closed and deleted after each test.
import { deleteDB } from 'idb';
import { openGuide, type EpgStore, type OpenGuideOptions } from '../../../sdk/epg/store/index.js';

const opened: EpgStore[] = [];
const names = new Set<string>();

export function uniqueGuideName(label = 'guide'): string {
  const name = `test-${label}-${crypto.randomUUID()}`;
  names.add(name);
  return name;
}

/** Opens a store on a fresh database (or on `options.name`), remembered for `deleteTestGuides`. */
export async function openTestGuide(options: OpenGuideOptions = {}): Promise<EpgStore> {
  const name = options.name ?? uniqueGuideName();
  names.add(name);
  const guide = await openGuide({ ...options, name });
  opened.push(guide);
  return guide;
}

/** Closes every store opened by `openTestGuide` and deletes their databases. */
export async function deleteTestGuides(): Promise<void> {
  for (const guide of opened.splice(0)) guide.close();
  const all = [...names];
  names.clear();
  await Promise.all(all.map((name) => deleteDB(name)));
}

/** Resolves after `ms` of real time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
