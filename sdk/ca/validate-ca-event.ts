/**
 * Checks a value a CA module emitted against the normalized event set before the session acts on it. Vendor
 * wrappers are thin C bridges: a wrong field type must be caught here, not crash the system UI.
 */
import { CA_BLOCK_REASONS, type CaEvent, type CardState, type OsdPosition } from './ca-events.js';

export const CA_CARD_STATES = [
  'absent', 'inserted', 'initializing', 'ready', 'invalid', 'expired', 'pairedOther', 'sleeping', 'frozen', 'paused',
  'upgrading', 'notActivated', 'notAuthenticated',
] as const satisfies readonly CardState[];

const OSD_POSITIONS: readonly OsdPosition[] = ['top', 'bottom', 'full', 'half'];

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPid = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPositive = (v: unknown): boolean => isFiniteNumber(v) && v > 0;
const oneOf = (v: unknown, allowed: readonly string[]): boolean => typeof v === 'string' && allowed.includes(v);

/** Problems with optional fields: `[name, check, expected]` for each present field. */
function optional(e: Fields, checks: readonly (readonly [string, (v: unknown) => boolean, string])[]): string | undefined {
  for (const [name, check, expected] of checks) {
    if (e[name] !== undefined && !check(e[name])) return `${name} must be ${expected}`;
  }
  return undefined;
}

function offerProblem(offer: unknown): string | undefined {
  if (!isObject(offer)) return 'offer must be an object';
  if (typeof offer.id !== 'string' || offer.id === '') return 'offer.id must be a non-empty string';
  if (!oneOf(offer.stage, ['freePreview', 'paid', 'ippt'])) return 'offer.stage must be freePreview, paid or ippt';
  for (const key of ['ecmPid', 'operatorId', 'productId', 'walletId']) {
    if (!isPid(offer[key])) return `offer.${key} must be a non-negative integer`;
  }
  if (!Array.isArray(offer.prices) || offer.prices.length === 0) return 'offer.prices must be a non-empty array';
  for (const price of offer.prices as unknown[]) {
    if (!isObject(price) || !oneOf(price.kind, ['view', 'viewAndRecord']) || !isFiniteNumber(price.amount) || price.amount < 0) {
      return 'offer.prices must hold {kind: view | viewAndRecord, amount ≥ 0}';
    }
  }
  return optional(offer, [
    ['title', (v) => typeof v === 'string', 'a string'],
    ['expires', isFiniteNumber, 'a time in ms'],
    ['intervalMinutes', isPositive, 'a positive number'],
  ]);
}

function rawProblem(raw: unknown): string | undefined {
  if (!isObject(raw)) return 'raw must be an object {vendor, code}';
  if (typeof raw.vendor !== 'string' || raw.vendor === '') return 'raw.vendor must be a non-empty string';
  if (typeof raw.code !== 'number' && typeof raw.code !== 'string') return 'raw.code must be a number or a string';
  if (raw.name !== undefined && typeof raw.name !== 'string') return 'raw.name must be a string';
  return undefined;
}

function fieldProblem(e: Fields): string | undefined {
  switch (e.type) {
    case 'block':
      if (!oneOf(e.reason, CA_BLOCK_REASONS)) return `reason ${JSON.stringify(e.reason)} is not a block reason`;
      return isPid(e.ecmPid) ? undefined : 'ecmPid must be a non-negative integer';
    case 'unblock':
    case 'fingerprintHide':
    case 'ippvHide':
      return isPid(e.ecmPid) ? undefined : 'ecmPid must be a non-negative integer';
    case 'osd':
      if (!oneOf(e.position, OSD_POSITIONS)) return 'position must be top, bottom, full or half';
      if (typeof e.text !== 'string') return 'text must be a string';
      return optional(e, [['loops', (v) => Number.isInteger(v) && (v as number) > 0, 'a positive integer'], ['durationMs', isPositive, 'a positive number']]);
    case 'osdHide':
      return oneOf(e.position, OSD_POSITIONS) ? undefined : 'position must be top, bottom, full or half';
    case 'fingerprint':
      if (!isPid(e.ecmPid)) return 'ecmPid must be a non-negative integer';
      if (typeof e.cardId !== 'string' && typeof e.text !== 'string') return 'a fingerprint needs cardId or text (a string)';
      return optional(e, [
        ['cardId', (v) => typeof v === 'string', 'a string'], ['text', (v) => typeof v === 'string', 'a string'],
        ['durationMs', isPositive, 'a positive number'],
        ['x', (v) => isFiniteNumber(v) && v >= 0 && v <= 1, 'in 0–1'], ['y', (v) => isFiniteNumber(v) && v >= 0 && v <= 1, 'in 0–1'],
      ]);
    case 'mail':
      if (!oneOf(e.state, ['none', 'new', 'full'])) return 'state must be none, new or full';
      return optional(e, [['mailId', (v) => typeof v === 'string', 'a string']]);
    case 'ippvOffer':
      return offerProblem(e.offer);
    case 'forceTune': {
      const target = e.target;
      if (!isObject(target)) return 'target must be an object';
      const numbers = ['onid', 'tsid', 'sid', 'major', 'minor', 'sourceId', 'number', 'frequencyKHz', 'symbolRate'] as const;
      const bad = numbers.find((key) => target[key] !== undefined && !isPid(target[key]));
      if (bad !== undefined) return `target.${bad} must be a non-negative integer`;
      return optional(target, [['modulation', (v) => typeof v === 'string', 'a string']]);
    }
    case 'releaseTune':
      return undefined;
    case 'feedRequest':
    case 'entitlementChanged':
      return isPid(e.operatorId) ? undefined : 'operatorId must be a non-negative integer';
    case 'upgradeProgress':
      if (!oneOf(e.phase, ['receiving', 'patching'])) return 'phase must be receiving or patching';
      return isFiniteNumber(e.percent) && e.percent >= 0 && e.percent <= 100 ? undefined : 'percent must be in 0–100';
    case 'cardState':
      return oneOf(e.card, CA_CARD_STATES) ? undefined : `card ${JSON.stringify(e.card)} is not a card state`;
    default:
      return `unknown event type ${JSON.stringify(e.type)}`;
  }
}

/** Why `value` is not a valid `CaEvent`, or undefined when it is. */
export function caEventProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not an object';
  return fieldProblem(value) ?? rawProblem(value.raw);
}

export function isCaEvent(value: unknown): value is CaEvent {
  return caEventProblem(value) === undefined;
}
