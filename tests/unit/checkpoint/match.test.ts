import { describe, expect, it } from 'vitest';
import {
  expectedTensors,
  matchCheckpoint,
  readTorchCheckpoint,
  type TensorMap
} from '../../../src/lib/checkpoint';
import { buildGraph, cloneConfig, presetConfig } from '../../../src/lib/model';
import { fixtureBytes, fixtureConfig, fixtureGraph, fixtureText } from './fixtures';

/** A fixture's tensors, read for the config it was saved from. */
async function tensorsOf(file: string): Promise<TensorMap> {
  const id = file.startsWith('litehrnet18') ? 'litehrnet18' : 'reduced';
  const result = await readTorchCheckpoint(fixtureBytes(file), expectedTensors(fixtureGraph(id)));
  if (!result.ok) throw new Error(result.error);
  return result.value.tensors;
}

function errorOf(result: ReturnType<typeof matchCheckpoint>): string {
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('expectedTensors', () => {
  it.each(['reduced', 'litehrnet18'])(
    '%s: names and shapes equal the PyTorch reference state_dict (checked by make_fixtures.py)',
    (id) => {
      const lines = fixtureText(`${id}.expected-keys.txt`).trim().split('\n');
      const fromGraph = expectedTensors(fixtureGraph(id)).map(
        (t) => `${t.name}\t${t.shape.length ? t.shape.join('x') : 'scalar'}`
      );
      expect(fromGraph).toEqual(lines);
    }
  );

  it("gives a depthwise conv's weight one input channel per group", () => {
    const stem = expectedTensors(fixtureGraph('reduced')).find(
      (t) => t.name === 'backbone.stem.depthwise_conv.conv.weight'
    );
    // Stem 16 wide, expand ratio 1: the second half (8 channels) expands to round(16 · 1) = 16.
    expect(stem?.shape).toEqual([16, 1, 3, 3]);
  });
});

describe('matchCheckpoint', () => {
  it('loads every tensor of the reduced fixture into its config', async () => {
    const result = matchCheckpoint(await tensorsOf('reduced.zip.pth'), fixtureGraph('reduced'));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.tensors.size).toBe(268);
      expect(result.value.notes).toEqual([]);
    }
  });

  it('strips the DataParallel prefix and says so', async () => {
    const tensors = await tensorsOf('reduced.zip.pth');
    const wrapped = new Map([...tensors].map(([k, v]) => [`module.${k}`, v]));
    const result = matchCheckpoint(wrapped, fixtureGraph('reduced'));
    expect(result.ok && result.value.notes[0]).toMatch(/Removed the "module\." prefix/);
    expect(result.ok && result.value.tensors.has('backbone.stem.conv1.conv.weight')).toBe(true);
  });

  it('refuses another reduce ratio, naming the tensor and both shapes', async () => {
    const config = fixtureConfig('reduced');
    config.stages[0].reduceRatio = 4;
    const error = errorOf(matchCheckpoint(await tensorsOf('reduced.zip.pth'), buildGraph(config)));
    // Stage 0 halves: 4 + 8 = 12 channels; ratio 2 gives 6 hidden channels, ratio 4 gives 3.
    expect(error).toContain(
      '- backbone.stage0.0.layers.0.cross_resolution_weighting.conv1.conv.weight: the checkpoint has 6×12×1×1, this config needs 3×12×1×1 — is the reduce ratio different?'
    );
    expect(error).toMatch(
      /^This checkpoint does not fit the config \(\d+ with another shape\); nothing was loaded\./
    );
  });

  it('refuses another number of joints', async () => {
    const config = fixtureConfig('reduced');
    config.joints = 17;
    const error = errorOf(matchCheckpoint(await tensorsOf('reduced.zip.pth'), buildGraph(config)));
    expect(error).toBe(
      [
        'This checkpoint does not fit the config (2 with another shape); nothing was loaded.',
        '- keypoint_head.final_layer.weight: the checkpoint has 3×8×1×1, this config needs 17×8×1×1 — is the number of joints different (COCO has 17, MPII 16)?',
        '- keypoint_head.final_layer.bias: the checkpoint has 3, this config needs 17 — is the number of joints different (COCO has 17, MPII 16)?'
      ].join('\n')
    );
  });

  it('notes the keypoint head as extra when the config leaves it off', async () => {
    const config = fixtureConfig('reduced');
    config.keypointHead = false;
    const result = matchCheckpoint(await tensorsOf('reduced.zip.pth'), buildGraph(config));
    expect(result.ok && result.value.notes).toEqual([
      '2 tensors in the checkpoint are not used by this config: keypoint_head.final_layer.weight, keypoint_head.final_layer.bias.'
    ]);
  });

  it('accepts a checkpoint without num_batches_tracked, as PyTorch does', async () => {
    const tensors = await tensorsOf('reduced.zip.pth');
    for (const name of [...tensors.keys()])
      if (name.endsWith('num_batches_tracked')) tensors.delete(name);
    expect(matchCheckpoint(tensors, fixtureGraph('reduced')).ok).toBe(true);
  });

  it('refuses a checkpoint missing a weight', async () => {
    const tensors = await tensorsOf('reduced.zip.pth');
    tensors.delete('backbone.stem.conv1.bn.running_var');
    expect(errorOf(matchCheckpoint(tensors, fixtureGraph('reduced')))).toContain(
      '- backbone.stem.conv1.bn.running_var: missing from the checkpoint — is this the same network?'
    );
  });

  it('refuses Lite-HRNet-18 weights for Lite-HRNet-30, listing five problems and a count of the rest', async () => {
    const config = cloneConfig(presetConfig('litehrnet_30', { height: 64, width: 32 }));
    const error = errorOf(
      matchCheckpoint(await tensorsOf('litehrnet18.f16.deflate.pth'), buildGraph(config))
    );
    // -30 has modules (3, 8, 3) where -18 has (2, 4, 2): stage0.2 is the first one missing.
    expect(error).toMatch(/\(\d+ missing\)/);
    expect(error.split('\n')[1]).toBe(
      '- backbone.stage0.2.layers.0.cross_resolution_weighting.conv1.conv.weight: missing from the checkpoint — does this config have more stages, branches, modules or blocks than the checkpoint?'
    );
    expect(error.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(5);
    expect(error).toMatch(/…and \d+ more\.$/);
  });
});
