/**
 * PIN hashing with Web Crypto: PBKDF2-SHA-256 over the PIN's ASCII digits with a random 16-byte salt. Only the
 * salt, the iteration count and the derived 32 bytes are stored.
 */

/** What is stored for a PIN. */
export interface PinHash {
  readonly algorithm: 'PBKDF2-SHA-256';
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly hash: Uint8Array;
}

const PIN_FORMAT = /^[0-9]{4,8}$/;

/** Why a PIN cannot be set, or undefined when it is 4–8 ASCII digits. */
export function pinFormatProblem(pin: unknown): string | undefined {
  if (typeof pin !== 'string') return `expected a string of 4–8 digits, got ${typeof pin}`;
  if (!PIN_FORMAT.test(pin)) return `expected 4–8 ASCII digits, got ${String(pin.length)} characters${/^[0-9]*$/.test(pin) ? '' : ' with non-digits'}`;
  return undefined;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations: number): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'PBKDF2-SHA-256', salt, iterations, hash: await derive(pin, salt, iterations) };
}

/** Whether `pin` matches; compares every byte whatever the first difference, so timing tells nothing. */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const derived = await derive(pin, new Uint8Array(stored.salt), stored.iterations);
  let difference = derived.length ^ stored.hash.length;
  for (let i = 0; i < derived.length; i++) difference |= (derived[i] ?? 0) ^ (stored.hash[i] ?? 0);
  return difference === 0;
}
