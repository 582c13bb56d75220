/**
 * A countdown that gives up on a worker: `feed` (re)starts it at every sign of life, `stop` ends
 * it when the work is done, and when it runs out `onTimeout` is called once. The page uses one
 * per worker job, so a worker that spins (a hostile file, a kernel that never returns) ends
 * with a sentence instead of a panel that waits for ever. Pure apart from the timers.
 */
export class Watchdog {
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    /** How long without a sign of life before giving up, in milliseconds. */
    readonly ms: number,
    private readonly onTimeout: () => void
  ) {}

  /** Starts the countdown, or starts it again from the full time. */
  feed(): void {
    this.stop();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.onTimeout();
    }, this.ms);
  }

  /** Ends the countdown; nothing fires until the next `feed`. */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  get running(): boolean {
    return this.#timer !== null;
  }
}

/** "2 minutes", "60 seconds": a limit as a person reads it in a message. */
export function formatLimit(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s % 60 === 0 && s >= 120) return `${s / 60} minutes`;
  return `${s} second${s === 1 ? '' : 's'}`;
}
