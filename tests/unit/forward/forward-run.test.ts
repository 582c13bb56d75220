/**
 * The forward panel's run state machine. The reducer is driven by worker replies that went
 * through the real protocol edge (parseReply); the class by a port that runs the real job
 * (session.ts on tfjs's wasm backend, as the worker does) in this process and posts its replies
 * a task later, as a worker's postMessage would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import type { ClientEvent, JobOptions } from '$lib/tf/client';
import type { ForwardResult, Phase, WorkerReply } from '$lib/tf/protocol';
import { parseReply } from '$lib/tf/protocol';
import { JobError, runJob } from '$lib/tf/session';
import type { JobPort, RunAction, RunState } from '$lib/components/forward/forward-run.svelte';
import {
  ForwardRun,
  IDLE,
  REVEAL_STEPS,
  progressText,
  reduceRun
} from '$lib/components/forward/forward-run.svelte';
import { useWasm } from '../tf/setup';

/** A reply as the page receives it: cloned as postMessage clones, then parsed at the edge. */
function received(reply: WorkerReply): ClientEvent {
  const parsed = parseReply(structuredClone(reply));
  if (!parsed) throw new Error(`not a reply: ${JSON.stringify(reply)}`);
  return parsed;
}

const progress = (jobId: number, phase: Phase, done = 0, total = 1) =>
  received({ type: 'progress', jobId, phase, done, total });

const run = (actions: RunAction[], from: RunState = IDLE) => actions.reduce(reduceRun, from);

/** A result as small as parseReply accepts; the reducer only carries it. */
const RESULT = {
  backend: { name: 'wasm', reason: 'test' },
  weights: { kind: 'seeded', seed: 1 },
  verification: { summary: '1/1 ops verified', checks: [], verdicts: [], firstMismatch: null },
  timing: { firstRunMs: 1, warmup: 0, samples: [1], medianMs: 1, minMs: 1, maxMs: 1 },
  byKind: [],
  byOp: [],
  memory: {},
  outputs: [],
  stageMaps: []
} as unknown as ForwardResult;

describe('reduceRun', () => {
  it('idle → loading (tfjs, backend) → running → done', () => {
    const states = [
      { type: 'start', jobId: 1 },
      progress(1, 'loading-tfjs'),
      progress(1, 'starting-backend'),
      progress(1, 'first-run'),
      progress(1, 'run', 1, 3),
      received({ type: 'result', jobId: 1, result: RESULT })
    ].reduce<RunState[]>((acc, a) => [...acc, reduceRun(acc.at(-1)!, a as RunAction)], [IDLE]);
    expect(states.map((s) => s.status)).toEqual([
      'idle',
      'loading',
      'loading',
      'loading',
      'running',
      'running',
      'done'
    ]);
    expect(progressText(states[1])).toBe('Starting the worker');
    expect(progressText(states[2])).toBe('Loading TensorFlow.js');
    // done = 1 of total = 3 is the second timed run.
    expect(progressText(states[5])).toBe('Timed run 2 of 3');
    expect(states[6].progress).toBeNull();
    expect(states[6].result?.verification.summary).toBe('1/1 ops verified');
  });

  it('a worker error fails the run with its sentence; a crash adds that it can be retried', () => {
    const failed = run([
      { type: 'start', jobId: 1 },
      received({ type: 'error', jobId: 1, message: 'No wasm here.' })
    ]);
    expect(failed).toMatchObject({ status: 'failed', error: 'No wasm here.', progress: null });
    const crashed = run([
      { type: 'start', jobId: 2 },
      { type: 'crash', jobId: 2, message: 'The worker stopped.' }
    ]);
    expect(crashed.error).toBe('The worker stopped. You can try again.');
    // A request the worker could not read is answered with job id -1.
    expect(
      run([{ type: 'start', jobId: 3 }, received({ type: 'error', jobId: -1, message: 'x' })])
        .status
    ).toBe('failed');
  });

  it('cancel stops a running job; its late replies change nothing', () => {
    const cancelled = run([
      { type: 'start', jobId: 1 },
      progress(1, 'first-run'),
      { type: 'cancel' }
    ]);
    expect(cancelled.status).toBe('cancelled');
    const late = run(
      [progress(1, 'run', 0, 3), received({ type: 'result', jobId: 1, result: RESULT })],
      cancelled
    );
    expect(late).toBe(cancelled);
  });

  it('a new start after done keeps the shown result; replies of the old job are ignored', () => {
    const done = run([
      { type: 'start', jobId: 1 },
      received({ type: 'result', jobId: 1, result: RESULT })
    ]);
    const again = run([{ type: 'start', jobId: 2 }, progress(1, 'run', 0, 3)], done);
    expect(again.status).toBe('loading');
    expect(again.result).toBe(done.result);
    expect(again.progress).toBeNull();
  });

  it('cancel with nothing running, and replies before any start, change nothing', () => {
    expect(reduceRun(IDLE, { type: 'cancel' })).toBe(IDLE);
    expect(reduceRun(IDLE, received({ type: 'result', jobId: 0, result: RESULT }))).toBe(IDLE);
  });
});

