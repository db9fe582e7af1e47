// The demo's channels, and a tuner for boxes that have none (a desktop browser): the overlay's force-tune
// then shows on the fake programme as well as in the emulator.
import type { DetailsChannel, PlatformAdapter } from '../../sdk/index.js';
import { EMERGENCY_CHANNEL_NUMBER } from './sample-alerts.js';

export interface DemoChannel {
  readonly number: number;
  readonly name: string;
  /** Two colours of the moving picture. */
  readonly colours: readonly [string, string];
}

export const DEMO_CHANNELS: readonly DemoChannel[] = [
  { number: 1, name: 'CCTV-1 综合', colours: ['#1d4e89', '#3aa0c8'] },
  { number: 2, name: 'CCTV-2 财经', colours: ['#6a2c70', '#c06c84'] },
  { number: 5, name: 'CCTV-5 体育', colours: ['#2d6a4f', '#95d5b2'] },
  { number: 13, name: 'CCTV-13 新闻', colours: ['#7f5539', '#ddb892'] },
  { number: EMERGENCY_CHANNEL_NUMBER, name: '应急广播频道', colours: ['#5c0a0a', '#d00000'] },
];

/** The demo channel a details channel names (by logical number), if any. */
export function demoChannelOf(channel: DetailsChannel | undefined): DemoChannel | undefined {
  return channel?.number === undefined ? undefined : DEMO_CHANNELS.find((c) => c.number === channel.number);
}

/**
 * `platform` itself when it can tune; otherwise a copy with a simulated tuner starting on channel 1 (the
 * copy is what the demo hands to the overlay).
 */
export function withDemoTuner(platform: PlatformAdapter): PlatformAdapter {
  if (platform.tune && platform.currentChannel) return platform;
  let current: DetailsChannel = { number: DEMO_CHANNELS[0]?.number ?? 1 };
  return {
    ...platform,
    tune(target) {
      current = { ...target };
      return Promise.resolve();
    },
    currentChannel: () => current,
  };
}
