/**
 * Stepping through a fixed number of steps by hand or on a timer: Previous, Next, Play (one step
 * every `interval` ms, stopping at the last), Pause, and Replay from the first step once at the end.
 * A step taken by hand stops the timer, so the reader is never fighting it.
 */
export class StepPlayer {
  #step = $state(0);
  playing = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #count: () => number;
  readonly interval: number;

  /** `count` is read on every use, so the number of steps may follow a component's props. */
  constructor(count: () => number, interval = 2400) {
    this.#count = count;
    this.interval = interval;
  }

  get count(): number {
    return this.#count();
  }

  /** The current step, kept inside 0..count−1 even if the count shrank. */
  get step(): number {
    return Math.min(this.#step, this.count - 1);
  }

  get atStart(): boolean {
    return this.step === 0;
  }

  get atEnd(): boolean {
    return this.step === this.count - 1;
  }

  next(): void {
    this.pause();
    this.#go(this.step + 1);
  }

  previous(): void {
    this.pause();
    this.#go(this.step - 1);
  }

  /** Plays from the next step; at the end it starts over from the first (Replay). */
  play(): void {
    this.pause();
    if (this.atEnd) this.#step = 0;
    else this.#go(this.step + 1);
    if (this.atEnd) return;
    this.playing = true;
    this.#timer = setInterval(() => {
      this.#go(this.step + 1);
      if (this.atEnd) this.pause();
    }, this.interval);
  }

  pause(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.playing = false;
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  #go(step: number): void {
    this.#step = Math.max(0, Math.min(this.count - 1, step));
  }
}
