/**
 * Operator prompt configuration from JSON: display code and text per block reason, e.g.
 * `{ "noCard": { "code": "E04", "text": "请插入智能卡" } }`, also accepted wrapped as `{ "prompts": { … } }`.
 * Everything is checked before anything is used; the first problem throws `ConfigInvalid` naming its path.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../errors/yiwang-error.js';
import { CA_BLOCK_REASONS, type CaBlockReason } from './ca-events.js';
import type { CaPromptConfig, CaPromptText } from './conditional-access-types.js';

/** Display codes are short tags shown beside the text (`E04`, `E04-4`); longer ones are a config mistake. */
const MAX_CODE_LENGTH = 16;
const MAX_TEXT_LENGTH = 200;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

function invalid(path: string, expected: string, actual: unknown): YiwangError {
  return new YiwangError(ErrorSeverity.Critical, ErrorCategory.Config, ErrorCode.ConfigInvalid,
    `${path}: expected ${expected}, got ${describe(actual)}`, { path, expected, actual });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isReason(key: string): key is CaBlockReason {
  return (CA_BLOCK_REASONS as readonly string[]).includes(key);
}

/** Edit distance, for "did you mean" on a mistyped reason. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

function suggestion(key: string): string {
  const lower = key.toLowerCase();
  const close = CA_BLOCK_REASONS.find((r) => distance(r.toLowerCase(), lower) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function promptText(json: unknown, path: string): CaPromptText {
  if (!isObject(json)) throw invalid(path, 'an object with "text" and optional "code"', json);
  for (const key of Object.keys(json)) {
    if (key !== 'code' && key !== 'text') throw invalid(`${path}.${key}`, 'no such setting (only "code" and "text")', json[key]);
  }
  const { code, text } = json;
  if (typeof text !== 'string' || text.trim() === '') throw invalid(`${path}.text`, 'a non-empty string', text);
  if (text.length > MAX_TEXT_LENGTH) throw invalid(`${path}.text`, `at most ${MAX_TEXT_LENGTH} characters`, text);
  if (code === undefined) return { text };
  if (typeof code !== 'string' || code.trim() === '' || code.length > MAX_CODE_LENGTH) {
    throw invalid(`${path}.code`, `a non-empty string of at most ${MAX_CODE_LENGTH} characters`, code);
  }
  return { code, text };
}

/** Validates an operator's prompt configuration; throws `ConfigInvalid` with `{path, expected, actual}`. */
export function caPromptConfigFromJson(json: unknown): CaPromptConfig {
  let prompts = json;
  let path = 'prompts';
  if (isObject(json) && 'prompts' in json) {
    const extra = Object.keys(json).find((k) => k !== 'prompts');
    if (extra !== undefined) throw invalid(extra, 'no such setting beside "prompts"', json[extra]);
    prompts = json.prompts;
  }
  if (!isObject(prompts)) throw invalid(path, 'an object mapping block reasons to {code, text}', prompts);
  const config: Partial<Record<CaBlockReason, CaPromptText>> = {};
  for (const [key, value] of Object.entries(prompts)) {
    path = `prompts.${key}`;
    if (!isReason(key)) throw invalid(path, `a block reason (one of ${CA_BLOCK_REASONS.join(', ')})${suggestion(key)}`, key);
    config[key] = promptText(value, path);
  }
  return config;
}
