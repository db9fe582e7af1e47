/**
 * The headend's JSON lineup format, version 1, and its validating reader. Pure TypeScript (no DOM), so the
 * headend can check a lineup file in Node before serving it.
 *
 * ```jsonc
 * {
 *   "version": 1,                       // required; other versions are refused
 *   "name": "Yiwang Cable",             // optional
 *   "channels": [{
 *     "id": "8448.1.101",               // optional: default the triplet's `onid.tsid.sid`; required without one
 *     "triplet": { "onid": 8448, "tsid": 1, "sid": 101 },  // or "onid"/"tsid"/"sid" on the item itself (0–65535)
 *     "number": 1,                      // required: logical channel number 1–9999, unique
 *     "name": "CCTV-1 综合",            // required, non-empty
 *     "logo": "logos/cctv1.png",        // optional, relative to the lineup's URL
 *     "kind": "tv",                     // "tv" (default) | "radio"
 *     "scrambled": true,                // default: true when "ca" is given
 *     "ca": { "systemIds": ["0x4A02", 18946], "ecmPid": 1001, "productIds": [1, 2] },
 *     "source": { "type": "testcard", "pattern": "#2a6" },
 *     //   or { "type": "url", "url": "hls/ch1.m3u8", "mimeType"?: "...",
 *     //        "drm"?: { "keySystem": "org.w3.clearkey", "licenseUrl"?: "...", "clearKeys"?: { "<kid>": "<key>" } } }
 *     "hidden": false,                  // optional: not offered when zapping or in lists, still tunable by number
 *     "epgId": "cctv1"                  // optional: the guide's channel id when it differs from "id"
 *   }]
 * }
 * ```
 *
 * Reading rules: an item with any malformed field is skipped, with one warning per problem naming its path
 * (`channels[3].number: expected an integer 1–9999, got "x"`). An item whose number or id an earlier item
 * already uses is skipped. A scrambled item without `ca` is kept (scrambled, no CA information) with a warning.
 * `ca` on an item marked `"scrambled": false` is dropped with a warning. Unknown keys are ignored, so newer
 * headends can add fields. A document that is not a version-1 lineup object at all is refused with
 * `LineupInvalid`.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import { tripletId, type Channel, type ChannelCa, type ChannelSource, type DrmConfig, type DvbTriplet } from './channel.js';
import type { LineupWarning } from './channels-types.js';

/** The lineup format version this reader understands. */
export const LINEUP_FORMAT_VERSION = 1;

export interface ParseLineupOptions {
  /** URL the lineup was read from: relative `logo`, `source.url` and `drm.licenseUrl` resolve against it. */
  readonly baseUrl?: string;
  /** Names the document in a `LineupInvalid` error (default: `baseUrl`, else `json`). */
  readonly source?: string;
}

export interface ParsedLineup {
  /** The lineup's `name`, when it has one. */
  readonly name?: string;
  /** Valid channels, in document order, `origin: 'lineup'`. */
  readonly channels: readonly Channel[];
  /** One per problem found; several may concern one skipped item. */
  readonly warnings: readonly LineupWarning[];
  /** Items skipped (malformed or duplicate). */
  readonly skipped: number;
}

/** `channels[3].number: expected …`, for logs. */
export function formatLineupWarning(warning: LineupWarning): string {
  return `${warning.path}: ${warning.message}`;
}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of a bad value for warnings: strings quoted, long values cut. */
function shown(value: unknown): string {
  let text: string;
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (Array.isArray(value)) text = 'an array';
  else if (isObject(value)) text = 'an object';
  else if (typeof value === 'number' || typeof value === 'boolean' || value === null) text = String(value);
  else text = typeof value;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function lineupInvalid(source: string, reason: string): YiwangError {
  return new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Channels, ErrorCode.LineupInvalid,
    `Lineup ${source} is not readable: ${reason}`, { source, reason });
}

/** Collects the problems of one item; `ok` is false once any field was malformed. */
class ItemReader {
  ok = true;
  constructor(private readonly path: string, private readonly warnings: LineupWarning[]) {}

  problem(field: string, message: string): undefined {
    this.ok = false;
    this.note(field, message);
    return undefined;
  }

  note(field: string, message: string): void {
    this.warnings.push({ path: field ? `${this.path}.${field}` : this.path, message });
  }

  integer(field: string, value: unknown, min: number, max: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    return this.problem(field, `expected an integer ${String(min)}–${String(max)}, got ${shown(value)}`);
  }

  optionalString(field: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    return this.problem(field, `expected a non-empty string, got ${shown(value)}`);
  }

  optionalBoolean(field: string, value: unknown): boolean | undefined {
    if (value === undefined || typeof value === 'boolean') return value;
    return this.problem(field, `expected true or false, got ${shown(value)}`);
  }

  url(field: string, value: unknown, baseUrl: string | undefined): string | undefined {
    const text = this.optionalString(field, value);
    if (text === undefined) return undefined;
    if (baseUrl === undefined) return text;
    try {
      return new URL(text, baseUrl).href;
    } catch {
      return this.problem(field, `expected a URL, got ${shown(value)}`);
    }
  }
}

