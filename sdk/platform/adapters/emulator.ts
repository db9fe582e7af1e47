/**
 * The Yiwang emulator's simulated box. Recognised when the page runs in the emulator's device frame;
 * takes its key profile from the host, reports registrations and delivered keys to the host (the key
 * log), replays raw keys the host posts when it cannot dispatch into a cross-origin frame, and delivers the
 * guide files the host's EPG panel sends as `epgFeeds`, answering each with its import result. For alerts it
 * simulates the tuner and audio (tune, volume and mute go to the host, which shows them; the host's state
 * comes back as `tuner-state`), delivers the alert panel's in-band sections and injected XML, and reads
 * the box's region from the frame name. For live TV it is a cable box: its CA library (`ca`, an RPC client of
 * the host's simulated smart card or DCAS, see `emulator-ca.ts`), the tuner's signal, the channel changes
 * the host asks the app's tuner for and the results reported back (`emulator-tuning.ts`), and a player that
 * shows channels as a live test card.
 */
import { findKeyProfile } from '../../keys/key-profile-registry.js';
import { Observable, type Subscriber } from 'rxjs';
import type { AlertInput } from '../../alerts/model.js';
import type { Player } from '../../player/player.js';
import type { EpgFeed, EpgImportResult, PlatformAdapter } from '../platform-adapter.js';
import { PlatformPriority, registerPlatformAdapter } from '../platform-registry.js';
import { createRawKeyEvent } from '../raw-key-event.js';
import {
  isHostAlertInband, isHostAlertInject, isHostCaEvent, isHostCaInfo, isHostCaResult, isHostEpgFeed, isHostRawKey,
  isHostSignal, isHostTuneRequest, isHostTunerState, parseEmulatorFrameName, type DeviceToHostMessage,
  type HostToDeviceEpgFeed,
} from './emulator-protocol.js';
import { EmulatorCaClient } from './emulator-ca.js';
import { EmulatorTuning } from './emulator-tuning.js';
import { createEmulatorPlayer } from './emulator-player.js';

/** Feeds kept for an app that has not subscribed yet; older ones are answered as dropped. */
const MAX_PENDING_FEEDS = 4;

/**
 * The host's guide files as a hot Observable. Feeds that arrive before the first subscriber wait for it
 * (an app connects its store after opening it, a moment after start-up); each is answered exactly once.
 */
class EmulatorEpgFeeds {
  readonly feeds: Observable<EpgFeed>;
  private readonly subscribers = new Set<Subscriber<EpgFeed>>();
  private readonly pending: EpgFeed[] = [];
  private readonly ids = new WeakMap<EpgFeed, string>();

  constructor(private readonly post: (message: DeviceToHostMessage) => void) {
    this.feeds = new Observable<EpgFeed>((subscriber) => {
      this.subscribers.add(subscriber);
      if (this.subscribers.size === 1) this.post({ source: 'yiwang-device', type: 'epg-feeds', connected: true });
      for (const feed of this.pending.splice(0)) subscriber.next(feed);
      return () => {
        this.subscribers.delete(subscriber);
        if (this.subscribers.size === 0) this.post({ source: 'yiwang-device', type: 'epg-feeds', connected: false });
      };
    });
  }

  receive(message: HostToDeviceEpgFeed): void {
    const feed: EpgFeed = {
      name: message.name, bytes: message.bytes, ...(message.format === undefined ? {} : { format: message.format }),
    };
    this.ids.set(feed, message.id);
    if (this.subscribers.size > 0) {
      for (const subscriber of [...this.subscribers]) subscriber.next(feed);
      return;
    }
    this.pending.push(feed);
    const dropped = this.pending.length > MAX_PENDING_FEEDS ? this.pending.shift() : undefined;
    if (dropped) {
      this.report({
        name: dropped.name, channels: 0, programmes: 0, skipped: 0, repaired: 0, expired: 0, warnings: [], ms: 0,
        error: { message: `dropped: the app had not connected its guide store, and ${MAX_PENDING_FEEDS} newer feeds were waiting` },
      }, dropped);
    }
  }

  report(result: EpgImportResult, feed: EpgFeed): void {
    const id = this.ids.get(feed);
    // Several subscribers may each import the same feed: the first result answers the host.
    if (id === undefined) return;
    this.ids.delete(feed);
    this.post({ source: 'yiwang-device', type: 'epg-import', id, result });
  }
}

/** Alerts kept for an app that has not subscribed yet (the oldest are dropped: a carousel repeats them anyway). */
const MAX_PENDING_ALERTS = 8;

/** A hot stream of what the host injects; items that arrive before the first subscriber wait for it. */
class HeldStream<T> {
  readonly stream: Observable<T>;
  private readonly subscribers = new Set<Subscriber<T>>();
  private readonly pending: T[] = [];

  constructor() {
    this.stream = new Observable<T>((subscriber) => {
      this.subscribers.add(subscriber);
      for (const item of this.pending.splice(0)) subscriber.next(item);
      return () => this.subscribers.delete(subscriber);
    });
  }

