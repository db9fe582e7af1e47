// Channels and small waits for the CA tests. Modules are the real simulated ones; `delayedStart` and
// `withExtraEvents` stand in for a slow or buggy vendor wrapper at the porting seam only.
import { filter, firstValueFrom, merge, type Observable, timeout } from 'rxjs';
import type { CaEvent, CaModule, CaView, Channel, ConditionalAccess } from '../../../sdk/index.js';

export function scrambledChannel(id: string, productIds: readonly number[], ecmPid?: number): Channel {
  return {
    id, number: Number(id.replace(/\D/g, '')) || 1, name: `Channel ${id}`, kind: 'tv', scrambled: true, origin: 'lineup',
    ca: { systemIds: [0x4A02], productIds, ...(ecmPid === undefined ? {} : { ecmPid }) },
  };
}

export function clearChannel(id: string): Channel {
  return { id, number: Number(id.replace(/\D/g, '')) || 1, name: `Channel ${id}`, kind: 'tv', scrambled: false, origin: 'lineup' };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The first view matching `predicate` (the current one included), within `ms`. */
export function viewWhere(ca: ConditionalAccess, predicate: (view: CaView) => boolean, ms = 2000): Promise<CaView> {
  return firstValueFrom(ca.view$.pipe(filter(predicate), timeout(ms)));
}

/** A wrapper that forwards every member to `module`, with some replaced (a box's thin vendor wrapper). */
function forward(module: CaModule, replaced: Partial<CaModule>): CaModule {
  return {
    vendor: module.vendor, kind: module.kind, caSystemIds: module.caSystemIds, events: module.events,
    getStatus: () => module.getStatus(),
    startService: (service) => module.startService(service),
    stopService: (service) => module.stopService(service),
    getOperators: () => module.getOperators(),
    getEntitlements: (operatorId) => module.getEntitlements(operatorId),
    getWallets: (operatorId) => module.getWallets(operatorId),
    getMails: () => module.getMails(),
    readMail: (id) => module.readMail(id),
    deleteMail: (id) => module.deleteMail(id),
    verifyPin: (pin) => module.verifyPin(pin),
    changePin: (oldPin, newPin) => module.changePin(oldPin, newPin),
    setRating: (pin, age) => module.setRating(pin, age),
    setWorkTime: (pin, window) => module.setWorkTime(pin, window),
    buyIppv: (offer, pin, priceIndex, buy) => module.buyIppv(offer, pin, priceIndex, buy),
    readParentFeed: (operatorId) => module.readParentFeed(operatorId),
    writeChildFeed: (data) => module.writeChildFeed(data),
    ...replaced,
  };
}

/** The module with `startService` answering `ms` later (a slow card): its events come after the call returns. */
export function delayedStart(module: CaModule, ms: (channelId: string) => number): CaModule {
  return forward(module, {
    startService: async (service) => {
      await sleep(ms(service.channelId));
      await module.startService(service);
    },
  });
}

/** The module with more values mixed into its event stream (a wrapper that emits malformed events). */
export function withExtraEvents(module: CaModule, extra: Observable<unknown>): CaModule {
  return forward(module, { events: merge(module.events, extra) as Observable<CaEvent> });
}
