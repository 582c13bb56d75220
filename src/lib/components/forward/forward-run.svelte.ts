/**
 * One live forward pass as a state machine, kept out of the components that show it.
 *
 *   idle ──start──▶ loading ──progress past the backend──▶ running ──result──▶ done
 *                     │                                       │
 *                     ├──────────────error / crash────────────┴──▶ failed
 *                     └──────────────cancel───────────────────┴──▶ cancelled
 *
 * "loading" covers the worker's first two phases (loading TensorFlow.js and starting the
 * backend); "running" every phase after. done, failed and cancelled accept a new start. Events
 * of another job (one cancelled or superseded) change nothing. The last finished result stays
 * until the next one arrives, so the views do not blank while a new run works.
 *
 * `reduceRun` is the whole machine and is pure; `ForwardRun` holds its state in a rune and
 * talks to the worker through a `JobPort` (the real one is `ForwardClient`).
 */
import type { OrtPhase } from '$lib/ort/protocol';
import { ORT_PHASE_LABELS } from '$lib/ort/protocol';
import type { ForwardResult, Phase } from '$lib/tf/protocol';
import { PHASE_LABELS } from '$lib/tf/protocol';
import type { PanelEvent, PanelJobOptions } from './forward-port';
import { ForwardPort } from './forward-port';

export type RunStatus = 'idle' | 'loading' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunProgress {
  /** A tfjs phase, or an ONNX Runtime one (after tfjs's, with an ORT backend). */
  phase: Phase | OrtPhase;
  done: number;
  total: number;
}

export interface RunState {
  status: RunStatus;
  /** The job this state follows; null before the first start. */
  jobId: number | null;
  progress: RunProgress | null;
  /** The last finished result (kept while a later run works). */
  result: ForwardResult | null;
  /** A sentence for a person, when status is failed. */
  error: string | null;
}

export type RunAction = { type: 'start'; jobId: number } | { type: 'cancel' } | PanelEvent;

export const IDLE: RunState = {
  status: 'idle',
  jobId: null,
  progress: null,
  result: null,
  error: null
};

/** The phases before any op runs: the worker loads tfjs, then starts the chosen backend. */
const LOADING_PHASES: ReadonlySet<Phase | OrtPhase> = new Set(['loading-tfjs', 'starting-backend']);

const LABELS: Record<Phase | OrtPhase, string> = { ...PHASE_LABELS, ...ORT_PHASE_LABELS };

export const isActive = (s: RunState): boolean => s.status === 'loading' || s.status === 'running';

/** Whether an event belongs to the job being followed (-1: the worker could not read a request). */
function ours(s: RunState, jobId: number): boolean {
  return isActive(s) && (jobId === s.jobId || jobId === -1);
}

export function reduceRun(s: RunState, a: RunAction): RunState {
  switch (a.type) {
    case 'start':
      return { ...s, status: 'loading', jobId: a.jobId, progress: null, error: null };
    case 'cancel':
      return isActive(s) ? { ...s, status: 'cancelled', progress: null } : s;
    case 'progress': {
      if (!ours(s, a.jobId)) return s;
      const status = LOADING_PHASES.has(a.phase) ? 'loading' : 'running';
      return { ...s, status, progress: { phase: a.phase, done: a.done, total: a.total } };
    }
    case 'result':
      return ours(s, a.jobId)
        ? { ...s, status: 'done', progress: null, result: a.result, error: null }
        : s;
    case 'error':
    case 'crash': {
      if (!ours(s, a.jobId)) return s;
      const error = a.type === 'crash' ? `${a.message} You can try again.` : a.message;
      return { ...s, status: 'failed', progress: null, error };
    }
  }
}

/** The line under the progress bar, e.g. "Timed run 2 of 3". */
export function progressText(s: RunState): string {
  if (!isActive(s)) return '';
  const p = s.progress;
  if (!p) return 'Starting the worker';
  return `${LABELS[p.phase]}${p.total > 1 ? ` ${p.done + 1} of ${p.total}` : ''}`;
}

/** What the machine needs from a worker connection. */
export interface JobPort {
  /** Starts a job and returns its id; events arrive later, never during this call. */
  run(options: PanelJobOptions): number;
  cancel(): void;
  terminate(): void;
}

/**
 * How many parts of a result are drawn: the summary first, then the tables and maps one step
 * a frame, so no single main-thread task passes 50 ms (a whole Lite-HRNet-18 result at once
 * took ~110 ms here).
 */
export const REVEAL_STEPS = 5;

/** Runs a callback after the browser has painted (one step per frame, each in its own task). */
export type Schedule = (next: () => void) => void;

const afterPaint: Schedule = (next) => requestAnimationFrame(() => setTimeout(next, 0));

export interface ForwardRunOptions {
  /** Makes the worker connection; the default is the real worker. */
  connect?: (onEvent: (e: PanelEvent) => void) => JobPort;
  /** Called with each finished result (the explorer highlights its verdicts). */
  onfinished?: (result: ForwardResult) => void;
  schedule?: Schedule;
}

/**
 * A run of the panel. `C` is what the page wants to remember about a run's input (the image it
 * came from): given at start, it becomes `shownWith` when that run's result arrives, so the views
 * never pair a result with the input of a later, cancelled run.
 */
export class ForwardRun<C = unknown> {
  state: RunState = $state.raw(IDLE);
  /** How many of the REVEAL_STEPS of the shown result are drawn. */
  revealed = $state(0);
  /** The context of the run whose result is shown. */
  shownWith: C | null = $state.raw(null);
  #pending: C | null = null;

  readonly #port: JobPort;
  readonly #onfinished?: (result: ForwardResult) => void;
  readonly #schedule: Schedule;

  constructor(options: ForwardRunOptions = {}) {
    const connect = options.connect ?? ((onEvent) => new ForwardPort(onEvent));
    this.#port = connect((e) => this.#dispatch(e));
    this.#onfinished = options.onfinished;
    this.#schedule = options.schedule ?? afterPaint;
  }

  get active(): boolean {
    return isActive(this.state);
  }

  get progressText(): string {
    return progressText(this.state);
  }

  start(options: PanelJobOptions, context: C | null = null): void {
    const jobId = this.#port.run(options);
    this.#pending = context;
    this.#dispatch({ type: 'start', jobId });
  }

  cancel(): void {
    if (!this.active) return;
    this.#port.cancel();
    this.#dispatch({ type: 'cancel' });
  }

  /** Stops the worker for good (the component is going away). */
  dispose(): void {
    this.#port.terminate();
  }

  #dispatch(action: RunAction): void {
    const before = this.state;
    this.state = reduceRun(before, action);
    if (this.state.status === 'done' && this.state.result !== before.result) {
      this.shownWith = this.#pending;
      this.revealed = 1;
      this.#revealNext();
      this.#onfinished?.(this.state.result!);
    }
  }

  #revealNext(): void {
    if (this.revealed >= REVEAL_STEPS) return;
    const shown = this.state.result;
    this.#schedule(() => {
      // A newer result restarts its own reveal.
      if (this.state.result !== shown) return;
      this.revealed += 1;
      this.#revealNext();
    });
  }
}
