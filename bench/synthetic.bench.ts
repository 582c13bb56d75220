/**
 * How long the synthetic pose set takes to make a training batch, in Node.
 *
 *   npm run bench:synthetic            (a table)
 *   npm run --silent bench:synthetic -- --json
 *
 * For each input size the page offers (64x48, 128x96): 20 warm-up batches of 32 (the JIT
 * settles), then 30 timed ones, each at a new start so no sample repeats; prints the median and
 * the fastest and slowest (ms per batch and per sample), with the load average, since timings
 * move with the machine's load.
 */
import { loadavg } from 'node:os';
import { createSyntheticSource, SYNTHETIC_SIZES } from '../src/lib/train/synthetic';

const BATCH = 32;
const WARM_UP = 20;
const RUNS = 30;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timeSize(height: number, width: number) {
  const source = createSyntheticSource({ seed: 1, height, width });
  for (let i = 0; i < WARM_UP; i++) source.batch(i * BATCH, BATCH);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    source.batch((WARM_UP + i) * BATCH, BATCH);
    times.push(performance.now() - start);
  }
  const medianMs = median(times);
  return {
    size: `${height}x${width}`,
    batch: BATCH,
    runs: RUNS,
    medianMs,
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    medianMsPerSample: medianMs / BATCH
  };
}

const loadBefore = loadavg()[0];
const rows = SYNTHETIC_SIZES.map(({ height, width }) => timeSize(height, width));
const loadAfter = loadavg()[0];

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ loadBefore, loadAfter, rows }, null, 2));
} else {
  console.log(
    `synthetic pose batches of ${BATCH} (median of ${RUNS}; load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)})`
  );
  for (const r of rows)
    console.log(
      `  ${r.size.padEnd(7)} median ${r.medianMs.toFixed(1)} ms (${r.medianMsPerSample.toFixed(2)} ms/sample; ` +
        `fastest ${r.minMs.toFixed(1)}, slowest ${r.maxMs.toFixed(1)})`
    );
}
