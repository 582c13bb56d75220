import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { presetConfig } from '$lib/model';
import type { ClientEvent, JobOptions } from '../../../src/lib/tf/client';
import { FORWARD_SILENCE_MS, ForwardClient } from '../../../src/lib/tf/client';

/**
 * The forward client's watchdog, with a stand-in worker the test speaks for: progress keeps a
 * job alive however long it runs; silence for FORWARD_SILENCE_MS ends it with a sentence.
 */
class ScriptedWorker {
  static last: ScriptedWorker | null = null;
  terminated = false;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  constructor() {
    ScriptedWorker.last = this;
  }
  postMessage(): void {}
  terminate(): void {
    this.terminated = true;
  }
  say(data: unknown): void {
    this.onmessage?.({ data });
  }
}

const options: JobOptions = {
  config: presetConfig('litehrnet_18'),
  image: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
  weights: null,
  backend: 'wasm',
  runs: 1,
  warmup: 0,
  seed: 1
};

describe('ForwardClient watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', ScriptedWorker);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('is stated as 2 minutes', () => {
    expect(FORWARD_SILENCE_MS).toBe(120_000);
  });

  it('a job that reports progress is never stopped; one that goes silent is, with a sentence', () => {
    const events: ClientEvent[] = [];
    const client = new ForwardClient((e) => events.push(e));
    const jobId = client.run(options);
    const worker = ScriptedWorker.last!;
    // Ten minutes of work, a progress message every 100 s: under the limit each time.
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(100_000);
      worker.say({ type: 'progress', jobId, phase: 'run', done: i, total: 6 });
    }
    expect(events.every((e) => e.type === 'progress')).toBe(true);
    vi.advanceTimersByTime(FORWARD_SILENCE_MS - 1);
    expect(events.some((e) => e.type === 'crash')).toBe(false);
    vi.advanceTimersByTime(1);
    expect(events.at(-1)).toEqual({
      type: 'crash',
      jobId,
      message: 'The forward pass sent no progress for 2 minutes, so it was stopped.'
    });
    expect(worker.terminated).toBe(true);
  });

  it('a finished job is not watched any more', () => {
    const events: ClientEvent[] = [];
    const client = new ForwardClient((e) => events.push(e));
    const jobId = client.run(options);
    ScriptedWorker.last!.say({ type: 'error', jobId, message: 'x' });
    vi.advanceTimersByTime(10 * FORWARD_SILENCE_MS);
    expect(events.map((e) => e.type)).toEqual(['error']);
  });

  it('a cancelled job is not watched any more', () => {
    const events: ClientEvent[] = [];
    const client = new ForwardClient((e) => events.push(e));
    client.run(options);
    client.cancel();
    vi.advanceTimersByTime(10 * FORWARD_SILENCE_MS);
    expect(events).toEqual([]);
  });
});
