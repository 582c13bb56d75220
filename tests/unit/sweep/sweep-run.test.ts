/**
 * The sweep's runner against the real forward job (tf/session.ts on wasm, in this process):
 * the same replies the worker sends, each a task later. Small inputs keep it quick.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { analyzeConfig } from '$lib/model';
import { sweepConfigs } from '$lib/model/sweep';
import type { ClientEvent, JobOptions } from '$lib/tf/client';
import type { WorkerReply } from '$lib/tf/protocol';
import { JobError, runJob } from '$lib/tf/session';
import type { SweepPort } from '$lib/components/sweep/sweep-run.svelte';
import { SweepRun } from '$lib/components/sweep/sweep-run.svelte';
import { useWasm } from '../tf/setup';

beforeAll(useWasm);

const SMALL = { height: 64, width: 64 };

class InProcessPort implements SweepPort {
  jobId = 0;
  readonly requests: JobOptions[] = [];
  /** Job ids that answer with an error instead of running. */
  failing = new Set<number>();
  /** Settles a task after the last job's reply was delivered. */
  last: Promise<void> = Promise.resolve();
  constructor(private readonly onEvent: (e: ClientEvent) => void) {}

  private post(reply: WorkerReply): void {
    setTimeout(() => this.onEvent(reply), 0);
  }

  run(options: JobOptions): number {
    const jobId = ++this.jobId;
    this.requests.push(options);
    if (this.failing.has(jobId)) {
      this.post({ type: 'error', jobId, message: 'The configuration is not valid.' });
      return jobId;
    }
    const req = { ...options, type: 'run' as const, jobId, weights: null };
    const job = runJob(req, { name: 'wasm', reason: 'test' }, (phase, done, total) =>
      this.post({ type: 'progress', jobId, phase, done, total })
    ).then(
      (result) => this.post({ type: 'result', jobId, result }),
      (e: unknown) =>
        this.post({ type: 'error', jobId, message: e instanceof JobError ? e.message : String(e) })
    );
    this.last = job.then(() => new Promise((r) => setTimeout(r, 5)));
    return jobId;
  }

  cancel(): void {}
  terminate(): void {}
}

function sweepWithPort() {
  let port: InProcessPort | null = null;
  const sweep = new SweepRun((onEvent) => (port = new InProcessPort(onEvent)));
  return { sweep, port: () => port! };
}

const OPTIONS = { backend: 'wasm' as const, runs: 1, warmup: 0 };

describe('SweepRun', () => {
  it('runs the first config once unrecorded, then every config once, and keeps their costs', async () => {
    const plan = sweepConfigs('quick', SMALL);
    const { sweep, port } = sweepWithPort();
    sweep.start(plan, OPTIONS);
    expect(sweep.status).toBe('running');
    expect(sweep.progressText).toMatch(/^Config 1 of 3: Lite-HRNet-18, widths ×0.5, warming/);
    await vi.waitFor(() => expect(sweep.status).toBe('done'), { timeout: 60_000, interval: 20 });
    // 4 jobs: the warm-up, then the 3 configs in order.
    expect(port().requests.map((r) => r.config)).toEqual([
      plan[0].config,
      ...plan.map((p) => p.config)
    ]);
    expect(sweep.points.map((p) => p.key)).toEqual(plan.map((p) => p.key));
    for (const [i, p] of sweep.points.entries()) {
      const a = analyzeConfig(plan[i].config);
      if (!a.ok) throw new Error('sweep configs are valid');
      expect(p.macs).toEqual(a.costs.totals.macs);
      expect(p.byOp).toHaveLength(a.graph.ops.length);
      expect(p.medianMs).toBeGreaterThan(0);
    }
    expect(sweep.progressText).toBe('');
  }, 90_000);

  it('Cancel keeps the points so far and ignores the rest', async () => {
    const plan = sweepConfigs('quick', SMALL);
    const { sweep, port } = sweepWithPort();
    sweep.start(plan, OPTIONS);
    await vi.waitFor(() => expect(sweep.points).toHaveLength(1), { timeout: 60_000, interval: 5 });
    sweep.cancel();
    expect(sweep.status).toBe('cancelled');
    // The job under way still finishes in this process; its result must change nothing.
    await port().last;
    expect(port().requests).toHaveLength(3);
    expect(sweep.status).toBe('cancelled');
    expect(sweep.points).toHaveLength(1);
  }, 90_000);

  it('an error names the config and stops the sweep', async () => {
    const plan = sweepConfigs('quick', SMALL);
    const { sweep, port } = sweepWithPort();
    sweep.start(plan, OPTIONS);
    // Job 3 is the second config (job 1 warms up).
    port().failing.add(3);
    await vi.waitFor(() => expect(sweep.status).toBe('failed'), { timeout: 60_000, interval: 20 });
    expect(sweep.error).toBe('Lite-HRNet-18: The configuration is not valid.');
    expect(sweep.points.map((p) => p.key)).toEqual([plan[0].key]);
  }, 90_000);
});
