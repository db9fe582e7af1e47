// Page entry: starts the sample full screen and exposes a small hook for tests and benchmarks.
import { modeFromSearch, startHelloRemote, type HelloRemoteState } from './app.js';

export interface HelloRemoteHook {
  readonly ready: Promise<void>;
  state(): HelloRemoteState;
}

declare global {
  interface Window {
    helloRemote?: HelloRemoteHook;
  }
}

const handle = startHelloRemote(document.body, { mode: modeFromSearch(window.location.search) });
window.helloRemote = { ready: handle.ready, state: () => handle.state() };
