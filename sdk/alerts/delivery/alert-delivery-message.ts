/**
 * The payload of one alert message on MQTT: the original message as the headend received it, so the device
 * parses it again with the same SDK parsers (and sees exactly what the headend checked).
 *
 *   {"v":1, "format":"cap", "key":"cap:sender/id", "encoding":"text", "body":"<alert …>", "receivedAt":1700000000000}
 *
 * `encoding` is `text` for XML that is valid UTF-8 and `base64` for anything else (SCTE 18 sections,
 * GB2312/GB18030 XML). An empty payload is not a message: it is the broker clearing a retained alert.
 */
import type { AlertInput } from '../model.js';

export interface AlertDeliveryMessage {
  readonly v: 1;
  /** Format id the headend parsed it with (`cap`, `ebd`, `scte18`, …). */
  readonly format: string;
  /** The alert key the headend computed (informational: the device trusts its own parse). */
  readonly key: string;
  readonly encoding: 'text' | 'base64';
  readonly body: string;
  /** When the headend accepted it, UTC ms. */
  readonly receivedAt: number;
}

/** Bytes → base64 without Buffer (runs in the browser and in Node). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The representation the headend parses and sends: UTF-8 text when the bytes decode cleanly and are not
 * binary (the format is not a section format), else the bytes themselves.
 */
export function deliveryInput(body: Uint8Array, binary: boolean): AlertInput {
  if (binary) return body;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return body;
  }
}

export function encodeDeliveryMessage(input: AlertInput, format: string, key: string, receivedAt: number): string {
  const message: AlertDeliveryMessage = typeof input === 'string'
    ? { v: 1, format, key, encoding: 'text', body: input, receivedAt }
    : { v: 1, format, key, encoding: 'base64', body: bytesToBase64(input), receivedAt };
  return JSON.stringify(message);
}

/** Decodes a payload; throws an Error naming what is wrong. */
export function decodeDeliveryMessage(payload: Uint8Array): { message: AlertDeliveryMessage; input: AlertInput } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (err) {
    throw new Error(`payload is not UTF-8 JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (typeof value !== 'object' || value === null) throw new Error('payload is not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.v !== 1) throw new Error(`unsupported message version ${JSON.stringify(m.v)}`);
  if (typeof m.format !== 'string' || m.format === '') throw new Error('"format" must be a non-empty string');
  if (m.encoding !== 'text' && m.encoding !== 'base64') throw new Error('"encoding" must be "text" or "base64"');
  if (typeof m.body !== 'string') throw new Error('"body" must be a string');
  const message: AlertDeliveryMessage = {
    v: 1,
    format: m.format,
    key: typeof m.key === 'string' ? m.key : '',
    encoding: m.encoding,
    body: m.body,
    receivedAt: typeof m.receivedAt === 'number' ? m.receivedAt : 0,
  };
  let input: AlertInput;
  if (message.encoding === 'text') {
    input = message.body;
  } else {
    try {
      input = base64ToBytes(message.body);
    } catch (err) {
      throw new Error('"body" is not valid base64', { cause: err });
    }
  }
  return { message, input };
}
