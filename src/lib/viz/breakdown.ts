/**
 * "Where the cost goes": the ops in view grouped three ways — by place (stages, or a stage's
 * modules, or a module's blocks), by resolution branch, and by category of work (cost.ts) —
 * and laid out as horizontal bars with their share of the total in view.
 */
import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import type { Graph, Op } from '$lib/model';
import { COST_CATEGORY_LABELS, costCategory, paperStageNumber } from '$lib/model';
import type { Focus } from './focus';
import { opInFocus } from './focus';

export interface Group {
  key: string;
  label: string;
  macs: number;
  params: number;
  /** Where clicking the bar drills to; undefined when it does not drill. */
  focus?: string | null;
}

export interface Breakdown {
  total: number;
  byPlace: Group[];
  byBranch: Group[];
  byCategory: Group[];
}

type KeyOf = (op: Op) => Omit<Group, 'macs' | 'params'>;

function group(ops: Op[], perOp: Float64Array, keyOf: KeyOf): Group[] {
  const out = new Map<string, Group>();
  for (const op of ops) {
    const k = keyOf(op);
    let g = out.get(k.key);
    if (!g) out.set(k.key, (g = { ...k, macs: 0, params: 0 }));
    g.macs += perOp[op.id];
    g.params += op.params;
  }
  return [...out.values()];
}

/** Network: stem, stages, heads. Stage: transition, modules. Module: blocks, fusion. */
function placeOf(focus: Focus): KeyOf {
  return (op) => {
    const s = op.scope;
    if (focus.level === 'module')
      return s.role === 'fusion'
        ? { key: 'fusion', label: 'Fusion' }
        : {
            key: `b${s.block}`,
            label: `Block ${(s.block ?? 0) + 1}`,
            focus: `stage${s.stage}.${s.module}.${s.block}`
          };
    if (focus.level === 'stage')
      return s.section === 'transition'
        ? { key: 't', label: 'Transition' }
        : {
            key: `m${s.module}`,
            label: `Module ${(s.module ?? 0) + 1}`,
            focus: `stage${s.stage}.${s.module}`
          };
    if (s.section === 'stem') return { key: 'stem', label: 'Stem', focus: 'stem' };
    if (s.section === 'head' || s.section === 'keypoint_head')
      return { key: 'head', label: 'Heads' };
    return {
      key: `s${s.stage}`,
      label: `Stage ${paperStageNumber(s.stage ?? 0)}`,
      focus: `stage${s.stage}`
    };
  };
}

const branchOf: KeyOf = (op) => {
  const b = op.scope.branch ?? 0;
  return { key: `b${b}`, label: `Branch ${b + 1} (1/${4 * 2 ** b})` };
};

const categoryOf: KeyOf = (op) => {
  const c = costCategory(op);
  return { key: c, label: COST_CATEGORY_LABELS[c] };
};

export function breakdown(graph: Graph, perOp: Float64Array, focus: Focus): Breakdown {
  const ops =
    focus.level === 'network' ? graph.ops : graph.ops.filter((op) => opInFocus(op, focus));
  let total = 0;
  for (const op of ops) total += perOp[op.id];
  return {
    total,
    byPlace: group(ops, perOp, placeOf(focus)),
    byBranch: group(ops, perOp, branchOf).sort((a, b) => a.key.localeCompare(b.key)),
    byCategory: group(ops, perOp, categoryOf)
      .filter((g) => g.macs > 0)
      .sort((a, b) => b.macs - a.macs)
  };
}

export interface BarRow extends Group {
  y: number;
  /** Bar length in px; the largest group fills `barWidth`. */
  w: number;
  /** Share of `total`, 0…1. */
  share: number;
}

export interface BarsLayout {
  rows: BarRow[];
  width: number;
  height: number;
  /** Narrow: each label on its own line above its bar, instead of to its left. */
  stacked: boolean;
  rowH: number;
  /** Where the label ends (side by side) or starts (stacked), the bar starts, the value starts. */
  labelX: number;
  barX: number;
  barWidth: number;
  valueX: number;
  /** Offsets inside a row: the label's and value's baselines, the bar's top and height. */
  labelY: number;
  valueY: number;
  barY: number;
  barH: number;
}

/**
 * The charts are drawn at the size they are shown (1 unit = 1 CSS px, 12 px text), so labels
 * never shrink: below `stackBelow` a label goes above its bar instead of to its left.
 */
export const BARS = {
  rowH: 24,
  stackedRowH: 40,
  labelW: 270,
  valueW: 160,
  minWidth: 300,
  stackBelow: 560
} as const;

export function layoutBars(groups: Group[], total: number, width = 660): BarsLayout {
  const w = Math.max(BARS.minWidth, width);
  const stacked = w < BARS.stackBelow;
  const g = stacked
    ? {
        rowH: BARS.stackedRowH,
        labelX: 0,
        barX: 0,
        barWidth: w - BARS.valueW + 10,
        labelY: 13,
        barY: 19,
        barH: 14,
        valueY: 31
      }
    : {
        rowH: BARS.rowH,
        labelX: BARS.labelW - 8,
        barX: BARS.labelW,
        barWidth: w - BARS.labelW - BARS.valueW,
        labelY: 16,
        barY: 4,
        barH: BARS.rowH - 8,
        valueY: 16
      };
  // With nothing to show (all zero) the domain stays [0, 1], so every bar is empty.
  const length = scaleLinear()
    .domain([0, max(groups, (d) => d.macs) || 1])
    .range([0, g.barWidth]);
  const rows = groups.map((d, i) => ({
    ...d,
    y: i * g.rowH,
    w: length(d.macs),
    share: total > 0 ? d.macs / total : 0
  }));
  return {
    rows,
    width: w,
    height: groups.length * g.rowH,
    stacked,
    valueX: g.barX + g.barWidth + 8,
    ...g
  };
}
