/**
 * A sweep of forward passes, one job per config on the forward worker (seeded weights, a grey
 * image, a few timed runs each), collecting each network's MACs under every convention and its
 * median time. Configs run one after another; Cancel stops the worker mid-job. The first config
 * runs once more before it counts: a fresh worker's first job pays for loading and compiling
 * (measured here: the first point came out slower than networks with twice its FLOPs).
 *
 *   idle ──start──▶ running ──last result──▶ done
 *                     ├──error / crash──▶ failed (the points so far stay)
 *                     └──cancel──▶ cancelled (the points so far stay)
 */
import type { Analysis, ConventionCosts } from '$lib/model';
import { analyzeConfig } from '$lib/model';
import type { SweepConfig } from '$lib/model/sweep';
import type { ClientEvent } from '$lib/tf/client';
import { ForwardClient } from '$lib/tf/client';
import type { BackendChoice } from '$lib/tf/protocol';
import { PHASE_LABELS } from '$lib/tf/protocol';

export interface SweepPoint {
  key: string;
  label: string;
  macs: ConventionCosts;
  medianMs: number;
  /** The profiling run's per-op ms, and the network they belong to. */
  byOp: number[];
  analysis: Analysis;
}

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SweepOptions {
  backend: BackendChoice;
  runs: number;
  warmup: number;
}

/** The job port a sweep needs (the real one is ForwardClient). */
export interface SweepPort {
  run: ForwardClient['run'];
  cancel(): void;
  terminate(): void;
}

export class SweepRun {
  status: SweepStatus = $state('idle');
  points: SweepPoint[] = $state.raw([]);
  /** 0-based index of the config running. */
  index = $state(0);
  total = $state(0);
  /** The running job's phase, in words. */
  phase = $state('');
  error: string | null = $state(null);

  #port: SweepPort | null = null;
  readonly #connect: (onEvent: (e: ClientEvent) => void) => SweepPort;
  #plan: SweepConfig[] = [];
  #options: SweepOptions = { backend: 'auto', runs: 3, warmup: 1 };
  #analysis: Analysis | null = null;
  /** The unrecorded first job is running. */
  #warming = false;

  constructor(connect?: (onEvent: (e: ClientEvent) => void) => SweepPort) {
    this.#connect = connect ?? ((onEvent) => new ForwardClient(onEvent));
  }

  get progressText(): string {
    return this.status === 'running'
      ? `Config ${this.index + 1} of ${this.total}: ${this.#plan[this.index]?.label ?? ''}${this.#warming ? ', warming the worker up first' : ''}${this.phase ? ` (${this.phase})` : ''}`
      : '';
  }

  start(plan: SweepConfig[], options: SweepOptions): void {
    this.#plan = plan;
    this.#options = options;
    this.points = [];
    this.error = null;
    this.total = plan.length;
    this.status = 'running';
    this.#warming = true;
    this.#runAt(0);
  }

  cancel(): void {
    if (this.status !== 'running') return;
    this.#port?.cancel();
    this.status = 'cancelled';
    this.phase = '';
  }

  dispose(): void {
    this.#port?.terminate();
  }

  #runAt(i: number): void {
    if (i >= this.#plan.length) {
      this.status = 'done';
      this.phase = '';
      return;
    }
    const s = this.#plan[i];
    const a = analyzeConfig(s.config);
    if (!a.ok) return this.#fail(`${s.label}: ${a.errors[0].message}`);
    this.#analysis = a;
    this.index = i;
    this.phase = '';
    const { height, width } = a.config.input;
    this.#port ??= this.#connect((e) => this.#onEvent(e));
    this.#port.run({
      config: a.config,
      image: { height, width, data: new Uint8ClampedArray(height * width * 4).fill(128) },
      weights: null,
      seed: 1,
      ...this.#options
    });
  }

  #onEvent(e: ClientEvent): void {
    if (this.status !== 'running') return;
    const s = this.#plan[this.index];
    switch (e.type) {
      case 'progress':
        this.phase = PHASE_LABELS[e.phase];
        return;
      case 'result': {
        if (this.#warming) {
          this.#warming = false;
          return this.#runAt(0);
        }
        const a = this.#analysis!;
        const point = {
          key: s.key,
          label: s.label,
          macs: a.costs.totals.macs,
          medianMs: e.result.timing.medianMs,
          byOp: e.result.byOp,
          analysis: a
        };
        this.points = [...this.points, point];
        return this.#runAt(this.index + 1);
      }
      case 'error':
        return this.#fail(`${s.label}: ${e.message}`);
      case 'crash':
        return this.#fail(`${s.label}: ${e.message} You can try again.`);
    }
  }

  #fail(message: string): void {
    this.status = 'failed';
    this.phase = '';
    this.error = message;
  }
}
