/**
 * `<yiwang-system-layer>`: the SDK's system UI layer — CA prompt, OSD crawls and panels, fingerprint, mail
 * icon, card-upgrade strip, feed request, IPPV and parental PIN dialogs — drawn over any app. The host covers
 * the viewport and takes no pointer events; its content sits in one `<dialog>` shown as a manual popover in
 * the browser's top layer (non-modal: the app behind stays usable), kept above the app's dialogs, popovers
 * and fullscreen element by `mountSystemUi`'s `KeepOnTop` and ranked below emergency alerts.
 *
 * What it defends against, for the fingerprint above all:
 * - page styles (including inline `!important`) on the host: its look is fixed by `!important` rules in its
 *   own shadow root, which win over any outer style; `KeepOnTop` also strips inline style, `hidden`,
 *   `inert` and `popover` from the host;
 * - removal and reordering in `<html>`, the app's top-layer elements (`KeepOnTop`);
 * - generic DOM walkers: the shadow root is closed (`element.shadowRoot` is null);
 * - the fingerprint removed or re-attributed inside the layer: it is put back at once.
 * What it cannot defend against: script in the same page that holds the SDK's own objects (calls
 * `unmount()`, reaches lit's `renderRoot`, patches DOM prototypes before the SDK loads) or removes `<html>`'s
 * styles for everything (`html { display: none }`). A box that must guarantee the fingerprint draws it
 * outside the app's page (the platform's own OSD plane).
 *
 * Sizes are in 1080-line units (`--u`), scaled to the viewport, laid out for 1920×1080.
 */
import { css, html, LitElement, unsafeCSS, type PropertyValues, type TemplateResult } from 'lit';
import type { OsdPosition } from '../../ca/ca-events.js';
import type { CaView } from '../../ca/conditional-access-types.js';
import type { KeyName } from '../../keys/key-names.js';
import { CA_PROMPT_TAG, YiwangCaPrompt } from './ca-prompt.js';
import { FEED_NOTICE_TAG, YiwangFeedNotice } from './feed-notice.js';
import { FINGERPRINT_MARK_TAG, YiwangFingerprintMark } from './fingerprint-mark.js';
import { IPPV_DIALOG_TAG, YiwangIppvDialog, type IppvAnswerDetail } from './ippv-dialog.js';
import { MAIL_ICON_TAG, YiwangMailIcon } from './mail-icon.js';
import { OSD_CRAWL_TAG, YiwangOsdCrawl, type OsdDoneDetail } from './osd-crawl.js';
import { OSD_PANEL_TAG, YiwangOsdPanel } from './osd-panel.js';
import type { DialogFeedback } from './pin-entry.js';
import { PIN_DIALOG_TAG, YiwangPinDialog, type ParentalPinRequest } from './pin-dialog.js';
import { layerDialog, UNHIDEABLE_HOST } from '../top-layer/layer-styles.js';
import { panel, SYSTEM_UI_FONTS } from './system-ui-styles.js';
import { UPGRADE_STRIP_TAG, YiwangUpgradeStrip } from './upgrade-strip.js';

export const SYSTEM_LAYER_TAG = 'yiwang-system-layer';

/** Where the layer's parts report what the viewer did. */
export interface SystemLayerDelegate {
  /** An OSD message ran its loops or duration. */
  osdDone(position: OsdPosition, id: number): void;
  ippvAnswer(answer: IppvAnswerDetail): void;
  pinSubmit(pin: string): void;
  pinCancel(): void;
}

/** The IPPV dialog's state, as `mountSystemUi` drives it. */
export interface IppvDialogState {
  readonly offer: NonNullable<CaView['ippv']>;
  readonly balance?: number;
  readonly feedback?: DialogFeedback;
  readonly busy: boolean;
}

/** The parental PIN dialog's state. */
export interface PinDialogState {
  readonly request: ParentalPinRequest;
  readonly feedback?: DialogFeedback;
  readonly busy: boolean;
  readonly final: boolean;
}

const EMPTY_VIEW: CaView = { osd: {}, mail: 'none' };

