import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTorchCheckpoint, expectedTensors } from '$lib/checkpoint';
import { buildGraph } from '$lib/model';
import { tinyConfig } from '$lib/train/tiny';
import { parseTrainArgs, type TrainArgs } from '../../../src/cli/train-args';
import { runTrain } from '../../../src/cli/train-run';

beforeAll(async () => {
  // The CLI's default backend.
  await tf.setBackend('wasm');
});

function args(argv: string[]): TrainArgs {
  const parsed = parseTrainArgs(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.args;
}

const error = (argv: string[]) => {
  const parsed = parseTrainArgs(argv);
  return parsed.ok ? 'parsed' : parsed.error;
};

const io = (files: Record<string, string> = {}) => ({
  readText: (path: string) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path];
  },
  now: () => performance.now()
});

describe('train CLI arguments', () => {
  it('reads a tiny preset, the steps, the seed and the defaults', () => {
    const a = args(['--preset', 'tiny-naive', '--steps', '5', '--seed', '9']);
    expect(a).toMatchObject({
      tiny: 'tiny-naive',
      preset: null,
      steps: 5,
      seed: 9,
      batch: 16,
      backend: 'wasm'
    });
    expect(
      args(['--preset', 'tiny-lite', '--steps', '1', '--seed', '0', '--backend', 'cpu']).backend
    ).toBe('cpu');
    expect(a.json).toBe(false);
    expect(a.out).toBeNull();
    expect(
      args(['--preset', 'litehrnet_18', '--steps', '1', '--seed', '0', '--lr', '1e-3'])
    ).toMatchObject({
      tiny: null,
      preset: 'litehrnet_18',
      lr: 0.001
    });
  });

  it('refuses what it cannot use, in one sentence each', () => {
    expect(error(['--preset', 'tiny-lite', '--seed', '1'])).toBe(
      '--steps is required (see --help)'
    );
    expect(error(['--preset', 'tiny-lite', '--steps', '0', '--seed', '1'])).toBe(
      '--steps must be between 1 and 100000, not 0 (see --help)'
    );
    expect(error(['--preset', 'tiny-lite', '--steps', '2', '--seed', 'x'])).toBe(
      "--seed must be a whole number, not 'x' (see --help)"
    );
    expect(error(['--preset', 'tiny-lite', '--steps', '2', '--seed', '1', '--lr', 'fast'])).toBe(
      "--lr must be a number above 0 and at most 1, such as 0.002, not 'fast' (see --help)"
    );
    expect(error(['--preset', 'tiny-lite', '--steps', '2', '--seed', '1', '--batch', '1'])).toBe(
      '--batch must be between 2 and 256, not 1 (see --help)'
    );
    expect(error(['--preset', 'tiny', '--steps', '2', '--seed', '1'])).toMatch(
      /^unknown preset 'tiny'; choose one of .*, or a tiny model: tiny-lite, tiny-naive \(see --help\)$/
    );
    expect(
      error(['--preset', 'tiny-lite', '--config', 'a.json', '--steps', '2', '--seed', '1'])
    ).toBe('give exactly one of --preset, --config or --link (see --help)');
    expect(
      error(['--preset', 'tiny-lite', '--steps', '2', '--seed', '1', '--backend', 'webgl'])
    ).toBe("--backend must be wasm or cpu, not 'webgl' (see --help)");
  });

  it('a config the synthetic task cannot feed is refused before any training', async () => {
    const mpii = JSON.stringify({ ...tinyConfig('tiny-lite'), joints: 16 });
    const odd = JSON.stringify(tinyConfig('tiny-lite', { height: 66, width: 48 }));
    const run = (file: string) =>
      runTrain(args(['--config', 'c.json', '--steps', '1', '--seed', '1']), io({ 'c.json': file }));
    expect(await run(mpii)).toEqual({
      ok: false,
      error:
        "The synthetic task has COCO's 17 keypoints; this config predicts 16. Set its joints to 17."
    });
    expect(await run(odd)).toEqual({
      ok: false,
      error:
        'The synthetic images cannot be made: The height must be a multiple of 4 pixels (the heatmaps are a quarter of the input); it is 66.'
    });
  });
});

