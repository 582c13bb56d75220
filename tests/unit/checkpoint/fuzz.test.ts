/**
 * Seeded fuzz: 2,000 mutants of the reduced model's checkpoint (zip and legacy formats; see
 * tests/hostile/mutate.ts) per run. Every read must come back as a Result (0 throws), within
 * the 5 s ceiling (0 hangs), never build more than the config's tensors, and a
 * refusal must be one of the reader's own sentences, not an internal error passed through.
 */
import { describe, expect, it } from 'vitest';
import { expectedTensors, readLimits, readWeightsFiles } from '../../../src/lib/checkpoint';
import { mutants } from '../../hostile/mutate';
import { fixtureBytes, fixtureGraph } from './fixtures';

const expected = expectedTensors(fixtureGraph('reduced'));
const { elements } = readLimits(expected);
const SEED = 20240612;
const HANG_SECONDS = 5;

async function fuzz(file: string, count: number) {
  const mutant = mutants(fixtureBytes(file), SEED);
  const tally = {
    loaded: 0,
    refused: 0,
    throws: [] as string[],
    hangs: 0,
    internal: [] as string[]
  };
  for (let i = 0; i < count; i++) {
    const bytes = mutant(i);
    const start = performance.now();
    try {
      const result = await readWeightsFiles([{ name: 'm.pth', bytes }], expected);
      if (result.ok) {
        tally.loaded++;
        const built = [...result.value.tensors.values()].reduce((s, t) => s + t.data.length, 0);
        expect(built).toBeLessThanOrEqual(elements);
      } else {
        tally.refused++;
        if (/could not be read \(/.test(result.error))
          tally.internal.push(`#${i}: ${result.error}`);
      }
    } catch (e) {
      tally.throws.push(`#${i}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if ((performance.now() - start) / 1000 > HANG_SECONDS) tally.hangs++;
  }
  return tally;
}

describe('seeded fuzz of the reader', () => {
  it.each([
    ['reduced.zip.pth', 1200],
    ['reduced.legacy.pth', 800]
  ])(
    '%s: %i mutants, 0 throws, 0 hangs, only the reader’s own sentences',
    async (file, count) => {
      const tally = await fuzz(file, count);
      expect(tally.throws).toEqual([]);
      expect(tally.hangs).toBe(0);
      expect(tally.internal).toEqual([]);
      expect(tally.loaded + tally.refused).toBe(count);
      // The mutants are not all trivially refused: some still load (a flip in a weight's value).
      expect(tally.refused).toBeGreaterThan(count / 4);
    },
    120_000
  );
});
