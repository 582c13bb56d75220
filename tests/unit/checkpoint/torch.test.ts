import { afterEach, describe, expect, it, vi } from 'vitest';
import { readTorchCheckpoint, type Checkpoint, type TensorMap } from '../../../src/lib/checkpoint';
import { float32Bytes, stateDictPickle, torchZip } from './craft';
import { fixtureBytes } from './fixtures';

async function read(bytes: Uint8Array): Promise<Checkpoint> {
  const result = await readTorchCheckpoint(bytes);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const result = await readTorchCheckpoint(bytes);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

function withoutPrefix(tensors: TensorMap): TensorMap {
  return new Map([...tensors].map(([k, v]) => [k.replace(/^module\./, ''), v]));
}

describe('readTorchCheckpoint on torch.save files', () => {
  it('reads the same 268 tensors from the zip, legacy and DEFLATE copies of one checkpoint', async () => {
    const zip = await read(fixtureBytes('reduced.zip.pth'));
    const legacy = await read(fixtureBytes('reduced.legacy.pth'));
    const deflate = await read(fixtureBytes('reduced.deflate.pth'));
    expect(zip.format).toBe('torch-zip');
    expect(legacy.format).toBe('torch-legacy');
    // 268 = the lines of reduced.expected-keys.txt, which make_fixtures.py checked against PyTorch.
    expect(zip.tensors.size).toBe(268);
    expect(withoutPrefix(legacy.tensors)).toEqual(zip.tensors);
    expect(deflate.tensors).toEqual(zip.tensors);
  });

  it("reads mmcv's wrapper and notes what it left aside", async () => {
    const zip = await read(fixtureBytes('reduced.zip.pth'));
    expect(zip.notes).toEqual(['Read its state_dict; left aside: meta, optimizer.']);
  });

  it('converts float64, float16 and int64 storages and gathers strided views', async () => {
    // dtypes.pth: make_fixtures.py's make_dtypes(); base = arange(12).reshape(3, 4).
    const t = (await read(fixtureBytes('dtypes.pth'))).tensors;
    expect(Array.from(t.get('f64')!.data)).toEqual([0.1, -2.5, 1e-3].map(Math.fround));
    expect(Array.from(t.get('f16')!.data)).toEqual([1, -0.5, 65504, 2 ** -24]);
    expect(t.get('i64')).toEqual({ shape: [], data: new Float32Array([Math.fround(123456789)]) });
    expect(t.get('base')!.shape).toEqual([3, 4]);
    // base.t(): column-major walk of the 3x4 grid.
    expect(t.get('transposed')!.shape).toEqual([4, 3]);
    expect(Array.from(t.get('transposed')!.data)).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    // base[1]: offset 4 into the shared storage.
    expect(Array.from(t.get('row')!.data)).toEqual([4, 5, 6, 7]);
  });

  it('reads a float16 Lite-HRNet-18 whose weights count 1,130,769 parameters, as the official README says', async () => {
    const { tensors } = await read(fixtureBytes('litehrnet18.f16.deflate.pth'));
    const buffers = /\.(running_mean|running_var|num_batches_tracked)$/;
    const params = [...tensors]
      .filter(([name]) => !buffers.test(name))
      .reduce((s, [, t]) => s + t.data.length, 0);
    expect(params).toBe(1130769);
  });
});

describe('readTorchCheckpoint refuses damaged and hostile files', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refuses a truncated zip', async () => {
    const bytes = fixtureBytes('reduced.zip.pth');
    expect(await refusal(bytes.subarray(0, bytes.length >> 1))).toMatch(/truncated/);
  });

  it('refuses a truncated legacy file', async () => {
    const bytes = fixtureBytes('reduced.legacy.pth');
    expect(await refusal(bytes.subarray(0, bytes.length - 100))).toMatch(/truncated/);
  });

  it('refuses a file that is not a checkpoint', async () => {
    expect(await refusal(new TextEncoder().encode('<html>404</html>'))).toBe(
      'This checkpoint was not loaded: it is neither a torch.save zip nor a legacy torch.save pickle.'
    );
  });

  it('refuses a storage shorter than the pickle declares', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 4, shape: [4], stride: [1] }
    ]);
    const error = await refusal(torchZip(pickle, { '0': float32Bytes([1, 2]) }));
    expect(error).toMatch(
      /storage 0 should hold 4 float32 values \(16 bytes\) but entry archive\/data\/0 has 8 bytes/
    );
  });

  it('refuses a tensor reaching past the end of its storage', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 4, shape: [3, 3], stride: [3, 1] }
    ]);
    const error = await refusal(torchZip(pickle, { '0': float32Bytes([1, 2, 3, 4]) }));
    // The last element of a 3x3 contiguous tensor is index 8.
    expect(error).toMatch(/w needs elements up to index 8 of its storage, which holds only 4/);
  });

  it('refuses a forged size before allocating it', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 1, shape: [100000, 100000, 100000], stride: [0, 0, 0] }
    ]);
    const error = await refusal(torchZip(pickle, { '0': float32Bytes([1]) }));
    expect(error).toMatch(/w claims 1000000000000000 elements/);
  });

  it('refuses an unknown global inside a zip checkpoint', async () => {
    const pickle = stateDictPickle([
      { name: 'w', storageType: 'system', key: '0', storageNumel: 1, shape: [1], stride: [1] }
    ]);
    expect(await refusal(torchZip(pickle, { '0': float32Bytes([1]) }))).toMatch(/torch\.system/);
  });

  it('says plainly when DEFLATE entries cannot be decompressed here', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    expect(await refusal(fixtureBytes('reduced.deflate.pth'))).toMatch(/cannot decompress it/);
  });

  it('reads a hand-made zip checkpoint exactly', async () => {
    const pickle = stateDictPickle([
      { name: 'a', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] },
      { name: 'b', key: '0', storageNumel: 6, offset: 1, shape: [2], stride: [3] }
    ]);
    const { tensors } = await read(torchZip(pickle, { '0': float32Bytes([1, 2, 3, 4, 5, 6]) }));
    expect(Array.from(tensors.get('a')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    // Offset 1, stride 3: elements 1 and 4 of the storage.
    expect(Array.from(tensors.get('b')!.data)).toEqual([2, 5]);
  });
});
