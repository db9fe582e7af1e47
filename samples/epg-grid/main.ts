// Page entry: the guide full screen, and a small hook for tests and benchmarks.
// Query parameters: `guide` (URL of a guide to load into an empty store), `db` (guide database name).
import type { EpgImportResult } from '../../sdk/index.js';
import { startEpgGrid, type EpgGridState } from './app.js';

export interface EpgGridHook {
  readonly ready: Promise<void>;
  /** `performance.now()` when the first grid with programme cells was painted (the frame after its render). */
  readonly firstGridPaint: Promise<number>;
  /** The import of `?guide=` (programmes imported, or an error), or undefined when none ran. */
  readonly defaultGuide: Promise<EpgImportResult | undefined>;
  state(): EpgGridState;
}

declare global {
  interface Window {
    epgGrid?: EpgGridHook;
  }
}

const params = new URLSearchParams(window.location.search);
const guideUrl = params.get('guide');
const guideName = params.get('db');
const handle = startEpgGrid(document.body, {
  ...(guideUrl ? { guideUrl } : {}),
  ...(guideName ? { guideName } : {}),
});
window.epgGrid = {
  ready: handle.ready, firstGridPaint: handle.firstGridPaint, defaultGuide: handle.defaultGuide, state: () => handle.state(),
};