  push(item: T): void {
    if (this.subscribers.size === 0) {
      this.pending.push(item);
      if (this.pending.length > MAX_PENDING_ALERTS) this.pending.shift();
      return;
    }
    for (const subscriber of [...this.subscribers]) subscriber.next(item);
  }
}

/** Until the host says otherwise: no known channel, a middling volume. */
const DEFAULT_VOLUME = 50;

/** The framing page's origin from the referrer, or '*' when the browser sends none. */
function hostOriginOf(env: Window): string {
  try {
    return env.document.referrer ? new URL(env.document.referrer).origin : '*';
  } catch {
    return '*';
  }
}

function createEmulatorAdapter(env: Window): PlatformAdapter {
  const config = parseEmulatorFrameName(env.name);
  if (!config) throw new Error('not running in the Yiwang emulator frame');
  // Keys (a PIN typed on the remote) go to the page that framed this one, and only that page may drive
  // it: its origin is known from the referrer when the browser sends one.
  const hostOrigin = hostOriginOf(env);
  const post = (message: DeviceToHostMessage): void => env.parent.postMessage(message, hostOrigin);
  const epg = new EmulatorEpgFeeds(post);
  const inband = new HeldStream<Uint8Array>();
  const injected = new HeldStream<AlertInput>();
  const ca = new EmulatorCaClient({ post });
  const tuning = new EmulatorTuning(post, undefined, config.signal ?? true);
  let player: Player | undefined;
  // The device's copy of the host's audio state, so reads need no round trip.
  let volume = DEFAULT_VOLUME;
  let muted = false;
  env.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== env.parent || (hostOrigin !== '*' && e.origin !== hostOrigin)) return;
    if (isHostRawKey(e.data)) {
      const target = env.document.activeElement ?? env.document.body;
      target.dispatchEvent(createRawKeyEvent(e.data.eventType, e.data.binding, e.data.repeat));
    } else if (isHostEpgFeed(e.data)) {
      epg.receive(e.data);
    } else if (isHostAlertInband(e.data)) {
      inband.push(e.data.bytes);
    } else if (isHostAlertInject(e.data)) {
      injected.push(e.data.xml);
    } else if (isHostTunerState(e.data)) {
      tuning.channel = e.data.channel;
      volume = e.data.volume;
      muted = e.data.muted;
    } else if (isHostCaResult(e.data)) {
      ca.receiveResult(e.data);
    } else if (isHostCaEvent(e.data)) {
      ca.receiveEvent(e.data);
    } else if (isHostCaInfo(e.data)) {
      ca.receiveInfo(e.data);
    } else if (isHostSignal(e.data)) {
      tuning.receiveSignal(e.data.ok);
    } else if (isHostTuneRequest(e.data)) {
      tuning.receiveRequest(e.data);
    }
  });
  post({ source: 'yiwang-device', type: 'hello', profile: config.profile });
  // Leaving the page (a navigation inside the frame, a reload) is a reboot for the box: what this page
  // started with it (its tuner, CA listener and services) ends.
  env.addEventListener('pagehide', () => post({ source: 'yiwang-device', type: 'bye' }));
  return {
    id: 'emulator',
    keyProfileId: config.profile,
    keyTarget: env,
    supportsKeyRegistration: () => findKeyProfile(config.profile).registration !== 'none',
    registerKeys(keys) {
      post({ source: 'yiwang-device', type: 'register-keys', keys: [...keys] });
      return Promise.resolve();
    },
    unregisterKeys(keys) {
      post({ source: 'yiwang-device', type: 'unregister-keys', keys: [...keys] });
      return Promise.resolve();
    },
    observeKeyEvent(event) {
      post({ source: 'yiwang-device', type: 'key', event });
    },
    epgFeeds: epg.feeds,
    reportEpgImport(result, feed) {
      epg.report(result, feed);
    },
    tune: (target) => tuning.tune(target),
    currentChannel: () => tuning.channel,
    getVolume: () => Promise.resolve(volume),
    setVolume(value) {
      volume = Math.round(Math.min(100, Math.max(0, Number.isFinite(value) ? value : volume)));
      post({ source: 'yiwang-device', type: 'volume', volume });
      return Promise.resolve();
    },
    isMuted: () => Promise.resolve(muted),
    setMuted(value) {
      muted = value;
      post({ source: 'yiwang-device', type: 'volume', muted });
      return Promise.resolve();
    },
    inbandAlerts: inband.stream,
    injectedAlerts: injected.stream,
    ...(config.region === undefined ? {} : { region: config.region }),
    ca,
    signal: tuning.signal,
    tuneRequests: tuning.requests,
    reportTune: (result, request) => tuning.report(result, request),
    createPlayer(options) {
      // One decoder per box: a second call gets the same player until it is destroyed.
      if (player) return player;
      const created = createEmulatorPlayer(options, () => {
        if (player === created) player = undefined;
      });
      player = created;
      return created;
    },
  };
}

registerPlatformAdapter(
  {
    id: 'emulator',
    // Only inside a frame: a stale window.name left by an earlier page on a top-level box browser must
    // not turn a real box into an emulated one.
    detect: (env) => env.parent !== env && parseEmulatorFrameName(env.name) !== undefined,
    create: createEmulatorAdapter,
  },
  PlatformPriority.EMULATOR,
);