function readTriplet(item: Json, r: ItemReader): DvbTriplet | undefined {
  const nested = item['triplet'];
  if (nested !== undefined) {
    if (!isObject(nested)) return r.problem('triplet', `expected {onid, tsid, sid}, got ${shown(nested)}`);
    const onid = r.integer('triplet.onid', nested['onid'], 0, 0xffff);
    const tsid = r.integer('triplet.tsid', nested['tsid'], 0, 0xffff);
    const sid = r.integer('triplet.sid', nested['sid'], 0, 0xffff);
    return onid === undefined || tsid === undefined || sid === undefined ? undefined : { onid, tsid, sid };
  }
  const parts = [item['onid'], item['tsid'], item['sid']];
  if (parts.every((p) => p === undefined)) return undefined;
  const onid = r.integer('onid', item['onid'], 0, 0xffff);
  const tsid = r.integer('tsid', item['tsid'], 0, 0xffff);
  const sid = r.integer('sid', item['sid'], 0, 0xffff);
  return onid === undefined || tsid === undefined || sid === undefined ? undefined : { onid, tsid, sid };
}

/** A CA_system_id: an integer or a hex string such as `"0x4A02"`. */
function readSystemId(value: unknown, field: string, r: ItemReader): number | undefined {
  if (typeof value === 'string' && /^0x[0-9a-f]{1,4}$/i.test(value.trim())) return Number.parseInt(value.trim().slice(2), 16);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff) return value;
  return r.problem(field, `expected a CA system id 0–0xFFFF (integer or "0x4A02"), got ${shown(value)}`);
}

function readCa(value: unknown, r: ItemReader): ChannelCa | undefined {
  if (!isObject(value)) return r.problem('ca', `expected {systemIds, ecmPid?, productIds?}, got ${shown(value)}`);
  const ids = value['systemIds'];
  let systemIds: number[] | undefined;
  if (!Array.isArray(ids) || ids.length === 0) {
    r.problem('ca.systemIds', `expected a non-empty array of CA system ids, got ${shown(ids)}`);
  } else {
    systemIds = [];
    ids.forEach((id: unknown, i) => {
      const parsed = readSystemId(id, `ca.systemIds[${String(i)}]`, r);
      if (parsed !== undefined) systemIds?.push(parsed);
    });
  }
  const ecmPid = value['ecmPid'] === undefined ? undefined : r.integer('ca.ecmPid', value['ecmPid'], 0, 0x1fff);
  let productIds: number[] | undefined;
  const products = value['productIds'];
  if (products !== undefined) {
    if (!Array.isArray(products)) {
      r.problem('ca.productIds', `expected an array of product ids, got ${shown(products)}`);
    } else {
      productIds = [];
      products.forEach((p: unknown, i) => {
        const id = r.integer(`ca.productIds[${String(i)}]`, p, 0, 0xffffffff);
        if (id !== undefined) productIds?.push(id);
      });
    }
  }
  if (!systemIds) return undefined;
  return {
    systemIds,
    ...(ecmPid === undefined ? {} : { ecmPid }),
    ...(productIds ? { productIds } : {}),
  };
}

function readDrm(value: unknown, r: ItemReader, baseUrl: string | undefined): DrmConfig | undefined {
  if (!isObject(value)) return r.problem('source.drm', `expected {keySystem, licenseUrl?, clearKeys?}, got ${shown(value)}`);
  const keySystem = value['keySystem'];
  if (typeof keySystem !== 'string' || keySystem.trim() === '') {
    return r.problem('source.drm.keySystem', `expected a key system name, got ${shown(keySystem)}`);
  }
  const licenseUrl = r.url('source.drm.licenseUrl', value['licenseUrl'], baseUrl);
  const keys = value['clearKeys'];
  let clearKeys: Record<string, string> | undefined;
  if (keys !== undefined) {
    if (!isObject(keys)) return r.problem('source.drm.clearKeys', `expected {keyId: key}, got ${shown(keys)}`);
    clearKeys = {};
    for (const [kid, key] of Object.entries(keys)) {
      if (!/^[A-Za-z0-9_-]+$/.test(kid) || typeof key !== 'string' || !/^[A-Za-z0-9_-]+$/.test(key)) {
        r.problem(`source.drm.clearKeys.${kid}`, `expected a base64url key id mapped to a base64url key, got ${shown(key)}`);
      } else {
        clearKeys[kid] = key;
      }
    }
  }
  return {
    keySystem: keySystem.trim(),
    ...(licenseUrl === undefined ? {} : { licenseUrl }),
    ...(clearKeys ? { clearKeys } : {}),
  };
}

function readSource(value: unknown, r: ItemReader, baseUrl: string | undefined): ChannelSource | undefined {
  if (!isObject(value)) return r.problem('source', `expected {type: "testcard" | "url", …}, got ${shown(value)}`);
  const type = value['type'];
  if (type === 'testcard') {
    const pattern = r.optionalString('source.pattern', value['pattern']);
    return pattern === undefined ? { type } : { type, pattern };
  }
  if (type === 'url') {
    if (value['url'] === undefined) return r.problem('source.url', 'expected a URL, got nothing');
    const url = r.url('source.url', value['url'], baseUrl);
    const mimeType = r.optionalString('source.mimeType', value['mimeType']);
    const drm = value['drm'] === undefined ? undefined : readDrm(value['drm'], r, baseUrl);
    if (url === undefined) return undefined;
    return { type, url, ...(mimeType === undefined ? {} : { mimeType }), ...(drm ? { drm } : {}) };
  }
  return r.problem('source.type', `expected "testcard" or "url", got ${shown(type)}`);
}

