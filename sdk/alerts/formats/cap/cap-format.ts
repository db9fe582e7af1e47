/**
 * OASIS CAP 1.1 and 1.2 (CAP-V1.2 §3, `willglynn/oasiscap:fixtures/schema/cap12.xsd`), including China's
 * profile GB/T 35965.1-2018, into the normalized `Alert`. Registered as format `cap`.
 *
 * Read: every element of `alert`, `info`, `resource` and `area` the model has a place for; prefixed or
 * default namespaces, a BOM, one-line files; bytes in their declared encoding. Unknown and foreign
 * elements are ignored (an XML-DSig `Signature` sets `signature.present`; it is not verified).
 *
 * Decisions (details and reasons in this folder's README):
 * - Rejected (`AlertRejected`, naming the field and line): a missing or empty `identifier`, `sender`,
 *   `sent`, `status`, `msgType` or `scope`; an unreadable `sent`; an unknown status, msgType or scope;
 *   malformed XML; a root that is not a CAP `alert`. Refused (`XmlDoctypeRefused`): any DTD.
 * - Tolerated: everything else. Info-level gaps (no event, no severity) fall back; an unreadable
 *   effective/onset/expires is treated as absent; an unreadable polygon or circle is dropped and its area
 *   kept (an area always keeps its description and geocodes); an open polygon ring is closed.
 * - Languages: `language` defaults to `en-US`, lower-cased. Within one language, a later `info` adds text
 *   fields the earlier ones lacked and never replaces one (CAP §3.2.2, "may not override").
 * - Times across `info` blocks: `effective` is the earliest (each block's defaulting to `sent`), `onset` the
 *   earliest given, `expires` the latest given (the alert lasts while any part is in effect; none given
 *   leaves the policy to the alert manager).
 * - Areas, resources and parameters of all blocks are merged; an area repeated in another language (same
 *   polygons and circles, else same geocodes) is kept once with the first description.
 * - Level: an explicit China level or colour wins (level words and colour warnings in `event`/`headline`,
 *   colour or level parameters, MeteoAlarm `awareness_level`, a colour in `severity`); else CAP severity
 *   Extreme→1, Severe→2, Moderate→3, Minor→4; else 4 with source `default` (Unknown, or no info at all).
 *   The most severe across blocks is taken.
 * - China: times without a zone are Beijing time when the message is of the China profile (a GB/T 35965
 *   identifier or a mainland Chinese `language`); geocodes of 6 or 12 digits under a GB/T 2260 scheme name
 *   (or any non-foreign scheme in a China-profile message) are also region codes; an area with no region
 *   code and no geometry, or a message with info but no area, gets the issuer's region from the identifier.
 */
import type {
  Alert, AlertArea, AlertFormat, AlertInput, AlertLevel, AlertLevelSource, AlertMsgType, AlertReference, AlertResource,
  AlertStatus, AlertText, GeoPoint,
} from '../../model.js';
import { registerAlertFormat } from '../alert-format-registry.js';
import { CAP_FORMAT, capRejected, probeCap, readCapDocument, type CapElement } from './cap-document.js';
import { oneLine, paragraphs, parseCapTime, parseCircle, parsePolygon, parseReferences } from './cap-fields.js';
import {
  BEIJING_OFFSET_MINUTES, COLOUR_PARAMETER, LEVEL_PARAMETER, chinaLevelInParameter, chinaLevelInText, colourInValue,
  colourWarningInText, colourWordLevel, isMainlandChineseLanguage, isRegionGeocode, issuerRegionCode, mostSevere,
  parseGbt35965Identifier,
} from './gbt35965.js';

const DEFAULT_LANGUAGE = 'en-us';

const STATUSES: Readonly<Record<string, AlertStatus>> = {
  actual: 'actual', exercise: 'exercise', system: 'system', test: 'test', draft: 'draft',
};
const MSG_TYPES: Readonly<Record<string, AlertMsgType>> = {
  alert: 'alert', update: 'update', cancel: 'cancel', ack: 'ack', error: 'error',
};
const SCOPES: Readonly<Record<string, Alert['scope']>> = { public: 'public', restricted: 'restricted', private: 'private' };

/** CAP severity (§3.2.2) on the one scale; Unknown has no level of its own. */
const SEVERITY_LEVELS: Readonly<Record<string, AlertLevel>> = { extreme: 1, severe: 2, moderate: 3, minor: 4 };

