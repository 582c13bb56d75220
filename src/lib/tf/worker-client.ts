/**
 * The page's side of a job worker (the tfjs forward pass, ONNX Runtime): the worker is created on
 * the first run, every reply is parsed at the edge, replies of a cancelled or superseded job are
 * dropped, and a crash or a job silent for `silenceMs` becomes a `crash` event the panel can show
 * with a retry. Cancelling terminates the worker, which stops a job mid-kernel; the next run
 * starts a fresh one. Imports no tfjs and no ONNX Runtime.
 */
import type { TensorMap } from '$lib/checkpoint/types';
import type { WeightsRef, WireTensor } from './protocol';
import { formatLimit, Watchdog } from './watchdog';

/** Weights the page holds: checked against the config, keyed so the worker can keep them. */
export interface PageWeights {
  key: number;
  label: string;
  tensors: TensorMap;
}

export type CrashEvent = { type: 'crash'; jobId: number; message: string };

/** A request's own fields: what the caller gives to `run`, with the page's weights. */
export type JobOptionsOf<Req> = Omit<Req, 'type' | 'jobId' | 'weights'> & {
  weights: PageWeights | null;
};

export interface WorkerClientSpec<Reply> {
  /** `() => new Worker(new URL('./x.worker.ts', import.meta.url), { type: 'module' })`. */
  spawn: () => Worker;
  parse: (data: unknown) => Reply | null;
  /** For messages: the worker ("the ONNX Runtime worker") and its job ("The forward pass"). */
  worker: string;
  job: string;
  silenceMs: number;
}

export class WorkerJobClient<Req, Reply extends { type: string; jobId: number }> {
  private worker: Worker | null = null;
  private jobId = 0;
  /** Key of the weights the current worker holds (a new worker holds none). */
  private workerWeights: number | null = null;
  private readonly watchdog: Watchdog;

  constructor(
    private readonly spec: WorkerClientSpec<Reply>,
    private readonly onEvent: (event: Reply | CrashEvent) => void
  ) {
    this.watchdog = new Watchdog(spec.silenceMs, () =>
      this.crash(
        `${spec.job} sent no progress for ${formatLimit(spec.silenceMs)}, so it was stopped.`
      )
    );
  }

  private spawn(): Worker {
    const worker = this.spec.spawn();
    const name = this.spec.worker;
    worker.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(`${cap(name)} stopped unexpectedly${e.message ? `: ${e.message}` : ''}.`);
    };
    worker.onmessageerror = () => this.crash(`A message from ${name} could not be read.`);
    return worker;
  }

  private receive(data: unknown): void {
    const reply = this.spec.parse(data);
    if (!reply)
      return this.crash(`${cap(this.spec.worker)} sent a reply this page does not understand.`);
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
  run(options: JobOptionsOf<Req>): number {
    this.worker ??= this.spawn();
    this.jobId += 1;
    const transfer: Transferable[] = [];
    const request = {
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

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
