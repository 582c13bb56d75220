import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  expectedTensors,
  readTorchCheckpoint,
  type Checkpoint,
  type ExpectedTensor
} from '../../../src/lib/checkpoint';
import { expecting, float32Bytes, makeZip, stateDictPickle, torchZip } from './craft';
import { fixtureBytes, fixtureGraph } from './fixtures';

const reduced = () => expectedTensors(fixtureGraph('reduced'));

async function read(bytes: Uint8Array, expected: ExpectedTensor[]): Promise<Checkpoint> {
  const result = await readTorchCheckpoint(bytes, expected);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function refusal(bytes: Uint8Array, expected: ExpectedTensor[]): Promise<string> {
  const result = await readTorchCheckpoint(bytes, expected);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('readTorchCheckpoint on torch.save files', () => {
  it('reads the same 268 tensors from the zip, legacy and DEFLATE copies of one checkpoint', async () => {
    const zip = await read(fixtureBytes('reduced.zip.pth'), reduced());
    const legacy = await read(fixtureBytes('reduced.legacy.pth'), reduced());
    const deflate = await read(fixtureBytes('reduced.deflate.pth'), reduced());
    expect(zip.format).toBe('torch-zip');
    expect(legacy.format).toBe('torch-legacy');
    // 268 = the lines of reduced.expected-keys.txt, which make_fixtures.py checked against PyTorch.
    expect(zip.tensors.size).toBe(268);
    expect(legacy.tensors).toEqual(zip.tensors);
    expect(deflate.tensors).toEqual(zip.tensors);
  });

  it("reads mmcv's wrapper and notes what it left aside", async () => {
    const zip = await read(fixtureBytes('reduced.zip.pth'), reduced());
    expect(zip.notes).toEqual(['Read its state_dict; left aside: meta, optimizer.']);
    expect(zip.warnings).toEqual([]);
  });

  it('strips the DataParallel prefix of the legacy fixture and says so', async () => {
    const legacy = await read(fixtureBytes('reduced.legacy.pth'), reduced());
    expect(legacy.notes).toContain(
      'Removed the "module." prefix every key had (the model was saved inside DataParallel).'
    );
    expect(legacy.tensors.has('backbone.stem.conv1.conv.weight')).toBe(true);
  });

  it('converts float64, float16 and int64 storages and gathers strided views', async () => {
    // dtypes.pth: make_fixtures.py's make_dtypes(); base = arange(12).reshape(3, 4).
    const shapes = { f64: [3], f16: [4], i64: [], base: [3, 4], transposed: [4, 3], row: [4] };
    const t = (await read(fixtureBytes('dtypes.pth'), expecting(shapes))).tensors;
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
    const expected = expectedTensors(fixtureGraph('litehrnet18'));
    const { tensors } = await read(fixtureBytes('litehrnet18.f16.deflate.pth'), expected);
    const buffers = /\.(running_mean|running_var|num_batches_tracked)$/;
    const params = [...tensors]
      .filter(([name]) => !buffers.test(name))
      .reduce((s, [, t]) => s + t.data.length, 0);
    expect(params).toBe(1130769);
  });

  it('builds only the tensors the config needs, and notes the others', async () => {
    const pickle = stateDictPickle([
      { name: 'a', key: '0', storageNumel: 2, shape: [2], stride: [1] },
      { name: 'unused', key: '1', storageNumel: 3, shape: [3], stride: [1] }
    ]);
    const bytes = torchZip(pickle, { '0': float32Bytes([1, 2]), '1': float32Bytes([3, 4, 5]) });
    const { tensors, notes } = await read(bytes, expecting({ a: [2] }));
    expect([...tensors.keys()]).toEqual(['a']);
    expect(notes).toEqual(['1 tensors in the checkpoint are not used by this config: unused.']);
  });

  it('reads a ZIP64 copy and a hand-made DEFLATE copy like the plain zip', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 3, shape: [3], stride: [1] }
    ]);
    const storages = { '0': float32Bytes([1, -2, 0.5]) };
    for (const options of [{ zip64: true }, { deflate: true }, { zip64: true, deflate: true }]) {
      const { tensors } = await read(torchZip(pickle, storages, options), expecting({ w: [3] }));
      expect(Array.from(tensors.get('w')!.data), JSON.stringify(options)).toEqual([1, -2, 0.5]);
    }
  });

  it('loads NaN and infinite weights, with a warning naming the tensors', async () => {
    const pickle = stateDictPickle([
      { name: 'a', key: '0', storageNumel: 2, shape: [2], stride: [1] },
      { name: 'b', key: '1', storageNumel: 2, shape: [2], stride: [1] },
      { name: 'c', key: '2', storageNumel: 1, shape: [1], stride: [1] }
    ]);
    const bytes = torchZip(pickle, {
      '0': float32Bytes([1, NaN]),
      '1': float32Bytes([2, 3]),
      '2': float32Bytes([-Infinity])
    });
    const { tensors, warnings } = await read(bytes, expecting({ a: [2], b: [2], c: [1] }));
    expect(tensors.size).toBe(3);
    expect(warnings).toEqual([
      '2 tensors hold NaN or infinite values (a, c): they were loaded, but the heatmaps will likely be NaN.'
    ]);
  });
});

