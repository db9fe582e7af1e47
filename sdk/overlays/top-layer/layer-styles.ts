/**
 * Styles every SDK layer shares (the alert overlay, the system UI layer and its fingerprint): a host that page
 * styles cannot hide — `!important` declarations in a shadow root's `:host` rule win over any author rule, even
 * an inline `!important` one — and the full-screen, transparent `<dialog>` a layer shows in the top layer.
 */
import { css, unsafeCSS } from 'lit';

/** Declarations for a layer host's `:host` rule; the host adds its own position and z-index. */
export const UNHIDEABLE_HOST = unsafeCSS(`
  display: block !important;
  pointer-events: none !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  clip-path: none !important;
  content-visibility: visible !important;
`);

/** The layer's `<dialog class="layer">`: the whole viewport, no box of its own, no pointer events. */
export const layerDialog = css`
  dialog.layer {
    position: fixed;
    inset: 0;
    margin: 0;
    padding: 0;
    border: 0;
    width: 100%;
    height: 100%;
    max-width: none;
    max-height: none;
    overflow: hidden;
    background: transparent;
    color: inherit;
    pointer-events: none;
    outline: none;
  }
  dialog.layer::backdrop { background: transparent; }
`;
