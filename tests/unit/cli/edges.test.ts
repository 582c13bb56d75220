import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedTensors, readWeightsFiles, writeNpy } from '$lib/checkpoint';
import { presetConfig } from '$lib/model';
import { setBranchWidth } from '$lib/model/edit';
import { configJson } from '$lib/share/export';
import { parseCliArgs } from '../../../src/cli/args';
import { parseInferArgs } from '../../../src/cli/infer-args';
import { runInfer } from '../../../src/cli/infer-run';
import { runFlops } from '../../../src/cli/run';
import { fixtureBytes, fixtureGraph } from '../checkpoint/fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'cli-edges-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The flops CLI, parsed and run, with files from a map; the JSON report or the error. */
function flops(argv: string[], files: Record<string, string> = {}) {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return { ok: false as const, error: parsed.error };
  const out = runFlops(parsed.args, (path) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path];
  });
  return out.ok ? { ok: true as const, report: JSON.parse(out.output) } : out;
}

const json = ['--format', 'json'];

describe('where the network comes from', () => {
  it("--config reads the page's own Export → Config → JSON", () => {
    const exported = configJson('x', presetConfig('litehrnet_30'), 'litehrnet_30').content;
    expect(JSON.parse(exported)).toMatchObject({
      format: 'lite-hrnet-explorer/config',
      version: 1
    });
    const out = flops(['--config', 'x-config.json', ...json], { 'x-config.json': exported });
    if (!out.ok) throw new Error(out.error);
    expect(out.report.totals.params).toBe(1_763_717); // official README, Lite-HRNet-30
  });

  it('--config refuses a file of another format or version, and JSON that is not an object', () => {
    const refuse = (text: string) => {
      const out = flops(['--config', 'c.json'], { 'c.json': text });
      return out.ok ? '' : out.error;
    };
    expect(refuse('{"format": "something-else", "config": {}}')).toContain(
      `says its format is "something-else"`
    );
    expect(
      refuse('{"format": "lite-hrnet-explorer/config", "version": 9, "config": {}}')
    ).toContain('is version 9');
    expect(refuse('[[40, 80]]')).toContain(
      "config file 'c.json' must hold a JSON object of fields (stem, stages, input, …), not a list of 1 item"
    );
    expect(refuse('{"stem": ')).toContain("config file 'c.json' is not valid JSON (");
  });

  it('--link takes a share link as its query or as the whole address', () => {
    const params = (link: string) => {
      const out = flops(['--link', link, ...json]);
      if (!out.ok) throw new Error(out.error);
      return out.report;
    };
    expect(params('?v=1&m=litehrnet_30').totals.params).toBe(1_763_717);
    expect(params('v=1&m=naive_litehrnet_18').totals.params).toBe(760_365);
    // The whole address, of the verify page too (its backend key says nothing about the model).
    const r = params(
      'https://example.org/explorer/verify?v=1&m=litehrnet_30&in=384x288&backend=wasm'
    );
    expect(r.input).toEqual([384, 288]);
    expect((r.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('717.8'); // official README
    // MPII Lite-HRNet-18 as a link: 16 joints, 256x256 (README: 1,130,728 params, 273.4M).
    const mpii = params('?v=1&m=litehrnet_18&in=256x256&j=16');
    expect(mpii.totals.params).toBe(1_130_728);
  });

  it('--link with bad parts is refused with each of them listed', () => {
    const out = flops(['--link', '?v=1&m=litehrnet_30&m3=x&s2=banana']);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const lines = out.error.split('\n');
    expect(lines[0]).toBe('the link has 2 problems:');
    expect(lines.slice(1).join('\n')).toContain('s2=“banana” is not a block type');
    expect(lines.slice(1).join('\n')).toContain('m3=“x” is not a whole number');
  });

  it('exactly one source', () => {
    const out = flops(['--preset', 'litehrnet_18', '--link', '?v=1']);
    expect(out.ok || out.error).toBe(
      'give exactly one of --preset, --config or --link (see --help)'
    );
  });
});

describe('flags', () => {
  it('--input=256x192 is the same as --input 256x192', () => {
    const a = flops(['--preset', 'litehrnet_18', '--input=384x288', ...json]);
    const b = flops(['--preset', 'litehrnet_18', '--input', '384x288', ...json]);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.report).toEqual(b.report);
    expect((a.report.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('461.6'); // official README
  });

  it('a flag given twice is an error naming it, not a silent last value', () => {
    const cases: [string[], string][] = [
      [['--preset', 'litehrnet_18', '--preset', 'litehrnet_30'], '--preset'],
      [['--preset=litehrnet_18', '--input=256x192', '--input', '384x288'], '--input'],
      [['--preset', 'litehrnet_18', '--help', '-h'], '--help']
    ];
    for (const [argv, flag] of cases) {
      expect(parseCliArgs(argv)).toEqual({
        ok: false,
        error: `${flag} is given more than once; give it once (see --help)`
      });
    }
    const infer = parseInferArgs([
      '--preset',
      'litehrnet_18',
      '--tensor',
      'a.npy',
      '--tensor=b.npy'
    ]);
    expect(infer).toEqual({
      ok: false,
      error: '--tensor is given more than once; give it once (see --help)'
    });
  });

  it('a flag with no value, an unknown flag and a stray word are each named', () => {
    const error = (argv: string[]) => {
      const out = parseCliArgs(argv);
      return out.ok ? '' : out.error;
    };
    expect(error(['--preset', 'litehrnet_18', '--input'])).toBe(
      '--input needs a value (see --help)'
    );
    expect(error(['--preset', '--input', '256x192'])).toBe('--preset needs a value (see --help)');
    expect(error(['--preset=', 'litehrnet_18'])).toBe('--preset needs a value (see --help)');
    expect(error(['--preset', 'litehrnet_18', '--colour', 'red'])).toBe(
      "unknown option '--colour' (see --help)"
    );
    expect(error(['--preset', 'litehrnet_18', 'table'])).toBe(
      "unexpected argument 'table' (see --help)"
    );
    expect(error(['--preset', 'litehrnet_18', '--help=yes'])).toBe(
      '--help takes no value (see --help)'
    );
  });
});

describe('an invalid config lists every problem', () => {
  it('two bad widths: both named, no "and N more"', () => {
    // Stage 3's branch widths 41 and 43 (odd): validate.ts says each must be even.
    let config = presetConfig('litehrnet_18');
    config = setBranchWidth(config, 1, 0, 41);
    config = setBranchWidth(config, 1, 1, 43);
    const out = flops(['--config', 'c.json'], { 'c.json': JSON.stringify(config) });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const lines = out.error.split('\n');
    expect(lines[0]).toMatch(/^invalid config \(\d+ problems\):$/);
    expect(lines.length - 1).toBe(Number(/\((\d+) problems/.exec(lines[0])![1]));
    expect(out.error).toContain('width 41 must be even');
    expect(out.error).toContain('width 43 must be even');
    expect(out.error).not.toMatch(/and \d+ more/);
  });

  it('as a process: every line on stderr, exit 2', () => {
    const bad = spawnSync(
      'node_modules/.bin/tsx',
      ['src/cli/flops.ts', '--preset', 'litehrnet_18', '--input', '250x190'],
      { encoding: 'utf8' }
    );
    expect(bad.status).toBe(2);
    // 250 and 190 are both not divisible by 4·2^3 = 32 (four branches): two problems, two lines.
    expect(bad.stderr).toMatch(
      /^flops: invalid config \(2 problems\):\n {2}.*250.*\n {2}.*190.*\n$/
    );
  });
});

describe('files', () => {
  it('relative paths are read from INIT_CWD, the directory npm was run in', () => {
    const dir = mkdtempSync(join(tmp, 'user-'));
    writeFileSync(join(dir, 'mine.json'), JSON.stringify(presetConfig('naive_litehrnet_18')));
    const out = spawnSync(
      'node_modules/.bin/tsx',
      ['src/cli/flops.ts', '--config', 'mine.json', '--format', 'json'],
      { encoding: 'utf8', env: { ...process.env, INIT_CWD: dir } }
    );
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout).totals.params).toBe(760_365); // official README
  });

  it('a .pth.tar checkpoint is read like a .pth', async () => {
    const read = await readWeightsFiles(
      [{ name: 'reduced.pth.tar', bytes: fixtureBytes('reduced.zip.pth') }],
      expectedTensors(fixtureGraph('reduced'))
    );
    expect(read.ok && read.value.tensors.size).toBe(268);
    expect(read.ok && read.value.label).toBe('reduced.pth.tar');
  });

  it('a 3-D .npy input: the infer CLI says it needs 4 dimensions, N×3×H×W, and got 3', async () => {
    const npy = writeNpy({ shape: [3, 64, 48], data: new Float32Array(3 * 64 * 48) });
    const out = await runInfer(
      {
        ...parseOk([
          '--preset',
          'litehrnet_18',
          '--weights',
          'w.pth',
          '--tensor',
          'x.npy',
          '--out',
          'y.npy'
        ])
      },
      (path) => {
        if (path === 'x.npy') return npy;
        throw new Error('ENOENT');
      }
    );
    expect(out).toEqual({
      ok: false,
      error: "input tensor 'x.npy' needs 4 dimensions, N×3×H×W, and has 3 (3×64×48)"
    });
  });
});

function parseOk(argv: string[]) {
  const parsed = parseInferArgs(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.args;
}
