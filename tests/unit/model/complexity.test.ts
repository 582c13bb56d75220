import { describe, expect, it } from 'vitest';
import { buildGraph, presetConfig } from '$lib/model';
import { stageBranchFeatures, table2 } from '$lib/model/complexity';

describe('paper Table 2', () => {
  // The paper's example: X1 = 64x64x40, X2 = 32x32x80; N1 = 4096, N2 = 1024. Printed in M = 2^20:
  // 1x1 conv 12.5M, 3x3 dw 2.1M, CCW with F 0.25M, CCW with H 0.26M, CCW 0.51M.
  const rows = table2([
    { height: 64, width: 64, channels: 40 },
    { height: 32, width: 32, channels: 80 }
  ]);
  const m = (key: string) => rows.find((r) => r.key === key)!.macs / 2 ** 20;

  it('reproduces the example: 12.5M, 2.1M, 0.25M, 0.26M, 0.51M', () => {
    expect(m('conv1x1')).toBe(12.5); // 4096·1600 + 1024·6400 = 13,107,200 = 12.5·2^20 exactly
    expect(m('depthwise3x3').toFixed(1)).toBe('2.1'); // 9·245,760 = 2,211,840
    expect(m('ccw_spatial').toFixed(2)).toBe('0.25'); // 2·1600 + 163,840 + 2·6400 + 81,920 = 261,760
    expect(m('ccw_multiresolution').toFixed(2)).toBe('0.26'); // 2·120² + 245,760 = 274,560
    expect(m('ccw').toFixed(2)).toBe('0.51'); // 28,800 + 2·(8,000 + 245,760) = 536,320
  });

  it('reads a stage’s branches from the graph: Lite-HRNet-18 Stage 2 at 256x256 is 64x64x40 + 32x32x80', () => {
    const graph = buildGraph(presetConfig('litehrnet_18', { height: 256, width: 256 }, 16));
    expect(stageBranchFeatures(graph, 0)).toEqual([
      { height: 64, width: 64, channels: 40 },
      { height: 32, width: 32, channels: 80 }
    ]);
  });
});
