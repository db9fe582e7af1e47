import { Subject, type Observable, type Subscription } from 'rxjs';
import type { KeyEvent } from './key-event.js';

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface SpatialNavigationOptions {
  /** Which elements take focus. Default `[data-focusable]`. Searched through open shadow roots (lit). */
  readonly selector?: string;
  /** Weight of sideways offset against distance in the direction of travel. Default 2. */
  readonly alignmentWeight?: number;
}

const ARROWS: Readonly<Partial<Record<string, Direction>>> = {
  ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right',
};

/**
 * Moves DOM focus between focusable elements by their on-screen geometry, for DOM (lit) apps driven by
 * a remote. Arrows move to the nearest element in that direction (aligned ones preferred); Enter
 * clicks the focused element. Elements inside open shadow roots take part, so lit components work.
 */
export class SpatialNavigator {
  private readonly selector: string;
  private readonly alignmentWeight: number;
  private readonly changes = new Subject<HTMLElement>();
  private current: HTMLElement | undefined;

  /** Emits each newly focused element. */
  readonly focusChanges: Observable<HTMLElement> = this.changes.asObservable();

  constructor(private readonly root: ParentNode, options: SpatialNavigationOptions = {}) {
    this.selector = options.selector ?? '[data-focusable]';
    this.alignmentWeight = options.alignmentWeight ?? 2;
  }

  get focused(): HTMLElement | undefined {
    return this.current?.isConnected ? this.current : undefined;
  }

  /** Every visible focusable element under the root, in document order. */
  focusables(): HTMLElement[] {
    const found: HTMLElement[] = [];
    const visit = (node: ParentNode): void => {
      for (const el of Array.from(node.querySelectorAll<HTMLElement>('*'))) {
        if (el.matches(this.selector) && isVisible(el)) found.push(el);
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(this.root);
    return found;
  }

  /** Focuses `el` (or the first focusable when omitted). Returns the focused element. */
  focus(el?: HTMLElement): HTMLElement | undefined {
    const target = el ?? this.focusables()[0];
    if (!target) return undefined;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus({ preventScroll: false });
    if (target !== this.current) {
      this.current = target;
      this.changes.next(target);
    }
    return target;
  }

  /** Moves focus one step in `direction`. False when nothing lies that way (focus stays). */
  move(direction: Direction): boolean {
    const from = this.focused;
    if (!from) return this.focus() !== undefined;
    const next = this.nearest(from, direction);
    if (!next) return false;
    this.focus(next);
    return true;
  }

  /** Drives the navigator from remote keys (down and repeat). Returns the subscription. */
  connect(keys: Observable<KeyEvent>): Subscription {
    return keys.subscribe((event) => {
      if (event.kind !== 'down' && event.kind !== 'repeat') return;
      const direction = ARROWS[event.key];
      if (direction) this.move(direction);
      else if (event.key === 'Enter' && event.kind === 'down') this.focused?.click();
    });
  }

  private nearest(from: HTMLElement, direction: Direction): HTMLElement | undefined {
    const a = from.getBoundingClientRect();
    let best: HTMLElement | undefined;
    let bestScore = Infinity;
    for (const el of this.focusables()) {
      if (el === from) continue;
      const b = el.getBoundingClientRect();
      const score = this.score(a, b, direction);
      if (score < bestScore) {
        bestScore = score;
        best = el;
      }
    }
    return best;
  }

  /** Distance along the direction plus weighted sideways gap; Infinity when `b` is not that way. */
  private score(a: DOMRect, b: DOMRect, direction: Direction): number {
    const horizontal = direction === 'left' || direction === 'right';
    const ahead =
      direction === 'right' ? b.left - a.right
      : direction === 'left' ? a.left - b.right
      : direction === 'down' ? b.top - a.bottom
      : a.top - b.bottom;
    // Allow a pixel of overlap from rounding; anything more is not "that way".
    if (ahead < -1) return Infinity;
    const [a0, a1, b0, b1] = horizontal ? [a.top, a.bottom, b.top, b.bottom] : [a.left, a.right, b.left, b.right];
    const sidewaysGap = Math.max(0, b0 - a1, a0 - b1);
    const centreOffset = Math.abs((a0 + a1) / 2 - (b0 + b1) / 2);
    return Math.max(0, ahead) + this.alignmentWeight * sidewaysGap + centreOffset / 4;
  }
}

function isVisible(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}
