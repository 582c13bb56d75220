/**
 * The panel's port: a tfjs backend is one tfjs job; an ONNX Runtime backend is a tfjs job on
 * wasm, then an ORT job on the same request, reported under one job id with the heatmaps'
 * difference added. The two workers are stand-ins the test speaks for (replies go through the
 * real protocol parsers); the comparison is the real one.
 */
import { describe, expect, it } from 'vitest';
import { presetConfig } from '$lib/model';
import type { OrtClientEvent, OrtJobOptions } from '$lib/ort/client';
import { parseOrtReply, type OrtReply } from '$lib/ort/protocol';
import type { ClientEvent, JobOptions } from '$lib/tf/client';
import { parseReply, type ForwardResult, type WorkerReply } from '$lib/tf/protocol';
import type { PanelEvent, PanelJobOptions } from '$lib/components/forward/forward-port';
import { ForwardPort } from '$lib/components/forward/forward-port';

class StandIn<O, E> {
  jobs: O[] = [];
  cancels = 0;
  constructor(readonly say: (e: E) => void) {}
  run(o: O): number {
    this.jobs.push(o);
    return this.jobs.length;
  }
  cancel(): void {
    this.cancels += 1;
  }
  terminate(): void {}
}

function setup() {
  const events: PanelEvent[] = [];
  let tfjs!: StandIn<JobOptions, ClientEvent>;
  let ort!: StandIn<OrtJobOptions, OrtClientEvent>;
  const port = new ForwardPort((e) => events.push(e), {
    tfjs: (say) => (tfjs = new StandIn(say)),
    ort: (say) => (ort = new StandIn(say))
  });
  const tfjsSays = (r: WorkerReply) => tfjs.say(parseReply(structuredClone(r))!);
  const ortSays = (r: OrtReply) => ort.say(parseOrtReply(structuredClone(r))!);
  return { port, events, tfjs: () => tfjs, ort: () => ort, tfjsSays, ortSays };
}

const options = (backend: PanelJobOptions['backend']): PanelJobOptions => ({
  config: presetConfig('litehrnet_18'),
  image: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
  weights: null,
  backend,
  runs: 2,
  warmup: 1,
  seed: 1
});

/** A tfjs result whose heatmaps are 2 channels of 1x1: 0.5 and 1.5. */
const TFJS_RESULT = {
  backend: { name: 'wasm', reason: 'chosen by you' },
  weights: { kind: 'seeded', seed: 1 },
  verification: { summary: '1/1 ops verified', checks: [], verdicts: [], firstMismatch: null },
  timing: { firstRunMs: 9, warmup: 1, samples: [4, 6], medianMs: 5, minMs: 4, maxMs: 6 },
  byKind: [],
  byOp: [],
  memory: {},
  outputs: [
    { height: 1, width: 1, data: Float32Array.from([0.5]) },
    { height: 1, width: 1, data: Float32Array.from([1.5]) }
  ],
  stageMaps: []
} as unknown as ForwardResult;

const ORT_RESULT = {
  provider: 'wasm' as const,
  modelBytes: 100,
  timing: {
    sessionMs: 1,
    firstRunMs: 3,
    warmup: 1,
    samples: [2, 2],
    medianMs: 2,
    minMs: 2,
    maxMs: 2
  },
  // Channel 1 differs by 0.25 (1.5 → 1.75).
  output: { shape: [1, 2, 1, 1], data: Float32Array.from([0.5, 1.75]) }
};

describe('ForwardPort', () => {
  it('a tfjs backend is one tfjs job on that backend, and ORT never starts', () => {
    const s = setup();
    const id = s.port.run(options('cpu'));
    expect(s.tfjs().jobs[0].backend).toBe('cpu');
    s.tfjsSays({ type: 'result', jobId: 1, result: TFJS_RESULT });
    expect(s.ort().jobs).toHaveLength(0);
    expect(s.events.map((e) => [e.type, e.jobId])).toEqual([['result', id]]);
  });

  it('an ORT backend runs tfjs on wasm, then ORT on the same request, and adds the difference', () => {
    const s = setup();
    const id = s.port.run(options('ort-wasm'));
    expect(s.tfjs().jobs[0].backend).toBe('wasm');
    s.tfjsSays({ type: 'progress', jobId: 1, phase: 'run', done: 0, total: 2 });
    s.tfjsSays({ type: 'result', jobId: 1, result: TFJS_RESULT });
    // tfjs's result is held back until ORT's arrives.
    expect(s.events.map((e) => e.type)).toEqual(['progress']);
    const ortJob = s.ort().jobs[0];
    expect(ortJob.provider).toBe('wasm');
    expect(ortJob.runs).toBe(2);
    expect(ortJob.config).toBe(s.tfjs().jobs[0].config);
    s.ortSays({ type: 'progress', jobId: 1, phase: 'ort-run', done: 0, total: 2 });
    s.ortSays({ type: 'result', jobId: 1, result: ORT_RESULT });
    const last = s.events.at(-1)!;
    expect(last.type === 'result' && last.jobId === id).toBe(true);
    if (last.type !== 'result') return;
    expect(last.result.timing.medianMs).toBe(5);
    expect(last.result.ort?.timing.medianMs).toBe(2);
    expect(last.result.ort?.comparison).toEqual({
      ok: true,
      maxAbsDiff: 0.25,
      values: 2,
      largest: 1.5,
      withinTolerance: false
    });
  });

  it('an ORT error ends the job under the panel’s id; a cancelled job’s replies are dropped', () => {
    const s = setup();
    const id = s.port.run(options('ort-wasm'));
    s.tfjsSays({ type: 'result', jobId: 1, result: TFJS_RESULT });
    s.ortSays({ type: 'error', jobId: 1, message: 'no session' });
    expect(s.events.at(-1)).toEqual({ type: 'error', jobId: id, message: 'no session' });

    s.port.run(options('ort-wasm'));
    s.port.cancel();
    s.tfjsSays({ type: 'result', jobId: 2, result: TFJS_RESULT });
    expect(s.ort().jobs).toHaveLength(1);
    expect(s.events).toHaveLength(1);
  });
});
