/**
 * The SDK's own layers in the browser's top layer, ranked. Every SDK layer stays above whatever the app puts
 * there (its modal dialogs, popovers, fullscreen element); among SDK layers a higher rank stays above a lower
 * one (emergency alerts above the system UI). One stack per document coordinates them, so two layers never
 * fight for the last place:
 *
 * - **Placement in `<html>`** (what counts where there is no top layer): the layers' elements are the last
 *   children of `<html>`, in rank order, after every element of the app. Whatever the app appends, removes or
 *   reorders, the stack moves only the layers that are out of place, each once. A fight over the order (another
 *   script that keeps taking the last place) is given up after a while: the top layer keeps the layer visible
 *   anyway. A layer taken out of `<html>` is always put back: at once, or, while a script keeps removing it,
 *   after a short and growing delay (so two scripts never ping-pong without end).
 * - **Order in the top layer**: when the app opens a dialog or popover, or goes fullscreen, every shown layer
 *   is re-asserted once, lowest rank first, so the highest ends on top. When an SDK layer enters the top
 *   layer by itself (it showed something new, `KeepOnTop.entered`), only the shown layers ranked above it are
 *   re-asserted. Dialogs, popovers and toggles inside SDK layers are never taken for the app's.
 */

/** Ranks of the SDK's layers: a higher rank stays above a lower one. Apps' own overlays are below all of them. */
export const TopLayerRank = {
  /** CA prompts, OSD, fingerprint, mail icon, IPPV and PIN dialogs (`mountSystemUi`). */
  SYSTEM_UI: 100,
  /** Emergency alerts (`mountAlertOverlay`). */
  EMERGENCY_ALERT: 200,
} as const;

/** What the stack needs from a layer. */
export interface TopLayerMember {
  /** The layer's host element, kept a child of `<html>`. */
  readonly element: HTMLElement;
  readonly rank: number;
  /** Moves the layer's content to the top of the browser's top layer again (does nothing when nothing is shown). */
  reassert(): void;
  /** Whether the layer shows anything now; only shown layers are re-asserted. Default: always. */
  shown?(): boolean;
  /** Whether the layer holds the remote now (lower-ranked layers then leave keys alone). Default: never. */
  holdsKeys?(): boolean;
}

/** What a layer went through, for diagnostics and tests. */
export interface TopLayerMemberInfo {
  readonly element: HTMLElement;
  readonly rank: number;
  readonly shown: boolean;
  /** Times the stack moved the element in `<html>` (its first insertion included). */
  readonly placements: number;
  /** Times the stack re-asserted the layer in the top layer. */
  readonly reassertions: number;
}

/** Moves allowed per layer per second; beyond that another script is fighting us for the place. */
const MAX_PLACEMENTS_PER_SECOND = 30;
/** First delay before putting back a layer removed beyond that budget; doubled per retry up to the maximum. */
const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 2000;

interface Entry {
  readonly member: TopLayerMember;
  /** Registration order, to keep equal ranks stable. */
  readonly serial: number;
  placements: number;
  reassertions: number;
  recentPlacements: number[];
  warned: boolean;
  /** Pending put-back of a layer removed beyond the budget. */
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  retryDelay: number;
}

const stacks = new WeakMap<Document, TopLayerStack>();

/** The stack of `doc` (created on first use). */
export function topLayerStack(doc: Document = document): TopLayerStack {
  let stack = stacks.get(doc);
  if (!stack) {
    stack = new TopLayerStack(doc);
    stacks.set(doc, stack);
  }
  return stack;
}

export class TopLayerStack {
  /** Ascending rank, then registration order. */
  private entries: Entry[] = [];
  private serial = 0;
  private readonly observer: MutationObserver;
  private observing = false;
  /** Layers above this rank get re-asserted in the next pass; undefined when no pass is pending. */
  private pendingAbove: number | undefined;
  /** True while a pass re-asserts layers: their own reports of entering the top layer are then ours. */
  private reasserting = false;

  /** Use `topLayerStack(doc)`: one stack per document. */
  constructor(private readonly doc: Document) {
    this.observer = new MutationObserver((records) => this.onMutations(records));
  }

