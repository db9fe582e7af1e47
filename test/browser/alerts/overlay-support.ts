// Shared by the overlay tests: a fake alert manager (the overlay only needs active, drills and dismiss),
// alerts built from a few fields, and a platform that records tuning and volume calls.
import { BehaviorSubject } from 'rxjs';
import type { ActiveAlert } from '../../../sdk/alerts/manager/alert-manager-types.js';
import type { AlertOverlaySource } from '../../../sdk/alerts/overlay/index.js';
import type { Alert, AlertLevel, AlertText, DetailsChannel } from '../../../sdk/alerts/model.js';
import { testPlatform, type TestPlatform } from '../keys/test-platform.js';

export interface FakeManager extends AlertOverlaySource {
  readonly activeSubject: BehaviorSubject<readonly ActiveAlert[]>;
  readonly drillSubject: BehaviorSubject<readonly ActiveAlert[]>;
  readonly dismissed: string[];
  set(...alerts: ActiveAlert[]): void;
  setDrills(...alerts: ActiveAlert[]): void;
}

/** Orders like the real manager: level 1 first, then the newest. */
function ordered(alerts: readonly ActiveAlert[]): ActiveAlert[] {
  return [...alerts].sort((a, b) => a.alert.level - b.alert.level || b.alert.effective - a.alert.effective);
}

export function fakeManager(): FakeManager {
  const activeSubject = new BehaviorSubject<readonly ActiveAlert[]>([]);
  const drillSubject = new BehaviorSubject<readonly ActiveAlert[]>([]);
  const dismissed: string[] = [];
  return {
    activeSubject,
    drillSubject,
    dismissed,
    active: activeSubject.asObservable(),
    drills: drillSubject.asObservable(),
    set: (...alerts) => activeSubject.next(ordered(alerts)),
    setDrills: (...alerts) => drillSubject.next(ordered(alerts)),
    dismiss(key) {
      dismissed.push(key);
      const before = activeSubject.value.length + drillSubject.value.length;
      activeSubject.next(activeSubject.value.filter((a) => a.alert.key !== key));
      drillSubject.next(drillSubject.value.filter((a) => a.alert.key !== key));
      return Promise.resolve(activeSubject.value.length + drillSubject.value.length < before);
    },
  };
}

export interface AlertSpec {
  readonly key?: string;
  readonly level: AlertLevel;
  readonly language?: string;
  readonly text?: AlertText;
  readonly detailsChannel?: DetailsChannel;
  readonly exceptions?: readonly DetailsChannel[];
  readonly drill?: boolean;
  readonly sent?: number;
}

let serial = 0;

export function activeAlert(spec: AlertSpec): ActiveAlert {
  const key = spec.key ?? `cap:test/${++serial}`;
  const sent = spec.sent ?? Date.UTC(2025, 6, 1, 6, 30);
  const language = spec.language ?? 'zh-CN';
  const text: AlertText = spec.text ?? {
    event: '大风', headline: `大风${['红', '橙', '黄', '蓝'][spec.level - 1] ?? ''}色预警`,
    description: '预计未来12小时内本区将出现10级以上大风。', instruction: '请留在室内，远离广告牌和临时搭建物。',
    senderName: '北京市气象台',
  };
  const alert: Alert = {
    key, format: 'cap', identifier: key.split('/').pop() ?? key, sender: 'test@example.cn', sent,
    status: spec.drill ? 'exercise' : 'actual', msgType: 'alert', scope: 'public', references: [], referenceKeys: [],
    level: spec.level, levelSource: 'china-level', event: text.event ?? text.headline ?? 'alert', texts: { [language]: text }, areas: [],
    effective: sent, exceptions: spec.exceptions ?? [], resources: [], parameters: [],
    ...(spec.detailsChannel ? { detailsChannel: spec.detailsChannel } : {}),
  };
  return { alert, language, text, receivedAt: sent, drill: spec.drill ?? false };
}

export interface AlertTestPlatform extends TestPlatform {
  /** Every call, in order: `tune:{…}`, `volume:70`, `muted:false`. */
  readonly calls: string[];
  channel: DetailsChannel | undefined;
  volume: number;
  muted: boolean;
}

/** A keyboard-profile box with a tuner and volume that record what the overlay asks of them. */
export function alertTestPlatform(options: { channel?: DetailsChannel; volume?: number; muted?: boolean } = {}): AlertTestPlatform {
  const base = testPlatform('keyboard');
  const calls: string[] = [];
  const p: AlertTestPlatform = Object.assign(base, {
    calls,
    channel: options.channel,
    volume: options.volume ?? 20,
    muted: options.muted ?? false,
    tune(target: DetailsChannel) {
      calls.push(`tune:${JSON.stringify(target)}`);
      p.channel = target;
      return Promise.resolve();
    },
    currentChannel: () => p.channel,
    getVolume: () => Promise.resolve(p.volume),
    setVolume(volume: number) {
      calls.push(`volume:${volume}`);
      p.volume = volume;
      return Promise.resolve();
    },
    isMuted: () => Promise.resolve(p.muted),
    setMuted(muted: boolean) {
      calls.push(`muted:${muted}`);
      p.muted = muted;
      return Promise.resolve();
    },
  });
  return p;
}

/** `value`, or a thrown error naming what was missing (the lint forbids `!`). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}`);
  return value;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for lit to render and the browser to lay out. */
export async function frame(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A stub AudioContext that records the oscillators it was asked for (headless Chromium has no speakers to listen to). */
export function stubAudioContext(): { create: () => AudioContext; frequencies: number[]; created: number } {
  const record = { frequencies: [] as number[], created: 0, create: (): AudioContext => {
    record.created++;
    const ctx = new OfflineAudioContext(1, 44100, 44100);
    const createOscillator = ctx.createOscillator.bind(ctx);
    Object.assign(ctx, {
      resume: () => Promise.resolve(),
      close: () => Promise.resolve(),
      createOscillator: () => {
        const osc = createOscillator();
        const start = osc.start.bind(osc);
        osc.start = (when?: number) => {
          record.frequencies.push(osc.frequency.value);
          start(when);
        };
        return osc;
      },
    });
    return ctx as unknown as AudioContext;
  } };
  return record;
}
