/**
 * The page's side of the training worker. It imports no tfjs: a worker is created for each
 * training session (Start), replies are parsed at the edge, and a crash or a worker silent for
 * `silenceMs` while it should be training becomes a `crash` event with a sentence. Pausing stops
 * the silence countdown; the worker stays, with its weights, until the next Start or `terminate`.
 */
import { formatLimit, Watchdog } from '../tf/watchdog';
import type { RgbaImage } from '../tf/input';
import type { Side, StartRequest, TrainReply } from './train-protocol';
import { parseTrainReply } from './train-protocol';

export type TrainEvent = TrainReply | { type: 'crash'; message: string };

/** How long a training session may send nothing before the page gives up on it. */
export const TRAIN_SILENCE_MS = 180_000;

export class TrainClient {
  private worker: Worker | null = null;
  private readonly watchdog: Watchdog;

  constructor(
    private readonly onEvent: (event: TrainEvent) => void,
    silenceMs = TRAIN_SILENCE_MS,
    private readonly spawn = () =>
      new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' })
  ) {
    this.watchdog = new Watchdog(silenceMs, () =>
      this.crash(`Training sent no progress for ${formatLimit(silenceMs)}, so it was stopped.`)
    );
  }

  private receive(data: unknown): void {
    const reply = parseTrainReply(data);
    if (!reply)
      return this.crash('The training worker sent a reply this page does not understand.');
    if (reply.type === 'paused' || reply.type === 'finished' || reply.type === 'error')
      this.watchdog.stop();
    else if (reply.type !== 'weights' && reply.type !== 'prediction') this.watchdog.feed();
    this.onEvent(reply);
  }

  private crash(message: string): void {
    this.terminate();
    this.onEvent({ type: 'crash', message });
  }

  /** Starts a session in a fresh worker (the previous one, and its weights, are dropped). */
  start(request: Omit<StartRequest, 'type'>): void {
    this.terminate();
    const worker = (this.worker = this.spawn());
    worker.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(`The training worker stopped unexpectedly${e.message ? `: ${e.message}` : ''}.`);
    };
    worker.onmessageerror = () =>
      this.crash('A message from the training worker could not be read.');
    worker.postMessage({ type: 'start', ...request } satisfies StartRequest);
    this.watchdog.feed();
  }

  pause(): void {
    this.worker?.postMessage({ type: 'pause' });
  }

  resume(): void {
    this.worker?.postMessage({ type: 'resume' });
  }

  stop(): void {
    this.worker?.postMessage({ type: 'stop' });
  }

  /** Asks for a side's last run's weights, or the last run's (a `weights` event answers). */
  exportWeights(side?: Side): void {
    this.worker?.postMessage({ type: 'export', side });
  }

  /** Runs a side's (or the last) run's model on an image of its input size (`prediction` answers). */
  predict(image: RgbaImage, side?: Side): void {
    this.worker?.postMessage({ type: 'predict', image, side });
  }

  get hasWorker(): boolean {
    return this.worker !== null;
  }

  terminate(): void {
    this.watchdog.stop();
    this.worker?.terminate();
    this.worker = null;
  }
}
