/**
 * Format `ebd`: a China emergency-broadcast platform message — the EBD data package (GD/J 083-2018
 * 平台接口, superseded by GY/T 384-2023) carrying one EBM (message body, GD/J 082-2018 / GY/T 385-2023).
 * Clause numbers were not verified against the standard texts; the structure follows
 * shared/reference/alerts.md §3:
 *
 *   EBD { EBDVersion, EBDID, EBDType = EBM, SRC{EBRID}, DEST{EBRID}, EBDTime, RelatedEBD{EBDID},
 *     EBM { EBMVersion, EBMID, RelatedInfo{EBMID*},
 *       MsgBasicInfo { MsgType, SenderName, SenderCode, SendTime, EventType, Severity, StartTime, EndTime },
 *       MsgContent* { LanguageCode, MsgTitle, MsgDesc, AreaCode*, ProgramNum, Auxiliary* }, Dispatch } }
 *
 * Mapping to the normalized `Alert`:
 * - key `ebm:<EBMID>`; identifier EBMID; sender SenderCode (else SRC/EBRID, else SenderName).
 * - MsgType 1 → alert/actual; 2 → cancel/actual, RelatedInfo/EBMID → referenceKeys `ebm:<id>` (a cancel
 *   without RelatedInfo cancels its own EBMID, with a warning); 3/4/5 → status `exercise` with parameter
 *   `drill` = platform / headend / terminal. Any other MsgType is rejected.
 * - Severity 1–4 → level I–IV (`china-level`); 0, absent or anything else → level 4 (`default`).
 * - EventType → event and eventCode as given; the Chinese name (when known, `ebm-codes.ts`) goes into
 *   the Chinese text's `event`, the class (自然灾害 …) into parameter `EventClass`.
 * - Times are Beijing local time without zone, read as +08:00 (`beijing-time.ts`). sent = SendTime
 *   (else EBDTime); effective = StartTime (else sent); expires = EndTime.
 * - MsgContent → texts by LanguageCode (lower case; `zho` when absent): MsgTitle → headline, MsgDesc →
 *   description. A second MsgContent in the same language only fills fields the first left empty.
 * - AreaCode (12 digits; several per element separated by commas, spaces or 、, and/or repeated) →
 *   areas[0].regionCodes, de-duplicated; no AreaCode → no areas (everywhere).
 * - ProgramNum → detailsChannel.number; Auxiliary → resources (the first audio one also → audio).
 * - Envelope and routing fields (EBDID, EBRIDs, versions, Dispatch targets) → parameters.
 * - Recoverable oddities (a bad time, an unknown Severity, a malformed AreaCode) are kept out of the
 *   alert and listed as parameters named `yiwang:warning`.
 *
 * Rejected (`AlertRejected` 6002, naming the element and its line): another root element, an EBD of
 * another EBDType, a missing or empty EBMID / MsgBasicInfo / MsgType, an unknown MsgType, no usable
 * SendTime or EBDTime; malformed XML. A DOCTYPE or entity declaration is refused (`XmlDoctypeRefused`).
 */
import type {
  Alert, AlertFormat, AlertInput, AlertLevel, AlertLevelSource, AlertReference, AlertResource, AlertText, DetailsChannel,
} from '../../model.js';
import { registerAlertFormat } from '../alert-format-registry.js';
import { parseBeijingTime } from './beijing-time.js';
import { ebdRejected } from './ebd-rejected.js';
import { childElement, childElements, childText, elementText, readXmlTree, type XmlElement } from './ebd-xml-tree.js';
import {
  EBM_AUXILIARY_TYPES, EBM_EVENT_TYPE_PATTERN, EBM_MSG_TYPES, EBM_SEVERITY_LEVELS, EBM_SEVERITY_NON_LEVELS, ebmEventClass,
  ebmEventName,
} from './ebm-codes.js';

// ---------------------------------------------------------------------------------------------------
// Ids / names
// ---------------------------------------------------------------------------------------------------

export const EBD_FORMAT = 'ebd';

/** Parameter name of a recoverable problem found while reading a message. */
export const EBD_WARNING_PARAMETER = 'yiwang:warning';

/** Language of a MsgContent without LanguageCode. */
const DEFAULT_LANGUAGE = 'zho';

/** Root elements accepted: the EBD envelope, or a bare EBM (some vendor feeds drop the envelope). */
const ROOTS = new Set(['ebd', 'ebm']);

/** Characters looked at by `probe`. */
const PROBE_CHARS = 4096;

