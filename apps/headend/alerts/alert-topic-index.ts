/**
 * The headend's memory of where each alert was published: alert key → the message topics holding its
 * retained message. Updates and cancels are placed on the topics of the alerts they reference (replacing
 * those retained messages); once an entry's time is up, its retained messages are cleared.
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../../../sdk/alerts/model.js';
import {
  alertMessageTopic, alertRegionTopics, regionOfMessageTopic,
} from '../../../sdk/alerts/delivery/alert-topics.js';

/** 64 bits of SHA-256 of the alert key, hex: topic-safe and stable across restarts. */
export function alertKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

interface Entry {
  readonly keys: Set<string>;
  readonly topics: Set<string>;
  clearAt: number;
  timer?: NodeJS.Timeout;
}

export interface IndexedAlert {
  readonly keys: readonly string[];
  readonly topics: readonly string[];
  readonly clearAt: number;
}

/** setTimeout's longest delay; longer waits are re-armed. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class AlertTopicIndex {
  readonly #entries = new Map<string, Entry>();
  readonly #clear: (topics: readonly string[]) => Promise<void>;
  readonly #now: () => number;

  /** `clear` publishes an empty retained message on each topic. */
  constructor(clear: (topics: readonly string[]) => Promise<void>, now: () => number = Date.now) {
    this.#clear = clear;
    this.#now = now;
  }

  /**
   * Decides and records the topics for an alert, retained until `clearAt`:
   * - a cancel of known alerts goes exactly where they are;
   * - an update (or a repeat) of known alerts takes over their topics, plus its own regions not yet covered;
   * - anything else goes to its own region topics under its own key hash.
   */
  place(alert: Pick<Alert, 'key' | 'msgType' | 'referenceKeys' | 'areas'>, clearAt: number): string[] {
    const known = new Set<Entry>();
    for (const key of [alert.key, ...alert.referenceKeys]) {
      const entry = this.#entries.get(key);
      if (entry) known.add(entry);
    }
    const keys = new Set<string>([alert.key]);
    const topics = new Set<string>();
    let until = clearAt;
    for (const entry of known) {
      for (const key of entry.keys) keys.add(key);
      for (const topic of entry.topics) topics.add(topic);
      until = Math.max(until, entry.clearAt);
      clearTimeout(entry.timer);
    }
    const cancelOfKnown = alert.msgType === 'cancel' && topics.size > 0;
    if (!cancelOfKnown) {
      const covered = new Set([...topics].map((t) => regionOfMessageTopic(t)));
      const hash = alertKeyHash(alert.key);
      for (const region of alertRegionTopics(alert)) {
        if (!covered.has(region)) topics.add(alertMessageTopic(region, hash));
      }
    }
    const entry: Entry = { keys, topics, clearAt: until };
    for (const key of keys) this.#entries.set(key, entry);
    this.#schedule(entry);
    return [...topics].sort();
  }

  /** What is retained now, one row per entry. */
  list(): IndexedAlert[] {
    return [...new Set(this.#entries.values())].map((e) => ({
      keys: [...e.keys].sort(), topics: [...e.topics].sort(), clearAt: e.clearAt,
    }));
  }

  /** Stops the timers; retained messages stay with the broker. */
  close(): void {
    for (const entry of this.#entries.values()) clearTimeout(entry.timer);
    this.#entries.clear();
  }

  #schedule(entry: Entry): void {
    const delay = Math.max(0, entry.clearAt - this.#now());
    entry.timer = setTimeout(() => {
      if (this.#now() < entry.clearAt) {
        this.#schedule(entry);
        return;
      }
      this.#expire(entry);
    }, Math.min(delay, MAX_DELAY_MS));
    entry.timer.unref();
  }

  #expire(entry: Entry): void {
    for (const key of entry.keys) {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    }
    // A topic that a newer entry now owns (it took this one over) is not cleared.
    const owned = new Set<string>();
    for (const other of this.#entries.values()) for (const topic of other.topics) owned.add(topic);
    const topics = [...entry.topics].filter((t) => !owned.has(t));
    if (topics.length === 0) return;
    this.#clear(topics).catch((err: unknown) => {
      console.error(`[headend] could not clear retained alert messages on ${topics.join(', ')}:`, err);
    });
  }
}
