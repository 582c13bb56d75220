/**
 * Issue #12's hostile files (tests/hostile/generate.ts) against the reader, for Lite-HRNet-18:
 * each is refused with its sentence, within the issue's 5 s, and what the read leaves in memory
 * stays under twice the real weights (4 bytes × 1,130,769 parameters + BN statistics).
 * The time bound is a generous ceiling on a refusal, not a speed measurement.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  expectedTensors,
  readLimits,
  readWeightsFiles,
  type LoadedWeights,
  type Result
} from '../../../src/lib/checkpoint';
import { buildGraph, presetConfig } from '../../../src/lib/model';
import { hostileCases, laughsInMeta, type WeightsFileBytes } from '../../hostile/generate';

const expected = expectedTensors(buildGraph(presetConfig('litehrnet_18')));
const weightBytes = 4 * readLimits(expected).elements;
const REFUSAL_SECONDS = 5;

// A full collection before each reading: without it, garbage that earlier tests (or the read
// itself) left for a later collection counts as memory the read kept, depending on when V8
// happened to collect; that made this check fail now and then.
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Live heap and array buffers after a full collection. */
function memory(): number {
  collect();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Reads the files, with the time it took and the memory it left allocated (live after it). */
async function measured(files: WeightsFileBytes[]) {
  const before = memory();
  const start = performance.now();
  const result: Result<LoadedWeights> = await readWeightsFiles(files, expected);
  const seconds = (performance.now() - start) / 1000;
  return { result, seconds, grew: memory() - before };
}

describe('hostile weights files are refused, quickly and within memory', () => {
  it('Lite-HRNet-18 real weights: 1,130,769 parameters plus BN statistics, about 4.6 MB', () => {
    // 1,130,769 parameters (official README) + running mean and var of every BN channel.
    expect(weightBytes).toBeGreaterThan(4 * 1_130_769);
    expect(weightBytes).toBeLessThan(4 * 1_300_000);
  });

  it.each(hostileCases(expected).map((c) => [c.id, c] as const))(
    '%s',
    async (_, hostile) => {
      const { result, seconds, grew } = await measured(hostile.files);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(hostile.refusal);
      expect(seconds).toBeLessThan(REFUSAL_SECONDS);
      expect(grew).toBeLessThan(2 * weightBytes);
    },
    30_000
  );

  it('a valid checkpoint whose meta shares one list 2^100 times loads, untouched', async () => {
    const value = (i: number) => (i % 7) - 3;
    const bytes = laughsInMeta(expected, value);
    const { result, seconds } = await measured([{ name: 'laughs-meta.pth', bytes }]);
    expect(result.ok, result.ok ? '' : result.error).toBe(true);
    if (!result.ok) return;
    expect(result.value.tensors.size).toBe(expected.length);
    // Tensor 3's storage holds value(3 + k) at position k (generate.ts's laughsInMeta).
    const third = result.value.tensors.get(expected[3].name)!.data;
    expect(Array.from(third.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(result.value.notes).toContain('Read its state_dict; left aside: meta.');
    expect(seconds).toBeLessThan(REFUSAL_SECONDS);
  }, 30_000);
});
