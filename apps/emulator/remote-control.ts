/**
 * `<yw-remote-control>`: an on-screen remote with every normalized key, laid out like a cable-box remote.
 * Holding a button holds the key: it fires `remote-key` with `{key, action: 'down'}` on pointer down and
 * `{key, action: 'up'}` on release. Keys the selected platform's remote lacks are shown disabled.
 */
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { primaryBinding, type KeyProfile, type KnownKeyName } from '../../sdk/index.js';
import { KEY_LABELS, keyTitle } from './key-labels.js';

export interface RemoteKeyDetail {
  readonly key: KnownKeyName;
  readonly action: 'down' | 'up';
}

declare global {
  interface HTMLElementEventMap {
    'remote-key': CustomEvent<RemoteKeyDetail>;
  }
}

/** The remote's face, top to bottom; each row lists its keys (`null` is a gap). */
const LAYOUT: ReadonlyArray<{ readonly section: string; readonly keys: ReadonlyArray<KnownKeyName | null> }> = [
  { section: 'top', keys: ['Power', null, 'Search', 'Settings'] },
  { section: 'digits', keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'Guide', '0', 'Info'] },
  { section: 'colours', keys: ['ColorF0Red', 'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue'] },
  { section: 'menus', keys: ['Home', 'ContextMenu', 'Subtitle'] },
  { section: 'dpad', keys: [null, 'ArrowUp', null, 'ArrowLeft', 'Enter', 'ArrowRight', null, 'ArrowDown', null] },
  { section: 'back', keys: ['BrowserBack', 'Exit'] },
  {
    section: 'rockers',
    keys: ['AudioVolumeUp', 'PageUp', 'ChannelUp', 'AudioVolumeMute', null, null, 'AudioVolumeDown', 'PageDown', 'ChannelDown'],
  },
  { section: 'media', keys: ['MediaTrackPrevious', 'MediaRewind', 'MediaPlayPause', 'MediaFastForward', 'MediaTrackNext'] },
  { section: 'media2', keys: ['MediaPlay', 'MediaPause', 'MediaStop', 'MediaRecord'] },
];

