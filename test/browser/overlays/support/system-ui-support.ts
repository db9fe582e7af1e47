// Shared by the system UI tests: a real CA session over the simulated smart card, real parental control in
// IndexedDB, a keyboard-profile box (the platform seam), keys as the box sends them, and ways to look inside
// the layer (its shadow root is closed to the app; lit keeps it as `renderRoot`).
import type { Channel } from '../../../../sdk/channels/channel.js';
import { openConditionalAccess, SimulatedCardCa, type ConditionalAccess } from '../../../../sdk/ca/index.js';
import { findKeyProfile, primaryBinding, rawKeyCode, type KnownKeyName } from '../../../../sdk/keys/index.js';
import { createRawKeyEvent } from '../../../../sdk/platform/raw-key-event.js';
import type { SystemUi } from '../../../../sdk/overlays/index.js';
import { openParentalControl, type ParentalControl, type ParentalControlOptions } from '../../../../sdk/parental/index.js';
import { testPlatform, type TestPlatform } from '../../keys/test-platform.js';

export const CARD_ID = '8000 1234 5678 9012';

/** A scrambled channel whose product 7 the card may or may not be entitled to. */
export const SCRAMBLED: Channel = {
  id: '1.2.101', triplet: { onid: 1, tsid: 2, sid: 101 }, number: 101, name: 'CCTV-1 综合', kind: 'tv', scrambled: true,
  ca: { systemIds: [0x4A02], ecmPid: 0x1101, productIds: [7] }, origin: 'lineup',
};

export interface CaFixture {
  readonly card: SimulatedCardCa;
  readonly ca: ConditionalAccess;
  close(): void;
}

/** The simulated smart card (PIN 0000) behind a real CA session, with the operator's E-code for `noCard`. */
export function caFixture(options: { upgradeStepMs?: number } = {}): CaFixture {
  const card = new SimulatedCardCa({ cardId: CARD_ID, upgradeStepMs: options.upgradeStepMs ?? 1 });
  const ca = openConditionalAccess(card, { prompts: { noCard: { code: 'E04', text: '请插入智能卡' } } });
  return { card, ca, close: () => { ca.close(); card.dispose(); } };
}

let dbSerial = 0;

/** Parental control in a fresh database, PIN set; few PBKDF2 iterations to keep tests fast. */
export async function parentalWithPin(pin = '1234', options: ParentalControlOptions = {}): Promise<ParentalControl> {
  const parental = await openParentalControl({
    dbName: `yiwang-overlays-test-${Date.now()}-${++dbSerial}`, iterations: 1000, maxAttempts: 3, lockoutMs: 60_000, ...options,
  });
  await parental.setPin(pin);
  return parental;
}

export function keyboardPlatform(): TestPlatform {
  return testPlatform('keyboard');
}

const keyboard = findKeyProfile('keyboard');

/** What the remote sends for `key` on a desktop keyboard, dispatched where the browser dispatches keys. */
export function press(key: KnownKeyName, target: EventTarget = document.activeElement ?? document.body): KeyboardEvent {
  const binding = primaryBinding(keyboard, key);
  if (!binding) throw new Error(`no ${key}`);
  const down = createRawKeyEvent('keydown', binding, false);
  target.dispatchEvent(down);
  target.dispatchEvent(createRawKeyEvent('keyup', binding, false));
  return down;
}

export function typeDigits(digits: string): void {
  for (const d of digits) press(d as KnownKeyName);
}

/** Records the key-downs the app's own listener on window sees (`key`, or the digit for a bare key code). */
export function appKeyLog(): { readonly keys: string[]; stop(): void } {
  const keys: string[] = [];
  const onKey = (e: KeyboardEvent): void => {
    // Digit bindings carry only a key code (as many boxes send them).
    keys.push(e.key || String.fromCharCode(rawKeyCode(e)));
  };
  window.addEventListener('keydown', onKey);
  return { keys, stop: () => window.removeEventListener('keydown', onKey) };
}

/** The layer's shadow root (closed: `element.shadowRoot` is null for the app). */
export function layerRoot(ui: SystemUi): ShadowRoot {
  const root = ui.element.renderRoot;
  if (!(root instanceof ShadowRoot)) throw new Error('the layer has no shadow root');
  return root;
}

/** An element inside the layer, or inside one of its parts (`part >>> selector`). */
export function inLayer(ui: SystemUi, selector: string, partSelector?: string): HTMLElement | null {
  const root = layerRoot(ui);
  if (!partSelector) return root.querySelector<HTMLElement>(selector);
  const part = root.querySelector(selector);
  return part?.shadowRoot?.querySelector<HTMLElement>(partSelector) ?? null;
}

/** The text a part shows, whitespace collapsed. */
export function textOf(ui: SystemUi, selector: string, partSelector: string): string {
  return (inLayer(ui, selector, partSelector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`expected a ${what}`);
  return value;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for lit to render and the browser to lay out. */
export async function frame(): Promise<void> {
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Polls `check` each frame until it returns true, or fails after `ms` naming `what`. */
export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await frame();
  }
}

/** Names an element for messages (chai's inspection of live DOM nodes can be slow). */
export function nameOf(el: Element | null | undefined): string {
  if (!el) return String(el);
  return `<${el.localName}${el.id ? `#${el.id}` : ''}>`;
}

/**
 * Lets hit-testing find the fingerprint (it takes no pointer events): test instrumentation only, so
 * `elementFromPoint` can tell what is painted on top at its place.
 */
export function makeFingerprintHittable(ui: SystemUi): DOMRect {
  const mark = must(inLayer(ui, 'yiwang-fingerprint-mark'), 'fingerprint mark');
  const root = must(mark.shadowRoot, 'fingerprint shadow root');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('.mark { pointer-events: auto !important; }');
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return must(root.querySelector('.mark'), 'fingerprint text').getBoundingClientRect();
}

/** What is hit at the centre of `rect`. */
export function hitAt(rect: DOMRect): Element | null {
  return document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
}

/**
 * Records, in `log`, each time the layer enters the top layer (its popover shown). The browser paints the top
 * layer in the order elements entered it, and hit-testing cannot tell that order once a modal dialog or a
 * fullscreen element makes the rest of the page inert; so tests check that the layer entered after the app.
 */
export function recordTopLayerEntries(ui: SystemUi, log: string[], name = 'system'): void {
  const layer = must(layerRoot(ui).querySelector('dialog'), 'layer dialog');
  const show = layer.showPopover.bind(layer);
  layer.showPopover = (options?: ShowPopoverOptions) => {
    show(options);
    log.push(name);
  };
}
