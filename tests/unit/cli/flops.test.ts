import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/cli/args';
import { runFlops } from '../../../src/cli/run';
import { presetConfig } from '$lib/model';

function run(argv: string[], files: Record<string, string> = {}) {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return { ok: false as const, error: parsed.error };
  return runFlops(parsed.args, (path) => {
    if (!(path in files)) throw new Error('ENOENT');
    return files[path];
  });
}

describe('flops CLI', () => {
  it('--format json prints exactly the documented schema', () => {
    const out = run(['--preset', 'litehrnet_30', '--input', '256x192', '--format', 'json']);
    if (!out.ok) throw new Error(out.error);
    const report = JSON.parse(out.output);
    expect(Object.keys(report)).toEqual(['model', 'input', 'totals', 'layers']);
    expect(report.model).toBe('litehrnet_30');
    expect(report.input).toEqual([256, 192]);
    expect(report.totals.params).toBe(1_763_717); // official README
    expect((report.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('319.2');
    expect(Object.keys(report.totals.macs)).toEqual([
      'paper',
      'mmcv',
      'conv',
      'full',
      'fvcore',
      'ptflops',
      'ptflops-aten',
      'thop',
      'hrnet'
    ]);
    expect(report.layers[0]).toEqual({
      name: 'backbone.stem.conv1.conv',
      call: 0,
      op: 'conv2d',
      inShape: [1, 3, 256, 192],
      outShape: [1, 32, 128, 96],
      params: 864, // 3·32·3·3
      // 9·3·32·128·96 under every convention (no bias, a conv is a conv)
      macs: {
        paper: 10_616_832,
        mmcv: 10_616_832,
        conv: 10_616_832,
        full: 10_616_832,
        fvcore: 10_616_832,
        ptflops: 10_616_832,
        'ptflops-aten': 10_616_832,
        thop: 10_616_832,
        hrnet: 10_616_832
      },
      inputs: ['input']
    });
  });

  it('each row lists the op calls it reads, so the graph itself can be exported and diffed', () => {
    const out = run(['--preset', 'litehrnet_18', '--format', 'json']);
    if (!out.ok) throw new Error(out.error);
    type Row = { name: string; call: number; inputs: string[] };
    const rows: Row[] = JSON.parse(out.output).layers;
    const at = (key: string) => rows.find((r) => `${r.name}@${r.call}` === key)!;
    // The official stem (DESIGN §2): conv1 → BN → ReLU, chunk into halves, …, cat(branch1, linear).
    expect(at('backbone.stem.conv1.bn@0').inputs).toEqual(['backbone.stem.conv1.conv@0']);
    expect(at('backbone.stem#chunk.x1@0').inputs).toEqual(['backbone.stem.conv1.activate@0']);
    expect(at('backbone.stem#cat@0').inputs).toEqual([
      'backbone.stem.branch1.1.activate@0',
      'backbone.stem.linear_conv.activate@0'
    ]);
    // The official fusion seeds output 0 with x0 and adds x0 again: the first add reads one
    // tensor twice (Stage 2's first module's input branch 0 is its last block's shuffle).
    expect(at('backbone.stage0.0.fuse_layers.0#add@0').inputs).toEqual([
      'backbone.stage0.0.layers.1#channel_shuffle.0@0',
      'backbone.stage0.0.layers.1#channel_shuffle.0@0'
    ]);
    // Every input names a row printed before it (the rows are in execution order).
    const seen = new Set(['input']);
    for (const r of rows) {
      for (const i of r.inputs) expect(seen.has(i), `${r.name}@${r.call} reads ${i}`).toBe(true);
      seen.add(`${r.name}@${r.call}`);
    }
    const csv = run(['--preset', 'litehrnet_18', '--format', 'csv']);
    if (!csv.ok) throw new Error(csv.error);
    const [head, first] = csv.output.split('\n');
    expect(head.split(',').at(-1)).toBe('inputs');
    expect(first.split(',').at(-1)).toBe('input');
  });

  it('--convention takes the tools’ keys; json holds every tool’s exact total', () => {
    // What the tools print for the official Lite-HRNet-18 at 256x192 (tests/oracle/fixtures/
    // presets.json): fvcore .total() 266314752, ptflops 277113088 (pytorch) and 242400512
    // (aten), thop 278152576.0.
    const out = run(['--preset', 'litehrnet_18', '--convention', 'thop', '--format', 'json']);
    if (!out.ok) throw new Error(out.error);
    const { macs } = JSON.parse(out.output).totals;
    expect([macs.fvcore, macs.ptflops, macs['ptflops-aten'], macs.thop]).toEqual([
      266_314_752, 277_113_088, 242_400_512, 278_152_576
    ]);
    const table = run(['--preset', 'litehrnet_18', '--convention', 'ptflops-aten']);
    if (!table.ok) throw new Error(table.error);
    expect(table.output).toContain(
      '242,400,512 MACs = 242.4 M MACs (ptflops-aten convention, M = 10^6)'
    );
    const bad = run(['--preset', 'litehrnet_18', '--convention', 'ptflops_aten']);
    expect(bad.ok).toBe(false);
  });

  it("HRNet-W32 in HRNet's own convention: the README's 28.5M params and 7.1 GFLOPs (÷2^30)", () => {
    // pose_hrnet.py's exact params and get_model_summary's MACs: tests/oracle/fixtures/hrnet.json.
    const out = run(['--preset', 'hrnet_w32', '--convention', 'hrnet']);
    if (!out.ok) throw new Error(out.error);
    expect(out.output).toContain(
      "Total: 28,536,113 params, 7,645,003,776 MACs = 7290.8 M MACs (hrnet convention, M = 2^20; HRNet's get_model_summary prints it ÷2^30 as 7.12 GFLOPs)"
    );
  });

  it('the table states the unit and the convention', () => {
    const out = run(['--preset', 'litehrnet_18', '--convention', 'mmcv']);
    if (!out.ok) throw new Error(out.error);
    expect(out.output).toContain('mmcv convention, M = 10^6');
    expect(out.output).toMatch(/Total: 1,130,769 params/);
  });

  it('csv has one row per op call plus a header; md is a Markdown table', () => {
    const csv = run(['--preset', 'litehrnet_18', '--format', 'csv']);
    const json = run(['--preset', 'litehrnet_18', '--format', 'json']);
    const md = run(['--preset', 'litehrnet_18', '--format', 'md']);
    if (!csv.ok || !json.ok || !md.ok) throw new Error('run failed');
    const layers = JSON.parse(json.output).layers.length;
    expect(csv.output.trim().split('\n')).toHaveLength(layers + 1);
    expect(md.output.split('\n')[1]).toMatch(/^\| --- \|/);
  });

  it('--config reads any config; --input and --joints override it', () => {
    const config = presetConfig('litehrnet_18');
    const out = run(
      ['--config', 'c.json', '--input', '256x256', '--joints', '16', '--format', 'json'],
      {
        'c.json': JSON.stringify(config)
      }
    );
    if (!out.ok) throw new Error(out.error);
    const report = JSON.parse(out.output);
    expect(report.model).toBeNull();
    expect(report.totals.params).toBe(1_130_728); // README's MPII Lite-HRNet-18
    expect((report.totals.macs.paper / 2 ** 20).toFixed(1)).toBe('273.4');
  });

  it.each([
    [['--preset', 'nope'], "unknown preset 'nope'"],
    [['--preset', 'litehrnet_18', '--input', '256'], '--input must look like 256x192'],
    [['--preset', 'litehrnet_18', '--format', 'xml'], "unknown format 'xml'"],
    [['--preset', 'litehrnet_18', '--convention'], '--convention needs a value'],
    [['--input', '256x192'], 'give exactly one of --preset, --config or --link'],
    [['--config', 'missing.json'], 'cannot be read'],
    [['--preset', 'litehrnet_18', '--frobnicate', '1'], "unknown option '--frobnicate'"]
  ])('%j is refused: %s', (argv, message) => {
    const out = run(argv);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error).toContain(message);
      expect(out.error).not.toContain('\n');
    }
  });

  it('as a process: a report and exit 0, or one line on stderr and exit 2', () => {
    const tsx = 'node_modules/.bin/tsx';
    const ok = execFileSync(
      tsx,
      ['src/cli/flops.ts', '--preset', 'naive_litehrnet_18', '--format', 'json'],
      {
        encoding: 'utf8'
      }
    );
    expect(JSON.parse(ok).totals.params).toBe(760_365);
    const bad = spawnSync(tsx, ['src/cli/flops.ts', '--preset', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
