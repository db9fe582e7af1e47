/**
 * What draws a channel that has no URL source into the HTML5 player's `<video>`: the emulator's test card, or a
 * box-specific bridge to its broadcast decoder. The player owns the `<video>`; a renderer only feeds it.
 */
import type { Channel } from '../channels/channel.js';

export interface ChannelRenderRequest {
  readonly channel: Channel;
  /** The title of the programme on the channel now, when the app's guide knows it. */
  readonly programmeTitle?: (channel: Channel) => string | undefined | Promise<string | undefined>;
  /** Aborted when another play or a stop supersedes this one: the renderer then rejects with the abort reason. */
  readonly signal: AbortSignal;
}

export interface ChannelRenderer {
  /**
   * Shows `request.channel` in `video` (attaching to it first when needed) and resolves with the
   * `performance.now()` time at which the first frame whose content is that channel was presented.
   * Rejects with `signal.reason` when aborted first, or with a YiwangError when the channel cannot be shown.
   */
  show(video: HTMLVideoElement, request: ChannelRenderRequest): Promise<number>;
  /** Shows black (a stop) and stops drawing; the renderer stays attached so the next `show` is fast. */
  blank(): void;
  /** Releases `video` (the player plays something else now, or is destroyed): no more frames go into it. */
  detach(video: HTMLVideoElement): void;
}
