/**
 * HRNet's own experiment YAML (leoxiaobin/deep-high-resolution-net.pytorch @ 6f69e46, copied to
 * tests/unit/share/fixtures-pose-hrnet/) → configs. Expected numbers are that repository's README
 * (W32: 28.5M params, 7.1 / 16.0 GFLOPs; W48: 63.6M, 14.6 / 32.9), whose GFLOPs come from its
 * get_model_summary: convolution MACs, divided by 2^30.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeConfig } from '$lib/model';
import { describeProblem, importConfigText } from '$lib/share/import';
import { importPoseHrnetYaml, looksLikeYaml } from '$lib/share/pose-hrnet';
import { parseCliArgs } from '../../../src/cli/args';
import { runFlops } from '../../../src/cli/run';

const dir = fileURLToPath(new URL('./fixtures-pose-hrnet/', import.meta.url));
const fixture = (name: string) => readFileSync(`${dir}${name}_adam_lr1e-3.yaml`, 'utf8');

const README = [
  {
    file: 'w32_256x192',
    params: '28.5',
    gflops: '7.1',
    widths: [32, 64, 128, 256],
    hw: [256, 192]
  },
  {
    file: 'w32_384x288',
    params: '28.5',
    gflops: '16.0',
    widths: [32, 64, 128, 256],
    hw: [384, 288]
  },
  {
    file: 'w48_256x192',
    params: '63.6',
    gflops: '14.6',
    widths: [48, 96, 192, 384],
    hw: [256, 192]
  },
  {
    file: 'w48_384x288',
    params: '63.6',
    gflops: '32.9',
    widths: [48, 96, 192, 384],
    hw: [384, 288]
  }
];

describe('importPoseHrnetYaml: the official HRNet experiment configs', () => {
  it.each(README)('$file: README’s $params M params and $gflops GFLOPs', (row) => {
    const r = importPoseHrnetYaml(fixture(row.file));
    expect(r.problems).toEqual([]);
    const c = r.config!;
    // The YAML: STAGE2–4 with 1, 4, 3 modules of 4 BASIC blocks; NUM_CHANNELS; IMAGE_SIZE [w, h].
    expect(c.stages.map((s) => [s.modules, s.blocks, s.block, s.widths])).toEqual([
      [1, 4, 'basic', row.widths.slice(0, 2)],
      [4, 4, 'basic', row.widths.slice(0, 3)],
      [3, 4, 'basic', row.widths]
    ]);
    expect([c.input.height, c.input.width]).toEqual(row.hw);
    expect(c.joints).toBe(17);
    // pose_hrnet.py's fixed parts.
    expect(c.stem).toMatchObject({ type: 'hrnet', stemChannels: 64, outChannels: 256 });
    expect([c.withHead, c.multiScaleOutput, c.fusion]).toEqual([false, false, 'paper']);
    const a = analyzeConfig(c);
    if (!a.ok) throw new Error('invalid');
    expect((a.costs.totals.params / 1e6).toFixed(1)).toBe(row.params);
    expect((a.costs.totals.macs.conv / 2 ** 30).toFixed(1)).toBe(row.gflops);
  });

  it('the page’s import tells YAML from mmpose Python and JSON', () => {
    expect(looksLikeYaml(fixture('w32_256x192'))).toBe(true);
    expect(looksLikeYaml("model = dict(type='TopDown')\nx: 1")).toBe(false);
    expect(looksLikeYaml('{"stem": 1}')).toBe(false);
    const r = importConfigText(fixture('w48_256x192'));
    expect(r.problems).toEqual([]);
    expect(r.config?.stages[2].widths).toEqual([48, 96, 192, 384]);
    expect(r.style).toBeNull();
  });

  it('BOTTLENECK stages get 4x wider outputs, as pose_hrnet multiplies NUM_CHANNELS by expansion', () => {
    const text = fixture('w32_256x192').replace(
      /STAGE3:\n(\s+)NUM_MODULES: 4\n(\s+)NUM_BRANCHES: 3\n(\s+)BLOCK: BASIC/,
      'STAGE3:\n$1NUM_MODULES: 4\n$2NUM_BRANCHES: 3\n$3BLOCK: BOTTLENECK'
    );
    const r = importPoseHrnetYaml(text);
    expect(r.problems).toEqual([]);
    expect(r.config!.stages[1]).toMatchObject({ block: 'bottleneck', widths: [128, 256, 512] });
  });

  it('problems name the line and the field, and nothing throws', () => {
    const text = [
      'MODEL:',
      '  NAME: pose_hrnet',
      '  NUM_JOINTS: seventeen',
      '  IMAGE_SIZE: [192, 256, 3]',
      '  EXTRA:',
      '    FINAL_CONV_KERNEL: 3',
      '    STAGE2:',
      '      NUM_MODULES: 1',
      '      NUM_BRANCHES: 2',
      '      BLOCK: SHUFFLE',
      '      NUM_BLOCKS: [4, 4]',
      '      NUM_CHANNELS: [32, 64]',
      '    STAGE3:',
      '      NUM_MODULES: 4',
      '      NUM_BRANCHES: 3',
      '      BLOCK: BASIC',
      '      NUM_BLOCKS: [4, 2, 4]',
      '      NUM_CHANNELS: [32, 64]',
      '      FUSE_METHOD: CAT'
    ].join('\n');
    const r = importPoseHrnetYaml(text);
    expect(r.config).toBeNull();
    expect(r.problems.map(describeProblem)).toEqual([
      'Line 3, MODEL.NUM_JOINTS: must be a whole number, not “seventeen”.',
      'Line 4, MODEL.IMAGE_SIZE: must be [width, height], not 3 numbers.',
      'Line 6, MODEL.EXTRA.FINAL_CONV_KERNEL: is 3; the explorer models the 1x1 final layer every official config uses.',
      'Line 10, MODEL.EXTRA.STAGE2.BLOCK: is SHUFFLE; pose_hrnet knows BASIC and BOTTLENECK.',
      'Line 19, MODEL.EXTRA.STAGE3.FUSE_METHOD: is “CAT”; pose_hrnet sums (SUM).',
      'Line 18, MODEL.EXTRA.STAGE3.NUM_CHANNELS: lists 2 numbers but NUM_BRANCHES is 3; give one per branch.',
      'Line 5, MODEL.EXTRA.STAGE4: is missing.'
    ]);
  });

  it('a stage whose branches differ in blocks, a foreign model and no MODEL say so', () => {
    const uneven = fixture('w32_256x192').replace(
      /NUM_BLOCKS:\n(\s+)- 4\n(\s+)- 4\n(\s+)NUM_CHANNELS:\n(\s+)- 32\n(\s+)- 64\n/,
      'NUM_BLOCKS:\n$1- 4\n$2- 2\n$3NUM_CHANNELS:\n$4- 32\n$5- 64\n'
    );
    expect(importPoseHrnetYaml(uneven).problems.map((p) => p.message)).toEqual([
      'differs between branches (4, 2); the explorer gives every branch of a stage the same number of blocks.'
    ]);
    const resnet = fixture('w32_256x192').replace('NAME: pose_hrnet', 'NAME: pose_resnet');
    expect(importPoseHrnetYaml(resnet).problems.map(describeProblem)).toEqual([
      "Line 28, MODEL.NAME: is pose_resnet; only pose_hrnet's configs are read here."
    ]);
    expect(importPoseHrnetYaml('DATASET:\n  ROOT: x').problems.map(describeProblem)).toEqual([
      'Line 1, MODEL: is missing.'
    ]);
  });

  it('a valid YAML whose numbers cannot run names the YAML field', () => {
    const odd = fixture('w32_256x192').replace(/IMAGE_SIZE:\n(\s+)- 192/, 'IMAGE_SIZE:\n$1- 190');
    const r = importPoseHrnetYaml(odd);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].field).toBe('MODEL.IMAGE_SIZE[0]');
    expect(r.problems[0].message).toContain('Input width 190 must be divisible by 32');
  });
});

describe('flops CLI: --config reads HRNet’s YAML', () => {
  const run = (argv: string[], files: Record<string, string>) => {
    const parsed = parseCliArgs(argv);
    if (!parsed.ok) throw new Error(parsed.error);
    return runFlops(parsed.args, (path) => {
      if (!(path in files)) throw new Error('ENOENT');
      return files[path];
    });
  };

  it('w32_256x192_adam_lr1e-3.yaml: 28.5M params (HRNet README)', () => {
    const name = 'w32_256x192_adam_lr1e-3.yaml';
    const out = run(['--config', name, '--format', 'json'], { [name]: fixture('w32_256x192') });
    if (!out.ok) throw new Error(out.error);
    const report = JSON.parse(out.output);
    expect((report.totals.params / 1e6).toFixed(1)).toBe('28.5');
    expect(report.input).toEqual([256, 192]);
  });

  it('a broken YAML lists its problems with their lines', () => {
    const out = run(['--config', 'bad.yml'], { 'bad.yml': 'MODEL:\n  NUM_JOINTS: [1' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error).toMatch(/^YAML config 'bad\.yml' has \d+ problems?:\n {2}Line 2: /);
  });
});

describe('importPoseHrnetYaml under fuzzing', () => {
  it('1,000 mangled official YAML files give a config or problems, never an exception', () => {
    const text = fixture('w32_256x192');
    const noise = [...':-[]{},#\'"\n \t0123456789abcxTrue.&*!|>'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat({ max: text.length }),
            cut: fc.nat({ max: 8 }),
            add: fc.array(fc.constantFrom(...noise), { maxLength: 6 })
          }),
          { minLength: 1, maxLength: 6 }
        ),
        (edits) => {
          let t = text;
          for (const e of edits) t = t.slice(0, e.at) + e.add.join('') + t.slice(e.at + e.cut);
          const r = importPoseHrnetYaml(t);
          expect(r.config !== null || r.problems.length > 0).toBe(true);
          for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0);
        }
      ),
      { numRuns: 1000, seed: 16 }
    );
  });
});
