/**
 * Force-tuning (R11, SCTE 18 maximum priority): while a level-1 alert with a details channel is active, the
 * box shows that channel, unless the channel the viewer watches is on the alert's exception list. When no
 * such alert remains, the box goes back to the channel the viewer watched.
 */
import type { PlatformAdapter } from '../../platform/platform-adapter.js';
import type { ActiveAlert } from '../manager/alert-manager-types.js';
import type { DetailsChannel } from '../model.js';
import { sameChannel } from './overlay-view.js';

export class ForceTuner {
  /** The channel the viewer watched before the first force-tune of this episode. */
  private previous: DetailsChannel | undefined;
  /** Where the box was sent; undefined when not force-tuned. */
  private tunedTo: DetailsChannel | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly platform: PlatformAdapter) {}

  /** Re-decides from the active (real, not drill) alerts, most urgent first. */
  update(active: readonly ActiveAlert[]): void {
    const tune = this.platform.tune?.bind(this.platform);
    if (!tune) return;
    const watching = this.tunedTo ? this.previous : this.platform.currentChannel?.();
    const wanted = active.find((a) => !a.drill && a.alert.level === 1 && a.alert.detailsChannel
      && !a.alert.exceptions.some((x) => sameChannel(x, watching)))?.alert.detailsChannel;
    if (wanted) {
      if (this.tunedTo && sameChannel(this.tunedTo, wanted)) return;
      if (!this.tunedTo) {
        this.previous = watching;
        // Already there: nothing to tune, nothing to go back to.
        if (sameChannel(watching, wanted)) {
          this.tunedTo = wanted;
          this.previous = undefined;
          return;
        }
      }
      this.tunedTo = wanted;
      this.enqueue(() => tune(wanted));
      return;
    }
    if (this.tunedTo) this.restore();
  }

  /** Goes back to the viewer's channel, if the box was force-tuned. */
  restore(): void {
    const tune = this.platform.tune?.bind(this.platform);
    const previous = this.previous;
    const tunedTo = this.tunedTo;
    this.tunedTo = undefined;
    this.previous = undefined;
    if (!tune || !tunedTo || !previous || sameChannel(previous, tunedTo)) return;
    this.enqueue(() => tune(previous));
  }

  /** Resolves when the tune calls made so far have finished. */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((err: unknown) => console.warn('[yiwang] alert overlay: tuning failed', err));
  }
}
