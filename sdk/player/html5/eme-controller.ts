/**
 * EME for one source: on the element's `encrypted` event, requestMediaKeySystemAccess → createMediaKeys →
 * setMediaKeys (once), then per init data a session: generateRequest → `message` → licence → update. ClearKey
 * licences are answered locally from `DrmConfig.clearKeys` (a JWK set) or, like every other key system,
 * POSTed to `licenseUrl`. Each failure becomes `PlayerDrmFailed` naming the key system and the step.
 */
import type { DrmConfig } from '../../channels/channel.js';
import type { YiwangError } from '../../errors/yiwang-error.js';
import { describeError, drmError, isYiwangError, type DrmStep } from '../player-errors.js';

export const CLEARKEY = 'org.w3.clearkey';
const BAD_KEY_STATUSES: ReadonlySet<MediaKeyStatus> = new Set(['internal-error', 'output-restricted', 'expired', 'released']);

function base64UrlOf(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The ClearKey licence for a licence request: the JWK set of the requested key ids, all of which must be known. */
export function clearKeyLicense(message: ArrayBuffer, clearKeys: Readonly<Record<string, string>>): Uint8Array<ArrayBuffer> {
  const request = JSON.parse(new TextDecoder().decode(message)) as { kids?: unknown; type?: unknown };
  const kids = Array.isArray(request.kids) ? request.kids.filter((kid): kid is string => typeof kid === 'string') : [];
  if (kids.length === 0) throw new Error('the licence request names no key id');
  const keys = kids.map((kid) => {
    const key = clearKeys[kid];
    if (key === undefined) throw new Error(`no key for key id ${kid} in clearKeys (known: ${Object.keys(clearKeys).join(', ') || 'none'})`);
    return { kty: 'oct', kid, k: key };
  });
  return new TextEncoder().encode(JSON.stringify({ keys, type: typeof request.type === 'string' ? request.type : 'temporary' }));
}

export interface EmeControllerOptions {
  readonly video: HTMLVideoElement;
  readonly drm: DrmConfig;
  /** The content type being played (with codecs), for the key-system capability query, when known. */
  readonly contentType: () => string | undefined;
  readonly onError: (error: YiwangError) => void;
}

export class EmeController {
  readonly #options: EmeControllerOptions;
  #mediaKeys: Promise<MediaKeys> | undefined;
  readonly #sessions: MediaKeySession[] = [];
  readonly #seenInitData = new Set<string>();
  #closed = false;
  /** Aborted by close(): cancels a licence POST in flight. */
  readonly #abort = new AbortController();
  /** True once a licence was applied; a decode error after that points at wrong keys. */
  licensed = false;

  constructor(options: EmeControllerOptions) {
    this.#options = options;
    options.video.addEventListener('encrypted', this.#onEncrypted);
  }

  get keySystem(): string { return this.#options.drm.keySystem; }

  /**
   * Stops listening, cancels licence requests, closes the sessions and clears the element's MediaKeys. Resolves
   * once the element has no MediaKeys of this source, also when they were still being created at the call.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#abort.abort(new Error('EME closed'));
    const { video } = this.#options;
    video.removeEventListener('encrypted', this.#onEncrypted);
    // Keys still being created: wait for them, then clear whatever they managed to set.
    await this.#mediaKeys?.catch(() => undefined);
    await Promise.allSettled(this.#sessions.map((session) => session.close()));
    if (video.mediaKeys) await video.setMediaKeys(null).catch(() => undefined);
  }

  readonly #onEncrypted = (event: MediaEncryptedEvent): void => {
    if (!event.initData) return;
    const id = `${event.initDataType}:${base64UrlOf(new Uint8Array(event.initData))}`;
    if (this.#seenInitData.has(id)) return;
    this.#seenInitData.add(id);
    this.#startSession(event.initDataType, event.initData).catch((error: unknown) => { this.#fail(error, 'generateRequest'); });
  };

  #fail(error: unknown, step: DrmStep): void {
    if (this.#closed) return;
    this.#options.onError(isYiwangError(error) ? error : drmError(this.keySystem, step, describeError(error)));
  }

  async #step<T>(step: DrmStep, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (isYiwangError(error)) throw error;
      throw drmError(this.keySystem, step, describeError(error));
    }
  }

  #ensureMediaKeys(initDataType: string): Promise<MediaKeys> {
    this.#mediaKeys ??= (async () => {
      const { drm, video } = this.#options;
      const contentType = this.#options.contentType();
      const config: MediaKeySystemConfiguration = { initDataTypes: [initDataType] };
      if (contentType !== undefined) {
        const capability = [{ contentType }];
        if (contentType.startsWith('audio/')) config.audioCapabilities = capability;
        else config.videoCapabilities = capability;
      }
      const access = await this.#step('requestMediaKeySystemAccess', () => navigator.requestMediaKeySystemAccess(drm.keySystem, [config]));
      const keys = await this.#step('createMediaKeys', () => access.createMediaKeys());
      // Closed meanwhile: the element may already carry the next source; these keys must not reach it.
      if (this.#closed) throw new Error('EME closed before its MediaKeys were set');
      await this.#step('setMediaKeys', () => video.setMediaKeys(keys));
      return keys;
    })();
    return this.#mediaKeys;
  }

  async #startSession(initDataType: string, initData: ArrayBuffer): Promise<void> {
    const keys = await this.#ensureMediaKeys(initDataType);
    if (this.#closed) return;
    const session = keys.createSession('temporary');
    this.#sessions.push(session);
    session.addEventListener('message', (event) => {
      this.#answer(session, event.message).catch((error: unknown) => { this.#fail(error, 'license'); });
    });
    session.addEventListener('keystatuseschange', () => {
      session.keyStatuses.forEach((status, keyId) => {
        if (BAD_KEY_STATUSES.has(status)) {
          const kid = base64UrlOf(keyId instanceof ArrayBuffer ? new Uint8Array(keyId) : new Uint8Array(keyId.buffer, keyId.byteOffset, keyId.byteLength));
          this.#fail(drmError(this.keySystem, 'keyStatus', `key ${kid} is ${status}`, { keyId: kid, status }), 'keyStatus');
        }
      });
    });
    await this.#step('generateRequest', () => session.generateRequest(initDataType, initData));
  }

  async #answer(session: MediaKeySession, message: ArrayBuffer): Promise<void> {
    const { drm } = this.#options;
    const license = await this.#step('license', async () => {
      if (drm.keySystem === CLEARKEY && drm.clearKeys) return clearKeyLicense(message, drm.clearKeys);
      if (drm.licenseUrl === undefined) throw new Error('no licenseUrl (and no clearKeys for org.w3.clearkey)');
      const response = await fetch(drm.licenseUrl, { method: 'POST', body: message, signal: this.#abort.signal });
      if (!response.ok) throw new Error(`licence server ${drm.licenseUrl} answered HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    });
    if (this.#closed) return;
    await this.#step('update', () => session.update(license));
    this.licensed = true;
  }
}
