/**
 * The page's side of the forward-pass worker. It imports no tfjs: the worker is created on the
 * first run (so not even the worker's small script loads with the page), every reply is parsed
 * at the edge, and a crash becomes an event the panel can show with a retry. Cancelling
 * terminates the worker, which stops a pass mid-kernel; the next run starts a fresh one. A
 * watchdog does the same when a job sends nothing for FORWARD_SILENCE_MS (the worker reports
 * every phase and every timed run, so a healthy job is never that quiet).
 */
import type { TensorMap } from '$lib/checkpoint/types';
import type { RunRequest, WeightsRef, WireTensor, WorkerReply } from './protocol';
import { parseReply } from './protocol';
import { formatLimit, Watchdog } from './watchdog';

/** How long a job may send nothing before the page gives up on it. */
export const FORWARD_SILENCE_MS = 120_000;

export type ClientEvent = WorkerReply | { type: 'crash'; jobId: number; message: string };

/** Weights the page holds: checked against the config, keyed so the worker can keep them. */
export interface PageWeights {
  key: number;
  label: string;
  tensors: TensorMap;
}

export type JobOptions = Omit<RunRequest, 'type' | 'jobId' | 'weights'> & {
  weights: PageWeights | null;
};

export class ForwardClient {
  private worker: Worker | null = null;
  private jobId = 0;
  /** Key of the weights the current worker holds (a new worker holds none). */
  private workerWeights: number | null = null;
  private readonly watchdog: Watchdog;

  constructor(
    private readonly onEvent: (event: ClientEvent) => void,
    silenceMs = FORWARD_SILENCE_MS
  ) {
    this.watchdog = new Watchdog(silenceMs, () =>
      this.crash(
        `The forward pass sent no progress for ${formatLimit(silenceMs)}, so it was stopped.`
      )
    );
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./forward.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(`The worker stopped unexpectedly${e.message ? `: ${e.message}` : ''}.`);
    };
    worker.onmessageerror = () => this.crash('A message from the worker could not be read.');
    return worker;
  }

  private receive(data: unknown): void {
    const reply = parseReply(data);
    if (!reply) return this.crash('The worker sent a reply this page does not understand.');
    // Replies of a cancelled or superseded job are dropped.
    if (reply.jobId !== this.jobId && reply.jobId !== -1) return;
    if (reply.type === 'progress') this.watchdog.feed();
    else this.watchdog.stop();
    this.onEvent(reply);
  }

  private crash(message: string): void {
    this.terminate();
    this.onEvent({ type: 'crash', jobId: this.jobId, message });
  }

  /**
   * The weights part of a request. The page keeps its own tensors for later runs, so the worker
   * gets copies, whose buffers are transferred rather than cloned a second time; only once per
   * worker, after which the key is enough.
   */
  private weightsRef(w: PageWeights | null, transfer: Transferable[]): WeightsRef | null {
    if (!w) return null;
    if (this.workerWeights === w.key) return { key: w.key, label: w.label, tensors: null };
    const tensors: WireTensor[] = [...w.tensors].map(([name, t]) => {
      const data = t.data.slice();
      transfer.push(data.buffer);
      return { name, shape: [...t.shape], data };
    });
    this.workerWeights = w.key;
    return { key: w.key, label: w.label, tensors };
  }

  /** Starts a job; returns its id. */
  run(options: JobOptions): number {
    this.worker ??= this.spawn();
    this.jobId += 1;
    const transfer: Transferable[] = [];
    const request: RunRequest = {
      type: 'run',
      jobId: this.jobId,
      ...options,
      weights: this.weightsRef(options.weights, transfer)
    };
    this.worker.postMessage(request, transfer);
    this.watchdog.feed();
    return this.jobId;
  }

  /** Stops the running job at once. */
  cancel(): void {
    this.jobId += 1;
    this.terminate();
  }

  terminate(): void {
    this.watchdog.stop();
    this.worker?.terminate();
    this.worker = null;
    this.workerWeights = null;
  }
}
