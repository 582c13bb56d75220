/**
 * mmpose's HRNet configs (0.x @ v0.14.0 and 1.x @ v1.3.2, copied to
 * tests/unit/share/fixtures-mmpose-hrnet/) import as HRNet-W32 and print back. Expected numbers
 * are HRNet's README (28.5M params, 7.1 GFLOPs = conv MACs ÷ 2^30 at 256x192) and the fields of
 * the files themselves.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeConfig, presetConfig } from '$lib/model';
import { describeProblem, importConfigText } from '$lib/share/import';
import { importMmpose, printMmpose } from '$lib/share/mmpose';
import { parseCliArgs } from '../../../src/cli/args';
import { runFlops } from '../../../src/cli/run';

const dir = fileURLToPath(new URL('./fixtures-mmpose-hrnet/', import.meta.url));
const V0 = readFileSync(`${dir}hrnet_w32_coco_256x192.py`, 'utf8');
const V1 = readFileSync(`${dir}td-hm_hrnet-w32_8xb64-210e_coco-256x192.py`, 'utf8');

describe('mmpose HRNet configs', () => {
  it.each([
    ['0.x', V0],
    ['1.x', V1]
  ])('%s hrnet_w32 at 256x192: the README’s 28.5M params and 7.1 GFLOPs', (style, text) => {
    const r = importConfigText(text);
    expect(r.problems).toEqual([]);
    expect(r.style).toBe(style);
    expect(r.notes).toEqual([]);
    const c = r.config!;
    // stage1: 4 BOTTLENECK blocks of 64 (x4 = 256); stage2–4: BASIC, 4 blocks, 32·2^b.
    expect(c.stem).toMatchObject({
      type: 'hrnet',
      stemChannels: 64,
      outChannels: 256,
      layer1Blocks: 4,
      layer1Block: 'bottleneck'
    });
    expect(c.stages.map((s) => [s.modules, s.blocks, s.block, s.widths, s.fusionConv])).toEqual([
      [1, 4, 'basic', [32, 64], 'full'],
      [4, 4, 'basic', [32, 64, 128], 'full'],
      [3, 4, 'basic', [32, 64, 128, 256], 'full']
    ]);
    // mmpose's HRNet: stage4 without multiscale_output fuses only branch 0; HRModule adds each once.
    expect([c.multiScaleOutput, c.fusion, c.withHead, c.keypointHead]).toEqual([
      false,
      'paper',
      false,
      true
    ]);
    expect([c.joints, c.input]).toEqual([17, { height: 256, width: 192 }]);
    const a = analyzeConfig(c);
    if (!a.ok) throw new Error('invalid');
    expect((a.costs.totals.params / 1e6).toFixed(1)).toBe('28.5');
    expect((a.costs.totals.macs.conv / 2 ** 30).toFixed(1)).toBe('7.1');
  });

  it.each(['0.x', '1.x'] as const)(
    'HRNet-W48 prints as mmpose %s HRNet with no explorer-only keys, and reads back',
    (style) => {
      const config = presetConfig('hrnet_w48');
      const text = printMmpose(config, { style });
      expect(text).toContain("type='HRNet',");
      expect(text).toMatch(/^# HRNet config written by Lite-HRNet Explorer/);
      expect(text).not.toContain('Lite-HRNet Explorer only');
      expect(text).not.toContain('Not buildable');
      // mmpose writes NUM_CHANNELS before the expansion: 64 x 4 = 256 for the bottleneck stage 1.
      expect(text).toContain(
        "block='BOTTLENECK',\n                num_blocks=(4, ),\n                num_channels=(64, ),"
      );
      expect(text).toContain('num_channels=(48, 96, 192, 384),');
      expect(importMmpose(text).config).toEqual(config);
    }
  );

  it('a mix mmpose’s HRNet cannot build says why, and still reads back here', () => {
    const config = presetConfig('hrnet_w32');
    config.stages[1].block = 'naive';
    config.stages[1].fusionConv = 'separable';
    config.fusion = 'official';
    const text = printMmpose(config);
    expect(text).toContain(
      "# Not buildable by mmpose's HRNet as is, which differs here: its blocks are 'BASIC' and 'BOTTLENECK' only; it always fuses, with full 3x3 convs; it adds each branch once."
    );
    expect(text).toContain("fusion_conv='separable',");
    expect(text).toContain("fusion='official',");
    expect(importMmpose(text).config).toEqual(config);
  });

  it('Lite-HRNet with HRNet’s full fusion convs and single output keeps them through LiteHRNet text', () => {
    const config = presetConfig('litehrnet_18');
    config.stages[2].fusionConv = 'full';
    config.withHead = false;
    config.multiScaleOutput = false;
    const text = printMmpose(config, { style: '1.x' });
    expect(text).toContain("type='LiteHRNet',");
    expect(text).toContain("fusion_convs=('separable', 'separable', 'full'),");
    expect(text).toContain('multiscale_output=False,');
    expect(importMmpose(text).config).toEqual(config);
  });

  it('problems in an HRNet extra name the mmpose field and line', () => {
    const bad = V0.replace("block='BOTTLENECK'", "block='SHUFFLE'").replace(
      'num_channels=(32, 64, 128)),',
      'num_channels=(32, 64)),'
    );
    expect(importMmpose(bad).problems.map(describeProblem)).toEqual([
      "Line 23, model.backbone.extra.stage1.block: block 'SHUFFLE' is not one of 'BASIC', 'BOTTLENECK'.",
      'Line 37, model.backbone.extra.stage3.num_channels: has 2 entries but num_branches is 3; give one per branch.'
    ]);
    const uneven = V1.replace('num_blocks=(4, 4, 4),', 'num_blocks=(4, 2, 4),');
    expect(importMmpose(uneven).problems.map((p) => p.message)).toEqual([
      'differs between branches (4, 2, 4); the explorer gives every branch of a stage the same number of blocks.'
    ]);
  });
});

describe('flops CLI: mmpose HRNet', () => {
  const run = (argv: string[], files: Record<string, string> = {}) => {
    const parsed = parseCliArgs(argv);
    if (!parsed.ok) throw new Error(parsed.error);
    return runFlops(parsed.args, (path) => files[path]);
  };

  it('--config reads the 1.x HRNet .py', () => {
    const name = 'td-hm_hrnet-w32_8xb64-210e_coco-256x192.py';
    const out = run(['--config', name, '--format', 'json'], { [name]: V1 });
    if (!out.ok) throw new Error(out.error);
    expect((JSON.parse(out.output).totals.params / 1e6).toFixed(1)).toBe('28.5');
  });

  it.each([
    ['0', "type='TopDown'"],
    ['1', "type='TopdownPoseEstimator'"]
  ])('--preset hrnet_w32 --mmpose %s prints an HRNet backbone', (flag, marker) => {
    const out = run(['--preset', 'hrnet_w32', '--mmpose', flag]);
    if (!out.ok) throw new Error(out.error);
    expect(out.output).toContain(marker);
    expect(out.output).toContain("type='HRNet',");
    expect(importMmpose(out.output).config).toEqual(presetConfig('hrnet_w32'));
  });
});
