import { describe, expect, it } from 'vitest';
import {
  costUnitLabel,
  formatCostDelta,
  formatCostValue,
  formatParamsDelta
} from '../../../src/lib/model';
import { filledFormula } from '../../../src/lib/model/formula';
import { analysisOf } from './helpers';

const M = 2 ** 20;

describe('formatting changes and units', () => {
  it('states a change against the baseline with sign, unit and percent', () => {
    expect(formatCostDelta(110 * M, 100 * M, 'paper')).toBe('+10.0 M MACs (+10.0%)');
    expect(formatCostDelta(110 * M, 100 * M, 'paper', 'FLOPs')).toBe('+20.0 M FLOPs (+10.0%)');
    expect(formatCostDelta(90e6, 100e6, 'mmcv')).toBe('−10.0 M MACs (−10.0%)');
    expect(formatCostDelta(5, 5, 'conv')).toBe('±0.0 M MACs (±0.0%)');
    // 100 more than Lite-HRNet-18's 1,130,769: 0.0088% → +0.0%.
    expect(formatParamsDelta(1_130_869, 1_130_769)).toBe('+100 params (+0.0%)');
  });

  it('the value alone uses the convention’s mega: 2^20 for the paper, 10^6 otherwise', () => {
    expect(formatCostValue(319.2 * M, 'paper')).toBe('319.2');
    expect(formatCostValue(319.2e6, 'mmcv', 'FLOPs')).toBe('638.4');
    expect(costUnitLabel('paper', 'MACs')).toBe('M MACs (M = 2^20)');
  });
});

describe('filled-in formulas', () => {
  const a = analysisOf('litehrnet_18');
  const op = (name: string) => a.graph.ops.find((o) => o.name === name)!;

  it('the stem’s 3x3 stride-2 conv on 256x192: 3·3·3·32·128·96 = 10,616,832', () => {
    const f = filledFormula(op('backbone.stem.conv1.conv'), 'paper');
    expect(f.numbers).toBe('3·3·3·32·128·96 = 10,616,832');
    expect(f.value).toBe(10_616_832);
  });

  it('a depthwise conv in each convention’s own order: 9·20·1·3072 = 552,960 either way', () => {
    const dw = op('backbone.stage0.0.layers.0.depthwise_convs.0.conv');
    expect(filledFormula(dw, 'paper').numbers).toBe('3·3·20·1·64·48 = 552,960');
    expect(filledFormula(dw, 'conv').numbers).toBe('3·3·1·20·64·48 = 552,960');
  });

  it('its BatchNorm: 2·1·32·128·96 = 786,432; nothing under conv-only', () => {
    expect(filledFormula(op('backbone.stem.conv1.bn'), 'mmcv').numbers).toBe(
      '2·1·32·128·96 = 786,432'
    );
    expect(filledFormula(op('backbone.stem.conv1.bn'), 'conv').numbers).toBe('0');
  });

  it('torchstat’s upsample drops channels: 1·64·48 = 3,072 vs mmcv’s 1·40·64·48 = 122,880', () => {
    const up = op('backbone.stage0.0.fuse_layers.0.1.2');
    expect(filledFormula(up, 'paper').numbers).toBe('1·64·48 = 3,072');
    expect(filledFormula(up, 'mmcv').numbers).toBe('1·40·64·48 = 122,880');
  });

  it('torchstat’s global pool counts (H+1)·(W+1): 1·20·65·49 = 63,700', () => {
    const gap = op('backbone.stage0.0.layers.0.spatial_weighting.0.global_avgpool');
    expect(filledFormula(gap, 'paper').numbers).toBe('1·20·65·49 = 63,700');
  });

  it('a conv with bias adds C_out·H·W except under conv-only', () => {
    // Spatial weighting conv1 on branch 1's half (20 ch) → 5 ch at 1x1: 1·1·20·5·1·1 + 5·1·1.
    const c = op('backbone.stage0.0.layers.0.spatial_weighting.0.conv1.conv');
    expect(filledFormula(c, 'full').numbers).toBe('1·1·20·5·1·1 + 5·1·1 = 105');
    expect(filledFormula(c, 'conv').numbers).toBe('1·1·20·5·1·1 = 100');
  });
});
