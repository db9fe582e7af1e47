// Counts the event listeners that are still registered on the instances of one EventTarget class (e.g.
// SourceBuffer), by watching add/removeEventListener on its prototype. A `once` listener counts as removed
// when it fires, a `signal` listener when its signal aborts. Call restore() when done.
export interface ListenerTracker {
  /** Listeners added and not yet removed, as "type" strings. */
  live(): string[];
  restore(): void;
}

interface Registration {
  readonly target: EventTarget;
  readonly type: string;
  readonly listener: EventListenerOrEventListenerObject;
  readonly capture: boolean;
  readonly registered: EventListener;
}

export function trackListeners(prototype: EventTarget): ListenerTracker {
  const originalAdd = prototype.addEventListener;
  const originalRemove = prototype.removeEventListener;
  const ownBefore = Object.hasOwn(prototype, 'addEventListener');
  const registrations: Registration[] = [];
  const forget = (registration: Registration): void => {
    const at = registrations.indexOf(registration);
    if (at !== -1) registrations.splice(at, 1);
  };
  const captureOf = (options: boolean | EventListenerOptions | undefined): boolean => (typeof options === 'boolean' ? options : options?.capture === true);

  prototype.addEventListener = function addTracked(this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void {
    if (!listener) return;
    const capture = captureOf(options);
    if (registrations.some((entry) => entry.target === this && entry.type === type && entry.listener === listener && entry.capture === capture)) return;
    const once = typeof options === 'object' && options.once === true;
    const registration: Registration = {
      target: this, type, listener, capture,
      registered: (event) => {
        if (once) forget(registration);
        if (typeof listener === 'function') listener.call(this, event);
        else listener.handleEvent(event);
      },
    };
    registrations.push(registration);
    if (typeof options === 'object') options.signal?.addEventListener('abort', () => { forget(registration); }, { once: true });
    originalAdd.call(this, type, registration.registered, options);
  };
  prototype.removeEventListener = function removeTracked(this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void {
    const capture = captureOf(options);
    const registration = registrations.find((entry) => entry.target === this && entry.type === type && entry.listener === listener && entry.capture === capture);
    if (!registration) return;
    forget(registration);
    originalRemove.call(this, type, registration.registered, options);
  };
  return {
    live: () => registrations.map((entry) => entry.type),
    restore: () => {
      if (ownBefore) {
        prototype.addEventListener = originalAdd;
        prototype.removeEventListener = originalRemove;
      } else {
        // The methods were inherited (from EventTarget.prototype): drop the shadowing ones again.
        Reflect.deleteProperty(prototype, 'addEventListener');
        Reflect.deleteProperty(prototype, 'removeEventListener');
      }
    },
  };
}