function readChannel(item: unknown, path: string, warnings: LineupWarning[], baseUrl: string | undefined): Channel | undefined {
  const r = new ItemReader(path, warnings);
  if (!isObject(item)) return r.problem('', `expected a channel object, got ${shown(item)}`);
  const triplet = readTriplet(item, r);
  let id = r.optionalString('id', item['id']);
  if (id === undefined && item['id'] === undefined) {
    if (triplet) id = tripletId(triplet);
    else if (r.ok) r.problem('id', 'expected an id or a DVB triplet (onid, tsid, sid), got neither');
  }
  const number = r.integer('number', item['number'], 1, 9999);
  const nameValue = item['name'];
  const name = nameValue === undefined ? r.problem('name', 'expected a non-empty string, got nothing') : r.optionalString('name', nameValue);
  const logo = r.url('logo', item['logo'], baseUrl);
  const kindValue = item['kind'];
  const kind = kindValue === undefined || kindValue === 'tv' || kindValue === 'radio'
    ? kindValue ?? 'tv'
    : r.problem('kind', `expected "tv" or "radio", got ${shown(kindValue)}`);
  const scrambledFlag = r.optionalBoolean('scrambled', item['scrambled']);
  let ca = item['ca'] === undefined ? undefined : readCa(item['ca'], r);
  const source = item['source'] === undefined ? undefined : readSource(item['source'], r, baseUrl);
  const hidden = r.optionalBoolean('hidden', item['hidden']);
  const epgId = r.optionalString('epgId', item['epgId']);
  if (!r.ok || id === undefined || number === undefined || name === undefined || kind === undefined) return undefined;

  const scrambled = scrambledFlag ?? ca !== undefined;
  if (!scrambled && ca) {
    r.note('ca', 'ignored: the channel is marked "scrambled": false');
    ca = undefined;
  }
  if (scrambled && !ca) r.note('ca', 'scrambled channel has no CA information (systemIds); kept without it');
  return {
    id, number, name, kind, scrambled, origin: 'lineup',
    ...(triplet ? { triplet } : {}),
    ...(logo === undefined ? {} : { logo }),
    ...(ca ? { ca } : {}),
    ...(source ? { source } : {}),
    ...(hidden === undefined ? {} : { hidden }),
    ...(epgId === undefined ? {} : { epgId }),
  };
}

/**
 * Reads a version-1 JSON lineup (the parsed object, or its text). Skips malformed and duplicate items with
 * warnings; rejects a document that is not a lineup at all with `LineupInvalid` ({source, reason}).
 */
export function parseLineupJson(json: unknown, options: ParseLineupOptions = {}): ParsedLineup {
  const source = options.source ?? options.baseUrl ?? 'json';
  let document = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json) as unknown;
    } catch (error) {
      throw lineupInvalid(source, `not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isObject(document)) throw lineupInvalid(source, `expected a lineup object, got ${shown(document)}`);
  const version = document['version'];
  if (version !== LINEUP_FORMAT_VERSION) {
    throw lineupInvalid(source, `version: expected ${String(LINEUP_FORMAT_VERSION)}, got ${shown(version)}`);
  }
  const items = document['channels'];
  if (!Array.isArray(items)) throw lineupInvalid(source, `channels: expected an array, got ${shown(items)}`);

  const warnings: LineupWarning[] = [];
  const name = document['name'];
  if (name !== undefined && typeof name !== 'string') warnings.push({ path: 'name', message: `expected a string, got ${shown(name)}; ignored` });

  const channels: Channel[] = [];
  const pathByNumber = new Map<number, string>();
  const pathById = new Map<string, string>();
  let skipped = 0;
  items.forEach((item: unknown, index) => {
    const path = `channels[${String(index)}]`;
    const channel = readChannel(item, path, warnings, options.baseUrl);
    if (!channel) {
      skipped++;
      return;
    }
    const numberTakenBy = pathByNumber.get(channel.number);
    const idTakenBy = pathById.get(channel.id);
    if (numberTakenBy !== undefined) {
      warnings.push({ path: `${path}.number`, message: `${String(channel.number)} is already used by ${numberTakenBy}; item skipped` });
    }
    if (idTakenBy !== undefined) {
      warnings.push({ path: `${path}.id`, message: `${JSON.stringify(channel.id)} is already used by ${idTakenBy}; item skipped` });
    }
    if (numberTakenBy !== undefined || idTakenBy !== undefined) {
      skipped++;
      return;
    }
    pathByNumber.set(channel.number, path);
    pathById.set(channel.id, path);
    channels.push(channel);
  });
  return { ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim() } : {}), channels, warnings, skipped };
}