const AREA_CODE_SEPARATORS = /[\s,，;；、]+/;

const isChinese = (lang: string): boolean => /^(zh|zho|chi)(\b|[-_])/.test(lang);

export interface EbdParseResult {
  readonly alert: Alert;
  /** Recoverable problems, also in `alert.parameters` as `yiwang:warning`. */
  readonly warnings: readonly string[];
}

// ---------------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------------

export const ebdFormat: AlertFormat = {
  format: EBD_FORMAT,
  probe: probeEbd,
  parse: (input) => decodeEbd(input).alert,
};

// ---------------------------------------------------------------------------------------------------
// Probe
// ---------------------------------------------------------------------------------------------------

/** True when the first element of the document is `EBD` (or a bare `EBM`), any prefix, any case. */
export function probeEbd(input: AlertInput): boolean {
  const head = typeof input === 'string' ? input.slice(0, PROBE_CHARS) : asciiHead(input);
  const name = firstElementName(head);
  if (name === undefined) return false;
  const colon = name.indexOf(':');
  return ROOTS.has((colon < 0 ? name : name.slice(colon + 1)).toLowerCase());
}

/** The first bytes as Latin-1, with UTF-16 reduced to its low bytes: element names are ASCII. */
function asciiHead(bytes: Uint8Array): string {
  const n = Math.min(bytes.length, PROBE_CHARS * 2);
  const utf16 = (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)
    || (n >= 2 && (bytes[0] === 0 || bytes[1] === 0));
  let head = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (utf16 && b === 0) continue;
    head += String.fromCharCode(b);
  }
  return head;
}

