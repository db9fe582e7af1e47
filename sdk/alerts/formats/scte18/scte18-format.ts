/**
 * Format `scte18`: an SCTE 18 cable emergency alert (`cable-emergency-alert.ts`) as a normalized `Alert`.
 * Input is one raw section (first byte 0xD8), or an MPEG transport stream (first byte 0x47) from which the
 * first valid cable_emergency_alert section on PID 0x1FFB is taken.
 *
 * Mapping:
 * - key `scte18:<EAS_event_ID>`, identifier EAS_event_ID, sender EAS_originator_code, sequence =
 *   sequence_number, event/eventCode = EAS_event_code (`TOR`, `EAN`, …), scope public, msgType alert
 *   (SCTE 18 has no cancel: a repeat with the same event ID and a new time remaining ends or extends it).
 * - alert_priority 0 → status `test`; otherwise `actual`. Level: 15 → 1, 11 → 2, 7 → 3, 3 → 4; a reserved
 *   value counts as the next-highest defined one (1–2 → 3, 4–6 → 7, 8–10 → 11, 12–14 → 15), as the
 *   OCAP RI reads SCTE 18. levelSource `scte18-priority`.
 * - texts by ISO 639 code: nature_of_activation_text → headline and event, alert_text → description.
 * - alert_message_time_remaining → displaySeconds (0 = until updated).
 * - event_start_time (GPS seconds since 1980-01-06T00:00:00Z; 0 = immediate) → effective, as UTC:
 *   GPS − `gpsUtcOffsetSeconds`, by default 18 s (the GPS–UTC offset since 2017-01-01; a receiver with a
 *   System Time Table should pass its GPS_UTC_offset). Immediate → effective = sent. event_duration
 *   (minutes, 0 = not given) → expires = effective + duration.
 * - sent: SCTE 18 carries no send time; the time of parsing (`now`).
 * - details_OOB_source_ID / details major.minor → detailsChannel (only the parts that are non-zero);
 *   audio_OOB_source_ID → audio.sourceId; exceptions → exceptions ({major, minor} or {sourceId}).
 * - location codes → areas[0].geocodes `{name: 'SCTE18', value: 'state.subdivision.county'}`, 0 = wildcard.
 * - Warnings (values outside SCTE 18 ranges, undecodable text segments) → parameters `yiwang:warning`;
 *   alert_priority and EAS_originator_code are also kept as parameters.
 */
import type { Alert, AlertFormat, AlertInput, AlertLevel, AlertText, DetailsChannel } from '../../model.js';
import { TS_PACKET_SIZE, TS_SYNC_BYTE, TsSectionDemux } from '../../../epg/sources/eit/ts-demux.js';
import { registerAlertFormat } from '../alert-format-registry.js';
import {
  CABLE_EMERGENCY_ALERT_TABLE_ID, SCTE18_PID, decodeCableEmergencyAlert, scte18Rejected, type CableEmergencyAlert,
} from './cable-emergency-alert.js';
import type { MssString } from './multiple-string-structure.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const SCTE18_FORMAT = 'scte18';

/** Parameter name of a recoverable problem found while reading a message. */
export const SCTE18_WARNING_PARAMETER = 'yiwang:warning';

/** The GPS epoch, 1980-01-06T00:00:00Z, in Unix milliseconds. */
export const GPS_EPOCH_MS = Date.UTC(1980, 0, 6);

/** GPS − UTC in seconds since 2017-01-01 (leap seconds added since 1980). */
export const DEFAULT_GPS_UTC_OFFSET_SECONDS = 18;

/** Geocode name of SCTE 18 location codes in `AlertArea.geocodes`. */
export const SCTE18_GEOCODE = 'SCTE18';

/** Defined alert priorities and their level. */
export const SCTE18_PRIORITY_LEVELS: Readonly<Record<number, AlertLevel>> = { 15: 1, 11: 2, 7: 3, 3: 4 };

export const SCTE18_PRIORITY_NAMES: Readonly<Record<number, string>> = { 0: 'Test', 3: 'Low', 7: 'Medium', 11: 'High', 15: 'Maximum' };

export interface Scte18Options {
  /** Time of reception in UTC ms, used as `sent` (and `effective` for an immediate alert). Default Date.now(). */
  readonly now?: number;
  /** GPS − UTC in seconds, from the System Time Table when known. Default 18. */
  readonly gpsUtcOffsetSeconds?: number;
}

