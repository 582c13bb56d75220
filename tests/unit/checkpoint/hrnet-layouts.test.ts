/**
 * HRNet checkpoints in the layouts people have, against a config named as pose_hrnet.py names
 * its modules: the official pose_hrnet state_dict (`conv1.weight`, `layer1.0.downsample.0.weight`,
 * `final_layer.weight`, no prefix; leoxiaobin/deep-high-resolution-net.pytorch's released
 * `pose_hrnet_w32_256x192.pth`), mmpose 0.x (`backbone.…`, `keypoint_head.final_layer.…`) and
 * mmpose 1.x (`backbone.…`, `head.final_layer.…`), bare or inside `{meta, state_dict}`, with or
 * without DataParallel's `module.`. The tensor names and shapes come from the official
 * pose_hrnet.py itself (hrnet-narrow.expected-keys.txt, written by tests/oracle/make_fixtures.py
 * from PyTorch), not from this code; each file is crafted byte by byte (craft.ts).
 */
import { describe, expect, it } from 'vitest';
import { expectedTensors, matchCheckpoint, readWeightsFiles } from '../../../src/lib/checkpoint';
import {
  contiguousTensors,
  float32Bytes,
  stateDictPickle,
  torchZip,
  wrappedStateDictPickle,
  type CraftedTensor
} from './craft';
import { fixtureGraph, fixtureText } from './fixtures';

/** The official state_dict: name and shape per line, num_batches_tracked as scalars. */
const OFFICIAL = fixtureText('hrnet-narrow.expected-keys.txt')
  .trim()
  .split('\n')
  .map((line) => {
    const [name, shape] = line.split('\t');
    return { name, shape: shape === 'scalar' ? [] : shape.split('x').map(Number) };
  });

const graph = fixtureGraph('hrnet-narrow');
const expected = expectedTensors(graph);

/** Tensor i holds i, i + 1/1024, …: its first value says which official tensor it was. */
function storages(tensors: CraftedTensor[]): Record<string, Uint8Array> {
  return Object.fromEntries(
    tensors.map((t, i) => [
      t.key,
      float32Bytes(Array.from({ length: t.storageNumel }, (_, j) => i + j / 1024))
    ])
  );
}

interface Layout {
  rename?: (name: string) => string;
  wrapped?: boolean;
}

function craft({ rename = (n) => n, wrapped = false }: Layout): Uint8Array {
  const tensors = contiguousTensors(OFFICIAL).map((t) => ({ ...t, name: rename(t.name) }));
  const pickle = wrapped ? wrappedStateDictPickle(tensors) : stateDictPickle(tensors);
  return torchZip(pickle, storages(tensors));
}

/** mmpose's HRNet: the same module names inside `backbone.`, the head as `<head>.final_layer`. */
const mmpose = (head: 'keypoint_head' | 'head') => (n: string) =>
  n.startsWith('final_layer.') ? `${head}.${n}` : `backbone.${n}`;

const indexOf = (name: string) => OFFICIAL.findIndex((t) => t.name === name);

async function load(name: string, bytes: Uint8Array) {
  const r = await readWeightsFiles([{ name, bytes }], expected);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('HRNet checkpoint layouts', () => {
  it('the official names are what this config expects (the test below could fail otherwise)', () => {
    expect(expected.map((t) => t.name)).toEqual(OFFICIAL.map((t) => t.name));
    expect(OFFICIAL.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'conv1.weight',
        'bn2.running_var',
        'layer1.0.downsample.0.weight',
        'transition1.1.0.0.weight',
        'stage2.0.fuse_layers.0.1.0.weight',
        'final_layer.bias'
      ])
    );
  });

  it.each<[string, Layout, string]>([
    ['official pose_hrnet, bare', {}, 'pose_hrnet_w32_256x192.pth'],
    ['official pose_hrnet, saved inside DataParallel', { rename: (n) => `module.${n}` }, 'x.pth'],
    ['mmpose 0.x (keypoint_head.final_layer)', { rename: mmpose('keypoint_head') }, 'x.pth'],
    [
      'mmpose 1.x (head.final_layer), nested in {meta, state_dict}',
      { rename: mmpose('head'), wrapped: true },
      'x.pth.tar'
    ]
  ])('%s loads every tensor with its own values', async (_, layout, file) => {
    const w = await load(file, craft(layout));
    expect(w.tensors.size).toBe(OFFICIAL.length);
    for (const name of ['conv1.weight', 'layer1.0.downsample.1.running_mean', 'final_layer.weight'])
      expect(w.tensors.get(name)!.data[0], name).toBe(indexOf(name));
  });

  it('says what it renamed', async () => {
    const w = await load('x.pth', craft({ rename: (n) => `module.${mmpose('head')(n)}` }));
    expect(w.notes).toEqual([
      'Removed the "module." prefix every key had (the model was saved inside DataParallel).',
      "Read mmpose's HRNet keys as pose_hrnet names them: backbone.* without the prefix, and its keypoint head's final_layer as final_layer."
    ]);
    expect((await load('x.pth', craft({}))).notes).toEqual([]);
  });

  it('matchCheckpoint (tensors in memory) reads mmpose 0.x keys the same way', () => {
    const tensors = new Map(
      OFFICIAL.map((t) => [
        mmpose('keypoint_head')(t.name),
        { shape: t.shape, data: new Float32Array(t.shape.reduce((a, b) => a * b, 1)) }
      ])
    );
    const r = matchCheckpoint(tensors, graph);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.tensors.has('final_layer.weight')).toBe(true);
  });

  it('a checkpoint for another joint count is refused, naming final_layer and the joints', async () => {
    // 16 joints (MPII) against this config's 17: final_layer.weight is 16x8x1x1.
    const tensors = contiguousTensors(
      OFFICIAL.map((t) =>
        t.name === 'final_layer.weight'
          ? { ...t, shape: [16, 8, 1, 1] }
          : t.name === 'final_layer.bias'
            ? { ...t, shape: [16] }
            : t
      )
    );
    const r = await readWeightsFiles(
      [{ name: 'x.pth', bytes: torchZip(stateDictPickle(tensors), storages(tensors)) }],
      expected
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(
      'final_layer.weight: the checkpoint has 16×8×1×1, this config needs 17×8×1×1'
    );
    expect(r.error).toContain('is the number of joints different');
  });

  it('a checkpoint with fewer stage 1 blocks says so', async () => {
    // pose_hrnet's layer1 has four bottlenecks; drop the last one (layer1.3.*).
    const fewer = contiguousTensors(OFFICIAL.filter((t) => !t.name.startsWith('layer1.3.')));
    const r = await readWeightsFiles(
      [{ name: 'x.pth', bytes: torchZip(stateDictPickle(fewer), storages(fewer)) }],
      expected
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toContain(
        'layer1.3.conv1.weight: missing from the checkpoint — does this config have more stage 1 blocks than the checkpoint?'
      );
  });

  it('a Lite-HRNet checkpoint against HRNet is refused as another network', async () => {
    const lite = expectedTensors(fixtureGraph('reduced'));
    const tensors = contiguousTensors(lite);
    const r = await readWeightsFiles(
      [{ name: 'x.pth', bytes: torchZip(stateDictPickle(tensors), storages(tensors)) }],
      expected
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toContain(
        'conv1.weight: missing from the checkpoint — is this the same network?'
      );
  });
});