/** Keys drawn as icons: their symbols are missing from many fonts. */
const ICONS: Partial<Record<KnownKeyName, TemplateResult>> = {
  Power: html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3v8M6.6 6.6a8 8 0 1 0 10.8 0" /></svg>`,
  AudioVolumeMute: html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path class="solid" d="M3 9h4l5-4v14l-5-4H3z" /><path d="M16 9l5 6M21 9l-5 6" /></svg>`,
};

/** Every key on the remote's face, in layout order. */
export const REMOTE_KEYS: readonly KnownKeyName[] = LAYOUT.flatMap((row) => row.keys.filter((k): k is KnownKeyName => k !== null));

export class YwRemoteControl extends LitElement {
  static override properties = {
    profile: { attribute: false },
    withheld: { attribute: false },
    pressed: { type: String },
  };

  static override styles = css`
    :host {
      display: block;
      font-family: var(--yw-font, sans-serif);
      user-select: none;
      -webkit-user-select: none;
    }
    .body {
      width: 212px;
      margin: 0 auto;
      padding: 16px 14px 22px;
      border-radius: 28px 28px 40px 40px;
      background: linear-gradient(180deg, #2a2f37, #1a1d22);
      box-shadow: inset 0 1px 0 #3d444f, 0 8px 24px rgb(0 0 0 / 50%);
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .row {
      display: grid;
      gap: 6px;
      justify-items: center;
      align-items: center;
    }
    .top, .colours, .media2 { grid-template-columns: repeat(4, 1fr); }
    .digits, .menus, .dpad, .rockers { grid-template-columns: repeat(3, 1fr); }
    .back { grid-template-columns: repeat(2, 1fr); }
    .media { grid-template-columns: repeat(5, 1fr); }
    .dpad {
      width: 168px;
      height: 168px;
      margin: 0 auto;
      gap: 0;
      border-radius: 50%;
      background: radial-gradient(circle, #2f3540 0 36%, #23272e 37%);
      box-shadow: inset 0 0 0 1px #3a414c;
    }
    button {
      font: inherit;
      color: var(--yw-text, #dde3ea);
      background: #323843;
      border: 1px solid #434b57;
      border-radius: 8px;
      min-width: 40px;
      height: 34px;
      padding: 0 4px;
      cursor: pointer;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      line-height: 1.05;
      touch-action: none;
    }
    button .glyph { font-size: 13px; font-weight: 600; }
    button .zh { font-size: 9px; opacity: 0.7; }
    .icon { width: 16px; height: 16px; fill: none; stroke: currentColor; stroke-width: 2.2; stroke-linecap: round; }
    .icon .solid { fill: currentColor; stroke: none; }
    button:hover:not([aria-disabled='true']) { background: #3c4350; }
    button.pressed { background: var(--yw-accent, #4fa3ff); border-color: var(--yw-accent, #4fa3ff); color: #081018; }
    button[aria-disabled='true'] { opacity: 0.28; cursor: not-allowed; }
    button.withheld:not([aria-disabled='true']) { border-style: dashed; border-color: #b0763a; }
    .digits button { width: 52px; height: 30px; border-radius: 15px; }
    .digits button .glyph { font-size: 15px; }
    .colours button { width: 40px; height: 14px; min-width: 0; border-radius: 7px; }
    .key-ColorF0Red { background: #c9302c; }
    .key-ColorF1Green { background: #2e9e4f; }
    .key-ColorF2Yellow { background: #d4b21f; }
    .key-ColorF3Blue { background: #2c6bc9; }
    .colours button .zh { display: none; }
    .key-Power { color: #ff6b6b; border-radius: 50%; width: 38px; height: 38px; min-width: 0; }
    .dpad button { width: 52px; height: 52px; border-radius: 50%; background: transparent; border-color: transparent; }
    .dpad .key-Enter { background: #3a414d; border-color: #4d5663; width: 60px; height: 60px; }
    .dpad button.pressed { background: var(--yw-accent, #4fa3ff); }
    .rockers .key-AudioVolumeUp, .rockers .key-ChannelUp, .rockers .key-PageUp { border-radius: 16px 16px 4px 4px; }
    .rockers .key-AudioVolumeDown, .rockers .key-ChannelDown, .rockers .key-PageDown { border-radius: 4px 4px 16px 16px; }
    .rockers button { width: 54px; }
    .media button { min-width: 34px; width: 36px; }
    .media button .glyph, .media2 button .glyph { font-size: 10px; letter-spacing: -1px; }
    .brand {
      text-align: center;
      font-size: 11px;
      letter-spacing: 0.2em;
      color: #8a93a0;
    }
  `;

  /** The platform whose remote this is; keys it lacks are disabled. */
  declare profile: KeyProfile | undefined;
  /** Keys the box would withhold now (not registered by the app): drawn dashed. */
  declare withheld: ReadonlySet<KnownKeyName>;
  /** The key being held, highlighted. */
  declare pressed: KnownKeyName | undefined;

  /** The button held with the pointer, so its release is reported once. */
  private active: { readonly pointerId: number; readonly key: KnownKeyName } | undefined;

  constructor() {
    super();
    this.profile = undefined;
    this.withheld = new Set();
    this.pressed = undefined;
  }

  /** The button of `key` in the shadow DOM. */
  buttonFor(key: KnownKeyName): HTMLButtonElement | null {
    return this.renderRoot.querySelector<HTMLButtonElement>(`button[data-key="${key}"]`);
  }

  protected override render(): TemplateResult {
    return html`
      <div class="body" role="group" aria-label="Remote control 遥控器">
        ${LAYOUT.map((row) => html`<div class="row ${row.section}">${row.keys.map((key) => (key ? this.renderKey(key) : html`<span></span>`))}</div>`)}
        <div class="brand">一网 YIWANG</div>
      </div>
    `;
  }

  private renderKey(key: KnownKeyName): TemplateResult {
    const label = KEY_LABELS[key];
    const binding = this.profile ? primaryBinding(this.profile, key) : undefined;
    const disabled = binding === undefined;
    const withheld = !disabled && this.withheld.has(key);
    let tooltip = `${keyTitle(key)} — ${key}`;
    if (!this.profile) tooltip += ' (no profile)';
    else if (!binding) tooltip += `: the ${this.profile.label} remote has no such key`;
    else {
      tooltip += ` → ${this.profile.downEvent} keyCode ${binding.keyCode}${binding.key ? ` key "${binding.key}"` : ''}`;
      if (withheld) tooltip += ' — withheld until the app registers it';
    }
    const classes = `key-${key}${this.pressed === key ? ' pressed' : ''}${withheld ? ' withheld' : ''}`;
    return html`<button
      class=${classes}
      data-key=${key}
      title=${tooltip}
      aria-label=${`${label.zh} ${label.en}`}
      aria-disabled=${disabled ? 'true' : 'false'}
      tabindex="-1"
      @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, key, disabled)}
      @pointerup=${(e: PointerEvent) => this.onPointerEnd(e)}
      @pointercancel=${(e: PointerEvent) => this.onPointerEnd(e)}
      @lostpointercapture=${(e: PointerEvent) => this.onPointerEnd(e)}
      @contextmenu=${(e: Event) => e.preventDefault()}
    >${ICONS[key] ?? (label.glyph ? html`<span class="glyph">${label.glyph}</span>` : nothing)}${label.zh === label.glyph ? nothing : html`<span class="zh">${label.zh}</span>`}</button>`;
  }

  private onPointerDown(e: PointerEvent, key: KnownKeyName, disabled: boolean): void {
    if (e.button !== 0 || disabled) return;
    e.preventDefault(); // keep focus on the page, so keyboard shortcuts keep working
    if (this.active) this.emit(this.active.key, 'up');
    this.active = { pointerId: e.pointerId, key };
    try {
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    } catch {
      // Synthetic pointer events have no active pointer to capture.
    }
    this.emit(key, 'down');
  }

  private onPointerEnd(e: PointerEvent): void {
    const active = this.active;
    if (active?.pointerId !== e.pointerId) return;
    this.active = undefined;
    this.emit(active.key, 'up');
  }

  private emit(key: KnownKeyName, action: 'down' | 'up'): void {
    this.dispatchEvent(new CustomEvent<RemoteKeyDetail>('remote-key', { detail: { key, action }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('yw-remote-control')) customElements.define('yw-remote-control', YwRemoteControl);

declare global {
  interface HTMLElementTagNameMap {
    'yw-remote-control': YwRemoteControl;
  }
}
