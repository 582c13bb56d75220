import { describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from '../../../src/lib/checkpoint';
import { fixtureBytes } from './fixtures';

function ok<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('readNpy / writeNpy', () => {
  it('reads numpy.save files: the fixture input is 1x3x64x48 float32', () => {
    const input = ok(readNpy(fixtureBytes('reduced.input.npy')));
    expect(input.shape).toEqual([1, 3, 64, 48]);
    expect(input.data.length).toBe(3 * 64 * 48);
  });

  it.each(['reduced.input.npy', 'reduced.official.heatmaps.npy', 'litehrnet18.heatmaps.npy'])(
    'writes %s back byte for byte as numpy wrote it',
    (name) => {
      const bytes = fixtureBytes(name);
      expect(writeNpy(ok(readNpy(bytes)))).toEqual(bytes);
    }
  );

  it('round-trips 1-D and scalar shapes with exact values', () => {
    const values = new Float32Array([1.5, -0, Infinity, 3e-39]);
    for (const shape of [[4], [2, 2], [1, 4, 1]]) {
      expect(ok(readNpy(writeNpy({ shape, data: values })))).toEqual({ shape, data: values });
    }
    const scalar = { shape: [], data: new Float32Array([7]) };
    expect(ok(readNpy(writeNpy(scalar)))).toEqual(scalar);
  });

  it('pads the header as numpy does: data starts at a multiple of 64', () => {
    const bytes = writeNpy({ shape: [2], data: new Float32Array([1, 2]) });
    // 10 bytes of preamble + a 57-character dict + padding + a newline reach 128, numpy's usual size.
    expect(bytes.length - 8).toBe(128);
    expect(bytes[127]).toBe(0x0a);
  });

  it('refuses other dtypes and truncated data with a sentence', () => {
    const bytes = writeNpy({ shape: [2], data: new Float32Array([1, 2]) });
    const f8 = bytes.slice();
    f8.set(new TextEncoder().encode("'<f8'"), f8.indexOf(0x27, 10 + 9));
    expect(readNpy(f8)).toEqual({
      ok: false,
      error: 'This .npy file was not read: only float32 arrays are read (its dtype is not f4).'
    });
    expect(readNpy(bytes.subarray(0, bytes.length - 1))).toEqual({
      ok: false,
      error: 'This .npy file was not read: its shape needs 8 bytes of data, it has 7.'
    });
    expect(readNpy(new Uint8Array([1, 2, 3])).ok).toBe(false);
  });
});
