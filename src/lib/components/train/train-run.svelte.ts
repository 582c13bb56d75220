/**
 * One training session as the /train page shows it: a state machine (idle → starting → running
 * ⇄ paused → done | stopped | failed) fed by the training worker's events, each run's loss curve,
 * evaluations and timings, and the latest validation preview. The worker (train-client.ts) is
 * created on Start, so tfjs never loads until then. Components only read this and call its methods.
 */
import type { WireTensor } from '$lib/tf/protocol';
import type { RgbaImage } from '$lib/tf/input';
import type { RunRecord } from '$lib/train/ablation';
import type { RunSpec } from '$lib/train/plan';
import { TrainClient, type TrainEvent } from '$lib/train/train-client';
import type { Preview, Side, StartRequest, TrainBackendChoice } from '$lib/train/train-protocol';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'stopped' | 'failed';

export interface SessionPlan {
  runs: RunSpec[];
  steps: number;
  batchSize: number;
  learningRate: number;
  backend: TrainBackendChoice;
  evaluateAt: number[];
  validationSize: number;
  previewSize: number;
  /** The page's settings when Start was pressed (the link of what trained). */
  link: string;
}

export class TrainRun {
  status: RunStatus = $state('idle');
  backend: { name: string; reason: string } | null = $state(null);
  error: string | null = $state(null);
  runs: RunRecord[] = $state([]);
  /** Index of the run in progress (or the last one). */
  current = $state(0);
  preview: (Preview & { run: number; step: number }) | null = $state.raw(null);
  plan: SessionPlan | null = $state.raw(null);
  /** A stop was asked for; the worker ends after its current step. */
  stopping = $state(false);

  private client: TrainClient | null = null;
  private pendingWeights: ((t: WireTensor[] | string) => void) | null = null;
  private pendingPrediction: ((p: Preview | string) => void) | null = null;

  get active(): boolean {
    return this.status === 'starting' || this.status === 'running' || this.status === 'paused';
  }

  /** Whether a finished or stopped session has weights to export or run. */
  get hasWeights(): boolean {
    return (
      (this.status === 'done' || this.status === 'stopped') &&
      this.runs.some((r) => r.losses.length > 0)
    );
  }

  start(plan: SessionPlan): void {
    this.client ??= new TrainClient((e) => this.receive(e));
    this.plan = plan;
    this.runs = [];
    this.current = 0;
    this.preview = null;
    this.error = null;
    this.backend = null;
    this.stopping = false;
    this.status = 'starting';
    const request: Omit<StartRequest, 'type'> = {
      backend: plan.backend,
      runs: plan.runs.map((r) => ({
        side: r.side,
        seed: r.seed,
        config: $state.snapshot(r.config)
      })),
      steps: plan.steps,
      batchSize: plan.batchSize,
      learningRate: plan.learningRate,
      validationSize: plan.validationSize,
      previewSize: plan.previewSize,
      evaluateAt: plan.evaluateAt
    };
    this.client.start(request);
  }

  pause(): void {
    if (this.status === 'running') this.client?.pause();
  }

  resume(): void {
    if (this.status === 'paused') this.client?.resume();
  }

  stop(): void {
    if (!this.active) return;
    this.stopping = true;
    this.client?.stop();
  }

  /** A side's last run's trained weights (no side: the last run's), or a sentence saying why not. */
  weights(side?: Side): Promise<WireTensor[] | string> {
    if (!this.client?.hasWorker || !this.hasWeights)
      return Promise.resolve('There are no trained weights yet: train first.');
    return new Promise((resolve) => {
      this.pendingWeights = resolve;
      this.client!.exportWeights(side);
    });
  }

  /** A side's (or the last) run's prediction for an image of its input size, or a sentence. */
  predict(image: RgbaImage, side?: Side): Promise<Preview | string> {
    if (!this.client?.hasWorker || !this.hasWeights)
      return Promise.resolve('There is no trained model yet: train first.');
    return new Promise((resolve) => {
      this.pendingPrediction = resolve;
      this.client!.predict(image, side);
    });
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
  }

  private receive(e: TrainEvent): void {
    switch (e.type) {
      case 'backend':
        this.backend = { name: e.name, reason: e.reason };
        this.status = 'running';
        return;
      case 'run-start': {
        const spec = this.plan!.runs[e.run];
        this.current = e.run;
        this.runs.push({
          side: spec.side,
          seed: spec.seed,
          params: e.params,
          losses: [],
          evaluations: [],
          stepsPerSecond: 0,
          stepMs: [],
          elapsedMs: 0,
          latencyMs: null
        });
        return;
      }
      case 'step': {
        const r = this.runs[e.run];
        r.losses.push({ step: e.step, value: e.loss });
        r.stepsPerSecond = e.stepsPerSecond;
        r.stepMs.push(e.stepMs);
        r.elapsedMs = e.elapsedMs;
        return;
      }
      case 'evaluation': {
        const { preview, run, step, pck, ap, baselinePck } = e;
        this.runs[run].evaluations.push({ run, step, pck, ap, baselinePck });
        this.preview = { ...preview, run: e.run, step: e.step };
        return;
      }
      case 'run-end':
        this.runs[e.run].latencyMs = e.latencyMs;
        return;
      case 'paused':
        this.status = 'paused';
        return;
      case 'resumed':
        this.status = 'running';
        return;
      case 'finished':
        this.status = e.stopped ? 'stopped' : 'done';
        this.stopping = false;
        return;
      case 'weights':
        this.pendingWeights?.(e.tensors);
        this.pendingWeights = null;
        return;
      case 'prediction':
        this.pendingPrediction?.(e.preview);
        this.pendingPrediction = null;
        return;
      case 'error':
      case 'crash':
        return this.fail(e.message);
    }
  }

  private fail(message: string): void {
    // An export or a prediction that failed leaves the trained session as it was.
    if (this.pendingWeights || this.pendingPrediction) {
      this.pendingWeights?.(message);
      this.pendingPrediction?.(message);
      this.pendingWeights = this.pendingPrediction = null;
      return;
    }
    this.error = message;
    this.status = 'failed';
    this.stopping = false;
  }
}
