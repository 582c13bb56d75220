/**
 * The forward panel's connection to its workers. A tfjs backend is one job on the tfjs worker.
 * An ONNX Runtime backend is two jobs on one input: first tfjs on wasm (it traces and verifies
 * every op against the graph, and gives the reference heatmaps and latency), then ORT on the
 * same config, weights and input in its own worker; the result is tfjs's with the ORT run and
 * the heatmaps' difference added. Events of either worker reach the panel under one job id.
 */
import { compareWithTfjs } from '$lib/ort/compare';
import type { OrtClientEvent, OrtJobOptions } from '$lib/ort/client';
import { OrtClient } from '$lib/ort/client';
import type { ForwardBackend, OrtPhase } from '$lib/ort/protocol';
import { ortProvider } from '$lib/ort/protocol';
import type { ClientEvent, JobOptions } from '$lib/tf/client';
import { ForwardClient } from '$lib/tf/client';
import type { ForwardResult } from '$lib/tf/protocol';

/** A job of the panel: tfjs's options with any of the panel's backends. */
export type PanelJobOptions = Omit<JobOptions, 'backend'> & { backend: ForwardBackend };

/** What the panel hears: the tfjs worker's events, plus ORT's progress phases. */
export type PanelEvent =
  ClientEvent | { type: 'progress'; jobId: number; phase: OrtPhase; done: number; total: number };

/** The two worker connections, as the port uses them (the real ones by default). */
export interface PortClients {
  tfjs: (onEvent: (e: ClientEvent) => void) => Pick<ForwardClient, 'run' | 'cancel' | 'terminate'>;
  ort: (onEvent: (e: OrtClientEvent) => void) => Pick<OrtClient, 'run' | 'cancel' | 'terminate'>;
}

const REAL_CLIENTS: PortClients = {
  tfjs: (onEvent) => new ForwardClient(onEvent),
  ort: (onEvent) => new OrtClient(onEvent)
};

export class ForwardPort {
  #jobId = 0;
  #tfjsJob = -1;
  #ortJob = -1;
  /** The ORT half of the current job, waiting for tfjs's result; null for a tfjs-only job. */
  #ortNext: OrtJobOptions | null = null;
  #tfjsResult: ForwardResult | null = null;
  readonly #tfjs: ReturnType<PortClients['tfjs']>;
  readonly #ort: ReturnType<PortClients['ort']>;

  constructor(
    private readonly onEvent: (e: PanelEvent) => void,
    clients: PortClients = REAL_CLIENTS
  ) {
    this.#tfjs = clients.tfjs((e) => this.#fromTfjs(e));
    this.#ort = clients.ort((e) => this.#fromOrt(e));
  }

  run(options: PanelJobOptions): number {
    this.#jobId += 1;
    // An ORT job still running is stopped; a finished one leaves its worker (and ORT) loaded.
    if (this.#ortJob !== -1) this.#ort.cancel();
    this.#ortJob = -1;
    this.#tfjsResult = null;
    const provider = ortProvider(options.backend);
    const { backend, ...rest } = options;
    this.#ortNext = provider ? { ...rest, provider } : null;
    // ORT is checked against tfjs on wasm: the backend that runs everywhere and is exact to 1e-4.
    this.#tfjsJob = this.#tfjs.run({
      ...rest,
      backend: provider ? 'wasm' : (backend as JobOptions['backend'])
    });
    return this.#jobId;
  }

  #fromTfjs(e: ClientEvent): void {
    if (e.jobId !== this.#tfjsJob && e.jobId !== -1) return;
    if (e.type === 'result' && this.#ortNext) {
      this.#tfjsResult = e.result;
      this.#ortJob = this.#ort.run(this.#ortNext);
      return;
    }
    this.onEvent({ ...e, jobId: this.#jobId });
  }

  #fromOrt(e: OrtClientEvent): void {
    if (this.#ortJob === -1 || (e.jobId !== this.#ortJob && e.jobId !== -1)) return;
    if (e.type !== 'progress') this.#ortJob = -1;
    if (e.type !== 'result') return this.onEvent({ ...e, jobId: this.#jobId });
    const tfjs = this.#tfjsResult!;
    const { output, ...run } = e.result;
    const result: ForwardResult = {
      ...tfjs,
      ort: { ...run, comparison: compareWithTfjs(tfjs.outputs, output) }
    };
    this.onEvent({ type: 'result', jobId: this.#jobId, result });
  }

  cancel(): void {
    this.#jobId += 1;
    this.#tfjsJob = -1;
    if (this.#ortJob !== -1) this.#ort.cancel();
    this.#ortJob = -1;
    this.#ortNext = null;
    this.#tfjs.cancel();
  }

  terminate(): void {
    this.#tfjs.terminate();
    this.#ort.terminate();
  }
}
