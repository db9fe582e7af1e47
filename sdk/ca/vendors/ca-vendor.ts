/**
 * A CA vendor table: how one vendor's porting library numbers its blocking prompts and command results, and
 * what they mean in the SDK's normalized vocabulary. Tables are data; `caVendorBlockEvent` and `caVendorResult`
 * turn a vendor code into the normalized form while keeping the code in `raw`.
 */
import type { CaBlockReason, CaEvent, CaRaw } from '../ca-events.js';
import type { CaResult, CaResultCode } from '../ca-module.js';

/** One blocking prompt a vendor library can show (`ShowBuyMessage` type, `ShowPromptMessage` number, …). */
export interface CaVendorPrompt {
  readonly code: number;
  /** The vendor's constant name, for logs (`CDCA_MESSAGE_INSERTCARD_TYPE`). */
  readonly name: string;
  /** The normalized reason; `clear` lifts the prompt (CDCAS 0x00, DVT's cancel message). */
  readonly reason: CaBlockReason | 'clear';
  /** The vendor's own user text, when its documentation gives one. */
  readonly text?: string;
}

/** One command result code (`CDCA_RC_*`). */
export interface CaVendorResult {
  readonly code: number;
  readonly name: string;
  readonly result: CaResultCode;
}

export interface CaVendorTable {
  /** The id modules put in `CaRaw.vendor` (`cdcas3`, `dvt`, `sim-card`). */
  readonly id: string;
  readonly label: string;
  /** CA_system_id values this vendor's cards use (ISO/IEC 13818-1 CA descriptor; ETSI TS 101 162 allocations). */
  readonly caSystemIds: readonly number[];
  readonly prompts: readonly CaVendorPrompt[];
  readonly results: readonly CaVendorResult[];
}

function hex(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The table's entry for a prompt code; an unknown code reads as reason `unknown` named after the code. */
export function caVendorPrompt(table: CaVendorTable, code: number): CaVendorPrompt {
  return table.prompts.find((p) => p.code === code) ?? { code, name: `${table.id} prompt ${hex(code)}`, reason: 'unknown' };
}

/**
 * The normalized event for a vendor prompt shown on `ecmPid`: `block` with the reason, or `unblock` for the
 * vendor's clear code. `name` goes into `raw.name` (the callback the vendor called, or the prompt's constant).
 */
export function caVendorBlockEvent(table: CaVendorTable, ecmPid: number, code: number, name?: string): CaEvent {
  const prompt = caVendorPrompt(table, code);
  const raw: CaRaw = { vendor: table.id, code, name: name ?? prompt.name };
  return prompt.reason === 'clear' ? { type: 'unblock', ecmPid, raw } : { type: 'block', reason: prompt.reason, ecmPid, raw };
}

/** A command result from a vendor result code (number) or constant name (`CDCA_RC_PIN_INVALID`). */
export function caVendorResult(table: CaVendorTable, codeOrName: number | string): CaResult {
  const entry = table.results.find((r) => (typeof codeOrName === 'number' ? r.code === codeOrName : r.name === codeOrName));
  const code = entry?.result ?? 'unknown';
  return { ok: code === 'ok', code, raw: { vendor: table.id, code: entry?.code ?? codeOrName, name: entry?.name ?? String(codeOrName) } };
}