  /** The registered layers, lowest rank first. */
  layers(): readonly TopLayerMemberInfo[] {
    return this.entries.map((e) => ({
      element: e.member.element,
      rank: e.member.rank,
      shown: isShown(e.member),
      placements: e.placements,
      reassertions: e.reassertions,
    }));
  }

  /** Registers a layer and places its element; starts watching the document with the first layer. */
  add(member: TopLayerMember): void {
    if (this.entries.some((e) => e.member === member)) return;
    this.entries.push({
      member, serial: this.serial++, placements: 0, reassertions: 0, recentPlacements: [], warned: false,
      retryTimer: undefined, retryDelay: FIRST_RETRY_MS,
    });
    this.entries.sort((a, b) => a.member.rank - b.member.rank || a.serial - b.serial);
    if (!this.observing) this.observe();
    this.place();
  }

  /** Unregisters a layer (its element stays where it is); stops watching with the last layer. */
  remove(member: TopLayerMember): void {
    for (const e of this.entries) if (e.member === member && e.retryTimer !== undefined) clearTimeout(e.retryTimer);
    this.entries = this.entries.filter((e) => e.member !== member);
    if (this.entries.length === 0 && this.observing) this.unobserve();
  }

  /** Whether a shown layer ranked above `rank` holds the remote now. */
  heldAbove(rank: number): boolean {
    return this.entries.some((e) => e.member.rank > rank && isShown(e.member) && e.member.holdsKeys?.() === true);
  }

  /**
   * A layer entered the top layer by itself (showed new content, or came back after removal): the shown
   * layers ranked above it go back above it. Ignored while the stack itself re-asserts layers.
   */
  entered(member: TopLayerMember): void {
    if (this.reasserting) return;
    this.requestReassert(member.rank);
  }

  /**
   * Re-asserts every shown layer ranked above `rank` once, lowest first, in a microtask (several requests in
   * the same task make one pass).
   */
  requestReassert(aboveRank = -Infinity): void {
    const pending = this.pendingAbove;
    this.pendingAbove = pending === undefined ? aboveRank : Math.min(pending, aboveRank);
    if (pending !== undefined) return;
    queueMicrotask(() => this.performReassert());
  }

  private performReassert(): void {
    const above = this.pendingAbove ?? Infinity;
    this.pendingAbove = undefined;
    this.reasserting = true;
    try {
      for (const e of [...this.entries]) {
        if (e.member.rank <= above || !isShown(e.member)) continue;
        e.reassertions++;
        try {
          e.member.reassert();
        } catch (err) {
          console.warn('[yiwang] top layer: a layer failed to re-assert itself', err);
        }
      }
    } finally {
      this.reasserting = false;
    }
  }