/**
 * The worker's `handle` (forward.worker.ts) in this process: the same replies in the same order,
 * each delivered a task later. Replies of a cancelled job are still delivered, to show that the
 * machine, not only the real client, ignores them.
 */
class InProcessPort implements JobPort {
  private jobId = 0;
  readonly finished: Promise<void>[] = [];
  constructor(private readonly onEvent: (e: ClientEvent) => void) {}

  private post(reply: WorkerReply): void {
    setTimeout(() => this.onEvent(received(reply)), 0);
  }

  run(options: JobOptions): number {
    const jobId = ++this.jobId;
    const req = { ...options, type: 'run' as const, jobId, weights: null };
    this.post({ type: 'progress', jobId, phase: 'loading-tfjs', done: 0, total: 1 });
    this.post({ type: 'progress', jobId, phase: 'starting-backend', done: 0, total: 1 });
    const job = runJob(req, { name: 'wasm', reason: 'test' }, (phase, done, total) =>
      this.post({ type: 'progress', jobId, phase, done, total })
    ).then(
      (result) => this.post({ type: 'result', jobId, result }),
      (e: unknown) =>
        this.post({ type: 'error', jobId, message: e instanceof JobError ? e.message : String(e) })
    );
    this.finished.push(job.then(() => new Promise((r) => setTimeout(r, 5))));
    return jobId;
  }

  cancel(): void {}
  terminate(): void {}
}

const SMALL = { height: 64, width: 64 };
const config = presetConfig('litehrnet_18', SMALL);

function grey(height: number, width: number) {
  return { height, width, data: new Uint8ClampedArray(height * width * 4).fill(128) };
}

function options(extra: Partial<JobOptions> = {}): JobOptions {
  return {
    config,
    image: grey(SMALL.height, SMALL.width),
    weights: null,
    backend: 'wasm',
    warmup: 0,
    runs: 1,
    seed: 1,
    ...extra
  };
}

function setup() {
  let port!: InProcessPort;
  const seen: string[] = [];
  const finished: ForwardResult[] = [];
  const r = new ForwardRun<string>({
    connect: (onEvent) =>
      (port = new InProcessPort((e) => {
        onEvent(e);
        if (seen.at(-1) !== r.state.status) seen.push(r.state.status);
      })),
    onfinished: (result) => finished.push(result),
    schedule: (next) => next()
  });
  return { r, port: () => port, seen, finished };
}

describe('ForwardRun with the real job', () => {
  beforeAll(useWasm);

  it('goes idle → loading → running → done, reveals every part and reports the verdicts', async () => {
    const { r, port, seen, finished } = setup();
    expect(r.state.status).toBe('idle');
    r.start(options(), 'the grey image');
    expect(r.state.status).toBe('loading');
    expect(r.active).toBe(true);
    await Promise.all(port().finished);
    expect(seen).toEqual(['loading', 'running', 'done']);
    const n = r.state.result!.verification.verdicts.length;
    expect(r.state.result!.verification.summary).toBe(`${n}/${n} ops verified`);
    expect(finished).toHaveLength(1);
    expect(r.shownWith).toBe('the grey image');
    expect(r.revealed).toBe(REVEAL_STEPS);
  }, 60_000);

  it('fails with the job’s sentence when the image does not fit the input', async () => {
    const { r, port, finished } = setup();
    r.start(options({ image: grey(32, 32) }));
    await Promise.all(port().finished);
    expect(r.state.status).toBe('failed');
    expect(r.state.error).toMatch(/32x32 pixels but the network expects 64x64/);
    expect(finished).toHaveLength(0);
  }, 60_000);

  it('a cancelled run stays cancelled, and the next run shows its own input', async () => {
    const { r, port, finished } = setup();
    r.start(options(), 'first');
    r.cancel();
    expect(r.state.status).toBe('cancelled');
    await Promise.all(port().finished);
    expect(r.state.status).toBe('cancelled');
    expect(r.state.result).toBeNull();
    r.start(options(), 'second');
    await Promise.all(port().finished);
    expect(r.state.status).toBe('done');
    expect(finished).toHaveLength(1);
    expect(r.shownWith).toBe('second');
  }, 60_000);
});