export interface Scte18ParseResult {
  readonly alert: Alert;
  readonly section: CableEmergencyAlert;
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------------

export const scte18Format: AlertFormat = {
  format: SCTE18_FORMAT,
  probe: probeScte18,
  parse: (input) => parseScte18(input).alert,
};

// ---------------------------------------------------------------------------------------------------
// Probe
// ---------------------------------------------------------------------------------------------------

/** A section (first byte 0xD8), or a transport stream with a packet on PID 0x1FFB in its first 64 packets. */
export function probeScte18(input: AlertInput): boolean {
  if (typeof input === 'string' || input.length === 0) return false;
  if (input[0] === CABLE_EMERGENCY_ALERT_TABLE_ID) return true;
  if (input[0] !== TS_SYNC_BYTE) return false;
  for (let pos = 0; pos + 4 <= input.length && pos < 64 * TS_PACKET_SIZE; pos += TS_PACKET_SIZE) {
    if (input[pos] !== TS_SYNC_BYTE) return false;
    if ((((input[pos + 1] ?? 0) & 0x1f) << 8 | (input[pos + 2] ?? 0)) === SCTE18_PID) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Parses a section or a transport stream. Throws `AlertRejected` (see `cable-emergency-alert.ts`). */
export function parseScte18(input: AlertInput, options: Scte18Options = {}): Scte18ParseResult {
  if (typeof input === 'string') {
    throw scte18Rejected('not-scte18', 'SCTE 18 messages are binary sections; got text', { where: 'input' });
  }
  if (input.length === 0) throw scte18Rejected('truncated', 'empty input', { where: 'table_id', offset: 0 });
  if (input[0] === TS_SYNC_BYTE) return parseTransportStream(input, options);
  const { section, warnings } = decodeCableEmergencyAlert(input);
  return { alert: cableEmergencyAlertToAlert(section, warnings, options), section, warnings };
}

/** The first cable_emergency_alert section on PID 0x1FFB that decodes; rejected when there is none. */
function parseTransportStream(input: Uint8Array, options: Scte18Options): Scte18ParseResult {
  let result: Scte18ParseResult | undefined;
  let lastError: Error | undefined;
  const demux = new TsSectionDemux((section) => {
    if (result || section[0] !== CABLE_EMERGENCY_ALERT_TABLE_ID) return;
    try {
      const { section: decoded, warnings } = decodeCableEmergencyAlert(section);
      result = { alert: cableEmergencyAlertToAlert(decoded, warnings, options), section: decoded, warnings };
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
  }, undefined, { pids: [SCTE18_PID] });
  demux.push(input);
  demux.end();
  if (result) return result;
  if (lastError) throw lastError;
  throw scte18Rejected('no-section', `no cable_emergency_alert section on PID 0x1FFB in ${demux.stats.packets} packet${demux.stats.packets === 1 ? '' : 's'}`,
    { where: 'PID 0x1FFB' });
}

/** The level and status an alert_priority stands for. */
export function scte18Priority(priority: number): { level: AlertLevel; status: 'test' | 'actual' } {
  if (priority === 0) return { level: 4, status: 'test' };
  for (const defined of [3, 7, 11, 15]) {
    if (priority <= defined) return { level: SCTE18_PRIORITY_LEVELS[defined] ?? 1, status: 'actual' };
  }
  return { level: 1, status: 'actual' };
}

/** UTC milliseconds of a GPS time in seconds. */
export function gpsToUtcMs(gpsSeconds: number, gpsUtcOffsetSeconds = DEFAULT_GPS_UTC_OFFSET_SECONDS): number {
  return GPS_EPOCH_MS + (gpsSeconds - gpsUtcOffsetSeconds) * 1000;
}

/** Maps a decoded section to the normalized alert (see the file header). */
export function cableEmergencyAlertToAlert(s: CableEmergencyAlert, warnings: readonly string[], options: Scte18Options = {}): Alert {
  const sent = options.now ?? Date.now();
  const effective = s.eventStartTime === 0 ? sent : gpsToUtcMs(s.eventStartTime, options.gpsUtcOffsetSeconds);
  const { level, status } = scte18Priority(s.alertPriority);

  const texts: Record<string, AlertText> = {};
  const add = (strings: readonly MssString[], field: 'headline' | 'description'): void => {
    for (const { language, text } of strings) {
      const value = text.replace(/\0+$/, '').trim();
      if (value === '') continue;
      const current: Record<string, string> = { ...texts[language] };
      current[field] = current[field] === undefined ? value : `${current[field]}\n${value}`;
      if (field === 'headline') current.event = current.headline ?? value;
      texts[language] = current;
    }
  };
  add(s.natureOfActivation, 'headline');
  add(s.alertText, 'description');

  const details: { sourceId?: number; major?: number; minor?: number } = {};
  if (s.detailsOobSourceId !== 0) details.sourceId = s.detailsOobSourceId;
  if (s.detailsMajor !== 0 || s.detailsMinor !== 0) {
    details.major = s.detailsMajor;
    details.minor = s.detailsMinor;
  }
  const detailsChannel: DetailsChannel | undefined = Object.keys(details).length > 0 ? details : undefined;

  const parameters = [
    { name: 'alert_priority', value: `${s.alertPriority}${SCTE18_PRIORITY_NAMES[s.alertPriority] ? ` (${SCTE18_PRIORITY_NAMES[s.alertPriority] ?? ''})` : ''}` },
    { name: 'EAS_originator_code', value: s.originatorCode },
    ...warnings.map((value) => ({ name: SCTE18_WARNING_PARAMETER, value })),
  ];

  return {
    key: `scte18:${s.eventId}`,
    format: SCTE18_FORMAT,
    identifier: String(s.eventId),
    sender: s.originatorCode,
    sent,
    status,
    msgType: 'alert',
    scope: 'public',
    references: [],
    referenceKeys: [],
    level,
    levelSource: 'scte18-priority',
    event: s.eventCode,
    eventCode: s.eventCode,
    texts,
    areas: s.locations.length === 0 ? [] : [{
      regionCodes: [],
      polygons: [],
      circles: [],
      geocodes: s.locations.map((l) => ({ name: SCTE18_GEOCODE, value: `${l.state}.${l.subdivision}.${l.county}` })),
    }],
    effective,
    ...(s.eventDuration === 0 ? {} : { expires: effective + s.eventDuration * 60_000 }),
    ...(detailsChannel === undefined ? {} : { detailsChannel }),
    ...(s.audioOobSourceId === 0 ? {} : { audio: { sourceId: s.audioOobSourceId } }),
    exceptions: s.exceptions.map((e) => (e.inBand ? { major: e.major, minor: e.minor } : { sourceId: e.sourceId })),
    resources: [],
    parameters,
    displaySeconds: s.timeRemaining,
    sequence: s.sequenceNumber,
  };
}

registerAlertFormat(scte18Format);
