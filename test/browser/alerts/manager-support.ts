// Alert manager tests: Alert objects built directly, a settable clock, managers on unique databases that are
// closed and deleted after each test.
import { deleteDB } from 'idb';
import { firstValueFrom, type Observable } from 'rxjs';
import { createAlertManager } from '../../../sdk/alerts/manager/alert-manager.js';
import type { ActiveAlert, AlertManager, AlertManagerOptions } from '../../../sdk/alerts/manager/alert-manager-types.js';
import type { Alert, AlertArea } from '../../../sdk/alerts/model.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** 2025-06-01 16:00 Beijing time. */
export const T0 = Date.UTC(2025, 5, 1, 8);

/** A clock tests set by hand. */
export class TestClock {
  constructor(public t: number = T0 + MINUTE) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

let counter = 0;

/** A public, actual, level-2 CAP alert in Chinese for everywhere, sent at T0, unless `init` says otherwise. */
export function makeAlert(init: Partial<Alert> = {}): Alert {
  const format = init.format ?? 'cap';
  const identifier = init.identifier ?? `TEST-${++counter}`;
  const sender = init.sender ?? 'cma@example.cn';
  const sent = init.sent ?? T0;
  const key = format === 'cap' ? `cap:${sender}/${identifier}` : `${format}:${identifier}`;
  return {
    key, format, identifier, sender, sent,
    status: 'actual', msgType: 'alert', scope: 'public',
    references: [], referenceKeys: [],
    level: 2, levelSource: 'cap-severity',
    event: '大风',
    texts: { 'zh-cn': { headline: '大风橙色预警', event: '大风' } },
    areas: [],
    effective: init.effective ?? sent,
    exceptions: [], resources: [], parameters: [],
    ...init,
  };
}

/** `references` and `referenceKeys` naming `alerts`, as a parser would give them. */
export function referencing(...alerts: Alert[]): Pick<Alert, 'references' | 'referenceKeys'> {
  return {
    references: alerts.map((a) => ({ sender: a.sender, identifier: a.identifier, sent: a.sent })),
    referenceKeys: alerts.map((a) => a.key),
  };
}

/** An area with only the given parts. */
export function area(parts: Partial<AlertArea>): AlertArea {
  return { regionCodes: [], polygons: [], circles: [], geocodes: [], ...parts };
}

const opened: AlertManager[] = [];
const names = new Set<string>();

export function uniqueDbName(label = 'alerts'): string {
  const name = `test-${label}-${crypto.randomUUID()}`;
  names.add(name);
  return name;
}

/** A manager on a fresh database (or on `options.dbName`), restored; closed and deleted by `cleanUp`. */
export async function openManager(options: AlertManagerOptions = {}): Promise<AlertManager> {
  const dbName = options.dbName ?? uniqueDbName();
  names.add(dbName);
  const manager = createAlertManager({ languages: ['zh-CN'], ...options, dbName });
  opened.push(manager);
  await manager.ready;
  return manager;
}

export async function cleanUp(): Promise<void> {
  for (const manager of opened.splice(0)) manager.close();
  const all = [...names];
  names.clear();
  await Promise.all(all.map((name) => deleteDB(name)));
}

/** The current value of a BehaviorSubject-like stream. */
export function current<T>(stream: Observable<T>): Promise<T> {
  return firstValueFrom(stream);
}

/** Keys of what is on `active` now. */
export async function activeKeys(manager: AlertManager): Promise<string[]> {
  return (await current(manager.active)).map((a: ActiveAlert) => a.alert.key);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with the first value of `stream` that passes `test`; rejects after `timeoutMs`. */
export function waitFor<T>(stream: Observable<T>, test: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`no matching value within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = stream.subscribe((value) => {
      if (!test(value)) return;
      clearTimeout(timer);
      queueMicrotask(() => subscription.unsubscribe());
      resolve(value);
    });
  });
}
