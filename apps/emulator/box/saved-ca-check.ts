/**
 * Checks a box CA snapshot read back from sessionStorage before the library restores it: storage can hold
 * anything (an older emulator, a hand edit, another tool), and the library checks only the shape of its
 * lists. Names the first bad field by its path, so the host can say why it starts with a fresh card.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);
const isWhole = (v: unknown): boolean => isInt(v) && (v as number) >= 0;
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): boolean => typeof v === 'string';
const isFlag = (v: unknown): boolean => typeof v === 'boolean';

type FieldCheck = readonly [field: string, check: (v: unknown) => boolean, expected: string, optional?: boolean];

const ENTITLEMENT: readonly FieldCheck[] = [
  ['operatorId', isWhole, 'an integer ≥ 0'], ['productId', isWhole, 'an integer ≥ 0'], ['begin', isTime, 'a time (ms)'],
  ['expire', isTime, 'a time (ms)'], ['canRecord', isFlag, 'a boolean'], ['name', isText, 'a string', true],
];
const WALLET: readonly FieldCheck[] = [
  ['operatorId', isWhole, 'an integer ≥ 0'], ['id', isWhole, 'an integer ≥ 0'], ['credit', isWhole, 'whole fen ≥ 0'],
  ['balance', isWhole, 'whole fen ≥ 0'],
];
const MAIL: readonly FieldCheck[] = [
  ['id', isText, 'a string'], ['title', isText, 'a string'], ['body', isText, 'a string'], ['sent', isTime, 'a time (ms)'],
  ['read', isFlag, 'a boolean'], ['important', isFlag, 'a boolean', true],
];

const LISTS: readonly (readonly [string, readonly FieldCheck[]])[] = [
  ['entitlements', ENTITLEMENT], ['wallets', WALLET], ['mails', MAIL],
];

function describe(value: unknown): string {
  try {
    return value === undefined ? 'nothing' : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function checkList(snapshot: Record<string, unknown>, key: string, fields: readonly FieldCheck[]): string | undefined {
  const list = snapshot[key];
  if (!Array.isArray(list)) return `${key}: expected an array, got ${describe(list)}`;
  for (const [i, item] of list.entries()) {
    if (!isRecord(item)) return `${key}[${i}]: expected an object, got ${describe(item)}`;
    for (const [field, check, expected, optional] of fields) {
      const value = item[field];
      if (optional && value === undefined) continue;
      if (!check(value)) return `${key}[${i}].${field}: expected ${expected}, got ${describe(value)}`;
    }
  }
  return undefined;
}

/** Undefined when `snapshot` is safe to restore; otherwise what is wrong, with its path. */
export function savedCaProblem(snapshot: unknown): string | undefined {
  if (!isRecord(snapshot)) return `expected an object, got ${describe(snapshot)}`;
  const rating = snapshot.rating;
  if (!isInt(rating) || (rating as number) < 4 || (rating as number) > 18) return `rating: expected an integer 4–18, got ${describe(rating)}`;
  for (const [key, fields] of LISTS) {
    const problem = checkList(snapshot, key, fields);
    if (problem) return problem;
  }
  return undefined;
}
