import { describe, expect, it } from 'vitest';
import {
  readTorchCheckpoint,
  readWeightsManifest,
  writeWeightsManifest
} from '../../../src/lib/checkpoint';
import { fixtureBytes } from './fixtures';

describe('weights manifest', () => {
  it('reads a hand-written manifest and binary', () => {
    const bin = new Uint8Array(new Float32Array([1, 2, 3, 4, 5, 6, 0.5]).buffer);
    const manifest = JSON.stringify({
      format: 'lite-hrnet-weights',
      version: 1,
      tensors: [
        { name: 'a.weight', shape: [2, 3], offset: 0 },
        { name: 'a.bias', shape: [1], offset: 24 }
      ]
    });
    const result = readWeightsManifest(manifest, bin);
    expect(result.ok && [...result.value]).toEqual([
      ['a.weight', { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }],
      ['a.bias', { shape: [1], data: new Float32Array([0.5]) }]
    ]);
  });

  it('round-trips every tensor of the reduced checkpoint', async () => {
    const checkpoint = await readTorchCheckpoint(fixtureBytes('reduced.zip.pth'));
    if (!checkpoint.ok) throw new Error(checkpoint.error);
    const { manifest, bin } = writeWeightsManifest(checkpoint.value.tensors);
    const back = readWeightsManifest(JSON.stringify(manifest), bin);
    expect(back.ok && back.value).toEqual(checkpoint.value.tensors);
  });

  it.each([
    ['not JSON', '{', 'the manifest is not valid JSON.'],
    [
      'another format',
      { format: 'x', version: 1, tensors: [] },
      'the manifest\'s "format" must be "lite-hrnet-weights".'
    ],
    [
      'another version',
      { format: 'lite-hrnet-weights', version: 2, tensors: [] },
      'manifest version 2 is not supported (only 1).'
    ],
    [
      'a tensor past the end of the binary',
      { format: 'lite-hrnet-weights', version: 1, tensors: [{ name: 'w', shape: [3], offset: 4 }] },
      'w needs bytes 4–16 but the binary has 8.'
    ],
    [
      'an unaligned offset',
      { format: 'lite-hrnet-weights', version: 1, tensors: [{ name: 'w', shape: [1], offset: 2 }] },
      'w: its offset must be a whole number of bytes, a multiple of 4.'
    ],
    [
      'a name twice',
      {
        format: 'lite-hrnet-weights',
        version: 1,
        tensors: [
          { name: 'w', shape: [1], offset: 0 },
          { name: 'w', shape: [1], offset: 4 }
        ]
      },
      'w appears twice.'
    ]
  ])('refuses %s', (_, manifest, message) => {
    expect(readWeightsManifest(manifest, new Uint8Array(8))).toEqual({
      ok: false,
      error: `These weights were not loaded: ${message}`
    });
  });
});