/** Name of the first start tag, passing over the XML declaration, comments, PIs and a DOCTYPE. */
function firstElementName(text: string): string | undefined {
  let i = text.indexOf('<');
  while (i >= 0 && i + 1 < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      i = text.indexOf('<', end + 3);
    } else if (text[i + 1] === '?' || text[i + 1] === '!') {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return undefined;
      i = text.indexOf('<', end + 1);
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(i, i + 256));
      return m?.[1];
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Decode
// ---------------------------------------------------------------------------------------------------

/** Parses one EBD (or bare EBM) message. Throws `AlertRejected` or `XmlDoctypeRefused`; see the file header. */
export function decodeEbd(input: AlertInput): EbdParseResult {
  const root = readXmlTree(input, EBD_FORMAT);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
  };
  const parameters: Array<{ name: string; value: string }> = [];
  const param = (name: string, value: string | undefined): void => {
    if (value !== undefined) parameters.push({ name, value });
  };

  // Envelope
  let ebm: XmlElement;
  let envelope: XmlElement | undefined;
  const rootName = root.name.toLowerCase();
  if (rootName === 'ebd') {
    envelope = root;
    const type = childText(root, 'EBDType');
    if (type !== undefined && type.toUpperCase() !== 'EBM') {
      throw ebdRejected('not-ebm', `ebd: EBDType "${type}" at line ${childElement(root, 'EBDType')?.line ?? root.line} is not EBM; only EBM messages carry an alert`,
        { where: 'EBD/EBDType', line: childElement(root, 'EBDType')?.line, ebdType: type });
    }
    ebm = requiredElement(root, 'EBM', 'EBD');
  } else if (rootName === 'ebm') {
    ebm = root;
  } else {
    throw ebdRejected('not-ebd', `ebd: the root element is <${root.name}> (line ${root.line}), not <EBD>`, { where: root.name, line: root.line });
  }
  const path = envelope ? 'EBD/EBM' : 'EBM';
  param('EBDID', childText(envelope, 'EBDID'));
  param('EBDVersion', childText(envelope, 'EBDVersion'));
  param('EBD.SRC.EBRID', childText(childElement(envelope, 'SRC'), 'EBRID'));
  for (const dest of childElements(childElement(envelope, 'DEST'), 'EBRID')) param('EBD.DEST.EBRID', elementText(dest));
  param('RelatedEBD.EBDID', childText(childElement(envelope, 'RelatedEBD'), 'EBDID'));
  param('EBMVersion', childText(ebm, 'EBMVersion'));

  // Identity and kind
  const ebmId = requiredText(ebm, 'EBMID', path);
  const basic = requiredElement(ebm, 'MsgBasicInfo', path);
  const msgTypeText = requiredText(basic, 'MsgType', `${path}/MsgBasicInfo`);
  const msgTypeInfo = /^\d+$/.test(msgTypeText) ? EBM_MSG_TYPES[Number(msgTypeText)] : undefined;
  if (!msgTypeInfo) {
    const line = childElement(basic, 'MsgType')?.line ?? basic.line;
    throw ebdRejected('invalid', `ebd: <MsgType> at line ${line} is "${msgTypeText}"; known: 1 实际播发, 2 取消播发, 3–5 演练`,
      { where: `${path}/MsgBasicInfo/MsgType`, line, value: msgTypeText });
  }
  param('MsgType', msgTypeText);
  param('drill', msgTypeInfo.drill);

  const senderName = childText(basic, 'SenderName');
  const senderCode = childText(basic, 'SenderCode');
  param('SenderCode', senderCode);
  const sender = senderCode ?? childText(childElement(envelope, 'SRC'), 'EBRID') ?? senderName ?? '';

  // Times
  const time = (parent: XmlElement | undefined, name: string): number | undefined => {
    const text = childText(parent, name);
    if (text === undefined) return undefined;
    const ms = parseBeijingTime(text);
    if (ms === undefined) warn(`<${name}> at line ${childElement(parent, name)?.line ?? 0} is not a time: "${text}"`);
    return ms;
  };
  const sent = time(basic, 'SendTime') ?? time(envelope, 'EBDTime');
  if (sent === undefined) {
    throw ebdRejected('missing', `ebd: <MsgBasicInfo> at line ${basic.line} has no usable <SendTime>${envelope ? ' and the EBD no usable <EBDTime>' : ''}`,
      { where: `${path}/MsgBasicInfo/SendTime`, line: basic.line });
  }
  const start = time(basic, 'StartTime');
  const end = time(basic, 'EndTime');
  if (start !== undefined && end !== undefined && end < start) warn('<EndTime> is before <StartTime>');

  // References
  const related = childElements(childElement(ebm, 'RelatedInfo'), 'EBMID').map(elementText).filter((id): id is string => id !== undefined);
  if (msgTypeInfo.msgType === 'cancel' && related.length === 0) {
    warn('a cancel (MsgType 2) without <RelatedInfo><EBMID>: cancelling its own EBMID');
    related.push(ebmId);
  }
  const references: AlertReference[] = related.map((identifier) => ({ sender, identifier }));

  // Level and event
  const { level, levelSource } = severityLevel(childText(basic, 'Severity'), warn);
  param('Severity', childText(basic, 'Severity'));
  const eventType = childText(basic, 'EventType');
  if (eventType === undefined) warn('no <EventType>');
  else if (!EBM_EVENT_TYPE_PATTERN.test(eventType)) warn(`<EventType> "${eventType}" is not a 5-character event code`);
  const eventName = eventType === undefined ? undefined : ebmEventName(eventType);
  param('EventClass', eventType === undefined ? undefined : ebmEventClass(eventType));

  // Content
  const texts: Record<string, AlertText> = {};
  const regionCodes: string[] = [];
  const resources: AlertResource[] = [];
  let audio: AlertResource | undefined;
  let detailsChannel: DetailsChannel | undefined;
  const contents = childElements(ebm, 'MsgContent');
  if (contents.length === 0 && msgTypeInfo.msgType !== 'cancel') warn('no <MsgContent>: the alert has no text');
  for (const content of contents) {
    const lang = (childText(content, 'LanguageCode') ?? DEFAULT_LANGUAGE).toLowerCase();
    const text: AlertText = dropUndefined({
      headline: childText(content, 'MsgTitle'),
      description: childText(content, 'MsgDesc'),
      event: isChinese(lang) ? eventName : undefined,
      senderName,
    });
    const earlier = texts[lang];
    texts[lang] = earlier ? { ...text, ...earlier } : text;

    for (const area of childElements(content, 'AreaCode')) {
      for (const code of (elementText(area) ?? '').split(AREA_CODE_SEPARATORS)) {
        if (code === '') continue;
        if (!/^\d+$/.test(code)) {
          warn(`<AreaCode> at line ${area.line}: "${code}" is not a numeric area code; skipped`);
          continue;
        }
        if (code.length !== 12) warn(`<AreaCode> at line ${area.line}: "${code}" has ${code.length} digits, not 12`);
        if (!regionCodes.includes(code)) regionCodes.push(code);
      }
    }

    const programNum = childText(content, 'ProgramNum');
    if (programNum !== undefined) {
      if (!/^\d+$/.test(programNum)) warn(`<ProgramNum> "${programNum}" is not a number; ignored`);
      else detailsChannel ??= { number: Number(programNum) };
    }

    for (const auxiliary of childElements(content, 'Auxiliary')) {
      const resource = auxiliaryResource(auxiliary, warn);
      resources.push(resource);
      const type = Number(childText(auxiliary, 'AuxiliaryType'));
      if (EBM_AUXILIARY_TYPES[type]?.audio === true) audio ??= resource;
    }
  }

  // Routing
  for (const id of descendants(childElement(ebm, 'Dispatch'), 'EBRID')) param('Dispatch.EBRID', elementText(id));

  for (const message of warnings) parameters.push({ name: EBD_WARNING_PARAMETER, value: message });

  const alert: Alert = {
    key: `ebm:${ebmId}`,
    format: EBD_FORMAT,
    identifier: ebmId,
    sender,
    sent,
    status: msgTypeInfo.status,
    msgType: msgTypeInfo.msgType,
    scope: 'public',
    references,
    referenceKeys: related.map((id) => `ebm:${id}`),
    level,
    levelSource,
    event: eventType ?? '',
    ...(eventType === undefined ? {} : { eventCode: eventType }),
    texts,
    areas: regionCodes.length === 0 ? [] : [{ regionCodes, polygons: [], circles: [], geocodes: [] }],
    effective: start ?? sent,
    ...(end === undefined ? {} : { expires: end }),
    ...(detailsChannel === undefined ? {} : { detailsChannel }),
    ...(audio === undefined ? {} : { audio }),
    exceptions: [],
    resources,
    parameters,
  };
  return { alert, warnings };
}