  /**
   * Puts the layers' elements at the end of `<html>` in rank order, moving only those out of place: from the
   * highest down, each must be directly before the one ranked next above it (the highest: the last element).
   */
  private place(retrying?: Entry): void {
    const root = this.doc.documentElement;
    let after: Element | null = null;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (!entry) continue;
      const el = entry.member.element;
      const inPlace = el.parentNode === root && el.nextElementSibling === after;
      // A layer given up on (another script fights for its place) stays where it is; the lower ones line up anyway.
      if (!inPlace) this.move(entry, root, after, entry === retrying);
      after = el.parentNode === root ? el : after;
    }
  }

  /**
   * Moves a layer into place within the budget. Beyond it, a layer still in `<html>` stays where it is (its
   * content is in the top layer), and one taken out is put back by a timer (`retry`: that timer's pass).
   */
  private move(entry: Entry, root: Element, before: Element | null, retry: boolean): void {
    const el = entry.member.element;
    const now = performance.now();
    entry.recentPlacements = entry.recentPlacements.filter((t) => now - t < 1000);
    if (entry.recentPlacements.length === 0) entry.retryDelay = FIRST_RETRY_MS;
    if (entry.recentPlacements.length >= MAX_PLACEMENTS_PER_SECOND && !retry) {
      if (!entry.warned) {
        entry.warned = true;
        console.warn(`[yiwang] top layer: another script keeps moving or removing <${el.localName}> in <html>; `
          + 'its order is left to the top layer, removals are undone after a delay');
      }
      if (el.parentNode !== root) this.scheduleRetry(entry);
      return;
    }
    entry.recentPlacements.push(now);
    entry.placements++;
    // moveBefore keeps a shown popover in the top layer and running animations going where supported (custom
    // elements without `connectedMoveCallback` still get disconnected and connected callbacks); insertBefore
    // removes and re-inserts, and the layer re-enters the top layer from its connectedCallback.
    const moveBefore = (root as { moveBefore?: (node: Node, child: Node | null) => void }).moveBefore;
    if (el.isConnected && el.ownerDocument === root.ownerDocument && typeof moveBefore === 'function') {
      try {
        moveBefore.call(root, el, before);
        return;
      } catch {
        // Not movable here: insert below.
      }
    }
    root.insertBefore(el, before);
  }

  /** Puts a removed layer back after a delay that doubles while the removals go on. */
  private scheduleRetry(entry: Entry): void {
    if (entry.retryTimer !== undefined) return;
    const delay = entry.retryDelay;
    entry.retryDelay = Math.min(delay * 2, MAX_RETRY_MS);
    entry.retryTimer = setTimeout(() => {
      entry.retryTimer = undefined;
      if (this.entries.includes(entry)) this.place(entry);
    }, delay);
  }

  /** The layer whose element is `node` or holds it (through shadow roots), if any. */
  private memberOf(node: Node): TopLayerMember | undefined {
    let current: Node | null = node;
    while (current) {
      const found = this.entries.find((e) => e.member.element === current);
      if (found) return found.member;
      const parent: Node | null = current.parentNode;
      current = parent ?? (current instanceof ShadowRoot ? current.host : null);
    }
    return undefined;
  }

  /** Something of the app (or a layer) entered the top layer. */
  private onEntered(source: Node | null): void {
    // The SDK's layers report their own entries (`entered`); their dialogs and popovers are never the app's.
    if (source && this.memberOf(source)) return;
    this.requestReassert();
  }

  private onMutations(records: readonly MutationRecord[]): void {
    let moved = false;
    for (const r of records) {
      if (r.type === 'childList' && r.target === this.doc.documentElement) moved = true;
      if (r.type === 'attributes' && r.target instanceof Element && r.target.localName === 'dialog' && r.target.hasAttribute('open')) {
        this.onEntered(r.target);
      }
    }
    if (moved) this.place();
  }

  private readonly onToggle = (e: Event): void => {
    if ((e as ToggleEvent).newState !== 'open') return;
    // Browsers that fire toggle for dialogs too: an open dialog was seen by its `open` attribute already.
    if (e.target instanceof HTMLDialogElement && e.target.hasAttribute('open')) return;
    this.onEntered(e.target instanceof Node ? e.target : null);
  };

  private readonly onFullscreen = (): void => {
    const el = this.doc.fullscreenElement;
    if (el) this.onEntered(el);
  };

  private observe(): void {
    this.observing = true;
    // Children of <html> (removal, anything appended after us), and dialogs opened anywhere in the light DOM.
    this.observer.observe(this.doc.documentElement, { childList: true });
    this.observer.observe(this.doc, { subtree: true, attributes: true, attributeFilter: ['open'] });
    // Popovers (toggle does not bubble: capture phase) and fullscreen.
    this.doc.addEventListener('toggle', this.onToggle, true);
    this.doc.addEventListener('fullscreenchange', this.onFullscreen);
    this.doc.addEventListener('webkitfullscreenchange', this.onFullscreen);
  }

  private unobserve(): void {
    this.observing = false;
    this.observer.disconnect();
    this.doc.removeEventListener('toggle', this.onToggle, true);
    this.doc.removeEventListener('fullscreenchange', this.onFullscreen);
    this.doc.removeEventListener('webkitfullscreenchange', this.onFullscreen);
  }
}

function isShown(member: TopLayerMember): boolean {
  return member.shown?.() ?? true;
}
