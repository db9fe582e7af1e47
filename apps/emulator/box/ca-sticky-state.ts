/**
 * What the box's CA has on screen that must outlive the app showing it: the fingerprint (with the time it
 * has left), OSD messages still running, the mail icon, a forced tune, and a card prompt not tied to an ECM
 * (card removed). A vendor library keeps these in firmware; an app that starts after them (an app switch,
 * a device reload) is told again, so "a fingerprint stays visible through Back, Exit and app switches".
 */
import type { CaEvent, CaRaw, OsdPosition } from '../../../sdk/index.js';

/**
 * How long one run of a scrolling OSD message takes, for messages limited to `loops` runs: the box cannot
 * know when the app's crawl finished, so it stops replaying after this estimate (a 1080p crawl at the
 * usual ~120 px/s takes about 15–20 s).
 */
export const OSD_LOOP_ESTIMATE_MS = 20_000;

type FingerprintEvent = Extract<CaEvent, { type: 'fingerprint' }>;
type OsdEvent = Extract<CaEvent, { type: 'osd' }>;
type MailEvent = Extract<CaEvent, { type: 'mail' }>;
type ForceTuneEvent = Extract<CaEvent, { type: 'forceTune' }>;
type BlockEvent = Extract<CaEvent, { type: 'block' }>;

interface Shown<E> {
  readonly event: E;
  /** ms since epoch. */
  readonly shownAt: number;
  /** ms since epoch when it goes by itself; undefined: until hidden. */
  readonly until: number | undefined;
}

/**
 * OSD messages kept per position beyond the one showing, as the app's system UI queues them (the SDK's
 * `OsdQueues`, 10 waiting by default); beyond it the oldest waiting one goes, there as here.
 */
export const OSD_WAITING_LIMIT = 10;

/** An OSD message at a position: the head shows (since `shownAt`), the rest wait their turn. */
interface QueuedOsd {
  readonly event: OsdEvent;
  /** How long it shows once it does (ms), undefined: until hidden. */
  readonly lasts: number | undefined;
  /** When it started showing (ms since epoch); undefined while it waits. */
  shownAt: number | undefined;
}

/** A summary for the box panel and `emulator.ca.status()`. */
export interface CaStickySummary {
  readonly fingerprint?: {
    readonly text?: string;
    readonly cardId?: string;
    readonly remainingMs?: number;
    /** Where the CA placed it, 0–1 of the screen; absent: anywhere (the drawing picks a place). */
    readonly x?: number;
    readonly y?: number;
    /** When it was shown (ms since epoch): tells one fingerprint from the next. */
    readonly since: number;
  };
  readonly osd: Partial<Record<OsdPosition, string>>;
  readonly mail: 'none' | 'new' | 'full';
  readonly forcedTune?: ForceTuneEvent['target'];
  /** A prompt not tied to an ECM (ecmPid 0), e.g. `noCard`. */
  readonly cardPrompt?: string;
}

/** An event that brings an app to what is on screen, with the sequence number of the live event it repeats. */
export interface ReplayedCaEvent {
  readonly event: CaEvent;
  readonly seq?: number;
}

export class CaStickyState {
  private readonly seqs = new WeakMap<CaEvent, number>();
  private fingerprint: Shown<FingerprintEvent> | undefined;
  private readonly osd = new Map<OsdPosition, QueuedOsd[]>();
  private mail: MailEvent | undefined;
  private forceTune: ForceTuneEvent | undefined;
  private cardPrompt: BlockEvent | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Follows one event of the box's CA; `seq` is the number it was sent to the device with. */
  observe(event: CaEvent, seq?: number): void {
    if (seq !== undefined) this.seqs.set(event, seq);
    const now = this.now();
    switch (event.type) {
      case 'fingerprint':
        this.fingerprint = { event, shownAt: now, until: event.durationMs === undefined ? undefined : now + event.durationMs };
        break;
      case 'fingerprintHide':
        this.fingerprint = undefined;
        break;
      case 'osd': {
        this.expire();
        const lasts = event.durationMs ?? (event.loops === undefined ? undefined : event.loops * OSD_LOOP_ESTIMATE_MS);
        const queue = this.osd.get(event.position) ?? [];
        queue.push({ event, lasts, shownAt: queue.length === 0 ? now : undefined });
        // The head shows; beyond the limit the oldest waiting message goes.
        if (queue.length > OSD_WAITING_LIMIT + 1) queue.splice(1, 1);
        this.osd.set(event.position, queue);
        break;
      }
      case 'osdHide':
        this.expire();
        this.advance(event.position, now);
        break;
      case 'mail':
        this.mail = event.state === 'none' ? undefined : event;
        break;
      case 'forceTune':
        this.forceTune = event;
        break;
      case 'releaseTune':
        this.forceTune = undefined;
        break;
      case 'block':
        if (event.ecmPid === 0) this.cardPrompt = event;
        break;
      case 'unblock':
        if (event.ecmPid === 0) this.cardPrompt = undefined;
        break;
      case 'cardState':
        // A card that became ready ends the card prompt even if the library sent no unblock for it.
        if (event.card === 'ready') this.cardPrompt = undefined;
        break;
      default:
        break;
    }
  }

