/**
 * The timed part of bench/train.bench.ts (loaded after Node may load tfjs's gradients).
 * For each backend (wasm, then cpu; `--backend wasm` or `cpu` for one) and each tiny model: a
 * trainer at batch 16 on the synthetic task, `warm` untimed steps, then `runs` timed ones; the median step (and its batch's making, timed apart, since the
 * data is drawn on the same thread), fastest and slowest, and steps per second.
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { costGraph, formatInt } from '../src/lib/model';
import { createSyntheticSource } from '../src/lib/train/synthetic';
import { TINY_IDS, TINY_INPUT, tinyConfig } from '../src/lib/train/tiny';
import { createTrainer } from '../src/lib/train/trainer';

const BATCH = 16;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timeModel(id: (typeof TINY_IDS)[number], warm: number, runs: number) {
  const source = createSyntheticSource({ seed: 1, ...TINY_INPUT });
  const made = createTrainer({ config: tinyConfig(id), seed: 1, batchSize: BATCH, source });
  if (!made.ok) throw new Error(made.error);
  const trainer = made.value;
  for (let i = 0; i < warm; i++) await trainer.step();
  const steps: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    source.batch((warm + runs + i) * BATCH, BATCH);
    data.push(performance.now() - t0);
    const t1 = performance.now();
    await trainer.step();
    steps.push(performance.now() - t1);
  }
  const costs = costGraph(trainer.graph).totals;
  trainer.dispose();
  const ms = median(steps);
  return {
    model: id,
    params: costs.params,
    paperMMacs: costs.macs.paper / 2 ** 20,
    batch: BATCH,
    medianStepMs: ms,
    minStepMs: Math.min(...steps),
    maxStepMs: Math.max(...steps),
    medianBatchDataMs: median(data),
    stepsPerSecond: 1000 / ms
  };
}

const BACKENDS = ['wasm', 'cpu'] as const;

export async function run(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const runs = Number(argv[argv.indexOf('--runs') + 1]) || 10;
  const only = argv.includes('--backend') ? argv[argv.indexOf('--backend') + 1] : null;
  const backends = BACKENDS.filter((b) => only === null || b === only);
  if (backends.length === 0) throw new Error(`--backend must be ${BACKENDS.join(' or ')}`);
  const tables = [];
  for (const backend of backends) {
    await tf.setBackend(backend);
    const rows = [];
    for (const id of TINY_IDS) {
      if (!json) process.stderr.write(`timing ${id} on ${backend}…\n`);
      rows.push(await timeModel(id, 3, runs));
    }
    tables.push({ backend, loadAverage: loadavg()[0], rows });
  }
  if (json) {
    process.stdout.write(JSON.stringify({ batch: BATCH, runs, tables }) + '\n');
    return;
  }
  for (const { backend, loadAverage, rows } of tables) {
    process.stdout.write(
      `training step, tfjs ${backend} in Node, batch ${BATCH} at ${TINY_INPUT.height}x${TINY_INPUT.width}, median of ${runs} (load average ${loadAverage.toFixed(1)})\n`
    );
    for (const r of rows)
      process.stdout.write(
        `${r.model.padEnd(11)} ${formatInt(r.params).padStart(7)} params  ${r.paperMMacs.toFixed(2)} M MACs (paper, 2^20)  ` +
          `step ${r.medianStepMs.toFixed(0)} ms (${r.minStepMs.toFixed(0)}–${r.maxStepMs.toFixed(0)})  ` +
          `${r.stepsPerSecond.toFixed(2)} steps/s  (making the batch: ${r.medianBatchDataMs.toFixed(0)} ms)\n`
      );
  }
}