/** Attributes that could hide the fingerprint or its place; put back as they were. */
const FINGERPRINT_GUARDED = ['hidden', 'inert', 'style', 'class', 'popover', 'slot'];

function matchesSafe(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

export class YiwangSystemLayer extends LitElement {
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: 'closed' };

  static override properties = {
    view: { attribute: false },
    ippv: { attribute: false },
    pin: { attribute: false },
    toast: { attribute: false },
    crawlPixelsPerSecond: { attribute: false },
    timeZone: { attribute: false },
  };

  static override styles = [panel, layerDialog, css`
    :host {
      ${UNHIDEABLE_HOST}
      position: fixed !important;
      inset: 0 !important;
      z-index: 2147483646 !important;
      margin: 0 !important;
      padding: 0 !important;
      border: 0 !important;
      background: transparent !important;
      --u: min(calc(100vw / 1920), calc(100vh / 1080));
      font-family: ${unsafeCSS(SYSTEM_UI_FONTS)};
      line-height: 1.3;
      letter-spacing: normal;
      text-align: start;
      text-transform: none;
      direction: ltr;
      color: #fff;
    }
    dialog.layer {
      font: inherit;
    }
    .toast {
      position: absolute;
      left: 50%;
      bottom: calc(var(--u) * 260);
      transform: translateX(-50%);
      padding: calc(var(--u) * 18) calc(var(--u) * 40);
      font-size: calc(var(--u) * 36);
    }
    .toast.error { color: #ff8a80; }
    .toast.success { color: #a5d6a7; }
    .fingerprint {
      position: absolute !important;
      inset: 0 !important;
      z-index: 2147483647 !important;
      display: block !important;
      visibility: visible !important;
      opacity: 1 !important;
      pointer-events: none !important;
    }
  `];

  /** What the CA wants on screen. */
  declare view: CaView;
  /** The IPPV dialog, when shown. */
  declare ippv: IppvDialogState | undefined;
  /** The parental PIN dialog, when shown (it goes over an IPPV dialog). */
  declare pin: PinDialogState | undefined;
  /** A short result line (purchase done, declined). */
  declare toast: DialogFeedback | undefined;
  /** OSD crawl speed in 1080-line pixels per second. */
  declare crawlPixelsPerSecond: number;
  declare timeZone: string | undefined;

  /** Where the parts report; set by `mountSystemUi`. */
  delegate: SystemLayerDelegate | undefined = undefined;
  /** Called after the layer entered the top layer by itself (`mountSystemUi` tells the top-layer stack). */
  topLayerEntered: (() => void) | undefined = undefined;

  /** Created once and re-attached whenever it is taken away (see the class comment). */
  private readonly fingerprintMark: YiwangFingerprintMark;
  private readonly guard: MutationObserver;

  constructor() {
    super();
    this.view = EMPTY_VIEW;
    this.ippv = undefined;
    this.pin = undefined;
    this.toast = undefined;
    this.crawlPixelsPerSecond = 120;
    this.timeZone = undefined;
    this.fingerprintMark = document.createElement(FINGERPRINT_MARK_TAG);
    this.guard = new MutationObserver(() => this.guardFingerprint());
  }

  /** Whether anything is on screen (the layer is in the top layer only then). */
  get hasContent(): boolean {
    const v = this.view;
    return Boolean(v.prompt ?? v.osd.top ?? v.osd.bottom ?? v.osd.full ?? v.osd.half ?? v.fingerprint ?? v.upgrade ?? v.feedRequest
      ?? this.ippv ?? this.pin ?? this.toast) || v.mail !== 'none';
  }

  /** The dialog that takes keys now: the PIN dialog over the IPPV dialog; undefined when neither shows. */
  get openDialog(): 'pin' | 'ippv' | undefined {
    if (this.pin) return 'pin';
    if (this.ippv) return 'ippv';
    return undefined;
  }

  /** Gives a key the layer took to the open dialog. */
  handleKey(key: KeyName): void {
    const open = this.openDialog;
    if (open === 'pin') this.renderRoot.querySelector<YiwangPinDialog>(PIN_DIALOG_TAG)?.handleKey(key);
    else if (open === 'ippv') this.renderRoot.querySelector<YiwangIppvDialog>(IPPV_DIALOG_TAG)?.handleKey(key);
  }

  /** Clears the digits typed in the PIN dialog (a new request). */
  clearPin(): void {
    this.renderRoot.querySelector<YiwangPinDialog>(PIN_DIALOG_TAG)?.clear();
  }

  /** The layer's `<dialog>` (undefined before the first render). */
  private get layer(): HTMLDialogElement | undefined {
    return this.renderRoot.querySelector<HTMLDialogElement>('dialog.layer') ?? undefined;
  }

  /**
   * Moves the layer to the top of the browser's top layer again (after the app opened a dialog, a popover
   * or went fullscreen above it). Does nothing when nothing is shown.
   */
  reassert(): void {
    const layer = this.layer;
    if (!layer || !this.hasContent || !this.isConnected) return;
    if (matchesSafe(layer, ':popover-open')) layer.hidePopover();
    this.showLayer(layer, false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Connected again. Put back after removal (insertBefore), the layer left the top layer: show it again.
    // Moved with moveBefore, this runs too (the host has no connectedMoveCallback) but the layer is still
    // shown, so the sync does nothing; the OSD parts define connectedMoveCallback and keep running, and after a
    // removal they resume themselves.
    if (this.hasUpdated) queueMicrotask(() => this.syncLayer());
  }

  protected override firstUpdated(): void {
    this.guard.observe(this.renderRoot, { childList: true, subtree: true });
    this.guard.observe(this.fingerprintMark, { attributes: true, attributeFilter: FINGERPRINT_GUARDED });
    const slot = this.renderRoot.querySelector('div.fingerprint');
    if (slot) this.guard.observe(slot, { attributes: true, attributeFilter: ['hidden', 'inert', 'style', 'class'] });
    this.layer?.addEventListener('toggle', (e) => {
      // Closed by something else than us (a browser hiding popovers): back at once.
      if (e.newState === 'closed') queueMicrotask(() => this.syncLayer());
    });
    this.guardFingerprint();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('view')) this.fingerprintMark.fingerprint = this.view.fingerprint;
    this.guardFingerprint();
    this.syncLayer();
  }

  /** Puts the layer in the state the content needs: a shown popover, or closed. */
  private syncLayer(): void {
    const layer = this.layer;
    if (!layer || !this.isConnected) return;
    const open = matchesSafe(layer, ':popover-open') || (layer.open && typeof layer.showPopover !== 'function');
    if (!this.hasContent) {
      if (matchesSafe(layer, ':popover-open')) layer.hidePopover();
      if (layer.open) layer.removeAttribute('open');
      return;
    }
    if (!open) this.showLayer(layer, true);
  }

  private showLayer(layer: HTMLDialogElement, entered: boolean): void {
    try {
      if (typeof layer.showPopover === 'function') {
        layer.showPopover();
        if (entered) this.topLayerEntered?.();
        return;
      }
    } catch (err) {
      console.warn('[yiwang] system layer: the top layer refused the layer; falling back to z-index', err);
    }
    // No top layer (older box browsers): an open dialog in the fixed, near-highest z-index host.
    layer.setAttribute('open', '');
  }

  /** Puts the fingerprint back where it belongs (last in the layer, attributes as set). */
  private guardFingerprint(): void {
    const layer = this.layer;
    const slot = layer?.querySelector<HTMLElement>(':scope > div.fingerprint') ?? this.renderRoot.querySelector<HTMLElement>('div.fingerprint');
    if (!layer || !slot) return;
    if (slot.parentNode !== layer || layer.lastElementChild !== slot) layer.append(slot);
    for (const name of ['hidden', 'inert', 'style']) if (slot.hasAttribute(name)) slot.removeAttribute(name);
    if (slot.className !== 'fingerprint') slot.className = 'fingerprint';
    const mark = this.fingerprintMark;
    if (mark.parentNode !== slot || slot.lastElementChild !== mark) slot.append(mark);
    for (const name of FINGERPRINT_GUARDED) if (mark.hasAttribute(name)) mark.removeAttribute(name);
  }

  private readonly onOsdDone = (e: Event): void => {
    const { position, id } = (e as CustomEvent<OsdDoneDetail>).detail;
    this.delegate?.osdDone(position, id);
  };

  private readonly onIppvAnswer = (e: Event): void => {
    this.delegate?.ippvAnswer((e as CustomEvent<IppvAnswerDetail>).detail);
  };

  private readonly onPinSubmit = (e: Event): void => {
    this.delegate?.pinSubmit((e as CustomEvent<{ pin: string }>).detail.pin);
  };

  private readonly onPinCancel = (): void => {
    this.delegate?.pinCancel();
  };

  protected override render(): TemplateResult {
    const v = this.view;
    const ippv = this.pin ? undefined : this.ippv;
    return html`
      <dialog class="layer" popover="manual" aria-label="系统提示 System messages">
        <yiwang-osd-panel position="full" .osd=${v.osd.full} @yiwang-osd-done=${this.onOsdDone}></yiwang-osd-panel>
        <yiwang-osd-panel position="half" .osd=${v.osd.half} @yiwang-osd-done=${this.onOsdDone}></yiwang-osd-panel>
        <yiwang-osd-crawl position="top" .osd=${v.osd.top} .pixelsPerSecond=${this.crawlPixelsPerSecond}
          @yiwang-osd-done=${this.onOsdDone}></yiwang-osd-crawl>
        <yiwang-osd-crawl position="bottom" .osd=${v.osd.bottom} .pixelsPerSecond=${this.crawlPixelsPerSecond}
          @yiwang-osd-done=${this.onOsdDone}></yiwang-osd-crawl>
        <yiwang-ca-prompt .prompt=${v.prompt}></yiwang-ca-prompt>
        <yiwang-upgrade-strip .upgrade=${v.upgrade}></yiwang-upgrade-strip>
        <yiwang-feed-notice .request=${v.feedRequest}></yiwang-feed-notice>
        <yiwang-mail-icon .state=${v.mail}></yiwang-mail-icon>
        <yiwang-ippv-dialog .offer=${ippv?.offer} .balance=${ippv?.balance} .feedback=${ippv?.feedback}
          .busy=${ippv?.busy ?? false} .timeZone=${this.timeZone} @yiwang-ippv-answer=${this.onIppvAnswer}></yiwang-ippv-dialog>
        <yiwang-pin-dialog .request=${this.pin?.request} .feedback=${this.pin?.feedback} .busy=${this.pin?.busy ?? false}
          .final=${this.pin?.final ?? false} @yiwang-pin-submit=${this.onPinSubmit} @yiwang-pin-cancel=${this.onPinCancel}></yiwang-pin-dialog>
        <div class="toast-region" role="status" aria-live="polite">${this.toast ? html`
          <div class="panel toast ${this.toast.tone}" lang="zh-CN">${this.toast.text}</div>` : ''}</div>
        <div class="fingerprint"></div>
      </dialog>`;
  }
}

const PARTS: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  [CA_PROMPT_TAG, YiwangCaPrompt],
  [OSD_CRAWL_TAG, YiwangOsdCrawl],
  [OSD_PANEL_TAG, YiwangOsdPanel],
  [FINGERPRINT_MARK_TAG, YiwangFingerprintMark],
  [MAIL_ICON_TAG, YiwangMailIcon],
  [UPGRADE_STRIP_TAG, YiwangUpgradeStrip],
  [FEED_NOTICE_TAG, YiwangFeedNotice],
  [IPPV_DIALOG_TAG, YiwangIppvDialog],
  [PIN_DIALOG_TAG, YiwangPinDialog],
  [SYSTEM_LAYER_TAG, YiwangSystemLayer],
];

/** Defines the layer and its parts once (a no-op for tags already defined, or without custom elements). */
export function defineSystemUiElements(): void {
  if (typeof customElements === 'undefined') return;
  for (const [tag, ctor] of PARTS) if (!customElements.get(tag)) customElements.define(tag, ctor);
}

declare global {
  interface HTMLElementTagNameMap {
    'yiwang-system-layer': YiwangSystemLayer;
  }
}
