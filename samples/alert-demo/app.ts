// Starts the alert demo in a container: the alert manager for the box's region, the SDK's overlay over a
// fake programme, alerts from the headend (MQTT over WebSocket), from the tuner (SCTE 18 in-band sections)
// and from QA tools (injected XML), and buttons and keys that inject sample alerts locally.
import type { Subscription } from 'rxjs';
import {
  connectAlertDelivery, createAlertManager, currentPlatform, mountAlertOverlay, parseAlert, remoteKeys,
  type ActiveAlert, type AlertDelivery, type AlertInput, type AlertManager, type AlertOrigin, type AlertOverlayHandle,
  type AlertOverlayOptions, type DetailsChannel, type IngestOutcome, type PlatformAdapter,
} from '../../sdk/index.js';
import { YwAlertDemo } from './demo-screen.js';
import { DEMO_CHANNELS, demoChannelOf, withDemoTuner } from './demo-tuner.js';
import { sampleAlert, type SampleId, type SampleMessage } from './sample-alerts.js';

/** The region when neither the page nor the box names one: Beijing, Chaoyang District. */
export const DEFAULT_REGION = '110105';

export interface AlertDemoOptions {
  /** Administrative region code. Default: the box's (`platform.region`), else `110105`. */
  readonly region?: string;
  /** The box. Default `currentPlatform()`. */
  readonly platform?: PlatformAdapter;
  /** Alert database name. Default: the SDK's. */
  readonly dbName?: string;
  /**
   * The headend's MQTT-over-WebSocket URL, or false for none. Default `ws(s)://<this host>/mqtt` (the
   * headend serves the demo and the broker from one origin).
   */
  readonly deliveryUrl?: string | false;
  /** Show drills (labelled 演练). Default true: it is a demo. */
  readonly drillMode?: boolean;
  /** Overlay options (the platform is the demo's). */
  readonly overlay?: Omit<AlertOverlayOptions, 'platform'>;
}

export interface AlertSummary {
  readonly key: string;
  readonly level: number;
  readonly headline: string;
  readonly drill: boolean;
}

export interface AlertDemoState {
  readonly region: string;
  readonly channel?: DetailsChannel;
  readonly overlay: 'none' | 'takeover' | 'banner';
  readonly active: readonly AlertSummary[];
  readonly drills: readonly AlertSummary[];
  readonly delivery: 'off' | 'connecting' | 'connected' | 'disconnected';
  /** In-band sections: received from the tuner, taken by the manager, unreadable. */
  readonly inband: { readonly received: number; readonly accepted: number; readonly rejected: number };
  /** The outcome of the latest message from any source. */
  readonly lastOutcome?: { readonly origin: AlertOrigin; readonly outcome: IngestOutcome } | { readonly origin: AlertOrigin; readonly error: string };
}

export interface AlertDemoHandle {
  /** Resolves when the manager restored its alerts, the overlay is mounted and the programme is on screen. */
  readonly ready: Promise<void>;
  readonly element: YwAlertDemo;
  readonly manager: AlertManager;
  readonly overlay: AlertOverlayHandle;
  state(): AlertDemoState;
  /** Injects a fresh sample alert as a local message. */
  inject(id: SampleId): Promise<IngestOutcome>;
  /** Sends a cancel for every sample alert still on screen, and dismisses the sample drills. */
  cancelAll(): Promise<void>;
  /** Stops everything and removes the demo (the alert database stays). */
  stop(): void;
}

function summary(a: ActiveAlert): AlertSummary {
  return { key: a.alert.key, level: a.alert.level, headline: a.text.headline ?? a.text.event ?? a.alert.event, drill: a.drill };
}

function describeOutcome(o: IngestOutcome): string {
  return o.accepted ? o.action : `not shown: ${o.reason}`;
}

