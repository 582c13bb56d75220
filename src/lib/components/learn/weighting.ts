/**
 * Paper Table 2 on the reader's own widths: Lite-HRNet-18 at 256x256 (the paper's example
 * input, MPII's size) with Stage 2's two branch widths replaced, built into a graph, and the
 * stage's branches (H_s x W_s x C_s) read back from it for the table's formulas.
 */
import type { ValidationError } from '$lib/model';
import { buildGraph, presetConfig, validateConfig } from '$lib/model';
import type { BranchFeatures, Table2Row } from '$lib/model/complexity';
import { stageBranchFeatures, table2 } from '$lib/model/complexity';
import type { LiteHRNetConfig } from '$lib/model';

/** The paper's example: 64x64x40 and 32x32x80 are Lite-HRNet-18's Stage 2 at 256x256. */
export const TABLE2_INPUT = { height: 256, width: 256 } as const;
export const TABLE2_DEFAULT_WIDTHS: readonly [number, number] = [40, 80];

export function table2Config(widths: readonly [number, number]): LiteHRNetConfig {
  const config = presetConfig('litehrnet_18', TABLE2_INPUT, 16);
  config.stages[0].widths = [...widths];
  return config;
}

export type LiveTable2 =
  | { ok: true; config: LiteHRNetConfig; branches: BranchFeatures[]; rows: Table2Row[] }
  | { ok: false; errors: ValidationError[] };

export function liveTable2(widths: readonly [number, number]): LiveTable2 {
  const checked = validateConfig(table2Config(widths));
  if (!checked.ok) return checked;
  const branches = stageBranchFeatures(buildGraph(checked.config), 0);
  return { ok: true, config: checked.config, branches, rows: table2(branches) };
}

/** 1 − (3x3 dw + CCW) / (two 1x1 + 3x3 dw): how much of the shuffle block's cost CCW removes. */
export function ccwSaving(rows: readonly Table2Row[]): number {
  const m = (k: Table2Row['key']) => rows.find((r) => r.key === k)!.macs;
  const shuffle = 2 * m('conv1x1') + m('depthwise3x3');
  return 1 - (m('depthwise3x3') + m('ccw')) / shuffle;
}
