// A simulated box at the platform seam for tuner tests: a player that honours the Player contract (a
// BehaviorSubject state, play resolving after a delay through setTimeout, interruption by a newer play or a
// stop), a signal subject, tune requests and a record of reported tunes. Nothing of the tuner is mocked.
import { BehaviorSubject, Subject } from 'rxjs';
import {
  ErrorCategory, ErrorCode, ErrorSeverity, YiwangError, type Channel, type PlatformAdapter, type PlaySource, type Player,
  type PlayerState, type TuneRequest, type TuneResult, type VideoWindow,
} from '../../../../sdk/index.js';

type PlayerErrorCode = typeof ErrorCode.PlayerLoadFailed | typeof ErrorCode.PlayerSourceUnsupported
  | typeof ErrorCode.PlayerDecodeFailed | typeof ErrorCode.PlayerDrmFailed;

export interface TestPlayerOptions {
  /** ms from play() to the first frame; per channel id or one for all. Default 10. */
  readonly delayMs?: number | ((source: PlaySource) => number);
}

const IDLE: PlayerState = {
  status: 'idle', live: false, audioTracks: [], subtitleTracks: [], volume: 100, muted: false, window: { mode: 'fullscreen' },
};

function playerError(code: ErrorCode, message: string, data: Record<string, unknown> = {}): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Player, code, message, data);
}

/** A player without a decoder: "first frame" is a timer. Failures are scripted per channel id. */
export class TestPlayer implements Player {
  private readonly subject = new BehaviorSubject<PlayerState>(IDLE);
  private pending?: { readonly timer: ReturnType<typeof setTimeout>; readonly reject: (error: YiwangError) => void; readonly source: PlaySource };
  private destroyed = false;
  /** Channel id → error code its play fails with. */
  readonly failures = new Map<string, PlayerErrorCode>();
  /** Every source asked for, in order. */
  readonly plays: PlaySource[] = [];
  readonly state$ = this.subject.asObservable();

  constructor(private readonly options: TestPlayerOptions = {}) {}

  get state(): PlayerState {
    return this.subject.value;
  }

  /** The channel id the picture shows now (playing), or undefined. */
  get showing(): string | undefined {
    const source = this.state.source;
    return this.state.status === 'playing' && source?.kind === 'channel' ? source.channel.id : undefined;
  }

  private assertAlive(): void {
    if (this.destroyed) throw playerError(ErrorCode.PlayerDestroyed, 'destroyed');
  }

  private interruptPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.reject(playerError(ErrorCode.PlayerInterrupted, 'superseded before the first frame', { source: pending.source }));
  }

  private delayFor(source: PlaySource): number {
    const delay = this.options.delayMs ?? 10;
    return typeof delay === 'number' ? delay : delay(source);
  }

  play(source: PlaySource): Promise<void> {
    this.assertAlive();
    this.interruptPending();
    this.plays.push(source);
    this.subject.next({ ...this.state, status: 'loading', source, live: source.kind === 'channel', firstFrameAt: undefined, error: undefined });
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        const failure = source.kind === 'channel' ? this.failures.get(source.channel.id) : undefined;
        if (failure !== undefined) {
          const error = playerError(failure, `scripted ${String(failure)}`, { source });
          this.subject.next({ ...this.state, status: 'error', error });
          reject(error);
          return;
        }
        this.subject.next({ ...this.state, status: 'playing', firstFrameAt: performance.now() });
        resolve();
      }, this.delayFor(source));
      this.pending = { timer, reject, source };
    });
  }

  pause(): Promise<void> {
    this.assertAlive();
    if (this.state.status === 'playing') this.subject.next({ ...this.state, status: 'paused' });
    return Promise.resolve();
  }

  resume(): Promise<void> {
    this.assertAlive();
    if (this.state.status === 'paused') this.subject.next({ ...this.state, status: 'playing' });
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.assertAlive();
    this.interruptPending();
    this.subject.next({ ...this.state, status: 'stopped', source: undefined, firstFrameAt: undefined, error: undefined });
    return Promise.resolve();
  }

  seek(): Promise<void> {
    return Promise.reject(playerError(ErrorCode.PlayerOperationInvalid, 'live channels cannot seek', { operation: 'seek', reason: 'live' }));
  }

  selectAudioTrack(id: string): Promise<void> {
    return Promise.reject(playerError(ErrorCode.PlayerOperationInvalid, `no audio track ${id}`, { operation: 'selectAudioTrack', reason: 'unknown track' }));
  }

  selectSubtitleTrack(id: string | undefined): Promise<void> {
    if (id === undefined) return Promise.resolve();
    return Promise.reject(playerError(ErrorCode.PlayerOperationInvalid, `no subtitle track ${id}`, { operation: 'selectSubtitleTrack', reason: 'unknown track' }));
  }

  setVolume(volume: number): Promise<void> {
    this.subject.next({ ...this.state, volume: Math.min(100, Math.max(0, volume)) });
    return Promise.resolve();
  }

  setMuted(muted: boolean): Promise<void> {
    this.subject.next({ ...this.state, muted });
    return Promise.resolve();
  }

  setVideoWindow(window: VideoWindow): Promise<void> {
    this.subject.next({ ...this.state, window });
    return Promise.resolve();
  }

  destroy(): void {
    this.interruptPending();
    this.destroyed = true;
    this.subject.complete();
  }
}

export interface TestLivePlatform extends PlatformAdapter {
  readonly signalSubject: BehaviorSubject<boolean>;
  readonly requests: Subject<TuneRequest>;
  /** Every reportTune call, in order. */
  readonly reports: Array<{ readonly result: TuneResult; readonly request?: TuneRequest }>;
}

export function testLivePlatform(services: readonly Channel[] = []): TestLivePlatform {
  const signalSubject = new BehaviorSubject(true);
  const requests = new Subject<TuneRequest>();
  const reports: Array<{ result: TuneResult; request?: TuneRequest }> = [];
  return {
    id: 'test-live',
    keyProfileId: 'emulator',
    keyTarget: new EventTarget(),
    supportsKeyRegistration: () => false,
    registerKeys: () => Promise.resolve(),
    unregisterKeys: () => Promise.resolve(),
    serviceList: () => Promise.resolve(services),
    signal: signalSubject.asObservable(),
    tuneRequests: requests.asObservable(),
    reportTune(result, request) {
      reports.push(request ? { result, request } : { result });
    },
    signalSubject,
    requests,
    reports,
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (polling each 5 ms), failing after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

let dbCounter = 0;
/** A database name no other test uses. */
export function uniqueDbName(prefix: string): string {
  dbCounter++;
  return `${prefix}-${String(Date.now())}-${String(dbCounter)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}
