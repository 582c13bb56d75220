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

export const BARS = { rowH: 24, labelW: 270, barWidth: 230, valueW: 160 } as const;

export function layoutBars(
  groups: Group[],
  total: number
): { rows: BarRow[]; height: number; width: number } {
  // With nothing to show (all zero) the domain stays [0, 1], so every bar is empty.
  const length = scaleLinear()
    .domain([0, max(groups, (g) => g.macs) || 1])
    .range([0, BARS.barWidth]);
  const rows = groups.map((g, i) => ({
    ...g,
    y: i * BARS.rowH,
    w: length(g.macs),
    share: total > 0 ? g.macs / total : 0
  }));
  return {
    rows,
    height: groups.length * BARS.rowH,
    width: BARS.labelW + BARS.barWidth + BARS.valueW
  };
}
