/**
 * The ECM key of a channel: the key prompts are cleared by. A channel with `ca.ecmPid` uses it. A scrambled
 * channel without one (IPTV, the emulator's lineup) gets a synthetic key, allocated once per channel id for
 * the session, counting up from 0x10000: real PIDs are 13-bit (≤ 0x1FFF), so a synthetic key never equals a
 * real ECM PID nor 0 (the "not tied to an ECM" value). The module is started with that key as `ecmPid`, so its
 * block/unblock events name it and the per-ECM rules work the same.
 */
import type { Channel } from '../channels/channel.js';
import type { CaService } from './ca-module.js';

export const SYNTHETIC_ECM_BASE = 0x10000;

export class EcmKeys {
  readonly #synthetic = new Map<string, number>();

  keyFor(channel: Channel): number {
    const pid = channel.ca?.ecmPid;
    if (pid !== undefined && pid > 0) return pid;
    let key = this.#synthetic.get(channel.id);
    if (key === undefined) {
      key = SYNTHETIC_ECM_BASE + this.#synthetic.size;
      this.#synthetic.set(channel.id, key);
    }
    return key;
  }
}

/** What the module is told when `channel` starts descrambling on `ecmPid`. */
export function caServiceFor(channel: Channel, ecmPid: number): CaService {
  return { channelId: channel.id, ecmPid, caSystemIds: channel.ca?.systemIds ?? [], productIds: channel.ca?.productIds ?? [] };
}
