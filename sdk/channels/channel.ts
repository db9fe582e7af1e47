/**
 * A channel of the lineup, as apps see it: one normalized shape whether it came from the headend's JSON
 * lineup, from the box's own service list (a DVB-C scan) or from an IPTV channel list.
 */

import type { ParentalBlockReason, ProgrammeRef } from '../parental/parental-types.js';

/** A DVB service's identity: original_network_id, transport_stream_id, service_id. */
export interface DvbTriplet {
  readonly onid: number;
  readonly tsid: number;
  readonly sid: number;
}

/** What a channel carries: television (video + audio) or radio (audio only). */
export type ChannelKind = 'tv' | 'radio';

/** Conditional access of a scrambled service, as the PMT's CA descriptors (and the lineup) say. */
export interface ChannelCa {
  /** CA_system_id values (e.g. 0x4A02 for Novel-SuperTV CDCAS), most preferred first. */
  readonly systemIds: readonly number[];
  /** The ECM PID the descrambler is given; 0 or absent when not known (IPTV, the emulator without one). */
  readonly ecmPid?: number;
  /**
   * Products whose entitlement lets the card descramble this service. On a real box the ECM carries them and
   * only the CA library reads it; the lineup names them so the emulator's simulated CA can decide.
   */
  readonly productIds?: readonly number[];
}

/**
 * Where the picture comes from, for IPTV and the emulator (a DVB box tunes by triplet and has none):
 * - `testcard`: the emulator draws a live test card for the channel (number, name, clock, programme title);
 * - `url`: an HLS playlist, MP4 or WebM file, played through MSE (DRM through EME when `drm` is set).
 */
export type ChannelSource =
  | { readonly type: 'testcard'; /** A colour (CSS) or pattern name that tells channels apart at a glance. */ readonly pattern?: string }
  | { readonly type: 'url'; readonly url: string; readonly mimeType?: string; readonly drm?: DrmConfig };

/** EME key-system configuration for a URL source. */
export interface DrmConfig {
  /** EME key system, e.g. `org.w3.clearkey`, `com.widevine.alpha`. */
  readonly keySystem: string;
  /** Licence server (POSTs the EME licence request; the response is the licence). */
  readonly licenseUrl?: string;
  /** ClearKey only: key id → key, both base64url without padding (the JWK form EME uses). */
  readonly clearKeys?: Readonly<Record<string, string>>;
}

export interface Channel {
  /** `onid.tsid.sid` in decimal for DVB services (the EIT guide's channel id); otherwise the lineup's own id. */
  readonly id: string;
  readonly triplet?: DvbTriplet;
  /** Logical channel number (LCN): what the viewer types. Unique within a lineup. */
  readonly number: number;
  readonly name: string;
  /** Logo URL (absolute, or relative to the lineup's URL). */
  readonly logo?: string;
  readonly kind: ChannelKind;
  readonly scrambled: boolean;
  /** Present when `scrambled`. */
  readonly ca?: ChannelCa;
  readonly source?: ChannelSource;
  /** Not offered when zapping or in lists (data services, channels the operator hides); still tunable by number. */
  readonly hidden?: boolean;
  /** The guide's channel id for this channel when it differs from `id` (an XMLTV `channel/@id`). */
  readonly epgId?: string;
  /** Where the channel came from: `lineup` (JSON), `platform` (the box's service list). */
  readonly origin: 'lineup' | 'platform';
}

/** The guide channel id of a channel: `epgId` when set, else `id`. */
export function guideChannelId(channel: Channel): string {
  return channel.epgId ?? channel.id;
}

/** The `onid.tsid.sid` id of a triplet. */
export function tripletId(triplet: DvbTriplet): string {
  return `${String(triplet.onid)}.${String(triplet.tsid)}.${String(triplet.sid)}`;
}

/**
 * Why a channel change failed. Mirrors HbbTV / OIPF `onChannelChangeError` error states (the number is kept
 * in `TuneFailure.hbbtvErrorState`), plus `notEntitled` for a CA that descrambles nothing for this card.
 */
export const TUNE_ERRORS = {
  /** The tuner cannot receive this kind of channel (a radio-only box, DVB-S on a cable box). */
  notSupported: 0,
  /** No signal at the tuned frequency. */
  noSignal: 1,
  /** Another user of the tuner holds it (a recording). */
  tunerLocked: 2,
  /** The channel or the programme on it is locked by parental control. */
  parentalLock: 3,
  /** Scrambled and the CA cannot descramble it (no card, bad card, …); `TuneFailure.ca` says why. */
  encrypted: 4,
  /** No channel with that id, number or triplet. */
  unknownChannel: 5,
  /** Another tune started before this one finished. */
  interrupted: 6,
  /** The tuner is busy recording another transport stream. */
  recording: 7,
  /** The IPTV/URL source could not be resolved or fetched. */
  cannotResolveUri: 8,
  insufficientBandwidth: 9,
  /** next/previous with no channel list (empty, or every channel skipped). */
  noChannelList: 10,
  insufficientResources: 11,
  /** The service is not in the transport stream (PAT/PMT). */
  notFoundInStream: 12,
  /** Scrambled and the card has no entitlement for it (HbbTV reports this as 4, encrypted). */
  notEntitled: 4,
  unidentified: 100,
} as const satisfies Record<string, number>;
export type TuneErrorCode = keyof typeof TUNE_ERRORS;

/** A conditional-access block that made a tune fail (see `ca`). */
export interface TuneCaBlock {
  /** The normalized block reason (`CaBlockReason`). */
  readonly reason: string;
  /** Operator display code and text for it (`E04`, `请插入智能卡`). */
  readonly displayCode?: string;
  readonly text: string;
}

export interface TuneSuccess {
  readonly ok: true;
  readonly channel: Channel;
  /**
   * From the start of the tune (or `TuneOptions.startedAt`, the key press) to the first frame of the new
   * channel on screen, in ms. Absent for radio and when the platform cannot tell when a frame is shown.
   */
  readonly zapMs?: number;
}

export interface TuneFailure {
  readonly ok: false;
  readonly error: TuneErrorCode;
  /** The HbbTV `onChannelChangeError` errorState number for `error`. */
  readonly hbbtvErrorState: number;
  /** What went wrong, for logs (the UI shows `ca.text` or its own words). */
  readonly message: string;
  /**
   * The channel the box is now on, when the failure happened after switching to it (scrambled, parental lock,
   * no signal): next/previous go on from there. Absent for unknown channels and interrupted tunes.
   */
  readonly channel?: Channel;
  /** For `encrypted` / `notEntitled`: the CA's reason and the operator's prompt. */
  readonly ca?: TuneCaBlock;
  /** For `parentalLock`: what blocked it (a locked channel, the programme's rating, the viewing window). */
  readonly parentalReason?: ParentalBlockReason;
  /**
   * For `parentalLock` caused by the rating: the programme that is rated too high. Pass it with the PIN to
   * `ParentalControl.unlockTemporarily({ channelId, programme }, pin)` to unlock that programme only.
   */
  readonly parentalProgramme?: ProgrammeRef;
}

export type TuneResult = TuneSuccess | TuneFailure;
