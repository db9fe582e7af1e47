/** Finding the channel a tune target names, and naming a target in logs and zap records. */
import type { CaForceTuneTarget } from '../ca/ca-events.js';
import { tripletId, type Channel, type DvbTriplet } from './channel.js';
import type { Lineup, TuneTarget } from './channels-types.js';

const TRIPLET_ID = /^\d+\.\d+\.\d+$/;

function isChannel(target: Channel | DvbTriplet): target is Channel {
  return 'id' in target && 'number' in target;
}

/**
 * The lineup channel `target` names: a number is an LCN, a string a channel id (or an `onid.tsid.sid`
 * triplet id), a triplet a DVB service. A `Channel` object is taken as it is in the lineup, or as given
 * when the lineup does not have it (a channel from another source can still be tuned).
 */
export function resolveTuneTarget(lineup: Lineup, target: TuneTarget): Channel | undefined {
  if (typeof target === 'number') return Number.isInteger(target) ? lineup.byNumber(target) : undefined;
  if (typeof target === 'string') {
    const byId = lineup.byId(target);
    if (byId || !TRIPLET_ID.test(target)) return byId;
    const [onid, tsid, sid] = target.split('.').map(Number);
    return lineup.byTriplet({ onid: onid ?? -1, tsid: tsid ?? -1, sid: sid ?? -1 });
  }
  if (isChannel(target)) return lineup.byId(target.id) ?? target;
  return lineup.byTriplet(target);
}

/** How a target is named in zap records and messages. */
export function describeTuneTarget(target: TuneTarget): string {
  if (typeof target === 'number') return String(target);
  if (typeof target === 'string') return target;
  return isChannel(target) ? target.id : tripletId(target);
}

/** The tune target of a CA force-tune: its triplet when complete, else its channel number. */
export function forceTuneTarget(target: CaForceTuneTarget): TuneTarget | undefined {
  const { onid, tsid, sid, number } = target;
  if (onid !== undefined && tsid !== undefined && sid !== undefined) return { onid, tsid, sid };
  return number;
}