export function startAlertDemo(container: HTMLElement, options: AlertDemoOptions = {}): AlertDemoHandle {
  const box = options.platform ?? currentPlatform();
  const platform = withDemoTuner(box);
  const region = options.region ?? box.region ?? DEFAULT_REGION;
  const deviceLocation = { regionCode: region };
  const manager = createAlertManager({
    location: deviceLocation, drillMode: options.drillMode ?? true, ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
  });
  // The overlay first: its key guard must be the first listener on window.
  const overlay = mountAlertOverlay(manager, { ...options.overlay, platform });

  const element = new YwAlertDemo();
  container.append(element);

  let active: readonly ActiveAlert[] = [];
  let drills: readonly ActiveAlert[] = [];
  let delivery: AlertDemoState['delivery'] = 'off';
  const inband = { received: 0, accepted: 0, rejected: 0 };
  let lastOutcome: AlertDemoState['lastOutcome'];
  const samples = new Map<string, SampleMessage>();
  const subscriptions: Subscription[] = [];

  const channelNow = (): DetailsChannel | undefined => platform.currentChannel?.();
  const render = (): void => {
    const channel = channelNow();
    element.channel = demoChannelOf(channel);
    element.channelLabel = channel ? `频道 ${JSON.stringify(channel)}` : '';
    element.now = Date.now();
    const last = lastOutcome
      ? `${lastOutcome.origin}: ${'error' in lastOutcome ? lastOutcome.error : describeOutcome(lastOutcome.outcome)}`
      : undefined;
    element.status = {
      region, delivery, inband: `${inband.accepted}/${inband.received}${inband.rejected ? ` (${inband.rejected} 无法解析)` : ''}`,
      active: active.length, drills: drills.length, ...(last ? { last } : {}),
    };
  };

  async function ingest(input: AlertInput, origin: AlertOrigin, format?: string): Promise<IngestOutcome | undefined> {
    try {
      const outcome = await manager.ingest(parseAlert(input, format), origin);
      lastOutcome = { origin, outcome };
      return outcome;
    } catch (err) {
      lastOutcome = { origin, error: err instanceof Error ? err.message : String(err) };
      console.warn(`[alert-demo] ${origin} message not taken:`, err);
      return undefined;
    } finally {
      render();
    }
  }

  async function inject(id: SampleId): Promise<IngestOutcome> {
    const sample = sampleAlert(id, region);
    samples.set(sample.key, sample);
    const outcome = await ingest(sample.xml, 'local');
    if (!outcome) throw new Error(`the ${id} sample did not parse: ${lastOutcome && 'error' in lastOutcome ? lastOutcome.error : ''}`);
    return outcome;
  }

  async function cancelAll(): Promise<void> {
    for (const a of active) {
      const sample = samples.get(a.alert.key);
      if (!sample) continue;
      samples.delete(a.alert.key);
      await ingest(sample.cancel(), 'local');
    }
    // A real cancel never acts on a drill (and EB has no drill cancel): drills are dismissed here instead.
    for (const d of drills) {
      if (!samples.delete(d.alert.key)) continue;
      await manager.dismiss(d.alert.key);
    }
  }

  async function zap(step: 1 | -1): Promise<void> {
    const current = DEMO_CHANNELS.findIndex((c) => c.number === channelNow()?.number);
    const next = DEMO_CHANNELS[(current + step + DEMO_CHANNELS.length) % DEMO_CHANNELS.length];
    if (next) await platform.tune?.({ number: next.number });
    render();
  }

  subscriptions.push(
    manager.active.subscribe((list) => {
      active = list;
      render();
    }),
    manager.drills.subscribe((list) => {
      drills = list;
      render();
    }),
  );
  if (platform.inbandAlerts) {
    subscriptions.push(platform.inbandAlerts.subscribe((bytes) => {
      inband.received++;
      void ingest(bytes, 'inband', 'scte18').then((outcome) => {
        if (outcome?.accepted) inband.accepted++;
        else if (!outcome) inband.rejected++;
        render();
      });
    }));
  }
  if (platform.injectedAlerts) {
    subscriptions.push(platform.injectedAlerts.subscribe((input) => void ingest(input, 'local')));
  }

  let connection: AlertDelivery | undefined;
  const deliveryUrl = options.deliveryUrl ?? `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/mqtt`;
  if (deliveryUrl !== false) {
    delivery = 'connecting';
    connection = connectAlertDelivery(manager, { url: deliveryUrl, location: deviceLocation });
    let seen = false;
    subscriptions.push(connection.connected.subscribe((up) => {
      if (up) seen = true;
      delivery = up ? 'connected' : seen ? 'disconnected' : 'connecting';
      render();
    }));
  }

  subscriptions.push(remoteKeys({ platform, groups: ['numeric'], keys: ['ChannelUp', 'ChannelDown'] }).subscribe((e) => {
    if (e.kind !== 'down') return;
    const sample = { '1': 'red', '2': 'orange', '3': 'yellow', '4': 'blue', '5': 'drill' } as const;
    if (e.key in sample) void inject(sample[e.key as keyof typeof sample]).catch(() => undefined);
    else if (e.key === '0') void cancelAll();
    else if (e.key === 'ChannelUp') void zap(1);
    else if (e.key === 'ChannelDown') void zap(-1);
  }));

  const onInject = (e: Event): void => {
    const id = (e as CustomEvent<SampleId>).detail;
    void inject(id).catch(() => undefined);
  };
  const onCancelAll = (): void => void cancelAll();
  element.addEventListener('inject', onInject);
  element.addEventListener('cancel-all', onCancelAll);
  // The clock, and the channel (the overlay may have force-tuned it).
  const timer = setInterval(render, 1000);
  render();

  const ready = manager.ready.then(() => element.updateComplete).then(() => undefined);

  return {
    ready, element, manager, overlay,
    inject, cancelAll,
    state: () => {
      const channel = channelNow();
      return {
        region, overlay: overlay.view().mode, active: active.map(summary), drills: drills.map(summary), delivery,
        inband: { ...inband }, ...(channel ? { channel } : {}), ...(lastOutcome ? { lastOutcome } : {}),
      };
    },
    stop() {
      clearInterval(timer);
      for (const s of subscriptions.splice(0)) s.unsubscribe();
      element.removeEventListener('inject', onInject);
      element.removeEventListener('cancel-all', onCancelAll);
      void connection?.close();
      overlay.unmount();
      manager.close();
      element.remove();
    },
  };
}
