/**
 * The normalized emergency alert every format produces (CAP 1.1/1.2 incl. China's GB/T 35965 profile,
 * China emergency-broadcast EBD/EBM, SCTE 18) and the alert manager, overlay and delivery work on.
 * Times are UTC milliseconds.
 */

export type AlertStatus = 'actual' | 'exercise' | 'system' | 'test' | 'draft';
export type AlertMsgType = 'alert' | 'update' | 'cancel' | 'ack' | 'error';

/**
 * One priority scale: 1 = 特别重大 / red (CAP Extreme, SCTE 18 priority 15), 2 = 重大 / orange (Severe, 11),
 * 3 = 较大 / yellow (Moderate, 7), 4 = 一般 / blue (Minor, 3). An explicit China level or colour wins
 * over a level derived from CAP severity or SCTE priority.
 */
export type AlertLevel = 1 | 2 | 3 | 4;
export const ALERT_LEVEL_COLOURS: Readonly<Record<AlertLevel, 'red' | 'orange' | 'yellow' | 'blue'>> = {
  1: 'red', 2: 'orange', 3: 'yellow', 4: 'blue',
};

/** Where the level came from, most authoritative first. */
export type AlertLevelSource = 'china-level' | 'colour' | 'cap-severity' | 'scte18-priority' | 'default';

/** Text in one language. */
export interface AlertText {
  readonly headline?: string;
  readonly description?: string;
  readonly instruction?: string;
  /** The event as named in this language ("大风", "Tornado Warning"). */
  readonly event?: string;
  readonly senderName?: string;
}

export interface GeoPoint {
  readonly lat: number;
  readonly lon: number;
}

export interface AlertArea {
  readonly description?: string;
  /** Administrative region codes (GB/T 2260 6-digit, or 12-digit China EB area/resource codes). */
  readonly regionCodes: readonly string[];
  /** WGS-84 rings, each closed (first point = last). */
  readonly polygons: readonly (readonly GeoPoint[])[];
  readonly circles: readonly { readonly center: GeoPoint; readonly radiusKm: number }[];
  /** Other geocodes as given (SAME, CAP-CP, EMMA_ID, SCTE 18 location codes as `state.subdivision.county`). */
  readonly geocodes: readonly { readonly name: string; readonly value: string }[];
}

export interface AlertReference {
  readonly sender: string;
  readonly identifier: string;
  readonly sent?: number;
}

/** The channel to force-tune to for the alert's details. */
export interface DetailsChannel {
  /** DVB triplet (China EB details channel). */
  readonly onid?: number;
  readonly tsid?: number;
  readonly sid?: number;
  /** Cable major/minor numbers or an out-of-band source id (SCTE 18). */
  readonly major?: number;
  readonly minor?: number;
  readonly sourceId?: number;
  /** A logical channel number (EB ProgramNum). */
  readonly number?: number;
}

export interface AlertResource {
  readonly description?: string;
  readonly mimeType?: string;
  readonly uri?: string;
  readonly size?: number;
  readonly digest?: string;
}

export interface Alert {
  /**
   * Stable key used for de-duplication, updates and cancels: `cap:<sender>/<identifier>`,
   * `ebm:<EBMID>`, `scte18:<EAS_event_ID>`.
   */
  readonly key: string;
  /** Format id that produced it (`cap`, `ebd`, `scte18`, …). */
  readonly format: string;
  readonly identifier: string;
  readonly sender: string;
  readonly sent: number;
  readonly status: AlertStatus;
  readonly msgType: AlertMsgType;
  /** CAP scope; `public` when the format has none. */
  readonly scope: 'public' | 'restricted' | 'private';
  /** Alerts this one updates or cancels, as keys (`cap:<sender>/<identifier>`, …) and as given. */
  readonly references: readonly AlertReference[];
  readonly referenceKeys: readonly string[];
  readonly level: AlertLevel;
  readonly levelSource: AlertLevelSource;
  /** Event code/type as given (CAP event or eventCode, EB EventType like `11B06`, SCTE 18 EAS_event_code). */
  readonly event: string;
  readonly eventCode?: string;
  /** Text by language (lower-case BCP 47 / ISO 639 as given: `zh-cn`, `zho`, `en-us`); first given first. */
  readonly texts: Readonly<Record<string, AlertText>>;
  /** No areas = everywhere. */
  readonly areas: readonly AlertArea[];
  readonly effective: number;
  readonly onset?: number;
  readonly expires?: number;
  readonly detailsChannel?: DetailsChannel;
  readonly audio?: AlertResource & { readonly sourceId?: number };
  /** Services not interrupted (SCTE 18 exception list), in DetailsChannel form. */
  readonly exceptions: readonly DetailsChannel[];
  readonly resources: readonly AlertResource[];
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
  /** SCTE 18 alert_message_time_remaining in seconds (0 = until updated or cancelled). */
  readonly displaySeconds?: number;
  /** SCTE 18 sequence_number (repeats with the same number are dropped). */
  readonly sequence?: number;
  /** Whether a signature was present and, if checked, valid. */
  readonly signature?: { readonly present: boolean; readonly verified?: boolean };
}

/** Input a format parses: XML text/bytes or binary sections. */
export type AlertInput = Uint8Array | string;

/** A pluggable alert format, one folder per format in `formats/`, registering itself on its last line. */
export interface AlertFormat {
  readonly format: string;
  /** True when the input looks like this format (used when no format is given). */
  probe(input: AlertInput): boolean;
  /**
   * Parses one message. Throws a YiwangError `AlertRejected` with a reason naming what was wrong and where;
   * XML with a DOCTYPE or entity declaration is refused (`XmlDoctypeRefused`) before anything is read.
   */
  parse(input: AlertInput): Alert;
}
