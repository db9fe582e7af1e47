/**
 * A switch marker drawn into every test-card frame: 8 black/white squares in the bottom-left corner encode the
 * switch generation (1–255; 0 = the black card of a stop). Reading it back from the `<video>` tells whether the
 * frame on screen is already the new channel's, independently of capture and compositor timing: a captured
 * frame carries its own generation, so a frame drawn before the switch can never be taken for the first one
 * after it. Squares are 16 px so 4:2:0 chroma subsampling and scaling keep them readable.
 */
export const MARKER_BITS = 8;
export const MARKER_CELL = 16;

/** The marker's rectangle in canvas (= video intrinsic) pixels. */
export function markerRect(height: number): { x: number; y: number; width: number; height: number } {
  return { x: 0, y: height - MARKER_CELL, width: MARKER_BITS * MARKER_CELL, height: MARKER_CELL };
}

export function drawMarker(ctx: CanvasRenderingContext2D, height: number, generation: number): void {
  const rect = markerRect(height);
  for (let bit = 0; bit < MARKER_BITS; bit += 1) {
    ctx.fillStyle = (generation >> (MARKER_BITS - 1 - bit)) & 1 ? '#ffffff' : '#000000';
    ctx.fillRect(rect.x + bit * MARKER_CELL, rect.y, MARKER_CELL, MARKER_CELL);
  }
}

/**
 * Reads the marker from a video frame through a small reusable probe canvas (one pixel per bit, sampled at
 * each square's centre by scaling the marker strip down to MARKER_BITS × 1).
 */
export class MarkerReader {
  readonly #probe: CanvasRenderingContext2D;

  constructor() {
    const canvas = document.createElement('canvas');
    canvas.width = MARKER_BITS;
    canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('2D canvas is not available for the test card marker probe');
    ctx.imageSmoothingEnabled = false;
    this.#probe = ctx;
  }

  read(video: HTMLVideoElement): number {
    const height = video.videoHeight;
    if (height === 0) return -1;
    const rect = markerRect(height);
    // Sample the middle row of the strip, inset by a quarter cell so square edges are never sampled.
    this.#probe.drawImage(video, rect.x, rect.y + MARKER_CELL / 2 - 1, rect.width, 2, 0, 0, MARKER_BITS, 1);
    const pixels = this.#probe.getImageData(0, 0, MARKER_BITS, 1).data;
    let value = 0;
    for (let bit = 0; bit < MARKER_BITS; bit += 1) {
      const luma = (pixels[bit * 4] ?? 0) + (pixels[bit * 4 + 1] ?? 0) + (pixels[bit * 4 + 2] ?? 0);
      value = (value << 1) | (luma > 384 ? 1 : 0);
    }
    return value;
  }
}
