import { YwEmulator } from '../../../apps/emulator/emulator-app.js';
import type { DeviceFixture } from './fixtures/device.js';

export const DEVICE_URL = '/test/browser/emulator/fixtures/device.html';
export const PLAIN_URL = '/test/browser/emulator/fixtures/plain.html';

const mounted: YwEmulator[] = [];

/** Mounts a `<yw-emulator>` running the fixture device and waits until it is ready. */
export async function mountEmulator(options: { deviceUrl?: string; profile?: string } = {}): Promise<YwEmulator> {
  const el = new YwEmulator();
  el.deviceUrl = options.deviceUrl ?? DEVICE_URL;
  if (options.profile) el.profile = options.profile;
  el.style.cssText = 'width:1200px;height:700px';
  document.body.append(el);
  mounted.push(el);
  await el.ready;
  return el;
}

export function unmountAll(): void {
  for (const el of mounted.splice(0)) el.remove();
}

/** The recorder inside the fixture device (same-origin only). */
export function fixtureOf(el: YwEmulator): DeviceFixture {
  const fixture = el.deviceFrame?.contentWindow?.deviceFixture;
  if (!fixture) throw new Error('the fixture device is not running');
  return fixture;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` every 20 ms; rejects naming `what` after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The error a promise rejects with; fails when it resolves or rejects with a non-Error. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    // An Error made in the device frame's realm fails instanceof but is one.
    if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string'
      && typeof (err as { name?: unknown }).name === 'string') return err as Error;
    throw new Error(`rejected with a non-Error: ${String(err)}`, { cause: err });
  }
  throw new Error('expected a rejection');
}
