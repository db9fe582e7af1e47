/** Which channel next/previous go to: the lineup in number order, wrapping, minus the skipped channels. */
import type { ParentalControl } from '../parental/parental-types.js';
import type { Channel } from './channel.js';
import type { Lineup, ZapSkip } from './channels-types.js';

export type ZapDirection = 'next' | 'previous';

/** Whether next/previous offer `channel` under `skip` (defaults: skip hidden and locked channels). */
export function offeredForZapping(channel: Channel, skip: ZapSkip, lineup: Lineup, parental?: ParentalControl): boolean {
  if ((skip.hidden ?? true) && channel.hidden === true) return false;
  if ((skip.locked ?? true) && parental?.isChannelLocked(channel.id) === true) return false;
  if (skip.favouritesOnly === true && !lineup.isFavourite(channel.id)) return false;
  if (skip.kind !== undefined && channel.kind !== skip.kind) return false;
  return true;
}

/**
 * The channel after (or before) `current` by number, wrapping around the lineup; from no channel, the first
 * (or last). `current` need not be offered itself (a hidden channel tuned by number). Undefined when no
 * channel is offered.
 */
export function zapCandidate(
  lineup: Lineup, current: Channel | undefined, direction: ZapDirection, skip: ZapSkip, parental?: ParentalControl,
): Channel | undefined {
  const offered = lineup.channels.filter((c) => offeredForZapping(c, skip, lineup, parental));
  if (offered.length === 0) return undefined;
  if (direction === 'next') {
    return (current && offered.find((c) => c.number > current.number)) ?? offered[0];
  }
  const before = current ? offered.filter((c) => c.number < current.number) : [];
  return before[before.length - 1] ?? offered[offered.length - 1];
}
