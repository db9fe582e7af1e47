/**
 * The video plane: a layer behind the app holding the player's one `<video>`. By default a fixed full-page
 * layer inserted as the first child of `<body>` with a negative z-index, so the app (whose background must be
 * transparent) draws over the picture. The layer is black only while nothing plays.
 */
import type { VideoWindow } from '../player.js';

export class VideoPlane {
  readonly layer: HTMLElement;
  readonly video: HTMLVideoElement;
  readonly #ownsLayer: boolean;

  constructor(container?: HTMLElement) {
    this.video = document.createElement('video');
    this.video.playsInline = true;
    this.video.autoplay = false;
    this.video.disablePictureInPicture = true;
    this.video.style.position = 'absolute';
    this.video.style.objectFit = 'contain';
    this.video.style.background = '#000';
    if (container) {
      this.#ownsLayer = false;
      this.layer = container;
      if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
    } else {
      this.#ownsLayer = true;
      this.layer = document.createElement('div');
      this.layer.dataset['yiwangVideoPlane'] = '';
      Object.assign(this.layer.style, { position: 'fixed', inset: '0', zIndex: '-1', overflow: 'hidden', pointerEvents: 'none' });
      document.body.insertBefore(this.layer, document.body.firstChild);
    }
    this.layer.appendChild(this.video);
    this.setWindow({ mode: 'fullscreen' });
    this.setStopped(true);
  }

  /** Places the picture: the whole layer, or a rectangle in CSS pixels of the page. */
  setWindow(window: VideoWindow): void {
    const style = this.video.style;
    if (window.mode === 'fullscreen') {
      Object.assign(style, { left: '0', top: '0', width: '100%', height: '100%' });
      return;
    }
    // The window is in page coordinates; a container that is not at the page origin shifts it.
    const origin = this.#ownsLayer ? { left: 0, top: 0 } : this.layer.getBoundingClientRect();
    Object.assign(style, {
      left: `${window.x - origin.left}px`, top: `${window.y - origin.top}px`,
      width: `${window.width}px`, height: `${window.height}px`,
    });
  }

  setStopped(stopped: boolean): void {
    // The video itself stays visible (its background is black and it shows black once cleared): a hidden
    // element may get no frame callbacks, and the next play must be able to see its first frame.
    if (this.#ownsLayer) this.layer.style.background = stopped ? '#000' : 'transparent';
  }

  remove(): void {
    this.video.remove();
    if (this.#ownsLayer) this.layer.remove();
  }
}
