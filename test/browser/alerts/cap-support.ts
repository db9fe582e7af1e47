// Helpers for the CAP tests: inline messages built from parts, and error capture.
import { YiwangError } from '../../../sdk/index.js';

export const CAP12 = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP11 = 'urn:oasis:names:tc:emergency:cap:1.1';

/** The six required alert elements, one per line. */
export function head(overrides: Partial<Record<'identifier' | 'sender' | 'sent' | 'status' | 'msgType' | 'scope', string>> = {}): string {
  const fields = {
    identifier: 'TEST-1', sender: 'alerts@example.org', sent: '2024-07-16T08:30:00-00:00', status: 'Actual',
    msgType: 'Alert', scope: 'Public', ...overrides,
  };
  return Object.entries(fields).map(([name, value]) => `  <${name}>${value}</${name}>`).join('\n');
}

/** A CAP 1.2 message: declaration, `<alert>` on line 2, the required head, then `body`. */
export function capMessage(body = '', overrides: Parameters<typeof head>[0] = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP12}">\n${head(overrides)}\n${body}\n</alert>\n`;
}

/** An `<info>` block from its child elements. */
export function info(children: string): string {
  return `  <info>\n    <category>Met</category>\n${children}\n  </info>`;
}

/** Runs `fn` and returns the YiwangError it throws; fails when it does not throw one. */
export function thrown(fn: () => unknown): YiwangError {
  try {
    fn();
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw error;
  }
  throw new Error('expected a YiwangError');
}
