// Page entry: live TV full screen, and a small hook for tests and benchmarks.
// Query parameters: `db` (prefix of the app's databases: a clean box per test), `pinAttempts` (wrong PINs
// before the lock-out), `guide` (a guide URL to import when the store is empty; `none` for no guide).
import { startLiveTv, type LiveTvState, type ZapEntry } from './app.js';
import type { ParentalControl } from '../../sdk/index.js';

export interface LiveTvHook {
  readonly ready: Promise<void>;
  state(): LiveTvState;
  /** The last zaps, oldest first (bounded). */
  zaps(limit?: number): ZapEntry[];
  /** Parental settings, for QA scripts (setting a PIN, locking a channel): the app has no settings menu. */
  parental(): Promise<ParentalControl>;
}

declare global {
  interface Window {
    liveTv?: LiveTvHook;
  }
}

const params = new URLSearchParams(window.location.search);
const db = params.get('db');
const attempts = Number(params.get('pinAttempts'));
const guide = params.get('guide');
const handle = startLiveTv(document.body, {
  ...(db ? { dbPrefix: db } : {}),
  ...(Number.isInteger(attempts) && attempts > 0 ? { pinAttempts: attempts } : {}),
  ...(guide ? { guideUrl: guide === 'none' ? false : guide } : {}),
});
handle.ready.catch((error: unknown) => console.error('[live-tv] did not start:', error));
window.liveTv = {
  ready: handle.ready,
  state: () => handle.state(),
  zaps: (limit) => handle.zaps(limit),
  parental: () => handle.services.then((s) => s.parental),
};
