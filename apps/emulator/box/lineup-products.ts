/**
 * The products of the headend's lineup (`GET /api/lineup`), for the box panel's entitlement editor: each
 * product named by the lineup's `products` list and by the channels whose `ca.productIds` name it.
 */

export interface BoxProductChannel {
  readonly number: number;
  readonly name: string;
}

export interface BoxProduct {
  readonly id: number;
  /** From the lineup's `products` list, when it names the product. */
  readonly name?: string;
  /** Scrambled channels this product unlocks, by number. */
  readonly channels: readonly BoxProductChannel[];
}

export interface BoxLineup {
  readonly products: readonly BoxProduct[];
  /** Lineup items that could not be read, with their JSON path; they are skipped. */
  readonly warnings: readonly string[];
}

export const LINEUP_URL = '/api/lineup';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the products of a lineup JSON object; unreadable items are skipped and named in `warnings`. */
export function lineupProducts(json: unknown): BoxLineup {
  if (!isRecord(json) || !Array.isArray(json.channels)) {
    throw new Error('the lineup is not a JSON object with a "channels" array');
  }
  const warnings: string[] = [];
  const names = new Map<number, string>();
  const channels = new Map<number, BoxProductChannel[]>();
  if (Array.isArray(json.products)) {
    json.products.forEach((p: unknown, i) => {
      if (isRecord(p) && Number.isInteger(p.id) && typeof p.name === 'string') names.set(p.id as number, p.name);
      else warnings.push(`products[${i}]: needs an integer id and a name`);
    });
  }
  json.channels.forEach((c: unknown, i) => {
    if (!isRecord(c)) {
      warnings.push(`channels[${i}]: not an object`);
      return;
    }
    const ca = c.ca;
    if (!isRecord(ca) || ca.productIds === undefined) return;
    if (!Array.isArray(ca.productIds) || typeof c.number !== 'number' || typeof c.name !== 'string') {
      warnings.push(`channels[${i}].ca.productIds: needs a number, a name and an array of product ids`);
      return;
    }
    ca.productIds.forEach((id: unknown, j) => {
      if (!Number.isInteger(id)) {
        warnings.push(`channels[${i}].ca.productIds[${j}]: ${JSON.stringify(id)} is not an integer`);
        return;
      }
      const list = channels.get(id as number) ?? [];
      list.push({ number: c.number as number, name: c.name as string });
      channels.set(id as number, list);
    });
  });
  const ids = [...new Set([...names.keys(), ...channels.keys()])].sort((a, b) => a - b);
  return {
    products: ids.map((id) => {
      const name = names.get(id);
      return { id, channels: channels.get(id) ?? [], ...(name === undefined ? {} : { name }) };
    }),
    warnings,
  };
}

/** Fetches and reads the headend's lineup; rejects naming the URL and what went wrong. */
export async function loadLineupProducts(url: string = LINEUP_URL): Promise<BoxLineup> {
  let json: unknown;
  try {
    const response = await fetch(new URL(url, location.href));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    throw new Error(`cannot read the lineup at ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return lineupProducts(json);
  } catch (error) {
    throw new Error(`the lineup at ${url} is unusable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
