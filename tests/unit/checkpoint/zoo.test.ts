/**
 * The official checkpoints list: each row names a model the explorer can build, the README lists
 * every row with the same addresses, and the mmpose rows point at the files the issue and
 * mmpose's model zoo name (litehrnet18_coco_256x192-6bace359_20211230.pth).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZOO } from '../../../src/lib/checkpoint/zoo';
import { analyzeConfig, presetConfig } from '../../../src/lib/model';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('official checkpoints', () => {
  it('lists the ten models of the official README, mmpose’s hand model and HRNet’s four COCO ones', () => {
    expect(ZOO.filter((c) => c.official)).toHaveLength(14);
    expect(ZOO.filter((c) => c.mmpose)).toHaveLength(11);
    expect(ZOO).toHaveLength(15);
  });

  it('HRNet’s rows name pose_hrnet_w32_256x192.pth in its model zoo folder and mmpose’s 1.x files', () => {
    const w32 = ZOO.find((c) => c.label === 'HRNet-W32, COCO 256x192')!;
    expect(w32.official?.file).toBe('models/pytorch/pose_coco/pose_hrnet_w32_256x192.pth');
    expect(w32.mmpose?.url).toBe(
      'https://download.openmmlab.com/mmpose/v1/body_2d_keypoint/topdown_heatmap/coco/td-hm_hrnet-w32_8xb64-210e_coco-256x192-81c58e40_20220909.pth'
    );
    const hrnetRows = ZOO.filter((c) => c.preset.startsWith('hrnet_'));
    expect(hrnetRows.map((c) => c.official?.file?.split('/').at(-1))).toEqual([
      'pose_hrnet_w32_256x192.pth',
      'pose_hrnet_w32_384x288.pth',
      'pose_hrnet_w48_256x192.pth',
      'pose_hrnet_w48_384x288.pth'
    ]);
  });

  it('the README lists every row with its file name and every link', () => {
    for (const c of ZOO) {
      // Prettier pads the table's cells, so the row is matched up to its padding.
      const label = c.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(readme).toMatch(new RegExp(`^\\| ${label} +\\|`, 'm'));
      if (c.mmpose) expect(readme).toContain(`[\`${c.mmpose.file}\`](${c.mmpose.url})`);
      if (c.official) {
        expect(readme).toContain(c.official.googleDrive);
        expect(readme).toContain(c.official.oneDrive);
        if (c.official.file) expect(readme).toContain(c.official.file.split('/').at(-1));
      }
    }
  });

  it('mmpose files are named as the model zoo names them, with the config’s input size', () => {
    const lite18 = ZOO.find((c) => c.label === 'Lite-HRNet-18, COCO 256x192')!;
    expect(lite18.mmpose?.url).toBe(
      'https://download.openmmlab.com/mmpose/top_down/litehrnet/litehrnet18_coco_256x192-6bace359_20211230.pth'
    );
    for (const c of ZOO.filter((z) => z.mmpose)) {
      const { height, width } = c.input;
      // 0.x files say `_256x192-`, mmpose 1.x's `coco-256x192-`.
      expect(c.mmpose!.file).toMatch(new RegExp(`[_-]${height}x${width}-`));
      expect(c.mmpose!.url.endsWith(`/${c.mmpose!.file}`)).toBe(true);
    }
  });

  it('every row is a network the explorer builds (official README params for the 18s and 30s)', () => {
    const params = ZOO.map((c) => {
      const a = analyzeConfig({ ...presetConfig(c.preset, c.input), joints: c.joints });
      if (!a.ok) throw new Error(c.label);
      return a.costs.totals.params;
    });
    // README: 1,130,769 (COCO 18), 1,763,717 (COCO 30), 1,130,728 and 1,763,676 (MPII).
    expect(params[2]).toBe(1_130_769);
    expect(params[4]).toBe(1_763_717);
    expect(params[8]).toBe(1_130_728);
    expect(params[9]).toBe(1_763_676);
    // HRNet README: W32 28.5M, W48 63.6M params.
    expect(params.slice(11).map((p) => (p / 1e6).toFixed(1))).toEqual([
      '28.5',
      '28.5',
      '63.6',
      '63.6'
    ]);
  });
});
