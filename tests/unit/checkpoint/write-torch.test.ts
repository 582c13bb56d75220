import { describe, expect, it } from 'vitest';
import { expectedTensors, readTorchCheckpoint, type TensorMap } from '$lib/checkpoint';
import { writeTorchCheckpoint } from '$lib/checkpoint/write-torch';
import { readZipDirectory } from '$lib/checkpoint/zip';
import { buildGraph } from '$lib/model';
import { uniformArray } from '$lib/tf/prng';
import { tinyConfig } from '$lib/train/tiny';

const graph = buildGraph(tinyConfig('tiny-lite'));
const expected = expectedTensors(graph);

/** Every tensor of the tiny model's state_dict with seeded values; counters 0, 1, 2, …. */
function stateOf(seed: number): TensorMap {
  const state: TensorMap = new Map();
  expected.forEach((t, i) => {
    const size = t.shape.reduce((a, b) => a * b, 1);
    const data = t.name.endsWith('.num_batches_tracked')
      ? Float32Array.of(i)
      : uniformArray(seed, t.name, size, -2, 2);
    state.set(t.name, { shape: [...t.shape], data });
  });
  return state;
}

function write(state: TensorMap): Uint8Array {
  const r = writeTorchCheckpoint(state);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('writeTorchCheckpoint', () => {
  it('round-trips through the reader with identical tensors, counters included', async () => {
    const state = stateOf(5);
    const read = await readTorchCheckpoint(write(state), expected);
    if (!read.ok) throw new Error(read.error);
    expect(read.value.format).toBe('torch-zip');
    expect([...read.value.tensors.keys()]).toEqual([...state.keys()]);
    for (const [name, t] of state) {
      const got = read.value.tensors.get(name)!;
      expect(got.shape, name).toEqual(t.shape);
      expect(got.data, name).toEqual(t.data);
    }
    expect(read.value.warnings).toEqual([]);
  });

  it('lays the archive out as torch.save does: stored entries, data on 64-byte boundaries, version 3', () => {
    const bytes = write(stateOf(1));
    const entries = readZipDirectory(bytes);
    const names = [...entries.keys()];
    // data.pkl first, one storage per tensor (0, 1, …), the version record last.
    expect(names[0]).toBe('archive/data.pkl');
    expect(names.slice(1, -1)).toEqual(expected.map((_, i) => `archive/data/${i}`));
    expect(names.at(-1)).toBe('archive/version');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    for (const e of entries.values()) {
      expect(e.method, e.name).toBe(0);
      const nameLength = view.getUint16(e.localHeaderOffset + 26, true);
      const extraLength = view.getUint16(e.localHeaderOffset + 28, true);
      const start = e.localHeaderOffset + 30 + nameLength + extraLength;
      expect(start % 64, e.name).toBe(0);
      if (extraLength > 0) expect(view.getUint16(start - extraLength, true)).toBe(0x4246); // "FB"
    }
    const version = entries.get('archive/version')!;
    const at = version.localHeaderOffset;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    expect(new TextDecoder().decode(bytes.subarray(start, start + version.size))).toBe('3\n');
    const pkl = entries.get('archive/data.pkl')!;
    const p = pkl.localHeaderOffset;
    const pklStart = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    expect([...bytes.subarray(pklStart, pklStart + 2)]).toEqual([0x80, 2]); // PROTO 2
  });

  it('stores num_batches_tracked as 8-byte int64 and weights as 4-byte float32', () => {
    const state: TensorMap = new Map([
      ['a.bn.weight', { shape: [3], data: Float32Array.of(1, 2, 3) }],
      ['a.bn.num_batches_tracked', { shape: [], data: Float32Array.of(300) }]
    ]);
    const bytes = write(state);
    const entries = readZipDirectory(bytes);
    expect(entries.get('archive/data/0')!.size).toBe(12);
    const counter = entries.get('archive/data/1')!;
    expect(counter.size).toBe(8);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const at = counter.localHeaderOffset;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    expect(view.getBigInt64(start, true)).toBe(300n);
  });

  it('refuses a tensor whose values do not fill its shape, in words', () => {
    const r = writeTorchCheckpoint(
      new Map([['x.weight', { shape: [2, 2], data: new Float32Array(3) }]])
    );
    expect(r).toEqual({
      ok: false,
      error: 'The tensor x.weight has 3 values but its shape 2x2 needs 4.'
    });
  });
});
