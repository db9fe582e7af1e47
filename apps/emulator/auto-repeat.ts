/**
 * A held remote key as a set-top box repeats it: nothing for `delayMs` after the press, then one repeat
 * every `intervalMs` until `stop()`. The defaults are the common IR-remote timing of cable boxes.
 */
export const REPEAT_DELAY_MS = 500;
export const REPEAT_INTERVAL_MS = 100;

export class AutoRepeat {
  private delayTimer: ReturnType<typeof setTimeout> | undefined;
  private intervalTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly onRepeat: () => void,
    readonly delayMs: number = REPEAT_DELAY_MS,
    readonly intervalMs: number = REPEAT_INTERVAL_MS,
  ) {}

  /** Whether a repeat is scheduled. */
  get running(): boolean {
    return this.delayTimer !== undefined || this.intervalTimer !== undefined;
  }

  /** Starts the delay; restarts it when already running. */
  start(): void {
    this.stop();
    this.delayTimer = setTimeout(() => {
      this.delayTimer = undefined;
      this.intervalTimer = setInterval(this.onRepeat, this.intervalMs);
      this.onRepeat();
    }, this.delayMs);
  }

  /** Cancels any scheduled repeat. Safe to call when stopped. */
  stop(): void {
    if (this.delayTimer !== undefined) clearTimeout(this.delayTimer);
    if (this.intervalTimer !== undefined) clearInterval(this.intervalTimer);
    this.delayTimer = undefined;
    this.intervalTimer = undefined;
  }
}
