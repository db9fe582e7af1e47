import { expect } from '@esm-bundle/chai';
import type { BoxCa } from '../../../apps/emulator/box/box-ca.js';
import { CaHost } from '../../../apps/emulator/box/ca-host.js';
import { createSimulatedBoxCa } from '../../../apps/emulator/box/simulated-box-ca.js';
import {
  ErrorCategory, ErrorCode, ErrorSeverity, YiwangError, type CaKind, type CaModule, type HostToDeviceMessage,
} from '../../../sdk/index.js';

type CaResult = Extract<HostToDeviceMessage, { type: 'ca-result' }>;

/** The simulated box CA, with `overrides` in place of some of its module's methods. */
function boxWith(kind: CaKind, overrides: Partial<Record<keyof CaModule, (...args: unknown[]) => Promise<unknown>>>): BoxCa {
  const box = createSimulatedBoxCa(kind);
  const target = box.module;
  const module = new Proxy(target, {
    get(t, p: string | symbol) {
      const own = typeof p === 'string' ? overrides[p as keyof CaModule] : undefined;
      if (own) return own;
      const value = Reflect.get(t, p, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return { ...box, module };
}

describe('emulator: the box CA host answers device calls it cannot fully send', () => {
  it('a call that ran but whose result cannot be sent says it ran; unsendable error data is dropped, not thrown', async () => {
    const results: CaResult[] = [];
    const notes: string[] = [];
    let buys = 0;
    const host = new CaHost({
      create: (kind) => boxWith(kind, {
        // A purchase that worked, answered with something postMessage cannot clone.
        buyIppv: () => {
          buys++;
          return Promise.resolve({ code: 'ok', receipt: () => 'not cloneable' });
        },
        readMail: () => Promise.reject(new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaCommandFailed,
          'no such mail', { big: 10n, fn: () => 1 })),
      }),
      // Like postMessage: what cannot be cloned throws DataCloneError.
      send: (message) => {
        const copy = structuredClone(message);
        if (copy.type === 'ca-result') results.push(copy);
      },
      note: (text) => notes.push(text),
      changed: () => undefined,
      storage: null,
    });
    try {
      await host.call('c-1', 'buyIppv', [{}, '1234', 0]);
      expect(buys).to.equal(1);
      const bought = results[0];
      if (bought?.ok !== false) throw new Error('expected a failure answer');
      expect(bought.error.message).to.contain('ran, but its result cannot be sent');
      expect(bought.error.data).to.deep.include({ command: 'buyIppv', executed: true, reason: 'resultNotTransferable' });

      await host.call('c-2', 'readMail', ['m']);
      const refused = results[1];
      if (refused?.ok !== false) throw new Error('expected a failure answer');
      expect(refused.error.message).to.contain('ca.readMail:').and.contain('no such mail');
      expect(refused.error.data).to.deep.equal({ command: 'readMail', code: ErrorCode.CaCommandFailed, moduleDataDropped: true });

      await host.call('c-3', 10n, []);
      expect(results[2]?.ok === false ? results[2].error.message : '').to.contain('has no method 10');
      expect(notes).to.deep.equal([]);
    } finally {
      host.close();
    }
  });
});
