/**
 * Which blocking prompt shows, after the vendor rules (CDCAS `ShowBuyMessage`, Montage `cas_ware`):
 * - a prompt with ecmPid 0 is not tied to a stream and is never overwritten by ECM prompts; ECM prompts that
 *   arrive meanwhile are kept and show once the ecmPid-0 prompt is cleared (an unblock with ecmPid 0);
 * - ECM prompts clear per ECM: when the box stops a service, the prompts of its ECM go (`dropEcm`);
 * - the ecmPid-0 prompt (e.g. "insert smart card") is kept while the viewer watches a clear channel, but shows
 *   only while a scrambled service runs: a clear channel plays without a card, so it must not be covered.
 */
import type { CaBlockReason, CaRaw } from './ca-events.js';

export interface PromptEntry {
  readonly reason: CaBlockReason;
  readonly ecmPid: number;
  readonly raw: CaRaw;
}

export class PromptBoard {
  #unbound: PromptEntry | undefined;
  readonly #byEcm = new Map<number, PromptEntry>();

  /** Records a prompt; returns false when the same prompt already stands (vendors repeat it with every ECM). */
  block(entry: PromptEntry): boolean {
    const standing = entry.ecmPid === 0 ? this.#unbound : this.#byEcm.get(entry.ecmPid);
    if (standing?.reason === entry.reason && standing.raw.vendor === entry.raw.vendor && standing.raw.code === entry.raw.code) return false;
    if (entry.ecmPid === 0) this.#unbound = entry;
    else this.#byEcm.set(entry.ecmPid, entry);
    return true;
  }

  unblock(ecmPid: number): void {
    if (ecmPid === 0) this.#unbound = undefined;
    else this.#byEcm.delete(ecmPid);
  }

  dropEcm(ecmPid: number): void {
    this.#byEcm.delete(ecmPid);
  }

  /** The prompt not tied to an ECM, if any. */
  get unbound(): PromptEntry | undefined {
    return this.#unbound;
  }

  forEcm(ecmPid: number): PromptEntry | undefined {
    return this.#byEcm.get(ecmPid);
  }

  /**
   * What shows while the scrambled service on `currentEcm` runs: the ecmPid-0 prompt wins over the ECM's.
   * `currentEcm` undefined (no service, or a clear channel): nothing, the ecmPid-0 prompt stays stored.
   */
  shown(currentEcm: number | undefined): PromptEntry | undefined {
    if (currentEcm === undefined) return undefined;
    return this.#unbound ?? this.#byEcm.get(currentEcm);
  }
}
