/**
 * @internal Test seam, not exported from the package. Real quota errors are hard to provoke, so a test sets
 * `beforeWrite` to throw `new DOMException('…', 'QuotaExceededError')`: the store treats that exactly like a
 * write transaction failing with that error. Tests must reset it to `undefined` afterwards.
 */
export interface EpgStoreHooks {
  /** Runs inside each bulk write transaction, before its requests; `attempt` is 1, or 2 for the retry. */
  beforeWrite?: (info: { readonly database: string; readonly records: number; readonly attempt: number }) => void;
}

export const epgStoreHooks: EpgStoreHooks = {};
