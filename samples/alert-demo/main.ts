// Page entry: the demo full screen, and a small hook for tests and QA scripts.
// Query parameters: `region` (administrative code; default the box's, else 110105), `db` (alert database
// name), `delivery=off` (no headend connection), `speech` (read alerts aloud), `min` (minimum display ms
// before a banner can be dismissed).
import { startAlertDemo, type AlertDemoState } from './app.js';

export interface AlertDemoHook {
  readonly ready: Promise<void>;
  state(): AlertDemoState;
}

declare global {
  interface Window {
    alertDemo?: AlertDemoHook;
  }
}

const params = new URLSearchParams(window.location.search);
const region = params.get('region');
const db = params.get('db');
const min = Number(params.get('min'));
const handle = startAlertDemo(document.body, {
  ...(region ? { region } : {}),
  ...(db ? { dbName: db } : {}),
  ...(params.get('delivery') === 'off' ? { deliveryUrl: false } : {}),
  overlay: {
    ...(params.has('speech') ? { speech: true } : {}),
    ...(params.has('min') && Number.isFinite(min) && min >= 0 ? { minDisplayMs: min } : {}),
  },
});
window.alertDemo = { ready: handle.ready, state: () => handle.state() };
