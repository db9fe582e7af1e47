// The last channel changes, for the test and benchmark hook: a fixed-size ring, so 2,000 zaps hold no more
// memory than 200.
import type { TuneErrorCode, ZapRecord } from '../../sdk/index.js';

/** One zap as the hook reports it: plain data (no Channel objects kept alive). */
export interface ZapEntry {
  readonly from?: string;
  readonly to: string;
  readonly ok: boolean;
  readonly error?: TuneErrorCode;
  /** Key press (or tune call) to the first frame of the new channel, ms. */
  readonly zapMs?: number;
  /** `performance.now()` when the tune finished. */
  readonly at: number;
}

export class ZapLog {
  readonly #entries: (ZapEntry | undefined)[];
  #next = 0;
  #count = 0;

  constructor(readonly capacity = 200) {
    this.#entries = new Array<ZapEntry | undefined>(capacity).fill(undefined);
  }

  /** Zaps recorded since start, including those the ring no longer holds. */
  get total(): number {
    return this.#count;
  }

  add(record: ZapRecord): ZapEntry {
    const result = record.result;
    const entry: ZapEntry = {
      to: record.to,
      ok: result.ok,
      at: performance.now(),
      ...(record.from === undefined ? {} : { from: record.from }),
      ...(result.ok ? {} : { error: result.error }),
      ...(record.zapMs === undefined ? {} : { zapMs: record.zapMs }),
    };
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
    this.#count++;
    return entry;
  }

  /** The last `limit` zaps (default all held), oldest first. */
  list(limit = this.capacity): ZapEntry[] {
    const held = Math.min(this.#count, this.capacity, limit);
    const out: ZapEntry[] = [];
    for (let i = held; i > 0; i--) {
      const entry = this.#entries[(this.#next - i + this.capacity) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }
}
