/**
 * Paints one frame of the emulator's live test card: a channel colour, colour bars, the channel number and
 * name, a clock with seconds, the programme title, a moving sweep so consecutive frames differ, a frame counter
 * and the switch marker. Radio channels get a radio card instead.
 */
import type { Channel } from '../../channels/channel.js';
import { drawMarker } from './frame-marker.js';

export interface TestCardFrame {
  readonly channel: Channel;
  readonly programmeTitle: string | undefined;
  readonly generation: number;
  readonly frameNumber: number;
  readonly now: Date;
}

/** SMPTE-like bar colours: white, yellow, cyan, green, magenta, red, blue. */
const BARS = ['#c0c0c0', '#c0c000', '#00c0c0', '#00c000', '#c000c0', '#c00000', '#0000c0'] as const;

/** The channel's background colour: the lineup's `testcard` pattern when it is a CSS colour, else a hue per number. */
export function testCardColour(ctx: CanvasRenderingContext2D, channel: Channel): string {
  const pattern = channel.source?.type === 'testcard' ? channel.source.pattern : undefined;
  if (pattern !== undefined && pattern !== '') {
    // Assigning an invalid colour leaves fillStyle unchanged: use a sentinel to see whether it was accepted.
    ctx.fillStyle = '#010203';
    ctx.fillStyle = pattern;
    if (ctx.fillStyle !== '#010203' || pattern.toLowerCase() === '#010203') return pattern;
  }
  const hue = (channel.number * 47) % 360;
  return `hsl(${hue} 65% 32%)`;
}

function clockText(now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

export function drawTestCard(ctx: CanvasRenderingContext2D, width: number, height: number, frame: TestCardFrame): void {
  const { channel } = frame;
  const unit = height / 720;
  ctx.fillStyle = channel.kind === 'radio' ? '#101828' : testCardColour(ctx, channel);
  ctx.fillRect(0, 0, width, height);

  if (channel.kind === 'tv') {
    const barWidth = width / BARS.length;
    BARS.forEach((colour, index) => {
      ctx.fillStyle = colour;
      ctx.fillRect(Math.floor(index * barWidth), 0, Math.ceil(barWidth), Math.round(120 * unit));
    });
  } else {
    // A radio card: level bars that move with the frame number instead of colour bars.
    ctx.fillStyle = '#38bdf8';
    for (let index = 0; index < 24; index += 1) {
      const level = 0.5 + 0.5 * Math.sin((frame.frameNumber + index * 7) / 5);
      const barHeight = Math.round(100 * unit * level) + 4;
      ctx.fillRect(Math.round(width / 2 - 24 * 14 * unit + index * 28 * unit), Math.round(120 * unit) - barHeight, Math.round(20 * unit), barHeight);
    }
  }

  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = `bold ${Math.round(200 * unit)}px sans-serif`;
  ctx.fillText(String(channel.number), width / 2, height * 0.38);
  ctx.font = `${Math.round(56 * unit)}px sans-serif`;
  ctx.fillText(channel.kind === 'radio' ? `${channel.name} · 广播 Radio` : channel.name, width / 2, height * 0.58);
  ctx.font = `${Math.round(40 * unit)}px monospace`;
  ctx.fillText(clockText(frame.now), width / 2, height * 0.69);
  if (frame.programmeTitle !== undefined) {
    ctx.font = `${Math.round(36 * unit)}px sans-serif`;
    ctx.fillText(frame.programmeTitle, width / 2, height * 0.79);
  }

  // A sweep crossing the card once every 4 s at 25 fps: every frame differs from the previous one.
  const sweepX = ((frame.frameNumber % 100) / 100) * (width - 40 * unit);
  ctx.fillStyle = '#ffeb3b';
  ctx.fillRect(Math.round(sweepX), Math.round(height * 0.87), Math.round(40 * unit), Math.round(16 * unit));

  ctx.textAlign = 'right';
  ctx.font = `${Math.round(22 * unit)}px monospace`;
  ctx.fillStyle = '#ffffff';
  ctx.fillText(`#${frame.frameNumber}`, width - 16 * unit, height - 16 * unit);

  drawMarker(ctx, height, frame.generation);
}

export function drawBlack(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
}