describe('readTorchCheckpoint refuses damaged and hostile files', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('refuses a truncated zip', async () => {
    const bytes = fixtureBytes('reduced.zip.pth');
    expect(await refusal(bytes.subarray(0, bytes.length >> 1), reduced())).toMatch(/truncated/);
  });

  it('refuses a truncated legacy file', async () => {
    const bytes = fixtureBytes('reduced.legacy.pth');
    expect(await refusal(bytes.subarray(0, bytes.length - 100), reduced())).toMatch(/truncated/);
  });

  it('refuses a file that is not a checkpoint', async () => {
    expect(await refusal(new TextEncoder().encode('<html>404</html>'), reduced())).toBe(
      'This checkpoint was not loaded: it is neither a torch.save zip nor a legacy torch.save pickle.'
    );
  });

  it('refuses a checkpoint for another config before building anything, in the fit sentence', async () => {
    const error = await refusal(fixtureBytes('reduced.zip.pth'), expecting({ other: [1] }));
    expect(error).toBe(
      [
        'This checkpoint does not fit the config (1 missing); nothing was loaded.',
        '- other: missing from the checkpoint — is this the same network?'
      ].join('\n')
    );
  });

  it('refuses a storage shorter than the pickle declares', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 4, shape: [4], stride: [1] }
    ]);
    const error = await refusal(
      torchZip(pickle, { '0': float32Bytes([1, 2]) }),
      expecting({ w: [4] })
    );
    expect(error).toMatch(
      /storage 0 should hold 4 float32 values \(16 bytes\) but entry archive\/data\/0 has 8 bytes/
    );
  });

  it('refuses a tensor reaching past the end of its storage', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 9, offset: 1, shape: [3, 3], stride: [3, 1] }
    ]);
    const error = await refusal(
      torchZip(pickle, { '0': float32Bytes(Array(9).fill(1)) }),
      expecting({ w: [3, 3] })
    );
    // Offset 1, then a 3x3 contiguous block: its last element is index 1 + 8 = 9 of 9.
    expect(error).toMatch(/w needs elements up to index 9 of its storage, which holds only 9/);
  });

  it('refuses a stride-0 view that shows more values than its storage holds', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 1, shape: [4, 4], stride: [0, 0] }
    ]);
    const error = await refusal(
      torchZip(pickle, { '0': float32Bytes([1]) }),
      expecting({ w: [4, 4] })
    );
    expect(error).toBe(
      'This checkpoint was not loaded: w shows 16 values from a storage of 1: a view that repeats values (stride 0 or overlapping strides) is refused.'
    );
  });

  it('refuses storages declaring far more values than the config needs', async () => {
    // A 2-value tensor in a storage declared 1,000,000 long: 2 + ceil(2/16) + 4096 = 4099 allowed.
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 1_000_000, shape: [2], stride: [1] }
    ]);
    const error = await refusal(
      torchZip(pickle, { '0': float32Bytes([1, 2]) }),
      expecting({ w: [2] })
    );
    expect(error).toBe(
      "This checkpoint was not loaded: its storages declare 1000000 values, more than the 4099 this config's weights need (2, plus a margin): a forged or padded file."
    );
  });

  it('refuses a zip entry whose CRC-32 does not match', async () => {
    const pickle = stateDictPickle([
      { name: 'w', key: '0', storageNumel: 1, shape: [1], stride: [1] }
    ]);
    const bytes = makeZip([
      { name: 'archive/data.pkl', data: pickle },
      { name: 'archive/data/0', data: float32Bytes([1]), crc: 12345 }
    ]);
    expect(await refusal(bytes, expecting({ w: [1] }))).toBe(
      'This checkpoint was not loaded: the zip entry archive/data/0 fails its CRC-32 check: the file is damaged (a bad download or disk?).'
    );
  });

  it('refuses an unknown global inside a zip checkpoint', async () => {
    const pickle = stateDictPickle([
      { name: 'w', storageType: 'system', key: '0', storageNumel: 1, shape: [1], stride: [1] }
    ]);
    expect(
      await refusal(torchZip(pickle, { '0': float32Bytes([1]) }), expecting({ w: [1] }))
    ).toMatch(/torch\.system/);
  });

  it('says plainly when DEFLATE entries cannot be decompressed here', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    expect(await refusal(fixtureBytes('reduced.deflate.pth'), reduced())).toMatch(
      /cannot decompress it/
    );
  });

  it('reads a hand-made zip checkpoint exactly', async () => {
    const pickle = stateDictPickle([
      { name: 'a', key: '0', storageNumel: 6, shape: [2, 3], stride: [3, 1] },
      { name: 'b', key: '0', storageNumel: 6, offset: 1, shape: [2], stride: [3] }
    ]);
    const bytes = torchZip(pickle, { '0': float32Bytes([1, 2, 3, 4, 5, 6]) });
    const { tensors } = await read(bytes, expecting({ a: [2, 3], b: [2] }));
    expect(Array.from(tensors.get('a')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    // Offset 1, stride 3: elements 1 and 4 of the storage.
    expect(Array.from(tensors.get('b')!.data)).toEqual([2, 5]);
  });
});
