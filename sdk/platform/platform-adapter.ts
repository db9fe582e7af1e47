import type { KnownKeyName } from '../keys/key-names.js';
import type { KeyEvent } from '../keys/key-event.js';

/**
 * The seam between the SDK and a box. Each box family implements it once in `adapters/`; SDK modules
 * ask it capability questions and never look at vendor globals themselves.
 */
export interface PlatformAdapter {
  /** Registry id, e.g. `tizen`. */
  readonly id: string;
  /** The key profile this box's remote uses (see `keys/profiles`). */
  readonly keyProfileId: string;
  /** Where the box dispatches key events; usually `window`. */
  readonly keyTarget: EventTarget;
  /** Whether keys must be registered before the box delivers them (Tizen, HbbTV KeySet). */
  supportsKeyRegistration(): boolean;
  /**
   * Asks the box to deliver these keys to the app. Resolves once the box has accepted; rejects with the
   * box's reason. A no-op on boxes that deliver every key.
   */
  registerKeys(keys: readonly KnownKeyName[]): Promise<void>;
  /** Gives keys back to the box. */
  unregisterKeys(keys: readonly KnownKeyName[]): Promise<void>;
  /** Sees every key event the SDK delivers to the app; the emulator's key log listens here. */
  observeKeyEvent?(event: KeyEvent): void;
}

/** What registers an adapter: how to recognise the box and how to build the adapter for it. */
export interface PlatformAdapterFactory {
  readonly id: string;
  /** True when running on this box family. Must not throw. */
  detect(env: Window): boolean;
  create(env: Window): PlatformAdapter;
}
