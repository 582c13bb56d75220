/**
 * "Why the tools disagree": for each op kind a graph runs, what each tool counts for one call of
 * it, in a word or two, and how many calls of it the graph makes. The words come from the op
 * registry (op-words.ts `opBrief`); this file only groups, labels and orders them.
 */
import type { Graph, OpKind } from './graph';
import { OP_KINDS } from './graph';
import type { ToolConvention } from './ops';
import { opBrief } from './op-words';
import { TOOL_CONVENTIONS } from './ops';

/** Each kind as the official code writes it: module or functional call. */
export const OP_KIND_LABELS: Record<OpKind, string> = {
  conv2d: 'Convolution (nn.Conv2d)',
  batchnorm: 'BatchNorm (nn.BatchNorm2d)',
  relu: 'ReLU (nn.ReLU)',
  sigmoid: 'Sigmoid (nn.Sigmoid)',
  global_avgpool: 'Global pool of F (nn.AdaptiveAvgPool2d)',
  upsample_nearest: 'Fusion upsample (nn.Upsample)',
  adaptive_avgpool: 'Pool to the smallest size in H (F.adaptive_avg_pool2d)',
  resize_nearest: 'Resize back in H (F.interpolate, nearest)',
  resize_bilinear: 'Head resize (F.interpolate, bilinear)',
  slice: 'Split (chunk, split)',
  concat: 'Concat (torch.cat)',
  channel_shuffle: 'Channel shuffle',
  mul: 'Weighting multiply (*)',
  add: 'Fusion, residual and head adds (+, +=)'
};

/** Column heads: each tool by the name people search for. */
export const TOOL_NAMES: Record<ToolConvention, string> = {
  paper: 'torchstat (paper)',
  mmcv: 'mmcv',
  fvcore: 'fvcore',
  ptflops: 'ptflops',
  'ptflops-aten': 'ptflops aten',
  thop: 'thop',
  hrnet: 'HRNet summary'
};

/** Which calls of a module each tool keeps: torchstat overwrites a module's record on every call. */
export const CALLS_COUNTED: Record<ToolConvention, string> = {
  paper: 'last call of each module',
  mmcv: 'every call',
  fvcore: 'every call that reaches the output',
  ptflops: 'every call',
  'ptflops-aten': 'every call',
  thop: 'every call',
  hrnet: 'every call'
};

export interface ToolRuleRow {
  kind: OpKind;
  label: string;
  /** How many op calls of this kind the graph makes. */
  calls: number;
  /** One call's rule under each tool ("2·numel", "skipped", "0"). */
  rules: Record<ToolConvention, string>;
}

/** One row per op kind the graph runs, in the registry's order. */
export function toolRuleRows(graph: Graph): ToolRuleRow[] {
  const calls = new Map<OpKind, number>();
  for (const op of graph.ops) calls.set(op.kind, (calls.get(op.kind) ?? 0) + 1);
  return OP_KINDS.filter((k) => calls.has(k)).map((kind) => ({
    kind,
    label: OP_KIND_LABELS[kind],
    calls: calls.get(kind)!,
    rules: Object.fromEntries(TOOL_CONVENTIONS.map((c) => [c, opBrief(kind, c)])) as Record<
      ToolConvention,
      string
    >
  }));
}
