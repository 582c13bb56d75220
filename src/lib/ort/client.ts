/**
 * The page's side of the ONNX Runtime worker: it imports no ORT, creates the worker on the first
 * ORT run (so nothing of ORT loads until the backend is chosen and run), parses every reply at
 * the edge, and turns a crash or a silent worker into an event. Cancelling terminates the worker.
 */
import type { PageWeights } from '$lib/tf/client';
import type { WeightsRef, WireTensor } from '$lib/tf/protocol';
import { formatLimit, Watchdog } from '$lib/tf/watchdog';
import type { OrtReply, OrtRunRequest } from './protocol';
import { parseOrtReply } from './protocol';

/** As long as the tfjs worker may stay silent (FORWARD_SILENCE_MS); every ORT run reports. */
export const ORT_SILENCE_MS = 120_000;

export type OrtClientEvent = OrtReply | { type: 'crash'; jobId: number; message: string };

export type OrtJobOptions = Omit<OrtRunRequest, 'type' | 'jobId' | 'weights'> & {
  weights: PageWeights | null;
};

export class OrtClient {
  private worker: Worker | null = null;
  private jobId = 0;
  private workerWeights: number | null = null;
  private readonly watchdog: Watchdog;

  constructor(
    private readonly onEvent: (event: OrtClientEvent) => void,
    silenceMs = ORT_SILENCE_MS
  ) {
    this.watchdog = new Watchdog(silenceMs, () =>
      this.crash(`ONNX Runtime sent no progress for ${formatLimit(silenceMs)}, so it was stopped.`)
    );
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./ort.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<unknown>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.crash(
        `The ONNX Runtime worker stopped unexpectedly${e.message ? `: ${e.message}` : ''}.`
      );
    };
    worker.onmessageerror = () =>
      this.crash('A message from the ONNX Runtime worker could not be read.');
    return worker;
  }

  private receive(data: unknown): void {
    const reply = parseOrtReply(data);
    if (!reply)
      return this.crash('The ONNX Runtime worker sent a reply this page does not understand.');
    if (reply.jobId !== this.jobId && reply.jobId !== -1) return;
    if (reply.type === 'progress') this.watchdog.feed();
    else this.watchdog.stop();
    this.onEvent(reply);
  }

  private crash(message: string): void {
    this.terminate();
    this.onEvent({ type: 'crash', jobId: this.jobId, message });
  }

  /** Copies of the page's weights, sent once per worker; later runs name the key. */
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

  run(options: OrtJobOptions): number {
    this.worker ??= this.spawn();
    this.jobId += 1;
    const transfer: Transferable[] = [];
    const request: OrtRunRequest = {
      type: 'run',
      jobId: this.jobId,
      ...options,
      weights: this.weightsRef(options.weights, transfer)
    };
    this.worker.postMessage(request, transfer);
    this.watchdog.feed();
    return this.jobId;
  }

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
