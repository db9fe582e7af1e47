/**
 * `POST /api/alerts`: takes one alert message (CAP or EBD XML, or an SCTE 18 section), checks it with the
 * SDK parsers and publishes it, retained at QoS 1, on its region topics. `GET /api/alerts` lists what is
 * retained now.
 *
 *   202 {key, format, msgType, topics, clearAt}
 *   400 {error, reason}  rejected / malformed / DOCTYPE / unknown format / not for broadcast / expired
 *   413 {error, reason}  body over the limit
 *   415 {error, reason}  not XML and not application/octet-stream
 *   503 {error, reason}  the broker did not take it
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, YiwangError } from '../../../sdk/errors/yiwang-error.js';
import { parseAlert } from '../../../sdk/alerts/index.js';
import type { Alert } from '../../../sdk/alerts/model.js';
import { deliveryInput, encodeDeliveryMessage } from '../../../sdk/alerts/delivery/alert-delivery-message.js';
import type { AlertBroker } from './alert-broker.js';
import { AlertTopicIndex } from './alert-topic-index.js';

export interface AlertsApiOptions {
  /** Largest accepted body. Default 256 KiB. */
  readonly maxBodyBytes?: number;
  /** How long a message without `expires` (and every cancel) stays retained. Default 1 hour. */
  readonly defaultRetentionMs?: number;
  /** Clock, for tests. Default Date.now. */
  readonly now?: () => number;
}

type Reply = readonly [status: number, body: unknown];

/** Bodies declared up to this much over the limit are drained to keep the connection; bigger ones close it. */
const DRAIN_MAX_BYTES = 4 * 1024 * 1024;

function sendJson(res: ServerResponse, [status, body]: Reply, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers,
  });
  res.end(text);
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isXml(type: string): boolean {
  return type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml');
}

class BodyTooLarge extends Error {}

/** Reads the body, or throws BodyTooLarge as soon as it passes `limit` (the rest is left to Node to drain). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.off('end', onEnd);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

const ERROR_NAMES = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** A parser's refusal as `{error, reason, where?}`. */
function rejection(err: YiwangError): Reply {
  const reason = typeof err.data.reason === 'string' ? err.data.reason : err.message.replace(/^\[\d+\]\s*/, '');
  const where = typeof err.data.where === 'string' ? { where: err.data.where } : {};
  return [400, { error: ERROR_NAMES.get(err.code) ?? 'AlertRejected', reason, ...where }];
}

export class AlertsApi {
  readonly #broker: AlertBroker;
  readonly #index: AlertTopicIndex;
  readonly #maxBodyBytes: number;
  readonly #retentionMs: number;
  readonly #now: () => number;

  constructor(broker: AlertBroker, options: AlertsApiOptions = {}) {
    this.#broker = broker;
    this.#maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.#retentionMs = options.defaultRetentionMs ?? 60 * 60 * 1000;
    this.#now = options.now ?? Date.now;
    const empty = Buffer.alloc(0);
    this.#index = new AlertTopicIndex(
      async (topics) => {
        await Promise.all(topics.map((topic) => broker.publish(topic, empty)));
      },
      this.#now,
    );
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') {
      sendJson(res, [200, { broker: this.#broker.kind, alerts: this.#index.list() }]);
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, [405, { error: 'MethodNotAllowed', reason: `${req.method ?? '?'} is not allowed on ${url.pathname}` }],
        { Allow: 'GET, HEAD, POST' });
      return;
    }
    const type = mediaType(req.headers['content-type']);
    const binary = type === 'application/octet-stream';
    if (!binary && !isXml(type)) {
      sendJson(res, [415, {
        error: 'UnsupportedMediaType',
        reason: `Content-Type "${type || '(none)'}" is not accepted: send CAP or EBD XML as application/xml `
          + '(text/xml, application/cap+xml, …) or an SCTE 18 section as application/octet-stream',
      }]);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    const tooLarge: Reply = [413, {
      error: 'PayloadTooLarge', reason: `The body is larger than the ${this.#maxBodyBytes}-byte limit`,
    }];
    const closeUnlessSmall: Record<string, string> = declared <= this.#maxBodyBytes + DRAIN_MAX_BYTES ? {} : { Connection: 'close' };
    if (declared > this.#maxBodyBytes) {
      sendJson(res, tooLarge, closeUnlessSmall);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, this.#maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        sendJson(res, tooLarge, { Connection: 'close' });
        return;
      }
      throw err;
    }
    const reply = await this.#accept(body, binary, url.searchParams.get('format') ?? undefined);
    sendJson(res, reply);
  }

  /** Stops the expiry timers (retained messages stay with the broker). */
  close(): void {
    this.#index.close();
  }

  async #accept(body: Buffer, binary: boolean, format: string | undefined): Promise<Reply> {
    if (body.length === 0) return [400, { error: 'EmptyBody', reason: 'The request has no body' }];
    const input = deliveryInput(new Uint8Array(body.buffer, body.byteOffset, body.length), binary);
    let alert: Alert;
    try {
      alert = parseAlert(input, format);
    } catch (err) {
      if (err instanceof YiwangError) return rejection(err);
      console.error('[headend] alert parser failed:', err);
      return [500, { error: 'InternalError', reason: `The ${format ?? 'detected'} parser failed: ${String(err)}` }];
    }
    if (alert.msgType === 'ack' || alert.msgType === 'error') {
      return [400, {
        error: 'AlertNotBroadcast', reason: `A ${alert.msgType} message is for the sender, not for broadcast to devices`,
      }];
    }
    const now = this.#now();
    if (alert.msgType !== 'cancel' && alert.expires !== undefined && alert.expires <= now) {
      return [400, { error: 'AlertExpired', reason: `The alert expired at ${new Date(alert.expires).toISOString()}` }];
    }
    const clearAt = alert.msgType !== 'cancel' && alert.expires !== undefined ? alert.expires : now + this.#retentionMs;
    const payload = Buffer.from(encodeDeliveryMessage(input, alert.format, alert.key, now));
    const topics = this.#index.place(alert, clearAt);
    try {
      await Promise.all(topics.map((topic) => this.#broker.publish(topic, payload)));
    } catch (err) {
      return [503, {
        error: 'BrokerUnavailable',
        reason: `The MQTT broker did not take the alert: ${err instanceof Error ? err.message : String(err)}`
          + (this.#broker.kind === 'external' ? ' (the headend keeps it queued and sends it when the broker is back)' : ''),
      }];
    }
    return [202, { key: alert.key, format: alert.format, msgType: alert.msgType, topics, clearAt }];
  }
}
