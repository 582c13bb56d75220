/**
 * The infer CLI refuses issue #12's hostile files with the same sentences as the page's
 * reader (one shared reader), before any forward pass; weights with NaN load with a warning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectedTensors,
  readTorchCheckpoint,
  readWeightsFiles,
  writeWeightsManifest
} from '../../../src/lib/checkpoint';
import { parseInferArgs, type InferArgs } from '../../../src/cli/infer-args';
import { runInfer } from '../../../src/cli/infer-run';
import { buildGraph, presetConfig } from '../../../src/lib/model';
import { fixtureBytes, fixtureGraph } from '../checkpoint/fixtures';
import { useWasm } from '../tf/setup';
import { hostileCases } from '../../hostile/generate';

const expected = expectedTensors(buildGraph(presetConfig('litehrnet_18')));

function args(weights: string): InferArgs {
  const parsed = parseInferArgs([
    ...['--preset', 'litehrnet_18', '--weights', weights],
    ...['--tensor', 'input.npy', '--out', 'out.npy']
  ]);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.args;
}

describe('infer CLI on hostile weights', () => {
  const cases = hostileCases(expected).filter((c) => c.files.length === 1);
  const picked = [
    'a 1 MB entry declaring 1 GB',
    'a 700-byte billion-laughs list key',
    'a stride-0 1 GiB view',
    'a LONG4 of 1 MB'
  ];

  it.each(cases.filter((c) => picked.includes(c.id)).map((c) => [c.id, c] as const))(
    '%s: refused with the reader’s sentence',
    async (_, hostile) => {
      const [file] = hostile.files;
      const files: Record<string, Uint8Array> = {
        'input.npy': fixtureBytes('litehrnet18.input.npy'),
        [file.name]: file.bytes
      };
      const result = await runInfer(args(file.name), (path) => {
        if (!files[path]) throw new Error('no such file');
        return files[path];
      });
      const page = await readWeightsFiles(hostile.files, expected);
      expect(page.ok).toBe(false);
      expect(result.ok).toBe(false);
      if (!result.ok && !page.ok) {
        expect(result.error).toMatch(hostile.refusal);
        // The same sentence, on one line as the CLI prints it.
        expect(result.error).toBe(
          page.error.replace(/\n- /, ' ').replace(/\n- /g, '; ').replace(/\n/g, ' ')
        );
      }
    },
    30_000
  );
});

describe('infer CLI on weights holding NaN', () => {
  beforeAll(useWasm);

  it('loads them, runs, and returns a warning naming the tensor', async () => {
    const reduced = expectedTensors(fixtureGraph('reduced'));
    const read = await readTorchCheckpoint(fixtureBytes('reduced.zip.pth'), reduced);
    if (!read.ok) throw new Error(read.error);
    read.value.tensors.get('backbone.stem.conv1.conv.weight')!.data[0] = NaN;
    const { manifest, bin } = writeWeightsManifest(read.value.tensors);
    const files: Record<string, Uint8Array> = {
      'config.json': fixtureBytes('reduced.config.json'),
      'input.npy': fixtureBytes('reduced.input.npy'),
      'w.json': new TextEncoder().encode(JSON.stringify(manifest)),
      'w.bin': bin
    };
    const parsed = parseInferArgs([
      ...['--config', 'config.json', '--weights', 'w.json'],
      ...['--tensor', 'input.npy', '--out', 'out.npy']
    ]);
    if (!parsed.ok) throw new Error(parsed.error);
    const result = await runInfer(parsed.args, (path) => files[path]);
    expect(result.ok && result.warnings[0]).toBe(
      '1 tensor holds NaN or infinite values (backbone.stem.conv1.conv.weight): they were loaded, but the heatmaps will likely be NaN.'
    );
    // …and the output that came of it says so too.
    expect(result.ok && result.warnings[1]).toMatch(/^The output holds [\d,]+ NaN/);
  }, 60_000);
});