  /** Forgets everything (the box switched its CA library). */
  clear(): void {
    this.fingerprint = undefined;
    this.osd.clear();
    this.mail = undefined;
    this.forceTune = undefined;
    this.cardPrompt = undefined;
  }

  /**
   * The events that bring a newly started app to what is on screen now, in the order the system UI should
   * apply them; timed items carry only the time they have left, and those that ran out are dropped.
   */
  replay(): ReplayedCaEvent[] {
    this.expire();
    const now = this.now();
    const replayed: ReplayedCaEvent[] = [];
    // Each replayed event keeps the sequence number of the live event it repeats.
    const events = {
      push: (event: CaEvent, original: CaEvent = event): void => {
        const seq = this.seqs.get(original);
        replayed.push(seq === undefined ? { event } : { event, seq });
      },
    };
    if (this.cardPrompt) events.push(this.cardPrompt);
    for (const queue of this.osd.values()) {
      queue.forEach((queued, i) => {
        const until = untilOf(queued);
        // The head resumes: whatever limited it, what is left is a duration now (loops cannot be resumed
        // midway). The waiting ones follow in order, whole.
        if (i === 0 && until !== undefined) events.push(withoutLoops({ ...queued.event, durationMs: Math.max(1, until - now) }), queued.event);
        else events.push(queued.event);
      });
    }
    if (this.fingerprint) {
      const { event, until } = this.fingerprint;
      // The service it came with belonged to the old app and is stopped: replayed, it is tied to no ECM
      // (ecmPid 0), so the new app's channel changes do not clear it.
      const again = { ...event, ecmPid: 0 };
      events.push(until === undefined ? again : { ...again, durationMs: Math.max(1, until - now) }, event);
    }
    if (this.mail) events.push(this.mail);
    if (this.forceTune) events.push(this.forceTune);
    return replayed;
  }

  summary(): CaStickySummary {
    this.expire();
    const now = this.now();
    const osd: Partial<Record<OsdPosition, string>> = {};
    for (const [position, queue] of this.osd) {
      const head = queue[0];
      if (head) osd[position] = head.event.text;
    }
    const fp = this.fingerprint;
    return {
      osd,
      mail: this.mail?.state ?? 'none',
      ...(fp ? {
        fingerprint: {
          ...(fp.event.text === undefined ? {} : { text: fp.event.text }),
          ...(fp.event.cardId === undefined ? {} : { cardId: fp.event.cardId }),
          ...(fp.until === undefined ? {} : { remainingMs: Math.max(0, fp.until - now) }),
          ...(fp.event.x === undefined ? {} : { x: fp.event.x }),
          ...(fp.event.y === undefined ? {} : { y: fp.event.y }),
          since: fp.shownAt,
        },
      } : {}),
      ...(this.forceTune ? { forcedTune: this.forceTune.target } : {}),
      ...(this.cardPrompt ? { cardPrompt: this.cardPrompt.reason } : {}),
    };
  }

  /** When the next timed item goes by itself (ms since epoch), if any: the host redraws then. */
  nextExpiry(): number | undefined {
    this.expire();
    const times = [this.fingerprint?.until, ...[...this.osd.values()].map((queue) => (queue[0] ? untilOf(queue[0]) : undefined))]
      .filter((t): t is number => t !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  private expire(): void {
    const now = this.now();
    if (this.fingerprint?.until !== undefined && this.fingerprint.until <= now) this.fingerprint = undefined;
    for (const [position, queue] of this.osd) {
      // Each timed head that ran out hands over to the next, which started showing when it ended.
      let head = queue[0];
      let until = head ? untilOf(head) : undefined;
      while (head && until !== undefined && until <= now) {
        this.advance(position, until);
        head = queue[0];
        until = head ? untilOf(head) : undefined;
      }
    }
  }

  /** The message showing at `position` goes; the next waiting one shows from `at`. */
  private advance(position: OsdPosition, at: number): void {
    const queue = this.osd.get(position);
    if (!queue) return;
    queue.shift();
    const next = queue[0];
    if (next) next.shownAt = at;
    else this.osd.delete(position);
  }

  /**
   * The events that take everything off screen that this state holds (the box switched its CA library:
   * the old library's fingerprint, OSD, mail icon, forced tune and card prompt go with it).
   */
  withdrawal(raw: CaRaw): CaEvent[] {
    this.expire();
    const events: CaEvent[] = [];
    if (this.cardPrompt) events.push({ type: 'unblock', ecmPid: 0, raw });
    for (const [position, queue] of this.osd) for (let i = 0; i < queue.length; i++) events.push({ type: 'osdHide', position, raw });
    if (this.fingerprint) events.push({ type: 'fingerprintHide', ecmPid: 0, raw });
    if (this.mail) events.push({ type: 'mail', state: 'none', raw });
    if (this.forceTune) events.push({ type: 'releaseTune', raw });
    return events;
  }
}

function untilOf(queued: QueuedOsd): number | undefined {
  return queued.shownAt === undefined || queued.lasts === undefined ? undefined : queued.shownAt + queued.lasts;
}

function withoutLoops(event: OsdEvent): OsdEvent {
  return {
    type: 'osd', position: event.position, text: event.text, raw: event.raw,
    ...(event.durationMs === undefined ? {} : { durationMs: event.durationMs }),
  };
}
