/**
 * Checkpoints in the layouts people have: mmpose 0.x keys (`keypoint_head.final_layer.*`, the
 * official repository's and mmpose's model zoo files) and 1.x keys (`head.final_layer.*`, what
 * mmpose 1.x saves after training), a bare state_dict or one inside mmcv/mmengine's
 * `{meta, state_dict}`, with or without DataParallel's `module.`, named .pth or .pth.tar. Each is
 * crafted byte by byte (craft.ts) with known values, so a test can say where every value must land.
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
import { fixtureGraph } from './fixtures';

const graph = fixtureGraph('reduced');
const expected = expectedTensors(graph);
const HEAD_WEIGHT = 'keypoint_head.final_layer.weight';

/** Tensor i holds the values i, i + 1/1024, …: each tensor's values say which one it is. */
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
  const tensors = contiguousTensors(expected).map((t) => ({ ...t, name: rename(t.name) }));
  const pickle = wrapped ? wrappedStateDictPickle(tensors) : stateDictPickle(tensors);
  return torchZip(pickle, storages(tensors));
}

const to1x = (n: string) => n.replace(/^keypoint_head\./, 'head.');
const headIndex = expected.findIndex((t) => t.name === HEAD_WEIGHT);

async function load(name: string, bytes: Uint8Array) {
  const r = await readWeightsFiles([{ name, bytes }], expected);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('checkpoint layouts: mmpose 0.x and 1.x keys, bare or nested, module. or not', () => {
  it('the reduced network has a keypoint head to rename (a test that could not fail otherwise)', () => {
    expect(headIndex).toBeGreaterThan(0);
    expect(expected.filter((t) => t.name.startsWith('keypoint_head.'))).toHaveLength(2);
  });

  it.each<[string, Layout, string]>([
    ['0.x keys, bare', {}, 'x.pth'],
    ['0.x keys, nested in {meta, state_dict}', { wrapped: true }, 'x.pth.tar'],
    ['1.x keys (head.final_layer.*), bare', { rename: to1x }, 'x.pth'],
    [
      '1.x keys, nested, saved inside DataParallel',
      { rename: (n) => `module.${to1x(n)}`, wrapped: true },
      'x.pth.tar'
    ]
  ])('%s loads every tensor with its own values', async (_, layout, file) => {
    const w = await load(file, craft(layout));
    expect(w.tensors.size).toBe(expected.length);
    // The head's weight is tensor number headIndex: its first value says so.
    expect(w.tensors.get(HEAD_WEIGHT)!.data[0]).toBe(headIndex);
    expect(w.tensors.get('keypoint_head.final_layer.bias')!.data[0]).toBe(headIndex + 1);
    expect([...w.tensors.keys()]).toEqual(expected.map((t) => t.name));
  });

  it('says when it read 1.x head keys and stripped module.', async () => {
    const w = await load('x.pth', craft({ rename: (n) => `module.${to1x(n)}`, wrapped: true }));
    expect(w.notes).toEqual([
      'Read its state_dict; left aside: meta.',
      'Removed the "module." prefix every key had (the model was saved inside DataParallel).',
      "Read mmpose 1.x's head.* keys as keypoint_head.* (the same 1x1 keypoint head, named as in mmpose 0.x)."
    ]);
  });

  it('a 1.x checkpoint with another joint count is refused, naming the head and the joints', async () => {
    const tensors = contiguousTensors(expected).map((t) =>
      t.name === HEAD_WEIGHT
        ? { ...t, name: 'head.final_layer.weight', shape: [5, 8, 1, 1], storageNumel: 40 }
        : { ...t, name: to1x(t.name) }
    );
    const r = await readWeightsFiles(
      [{ name: 'x.pth', bytes: torchZip(stateDictPickle(tensors), storages(tensors)) }],
      expected
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toContain('keypoint_head.final_layer.weight: the checkpoint has 5×8×1×1');
    if (!r.ok) expect(r.error).toContain('is the number of joints different');
  });

  it('matchCheckpoint (weights already in memory) reads 1.x keys the same way', () => {
    const tensors = new Map(
      expected.map((t) => [
        to1x(t.name),
        { shape: t.shape, data: new Float32Array(t.shape.reduce((a, b) => a * b, 1)) }
      ])
    );
    const r = matchCheckpoint(tensors, graph);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.tensors.has(HEAD_WEIGHT)).toBe(true);
  });
});