const REQUIRED = ['identifier', 'sender', 'sent', 'status', 'msgType', 'scope'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// -----------------------------------------------------------------------------------------------------
// Element access

function firstChild(element: CapElement, name: string): CapElement | undefined {
  return element.children.find((child) => child.name === name);
}

function childrenNamed(element: CapElement, name: string): CapElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The one-line text of the first child named `name`; undefined when absent or empty. */
function textOf(element: CapElement, name: string): string | undefined {
  const child = firstChild(element, name);
  const text = child === undefined ? '' : oneLine(child.text);
  return text.length > 0 ? text : undefined;
}

function paragraphsOf(element: CapElement, name: string): string | undefined {
  const child = firstChild(element, name);
  const text = child === undefined ? '' : paragraphs(child.text);
  return text.length > 0 ? text : undefined;
}

/** `valueName`/`value` pairs of `eventCode`, `parameter` and `geocode` children; empty values are passed over. */
function namedValues(element: CapElement, name: string): { name: string; value: string }[] {
  const values: { name: string; value: string }[] = [];
  for (const child of childrenNamed(element, name)) {
    const value = textOf(child, 'value');
    if (value !== undefined) values.push({ name: textOf(child, 'valueName') ?? '', value });
  }
  return values;
}

// -----------------------------------------------------------------------------------------------------
// The alert segment

function enumField<T>(alert: CapElement, name: string, values: Readonly<Record<string, T>>): T {
  const element = firstChild(alert, name);
  const raw = textOf(alert, name) ?? '';
  const value = values[raw.toLowerCase()];
  if (value === undefined) {
    const expected = Object.keys(values).map((v) => v.charAt(0).toUpperCase() + v.slice(1)).join(', ');
    throw capRejected(`<${name}> is "${raw}"; expected one of ${expected}`, element?.line, { field: name, value: raw });
  }
  return value;
}

function checkRequired(alert: CapElement): void {
  const missing = REQUIRED.filter((name) => textOf(alert, name) === undefined);
  const first = missing[0];
  if (first === undefined) return;
  const list = missing.map((name) => `<${name}>`).join(', ');
  throw capRejected(`required ${list} ${missing.length > 1 ? 'are' : 'is'} missing or empty in <alert> (opened at line ${alert.line})`,
    alert.line, { field: first, fields: missing });
}

// -----------------------------------------------------------------------------------------------------
// Areas

interface AreaDraft {
  readonly description: string | undefined;
  readonly regionCodes: string[];
  readonly polygons: GeoPoint[][];
  readonly circles: { center: GeoPoint; radiusKm: number }[];
  readonly geocodes: { name: string; value: string }[];
  /** What makes two areas the same place in different languages. */
  readonly identity: string;
}

function readArea(area: CapElement, chinaProfile: boolean): AreaDraft {
  const polygons: GeoPoint[][] = [];
  for (const element of childrenNamed(area, 'polygon')) {
    const polygon = parsePolygon(element.text);
    if (polygon !== undefined) polygons.push(polygon);
  }
  const circles: { center: GeoPoint; radiusKm: number }[] = [];
  for (const element of childrenNamed(area, 'circle')) {
    const circle = parseCircle(element.text);
    if (circle !== undefined) circles.push(circle);
  }
  const geocodes = namedValues(area, 'geocode');
  const regionCodes = [...new Set(geocodes.filter((g) => isRegionGeocode(g.name, g.value, chinaProfile)).map((g) => g.value))];
  const description = textOf(area, 'areaDesc');
  const identity = polygons.length + circles.length > 0
    ? `geometry:${JSON.stringify([polygons, circles])}`
    : geocodes.length > 0 ? `geocodes:${JSON.stringify(geocodes)}` : `description:${description ?? ''}`;
  return { description, regionCodes, polygons, circles, geocodes, identity };
}

/** Adds an area, or merges its codes into the same place already given in another block. */
function addArea(areas: AreaDraft[], draft: AreaDraft): void {
  const same = areas.find((area) => area.identity === draft.identity);
  if (same === undefined) {
    areas.push(draft);
    return;
  }
  for (const code of draft.regionCodes) if (!same.regionCodes.includes(code)) same.regionCodes.push(code);
  for (const geocode of draft.geocodes) {
    if (!same.geocodes.some((g) => g.name === geocode.name && g.value === geocode.value)) same.geocodes.push(geocode);
  }
}

// -----------------------------------------------------------------------------------------------------
// Resources

function readResource(resource: CapElement): AlertResource {
  const size = textOf(resource, 'size');
  const out: Mutable<AlertResource> = {};
  const description = textOf(resource, 'resourceDesc');
  const mimeType = textOf(resource, 'mimeType');
  const uri = textOf(resource, 'uri');
  const digest = textOf(resource, 'digest');
  if (description !== undefined) out.description = description;
  if (mimeType !== undefined) out.mimeType = mimeType;
  if (uri !== undefined) out.uri = uri;
  if (size !== undefined && /^\d+$/.test(size)) out.size = Number(size);
  if (digest !== undefined) out.digest = digest;
  return out;
}

function resourceIdentity(resource: AlertResource): string {
  return resource.uri ?? resource.digest ?? `${resource.description ?? ''}|${resource.mimeType ?? ''}`;
}

// -----------------------------------------------------------------------------------------------------
// Levels

/** Explicit and CAP-severity levels seen so far; the most severe of each kind is kept. */
interface LevelEvidence {
  chinaLevel: AlertLevel | undefined;
  colour: AlertLevel | undefined;
  severity: AlertLevel | undefined;
}

function gatherLevels(evidence: LevelEvidence, info: CapElement, parameters: readonly { name: string; value: string }[]): void {
  const severity = (textOf(info, 'severity') ?? '').toLowerCase();
  const capLevel = SEVERITY_LEVELS[severity];
  if (capLevel !== undefined) {
    evidence.severity = mostSevere(evidence.severity, capLevel);
  } else if (severity.length > 0 && severity !== 'unknown') {
    // Colour or level words in <severity> itself (reported of some GB/T 35965 feeds; tolerated).
    evidence.colour = mostSevere(evidence.colour, colourWordLevel(severity) ?? colourInValue(severity));
    evidence.chinaLevel = mostSevere(evidence.chinaLevel, chinaLevelInParameter('预警级别', severity));
  }
  for (const name of ['event', 'headline']) {
    const text = textOf(info, name);
    if (text === undefined) continue;
    evidence.chinaLevel = mostSevere(evidence.chinaLevel, chinaLevelInText(text));
    evidence.colour = mostSevere(evidence.colour, colourWarningInText(text));
  }
  for (const { name, value } of parameters) {
    if (COLOUR_PARAMETER.test(name)) {
      evidence.colour = mostSevere(evidence.colour, colourInValue(value));
    } else if (LEVEL_PARAMETER.test(name)) {
      evidence.chinaLevel = mostSevere(evidence.chinaLevel, chinaLevelInParameter(name, value));
      evidence.colour = mostSevere(evidence.colour, colourInValue(value));
    }
  }
}

function decideLevel(evidence: LevelEvidence): { level: AlertLevel; levelSource: AlertLevelSource } {
  const explicit = mostSevere(evidence.chinaLevel, evidence.colour);
  if (explicit !== undefined) return { level: explicit, levelSource: explicit === evidence.chinaLevel ? 'china-level' : 'colour' };
  if (evidence.severity !== undefined) return { level: evidence.severity, levelSource: 'cap-severity' };
  return { level: 4, levelSource: 'default' };
}

// -----------------------------------------------------------------------------------------------------
// Parse

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** Parses one CAP message into the normalized alert (see the file header for what is rejected or tolerated). */
export function parseCap(input: AlertInput): Alert {
  const { root, signed } = readCapDocument(input);
  checkRequired(root);
  const identifier = textOf(root, 'identifier') ?? '';
  const sender = textOf(root, 'sender') ?? '';
  const infos = childrenNamed(root, 'info');
  const languages = infos.map((info) => (textOf(info, 'language') ?? DEFAULT_LANGUAGE).toLowerCase());
  const chinaProfile = parseGbt35965Identifier(identifier) !== undefined || languages.some(isMainlandChineseLanguage);
  const zoneless = chinaProfile ? BEIJING_OFFSET_MINUTES : 0;

  const sentText = textOf(root, 'sent') ?? '';
  const sent = parseCapTime(sentText, zoneless);
  if (sent === undefined) {
    throw capRejected(`<sent> is "${sentText}", not a CAP date-time (YYYY-MM-DDThh:mm:ss±hh:mm)`, firstChild(root, 'sent')?.line,
      { field: 'sent', value: sentText });
  }
  const status = enumField(root, 'status', STATUSES);
  const msgType = enumField(root, 'msgType', MSG_TYPES);
  const scope = enumField(root, 'scope', SCOPES);
  const references: AlertReference[] = parseReferences(textOf(root, 'references') ?? '', zoneless);

  const texts: Record<string, Mutable<AlertText>> = {};
  const areas: AreaDraft[] = [];
  const resources: AlertResource[] = [];
  const parameters: { name: string; value: string }[] = [];
  const evidence: LevelEvidence = { chinaLevel: undefined, colour: undefined, severity: undefined };
  let event: string | undefined;
  let eventCode: string | undefined;
  let effective: number | undefined;
  let onset: number | undefined;
  let expires: number | undefined;

  infos.forEach((info, i) => {
    const language = languages[i] ?? DEFAULT_LANGUAGE;
    const text = (texts[language] ??= {});
    // A later block of the same language adds what is missing and never overrides (§3.2.2).
    text.event ??= textOf(info, 'event');
    text.headline ??= textOf(info, 'headline');
    text.description ??= paragraphsOf(info, 'description');
    text.instruction ??= paragraphsOf(info, 'instruction');
    text.senderName ??= textOf(info, 'senderName');
    event ??= textOf(info, 'event');
    eventCode ??= namedValues(info, 'eventCode')[0]?.value;

    const infoTime = (name: string): number | undefined => {
      const raw = textOf(info, name);
      return raw === undefined ? undefined : parseCapTime(raw, zoneless);
    };
    effective = earliest(effective, infoTime('effective') ?? sent);
    onset = earliest(onset, infoTime('onset'));
    expires = latest(expires, infoTime('expires'));

    const infoParameters = namedValues(info, 'parameter').filter((p) => p.name.length > 0);
    for (const parameter of infoParameters) {
      if (!parameters.some((p) => p.name === parameter.name && p.value === parameter.value)) parameters.push(parameter);
    }
    gatherLevels(evidence, info, infoParameters);
    for (const element of childrenNamed(info, 'resource')) {
      const resource = readResource(element);
      if (!resources.some((r) => resourceIdentity(r) === resourceIdentity(resource))) resources.push(resource);
    }
    for (const element of childrenNamed(info, 'area')) addArea(areas, readArea(element, chinaProfile));
  });

  // GB/T 35965: the issuer's region targets what the message leaves untargeted (a documented assumption).
  const issuerRegion = infos.length > 0 ? issuerRegionCode(identifier) : undefined;
  if (issuerRegion !== undefined) {
    if (areas.length === 0) areas.push({ description: undefined, regionCodes: [], polygons: [], circles: [], geocodes: [], identity: '' });
    for (const area of areas) {
      if (area.regionCodes.length === 0 && area.polygons.length === 0 && area.circles.length === 0) area.regionCodes.push(issuerRegion);
    }
  }

  const audioResource = resources.find((r) => r.uri !== undefined && r.mimeType?.toLowerCase().startsWith('audio/') === true);
  const alert: Mutable<Alert> = {
    key: `cap:${sender}/${identifier}`,
    format: CAP_FORMAT,
    identifier,
    sender,
    sent,
    status,
    msgType,
    scope,
    references,
    referenceKeys: [...new Set(references.map((r) => `cap:${r.sender}/${r.identifier}`))],
    ...decideLevel(evidence),
    event: event ?? eventCode ?? texts[languages[0] ?? DEFAULT_LANGUAGE]?.headline ?? '',
    texts: Object.fromEntries(Object.entries(texts).map(([language, text]) => [language, withoutUndefined(text)])),
    areas: areas.map((area): AlertArea => ({
      ...(area.description === undefined ? {} : { description: area.description }),
      regionCodes: area.regionCodes, polygons: area.polygons, circles: area.circles, geocodes: area.geocodes,
    })),
    effective: effective ?? sent,
    exceptions: [],
    resources,
    parameters,
    signature: { present: signed },
  };
  if (eventCode !== undefined) alert.eventCode = eventCode;
  if (onset !== undefined) alert.onset = onset;
  if (expires !== undefined) alert.expires = expires;
  if (audioResource !== undefined) alert.audio = audioResource;
  return alert;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The CAP format: OASIS CAP 1.1/1.2 and GB/T 35965.1, registered as `cap`. */
export const capFormat: AlertFormat = {
  format: CAP_FORMAT,
  probe: probeCap,
  parse: parseCap,
};

registerAlertFormat(capFormat);
