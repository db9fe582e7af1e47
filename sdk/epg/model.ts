/**
 * The normalized EPG model every source produces and the store keeps. Times are UTC milliseconds.
 */

/** Text by language: ISO 639 code (as the source gives it, lower-cased; '' when unknown) → text. */
export type LangText = Readonly<Record<string, string>>;

export interface GuideChannel {
  /** XMLTV channel id, or `onid.tsid.sid` (decimal) for DVB services. */
  readonly id: string;
  readonly names: LangText;
  /** Logical channel number, when the source gives one. */
  readonly number?: string;
  readonly logo?: string;
}

/** DVB content_descriptor level-1 categories (EN 300 468 Table 29), our normalized genres. */
export const DVB_GENRES = [
  'undefined', 'movie', 'news', 'show', 'sports', 'children', 'music', 'arts', 'social', 'education', 'leisure',
  'special',
] as const;
export type DvbGenre = (typeof DVB_GENRES)[number];

export interface Rating {
  /** Rating system or country, e.g. `CZE`, `MPAA`, `CN`. */
  readonly system: string;
  readonly value: string;
  /** Minimum viewer age, when known. */
  readonly minAge?: number;
}

export interface Episode {
  /** Zero-based, as xmltv_ns counts. */
  readonly season?: number;
  readonly episode?: number;
  readonly part?: number;
  /** Free text as shown on screen ("S2 E5", "第25集"). */
  readonly onscreen?: string;
}

export interface ProgrammeFlags {
  readonly new?: boolean;
  readonly premiere?: boolean;
  readonly rerun?: boolean;
  readonly subtitles?: boolean;
  /** EIT free_CA_mode: may need an entitlement. */
  readonly scrambled?: boolean;
}

export interface Programme {
  /**
   * Stable id: `<channelId>#<eventId>` for EIT (an event keeps it when rescheduled), else
   * `<channelId>@<start ms>`.
   */
  readonly id: string;
  readonly eventId?: number;
  readonly channelId: string;
  readonly start: number;
  readonly end: number;
  readonly titles: LangText;
  readonly subTitles?: LangText;
  readonly descriptions: LangText;
  /** Normalized level-1 genres, without duplicates. */
  readonly genres: readonly DvbGenre[];
  /** The source's own genre labels (XMLTV category text, or EIT nibble descriptions). */
  readonly genreLabels: readonly string[];
  readonly rating?: Rating;
  readonly episode?: Episode;
  readonly flags: ProgrammeFlags;
  /** XMLTV star-rating, e.g. "3/4". */
  readonly starRating?: string;
  readonly credits?: Readonly<Record<string, readonly string[]>>;
  readonly icon?: string;
  /** Declared length in seconds (XMLTV `length`), when it differs from end − start. */
  readonly lengthSeconds?: number;
  /** EIT running_status (0–7), when the source is EIT. */
  readonly runningStatus?: number;
}

/** Why an item was skipped or repaired. Counted and reported, never silently lost. */
export interface EpgWarning {
  readonly code: string;
  readonly message: string;
  /** Where: line/byte offset, section number, channel, as the source can tell. */
  readonly where?: string;
}
