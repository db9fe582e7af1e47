/**
 * Operator OSD messages, one shown per position and the rest waiting in a queue per position (Montage's
 * rolling-OSD back queue). A message goes when the module hides it, when the UI reports it finished its loops
 * (`done`), or when its `durationMs` runs out; then the next waiting one shows. Beyond `limit` waiting
 * messages the oldest waiting one is dropped.
 */
import type { CaEvent, OsdPosition } from './ca-events.js';
import type { OsdView } from './conditional-access-types.js';
import { setLongTimeout, type CancelTimeout } from './long-timer.js';

type OsdEvent = Extract<CaEvent, { type: 'osd' }>;

export class OsdQueues {
  readonly #limit: number;
  readonly #onChange: () => void;
  readonly #waiting = new Map<OsdPosition, OsdEvent[]>();
  readonly #timers = new Map<OsdPosition, CancelTimeout>();
  #shown: Partial<Record<OsdPosition, OsdView>> = {};
  #nextId = 1;
  #dropped = 0;

  constructor(limit: number, onChange: () => void) {
    this.#limit = limit;
    this.#onChange = onChange;
  }

  /** What shows at each position now (a new object after every change). */
  get shown(): Readonly<Partial<Record<OsdPosition, OsdView>>> {
    return this.#shown;
  }

  /** Messages dropped because their position's queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  waiting(position: OsdPosition): number {
    return this.#waiting.get(position)?.length ?? 0;
  }

  push(event: OsdEvent): void {
    if (!this.#shown[event.position]) {
      this.#show(event);
      return;
    }
    const queue = this.#waiting.get(event.position) ?? [];
    queue.push(event);
    while (queue.length > this.#limit) {
      queue.shift();
      this.#dropped++;
    }
    this.#waiting.set(event.position, queue);
  }

  /** The module hid the message at `position`: the next waiting one shows. */
  hide(position: OsdPosition): void {
    if (this.#shown[position]) this.#advance(position);
  }

  /** The message `id` finished; ignored when another message shows there by now. */
  done(position: OsdPosition, id: number): void {
    if (this.#shown[position]?.id === id) this.#advance(position);
  }

  dispose(): void {
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #show(event: OsdEvent): void {
    const view: OsdView = {
      id: this.#nextId++, position: event.position, text: event.text, raw: event.raw,
      ...(event.loops === undefined ? {} : { loops: event.loops }),
      ...(event.durationMs === undefined ? {} : { durationMs: event.durationMs }),
    };
    this.#shown = { ...this.#shown, [event.position]: view };
    if (event.durationMs !== undefined) {
      this.#timers.set(event.position, setLongTimeout(() => { this.done(event.position, view.id); }, event.durationMs));
    }
    this.#onChange();
  }

  #advance(position: OsdPosition): void {
    this.#timers.get(position)?.();
    this.#timers.delete(position);
    const next = this.#waiting.get(position)?.shift();
    if (next) {
      this.#show(next);
      return;
    }
    this.#shown = Object.fromEntries(Object.entries(this.#shown).filter(([key]) => key !== position));
    this.#onChange();
  }
}
