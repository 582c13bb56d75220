import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from '$lib/checkpoint';
import { DEFAULT_SEED, parseExportOnnxArgs } from '../../../src/cli/export-onnx-args';
import { fixtureBytes } from '../checkpoint/fixtures';
import { maxAbsDiff, runOnnx } from '../onnx/ort';

const FIXTURES = 'tests/parity/fixtures';
const tmp = mkdtempSync(join(tmpdir(), 'export-onnx-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CLI as a process, as `npm run --silent export-onnx -- …` starts it (after svelte-kit sync). */
function exportOnnx(args: string[]) {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/export-onnx.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npy(name: string) {
  const r = readNpy(fixtureBytes(name));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('export-onnx arguments', () => {
  it('reads one model source, the size, the weights, the seed and --fold-bn', () => {
    const r = parseExportOnnxArgs([
      '--preset',
      'litehrnet_30',
      '--input',
      '384x288',
      '--fold-bn',
      '--out',
      'm.onnx'
    ]);
    expect(r).toEqual({
      ok: true,
      args: {
        help: false,
        preset: 'litehrnet_30',
        configPath: null,
        link: null,
        input: { height: 384, width: 288 },
        weights: null,
        foldBn: true,
        seed: DEFAULT_SEED,
        out: 'm.onnx'
      }
    });
    // The forward panel's seed: the page's seeded export holds the same weights.
    expect(DEFAULT_SEED).toBe(1);
  });

  it.each([
    [['--out', 'm.onnx'], 'give exactly one of --preset, --config or --link (see --help)'],
    [
      ['--preset', 'litehrnet_18', '--link', '?m=x', '--out', 'm'],
      'give exactly one of --preset, --config or --link (see --help)'
    ],
    [['--preset', 'litehrnet_18'], '--out is required (see --help)'],
    [
      ['--preset', 'resnet', '--out', 'm'],
      "unknown preset 'resnet'; choose one of litehrnet_18, litehrnet_30, naive_litehrnet_18, wider_naive_litehrnet_18, hrnet_w32, hrnet_w48 (see --help)"
    ],
    [
      ['--preset', 'litehrnet_18', '--input', '256', '--out', 'm'],
      "--input must look like 256x192 (height x width), not '256' (see --help)"
    ],
    [
      ['--preset', 'litehrnet_18', '--seed', '1.5', '--out', 'm'],
      "--seed must be a whole number from 0 to 999999999, not '1.5' (see --help)"
    ],
    [
      ['--preset', 'litehrnet_18', '--out', 'm', '--opset', '13'],
      "Unknown option '--opset' (see --help)"
    ],
    [
      ['--preset', 'litehrnet_18', 'extra', '--out', 'm'],
      "Unexpected argument 'extra' (see --help)"
    ]
  ])('%j → %s', (argv, error) => {
    expect(parseExportOnnxArgs(argv)).toEqual({ ok: false, error });
  });
});

describe('export-onnx (a process)', () => {
  it('a checkpoint: the written file runs in ONNX Runtime to the PyTorch heatmaps within 1e-4', async () => {
    for (const fold of [[], ['--fold-bn']]) {
      const out = join(tmp, `reduced${fold.length}.onnx`);
      const r = exportOnnx([
        ...[
          '--config',
          `${FIXTURES}/reduced.config.json`,
          '--weights',
          `${FIXTURES}/reduced.zip.pth`
        ],
        ...fold,
        ...['--out', out]
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(
        new RegExp(
          `^export-onnx: wrote ${out}: [\\d,]+ nodes, [\\d,]+ initializers holding [\\d,]+ values \\([\\d,]+ params; (BatchNorm kept|[\\d,]+ BatchNorms folded)\\), opset 11, [\\d,]+ bytes\\n$`
        )
      );
      const got = await runOnnx(new Uint8Array(readFileSync(out)), npy('reduced.input.npy'));
      const want = npy('reduced.official.heatmaps.npy');
      expect(got.shape).toEqual(want.shape);
      expect(maxAbsDiff(got.data, want.data)).toBeLessThan(1e-4);
    }
  }, 60_000);

  it('an explorer link: its model, size and joints', async () => {
    const out = join(tmp, 'link.onnx');
    const r = exportOnnx([
      '--link',
      'https://example.org/?v=1&m=naive_litehrnet_18&in=64x64&j=16',
      '--out',
      out
    ]);
    expect(r.status, r.stderr).toBe(0);
    const x = { shape: [1, 3, 64, 64], data: new Float32Array(3 * 64 * 64).fill(0.5) };
    // MPII's 16 joints at a quarter of 64x64.
    expect((await runOnnx(new Uint8Array(readFileSync(out)), x)).shape).toEqual([1, 16, 16, 16]);
  }, 60_000);

  it('an mmpose 1.x .py config, read as flops and infer read it', () => {
    const out = join(tmp, 'mmpose.onnx');
    const r = exportOnnx([
      '--config',
      'tests/unit/share/fixtures-mmpose1/td-hm_litehrnet-18_8xb64-210e_coco-256x192.py',
      '--out',
      out
    ]);
    expect(r.status, r.stderr).toBe(0);
    // The official README's Lite-HRNet-18: 1,130,769 params.
    expect(r.stdout).toContain('(1,130,769 params; BatchNorm kept)');
  }, 60_000);

  it('bad input: one line on stderr, exit 2, nothing written', () => {
    const out = join(tmp, 'never.onnx');
    const cases: Array<[string[], RegExp]> = [
      [['--link', '?v=1&m=litehrnet_18&in=250x192'], /^export-onnx: the link is not exact .*250/],
      [
        ['--preset', 'litehrnet_18', '--weights', `${FIXTURES}/reduced.zip.pth`],
        /^export-onnx: This checkpoint does not fit the config/
      ],
      [
        ['--config', `${FIXTURES}/nothing.json`],
        /^export-onnx: config file '.*nothing\.json' cannot be read$/
      ]
    ];
    for (const [args, message] of cases) {
      const r = exportOnnx([...args, '--out', out]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);
});
