import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CANCELLED, readWeightsOffThread } from '../../../src/lib/checkpoint/read-client';

/**
 * The page's side of the weights reader, with a worker that never answers (as a reader spinning
 * on a hostile file would): the time limit and Cancel must each end the read with a sentence
 * and terminate the worker. The stand-in Worker only records; no parsing is involved.
 */
class SilentWorker {
  static made: SilentWorker[] = [];
  terminated = false;
  posted = 0;
  onmessage: unknown = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  constructor() {
    SilentWorker.made.push(this);
  }
  postMessage(): void {
    this.posted++;
  }
  terminate(): void {
    this.terminated = true;
  }
}

const file = () => new File([new Uint8Array([1, 2, 3])], 'w.pth');

describe('readWeightsOffThread', () => {
  beforeEach(() => {
    SilentWorker.made = [];
    vi.stubGlobal('Worker', SilentWorker);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives up at the time limit with a sentence that states it, and ends the worker', async () => {
    // Only the countdown's timers are faked; the file's bytes arrive as they really do.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let settled = false;
    const read = readWeightsOffThread([file()], [], { limitMs: 5_000 }).finally(
      () => (settled = true)
    );
    while (!SilentWorker.made[0]?.posted) await new Promise((r) => setImmediate(r));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const result = await read;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Reading the weights was stopped after 5 seconds:/);
    expect(SilentWorker.made[0].terminated).toBe(true);
  });

  it('Cancel ends the read at once with "Cancelled." and ends the worker', async () => {
    const cancel = new AbortController();
    const read = readWeightsOffThread([file()], [], { signal: cancel.signal });
    await vi.waitFor(() => expect(SilentWorker.made[0]?.posted).toBe(1));
    cancel.abort();
    expect(await read).toEqual({ ok: false, error: CANCELLED });
    expect(SilentWorker.made[0].terminated).toBe(true);
  });

  it('a read cancelled before its worker starts makes no worker', async () => {
    const cancel = new AbortController();
    cancel.abort();
    expect(await readWeightsOffThread([file()], [], { signal: cancel.signal })).toEqual({
      ok: false,
      error: CANCELLED
    });
    expect(SilentWorker.made).toHaveLength(0);
  });
});
