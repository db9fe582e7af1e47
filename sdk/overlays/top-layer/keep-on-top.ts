/**
 * Keeps the overlay element the last child of `<html>` and its layer at the top of the browser's top layer,
 * whatever the app does: removing it, appending after it, hiding it with attributes, opening a modal dialog
 * or a popover, or going fullscreen.
 */

/** Re-appends allowed per second; beyond that another script is fighting for the last place and we stop. */
const MAX_REAPPENDS_PER_SECOND = 30;

export interface KeepOnTopTarget {
  readonly element: HTMLElement;
  /** Called when something may have gone above the overlay in the top layer. */
  reassert(): void;
}

export class KeepOnTop {
  private readonly observer: MutationObserver;
  private readonly attributes: MutationObserver;
  private reappends: number[] = [];
  private warned = false;
  private started = false;

  constructor(private readonly target: KeepOnTopTarget, private readonly doc: Document = document) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.attributes = new MutationObserver(() => this.onOwnAttributes());
  }

  /** Appends the element to `<html>` and starts guarding it. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.place();
    // Children of <html> (removal, anything appended after us), and dialogs opened anywhere.
    this.observer.observe(this.doc.documentElement, { childList: true });
    this.observer.observe(this.doc, { subtree: true, attributes: true, attributeFilter: ['open'] });
    this.attributes.observe(this.target.element, { attributes: true, attributeFilter: ['hidden', 'inert', 'popover'] });
    // Popovers (toggle does not bubble, so listen in the capture phase) and fullscreen.
    this.doc.addEventListener('toggle', this.onToggle, true);
    this.doc.addEventListener('fullscreenchange', this.onFullscreen);
    this.doc.addEventListener('webkitfullscreenchange', this.onFullscreen);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.observer.disconnect();
    this.attributes.disconnect();
    this.doc.removeEventListener('toggle', this.onToggle, true);
    this.doc.removeEventListener('fullscreenchange', this.onFullscreen);
    this.doc.removeEventListener('webkitfullscreenchange', this.onFullscreen);
  }

  private place(): void {
    const root = this.doc.documentElement;
    const el = this.target.element;
    if (el.parentNode === root && root.lastElementChild === el) return;
    const now = performance.now();
    this.reappends = this.reappends.filter((t) => now - t < 1000);
    if (this.reappends.length >= MAX_REAPPENDS_PER_SECOND) {
      if (!this.warned) {
        this.warned = true;
        console.warn('[yiwang] alert overlay: another script keeps taking the last place in <html>; relying on the top layer');
      }
      return;
    }
    this.reappends.push(now);
    // moveBefore keeps the top-layer state where supported; append removes and re-inserts.
    const move = (root as { moveBefore?: (node: Node, child: Node | null) => void }).moveBefore;
    if (el.parentNode === root && typeof move === 'function') {
      try {
        move.call(root, el, null);
        return;
      } catch {
        // Not movable here (e.g. across documents): append below.
      }
    }
    root.append(el);
  }

  private onMutations(records: MutationRecord[]): void {
    let moved = false;
    let opened = false;
    for (const r of records) {
      if (r.type === 'childList' && r.target === this.doc.documentElement) moved = true;
      if (r.type === 'attributes' && r.target instanceof Element && r.target.hasAttribute('open') && r.target.localName === 'dialog') opened = true;
    }
    if (moved) this.place();
    if (opened) this.target.reassert();
  }

  private onOwnAttributes(): void {
    const el = this.target.element;
    el.removeAttribute('hidden');
    el.removeAttribute('inert');
    el.removeAttribute('popover');
  }

  private readonly onToggle = (e: Event): void => {
    if ((e as ToggleEvent).newState === 'open' && e.target !== this.target.element) this.target.reassert();
  };

  private readonly onFullscreen = (): void => {
    this.target.reassert();
  };
}
