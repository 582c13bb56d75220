import { describe, expect, it } from 'vitest';
import {
  expectedTensors,
  readTorchCheckpoint,
  readWeightsManifest,
  writeWeightsManifest
} from '../../../src/lib/checkpoint';
import { fixtureBytes, fixtureGraph } from './fixtures';
import { expecting } from './craft';

describe('weights manifest', () => {
  it('refuses a manifest whose shapes do not fit the config, before building anything', () => {
    const manifest = {
      format: 'lite-hrnet-weights',
      version: 1,
      tensors: [{ name: 'w', shape: [2], offset: 0 }]
    };
    const result = readWeightsManifest(manifest, new Uint8Array(8), expecting({ w: [3] }));
    expect(result).toEqual({
      ok: false,
      error: [
        'This checkpoint does not fit the config (1 with another shape); nothing was loaded.',
        '- w: the checkpoint has 2, this config needs 3 — are the branch widths different?'
      ].join('\n')
    });
  });

  it('refuses sixteen names pointing at one region of the binary', () => {
    const tensors = Array.from({ length: 16 }, (_, i) => ({
      name: `t${i}`,
      shape: [4],
      offset: 0
    }));
    const manifest = { format: 'lite-hrnet-weights', version: 1, tensors };
    const expected = expecting(Object.fromEntries(tensors.map((t) => [t.name, t.shape])));
    const result = readWeightsManifest(manifest, new Uint8Array(16), expected);
    expect(result.ok === false && result.error).toBe(
      'These weights were not loaded: t0 and t1 overlap in the binary (bytes 0–16); each tensor must have bytes of its own.'
    );
  });

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
    const result = readWeightsManifest(
      manifest,
      bin,
      expecting({ 'a.weight': [2, 3], 'a.bias': [1] })
    );
    expect(result.ok && [...result.value.tensors]).toEqual([
      ['a.weight', { shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) }],
      ['a.bias', { shape: [1], data: new Float32Array([0.5]) }]
    ]);
  });

  it('round-trips every tensor of the reduced checkpoint', async () => {
    const expected = expectedTensors(fixtureGraph('reduced'));
    const checkpoint = await readTorchCheckpoint(fixtureBytes('reduced.zip.pth'), expected);
    if (!checkpoint.ok) throw new Error(checkpoint.error);
    const { manifest, bin } = writeWeightsManifest(checkpoint.value.tensors);
    const back = readWeightsManifest(JSON.stringify(manifest), bin, expected);
    expect(back.ok && back.value.tensors).toEqual(checkpoint.value.tensors);
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
    ],
    [
      'two tensors sharing bytes',
      {
        format: 'lite-hrnet-weights',
        version: 1,
        tensors: [
          { name: 'w', shape: [1], offset: 0 },
          { name: 'v', shape: [2], offset: 0 }
        ]
      },
      'w and v overlap in the binary (bytes 0–4); each tensor must have bytes of its own.'
    ]
  ])('refuses %s', (_, manifest, message) => {
    // The config expects exactly what the manifest lists: only the flaw under test is wrong.
    const listed = typeof manifest === 'object' ? manifest.tensors : [];
    const expected = expecting(Object.fromEntries(listed.map((t) => [t.name, t.shape])));
    expect(readWeightsManifest(manifest, new Uint8Array(8), expected)).toEqual({
      ok: false,
      error: `These weights were not loaded: ${message}`
    });
  });
});