// ---------------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------------

function requiredElement(parent: XmlElement, name: string, path: string): XmlElement {
  const element = childElement(parent, name);
  if (!element) {
    throw ebdRejected('missing', `ebd: <${parent.name}> at line ${parent.line} has no <${name}>`, { where: `${path}/${name}`, line: parent.line });
  }
  return element;
}

function requiredText(parent: XmlElement, name: string, path: string): string {
  const element = requiredElement(parent, name, path);
  const text = elementText(element);
  if (text === undefined) {
    throw ebdRejected('missing', `ebd: <${name}> at line ${element.line} is empty`, { where: `${path}/${name}`, line: element.line });
  }
  return text;
}

function severityLevel(text: string | undefined, warn: (message: string) => void): { level: AlertLevel; levelSource: AlertLevelSource } {
  const value = text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  const level = value === undefined ? undefined : EBM_SEVERITY_LEVELS[value];
  if (level !== undefined) return { level, levelSource: 'china-level' };
  if (text === undefined) warn('no <Severity>: level IV assumed');
  else if (value === undefined || !EBM_SEVERITY_NON_LEVELS.has(value)) warn(`<Severity> "${text}" is not 1–4: level IV assumed`);
  return { level: 4, levelSource: 'default' };
}

function auxiliaryResource(auxiliary: XmlElement, warn: (message: string) => void): AlertResource {
  const typeText = childText(auxiliary, 'AuxiliaryType');
  const info = typeText !== undefined && /^\d+$/.test(typeText) ? EBM_AUXILIARY_TYPES[Number(typeText)] : undefined;
  if (!info) warn(`<Auxiliary> at line ${auxiliary.line}: unknown AuxiliaryType "${typeText ?? ''}"`);
  const desc = childText(auxiliary, 'AuxiliaryDesc');
  const sizeText = childText(auxiliary, 'Size');
  const size = sizeText !== undefined && /^\d+$/.test(sizeText) ? Number(sizeText) : undefined;
  if (sizeText !== undefined && size === undefined) warn(`<Auxiliary> at line ${auxiliary.line}: Size "${sizeText}" is not a number`);
  return dropUndefined({
    description: desc ?? info?.name,
    mimeType: info?.mimeType,
    // AuxiliaryDesc usually names a file sent beside the XML; it is a URI only when it says so.
    uri: desc !== undefined && /^(https?|rtsp|rtp|udp):\/\//i.test(desc) ? desc : undefined,
    size,
    digest: childText(auxiliary, 'Digest'),
  });
}

/** Every element named `name` under `parent`, depth first. */
function descendants(parent: XmlElement | undefined, name: string): XmlElement[] {
  if (!parent) return [];
  const found: XmlElement[] = [];
  const wanted = name.toLowerCase();
  const visit = (element: XmlElement): void => {
    for (const child of element.children) {
      if (child.name.toLowerCase() === wanted) found.push(child);
      else visit(child);
    }
  };
  visit(parent);
  return found;
}

/** The object without its undefined properties (so printed JSON and deep-equal stay clean). */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

registerAlertFormat(ebdFormat);
