import { describe, expect, it } from 'vitest';
import { buildGraph, presetConfig } from '$lib/model';
import { ACTIVATION_BUDGET_BYTES, checkActivationBudget } from '$lib/tf/guard';
import { fitRect, normalizeRgba } from '$lib/tf/input';
import { parseReply, parseRequest } from '$lib/tf/protocol';
import { formatMs, summarizeTimes } from '$lib/tf/stats';

describe('input', () => {
  it('normalises with the ImageNet mean and std, dropping alpha', () => {
    // (255/255 − 0.485)/0.229 = 2.248908; (0 − 0.456)/0.224 = −2.035714;
    // (128/255 − 0.406)/0.225 = (0.501961 − 0.406)/0.225 = 0.426492.
    const out = normalizeRgba({
      width: 1,
      height: 1,
      data: new Uint8ClampedArray([255, 0, 128, 7])
    });
    expect(out).toHaveLength(3);
    expect(out[0]).toBeCloseTo(2.248908, 5);
    expect(out[1]).toBeCloseTo(-2.035714, 5);
    expect(out[2]).toBeCloseTo(0.426492, 5);
  });

  it('fits a 400x200 image into 192x256 centred, aspect kept', () => {
    // scale = min(192/400, 256/200) = 0.48 → 192 x 96, centred: y = (256 − 96)/2 = 80.
    expect(fitRect(400, 200, 192, 256)).toEqual({ x: 0, y: 80, width: 192, height: 96 });
  });
});

describe('timing summary', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(summarizeTimes([5, 1, 3])).toEqual({ medianMs: 3, minMs: 1, maxMs: 5 });
    expect(summarizeTimes([4, 1, 3, 2]).medianMs).toBe(2.5);
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(1234.5)).toBe('1235 ms');
  });
});

describe('memory guard', () => {
  it('lets the official model at 384x288 run', () => {
    const g = buildGraph(presetConfig('litehrnet_30', { height: 384, width: 288 }));
    expect(checkActivationBudget(g).ok).toBe(true);
  });

  it("counts HRNet's wider activations: its peak is layer1's first block, three 256-wide maps", () => {
    // At layer1.0's downsample BN the block's bn3 output (kept for the residual add), the
    // downsample conv's output and its BN's are alive: 3 x 256 channels at H/4 x W/4 in float32;
    // the stem's output was freed after its last reader, the downsample conv. At 384x288:
    // 768 · 96 · 72 · 4 B = 21,233,664 B (20.3 MiB), 2.4x Lite-HRNet's 8.4 MiB and well inside.
    for (const id of ['hrnet_w32', 'hrnet_w48'] as const) {
      const g = buildGraph(presetConfig(id, { height: 384, width: 288 }));
      const check = checkActivationBudget(g);
      expect(check.ok).toBe(true);
      if (!check.ok) continue;
      expect(check.peakBytes).toBe(768 * 96 * 72 * 4);
      expect(g.ops[check.estimate.peakAt].name).toBe('layer1.0.downsample.1');
    }
  });

  it('refuses a config over the budget with a sentence giving both sizes in MiB', () => {
    // The input alone is 64·64·3·4 B = 48 KiB, so a 1 KiB budget must refuse. The stem's widest
    // tensor is 32 x 32 x 32 floats = 128 KiB, and no more than a handful of such tensors are
    // alive at once, so 2 MiB must pass.
    const g = buildGraph(presetConfig('litehrnet_18', { height: 64, width: 64 }));
    const refused = checkActivationBudget(g, 1024);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.message).toMatch(/over the live pass's budget of 0\.0 MiB/);
    expect(checkActivationBudget(g, 2 * 2 ** 20).ok).toBe(true);
    expect(ACTIVATION_BUDGET_BYTES).toBe(256 * 2 ** 20);
  });
});

describe('worker messages are parsed at the edge', () => {
  it('accepts a progress reply and rejects malformed ones', () => {
    const ok = { type: 'progress', jobId: 3, phase: 'run', done: 1, total: 5 };
    expect(parseReply(ok)).toEqual(ok);
    expect(parseReply({ ...ok, phase: 'dancing' })).toBeNull();
    expect(parseReply({ type: 'result', jobId: 3, result: { nope: 1 } })).toBeNull();
    expect(parseReply({ type: 'error', jobId: 3, message: 'x' })).toEqual({
      type: 'error',
      jobId: 3,
      message: 'x'
    });
    expect(parseReply('hello')).toBeNull();
    expect(parseReply(null)).toBeNull();
  });

  it('rejects a request without pixel bytes or with an unknown backend', () => {
    const base = {
      type: 'run',
      jobId: 1,
      config: {},
      image: { width: 1, height: 1, data: new Uint8ClampedArray(4) },
      backend: 'wasm',
      warmup: 0,
      runs: 1,
      seed: 1
    };
    expect(parseRequest(base)).not.toBeNull();
    expect(parseRequest({ ...base, backend: 'cuda' })).toBeNull();
    expect(
      parseRequest({ ...base, image: { width: 1, height: 1, data: [0, 0, 0, 0] } })
    ).toBeNull();
  });
});
