/**
 * Keeps one SDK layer on top: its element among the last children of `<html>` and its content at the top of
 * the browser's top layer, above whatever the app does (removing it, appending after it, hiding it with
 * attributes or inline style, opening a modal dialog or a popover, going fullscreen), and in its rank among
 * the SDK's other layers (see `TopLayerStack`).
 */
import { topLayerStack, type TopLayerMember, type TopLayerStack } from './top-layer-stack.js';

export interface KeepOnTopTarget {
  readonly element: HTMLElement;
  /** The layer's rank (`TopLayerRank`): higher stays above lower. */
  readonly rank: number;
  /** Called when something may have gone above the layer in the top layer. */
  reassert(): void;
  /** Whether the layer shows anything now (default: always). */
  shown?(): boolean;
  /** Whether the layer holds the remote now (default: never). */
  holdsKeys?(): boolean;
}

/** Attributes an app could hide or disable a layer with; the SDK never sets them on a layer's host. */
const GUARDED_ATTRIBUTES = ['hidden', 'inert', 'popover', 'style'];

export class KeepOnTop {
  private readonly attributes: MutationObserver;
  private readonly member: TopLayerMember;
  private readonly stack: TopLayerStack;
  private started = false;

  constructor(target: KeepOnTopTarget, doc: Document = document) {
    this.member = target;
    this.stack = topLayerStack(doc);
    this.attributes = new MutationObserver(() => this.onOwnAttributes());
  }

  /** Puts the element in place at the end of `<html>` and starts guarding it. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.onOwnAttributes();
    this.stack.add(this.member);
    this.attributes.observe(this.member.element, { attributes: true, attributeFilter: GUARDED_ATTRIBUTES });
  }

  /** Stops guarding; the element stays where it is (the caller removes it). */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.attributes.disconnect();
    this.stack.remove(this.member);
  }

  /**
   * Call after the layer entered the top layer by itself (it showed something new, or came back after being
   * removed): the higher-ranked layers shown go back above it.
   */
  entered(): void {
    if (this.started) this.stack.entered(this.member);
  }

  /** Whether a higher-ranked layer holds the remote now: this layer should then leave keys alone. */
  heldAbove(): boolean {
    return this.stack.heldAbove(this.member.rank);
  }

  private onOwnAttributes(): void {
    const el = this.member.element;
    for (const name of GUARDED_ATTRIBUTES) if (el.hasAttribute(name)) el.removeAttribute(name);
  }
}