describe('train CLI: learning', () => {
  it('tiny-lite, seed 1: the mean of the last 5 of 30 losses is at most half the first', async () => {
    // Batch 8 at lr 0.01 keeps the run short; the default tiny model and the real synthetic task.
    const a = args(['--preset', 'tiny-lite', '--steps', '30', '--seed', '1', '--batch', '8']);
    const r = await runTrain({ ...a, lr: 0.01, validation: 16 }, io());
    if (!r.ok) throw new Error(r.error);
    const losses = r.report.steps.map((s) => s.loss);
    const last5 = losses.slice(-5).reduce((x, y) => x + y, 0) / 5;
    expect(losses).toHaveLength(30);
    expect(last5).toBeLessThanOrEqual(0.5 * losses[0]);
    expect(r.report.validation.pck).toBeGreaterThan(0);
  }, 120_000);
});

describe('train CLI: learning beyond the mean pose', () => {
  // What the network learns must beat the mean pose on held-out images (PCK@0.2, both on the
  // same 256 validation images). Measured on wasm when this test was written (eval every 100
  // steps): seed 1 gives 0.806 against the baseline's 0.720 at step 400; seeds 2 and 3 give
  // 0.811 vs 0.771 and 0.779 vs 0.724, so every seed tried clears it by 4 points or more.
  it('tiny-lite, seed 1, 400 steps of 16 at lr 0.005: validation PCK@0.2 beats the mean-pose baseline', async () => {
    const a = args(['--preset', 'tiny-lite', '--steps', '400', '--seed', '1', '--batch', '16']);
    const r = await runTrain({ ...a, lr: 0.005, validation: 256 }, io());
    if (!r.ok) throw new Error(r.error);
    expect(r.report.backend).toBe('wasm');
    expect(r.report.validation.pck).toBeGreaterThan(r.report.validation.baselinePck);
  }, 600_000);
});

describe('train CLI: a network other than the tiny ones', () => {
  it('is said to be slow before the first step', async () => {
    const said: string[] = [];
    const file = JSON.stringify(tinyConfig('tiny-naive'));
    const a = args(['--config', 'c.json', '--steps', '1', '--seed', '1', '--batch', '2']);
    const r = await runTrain(
      { ...a, validation: 2 },
      {
        ...io({ 'c.json': file }),
        warn: (text) => said.push(`warn: ${text}`),
        onStep: (step) => said.push(`step ${step}`)
      }
    );
    expect(r.ok).toBe(true);
    expect(said[0]).toMatch(
      /^warn: this network at 64x48 is slow to train on tfjs's wasm backend in Node/
    );
    expect(said[1]).toBe('step 1');
  }, 60_000);
});

describe('train CLI (a process)', () => {
  const train = (argv: string[]) =>
    spawnSync('node_modules/.bin/tsx', ['src/cli/train.ts', ...argv], {
      encoding: 'utf8',
      timeout: 120_000
    });

  it('bad arguments: one line on stderr, exit 1; --help: the usage, exit 0', () => {
    const bad = train(['--preset', 'tiny-lite', '--steps', 'many', '--seed', '1']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(
      "train: --steps must be a whole number, not 'many' (see --help)"
    );
    const help = train(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run --silent train -- /);
  }, 120_000);

  it('--json prints one object with the documented fields; --out writes a .pth the reader takes', () => {
    const out = `${process.env.TMPDIR ?? '/tmp'}/train-cli-${process.pid}.pth`;
    const r = train([
      ...['--preset', 'tiny-naive', '--steps', '2', '--seed', '4', '--batch', '2'],
      ...['--validation', '4', '--json', '--out', out]
    ]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      'steps',
      'validation',
      'backend',
      'stepsPerSecond',
      'config'
    ]);
    expect(report.steps.map((s: { step: number }) => s.step)).toEqual([1, 2]);
    expect(Object.keys(report.validation)).toEqual(['pck', 'ap', 'baselinePck']);
    expect(report.backend).toBe('wasm');
    expect(report.config).toEqual(tinyConfig('tiny-naive'));
    return readBack(out);
  }, 120_000);
});

async function readBack(path: string) {
  const { readFileSync, rmSync } = await import('node:fs');
  const bytes = new Uint8Array(readFileSync(path));
  rmSync(path);
  const read = await readTorchCheckpoint(
    bytes,
    expectedTensors(buildGraph(tinyConfig('tiny-naive')))
  );
  if (!read.ok) throw new Error(read.error);
  // 374 entries: PyTorch's state_dict of tiny-naive (tests/parity/reference.py).
  expect(read.value.tensors.size).toBe(374);
  // Two steps: every BatchNorm has seen 2 batches per call.
  const counters = [...read.value.tensors].filter(([k]) => k.endsWith('num_batches_tracked'));
  expect(counters.every(([, t]) => t.data[0] === 2 || t.data[0] === 4)).toBe(true);
}
