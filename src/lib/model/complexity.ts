/**
 * Paper Table 2, "Computational complexity comparison: 1x1 convolution vs. conditional channel
 * weight": the theory formulas over resolution branches X_s of H_s x W_s x C_s, N_s = H_s·W_s.
 * These are the paper's idealised counts (no reduction ratios, full widths), not the code's;
 * the paper prints them in M = 2^20 (12.5M for its 64x64x40 + 32x32x80 example).
 */
import type { Graph } from './graph';

export interface BranchFeatures {
  height: number;
  width: number;
  channels: number;
}

export interface Table2Row {
  key: 'conv1x1' | 'depthwise3x3' | 'ccw_spatial' | 'ccw_multiresolution' | 'ccw';
  label: string;
  formula: string;
  macs: number;
}

export function table2(branches: readonly BranchFeatures[]): Table2Row[] {
  const N = branches.map((b) => b.height * b.width);
  const C = branches.map((b) => b.channels);
  const sum = (f: (s: number) => number) => branches.reduce((t, _, s) => t + f(s), 0);
  const sumC = sum((s) => C[s]);
  const sumNC = sum((s) => N[s] * C[s]);
  return [
    {
      key: 'conv1x1',
      label: '1x1 convolution',
      formula: 'Σ N_s·C_s²',
      macs: sum((s) => N[s] * C[s] ** 2)
    },
    {
      key: 'depthwise3x3',
      label: '3x3 depthwise convolution',
      formula: 'Σ 9·N_s·C_s',
      macs: 9 * sumNC
    },
    {
      key: 'ccw_spatial',
      label: 'CCW with spatial weights (F)',
      formula: 'Σ (2·C_s² + N_s·C_s)',
      macs: sum((s) => 2 * C[s] ** 2 + N[s] * C[s])
    },
    {
      key: 'ccw_multiresolution',
      label: 'CCW with multi-resolution weights (H)',
      formula: '2·(Σ C_s)² + Σ N_s·C_s',
      macs: 2 * sumC ** 2 + sumNC
    },
    {
      key: 'ccw',
      label: 'Conditional channel weighting (H and F)',
      formula: '2·(Σ C_s)² + 2·Σ (C_s² + N_s·C_s)',
      macs: 2 * sumC ** 2 + 2 * sum((s) => C[s] ** 2 + N[s] * C[s])
    }
  ];
}

/** The branches a stage works on (widths and sizes of its outputs), read from the graph, for Table 2 on live widths. */
export function stageBranchFeatures(graph: Graph, stage: number): BranchFeatures[] {
  const outputs = graph.stageOutputs[stage];
  if (!outputs) return [];
  return outputs.map((id) => {
    const [, c, h, w] = graph.ops[id].outShape;
    return { height: h, width: w, channels: c };
  });
}
