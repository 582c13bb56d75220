/**
 * The config's normalisation reaches the network: a job on an image with a BGR, non-ImageNet
 * data_preprocessor gives the same heatmaps as a job on the input tensor computed by hand from
 * the same pixels ((pixel − mean) / std, blue first), and different ones from ImageNet's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputNormalisation } from '$lib/model/normalisation';
import type { RunRequest } from '$lib/tf/protocol';
import { runJob } from '$lib/tf/session';
import { fixtureConfig } from '../checkpoint/fixtures';
import { useWasm } from './setup';

beforeAll(useWasm);

const config = fixtureConfig('reduced');
const { height, width } = config.input;
/** Pixels that vary per channel and place: p(x, c) = (37·x + 91·c) mod 256, alpha 255. */
const pixels = new Uint8ClampedArray(height * width * 4);
for (let p = 0; p < height * width; p++) {
  for (let c = 0; c < 3; c++) pixels[p * 4 + c] = (37 * p + 91 * c) % 256;
  pixels[p * 4 + 3] = 255;
}

const n: InputNormalisation = { mean: [10, 100, 200], std: [50, 25, 80], order: 'bgr' };

/** NCHW by hand: input channel c is pixel channel 2 − c (BGR), then (v − mean[c]) / std[c]. */
function byHand(): Float32Array {
  const plane = height * width;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++)
    for (let p = 0; p < plane; p++)
      out[c * plane + p] = (pixels[p * 4 + (2 - c)] - n.mean[c]) / n.std[c];
  return out;
}

async function heatmaps(extra: Partial<RunRequest>): Promise<Float32Array> {
  const req: RunRequest = {
    type: 'run',
    jobId: 1,
    config,
    image: { height, width, data: pixels },
    backend: 'wasm',
    warmup: 0,
    runs: 1,
    seed: 7,
    ...extra
  };
  const r = await runJob(req, { name: 'wasm', reason: 'test' });
  return Float32Array.from(r.outputs.flatMap((o) => [...o.data]));
}

describe('a job normalises its image as the config says', () => {
  it('equals the hand-normalised tensor, and differs from ImageNet’s normalisation', async () => {
    const viaImage = await heatmaps({ normalisation: n });
    const viaTensor = await heatmaps({ inputTensor: byHand() });
    const imagenet = await heatmaps({});
    const diff = (a: Float32Array, b: Float32Array) =>
      a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(diff(viaImage, viaTensor)).toBeLessThan(1e-5);
    // Seeded weights damp the input (~1e-3 apart here): still a hundred times the tolerance above.
    expect(diff(viaImage, imagenet)).toBeGreaterThan(1e-4);
  });
});
