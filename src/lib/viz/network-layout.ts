/**
 * The HRNet picture as data: columns left to right (stem, each stage's transition and modules,
 * heads), resolution branches top to bottom (1/4 … 1/32), one cell per column and branch holding
 * the summed cost of the ops there, and the links a reader follows: the flow along a branch, new
 * branches made by transitions, and every module's fusion exchange between branches.
 */
import type { Graph, LiteHRNetConfig, Op } from '$lib/model';
import { paperStageNumber } from '$lib/model';

export type ColumnKind = 'stem' | 'transition' | 'module' | 'head';

export interface NetColumn {
  key: string;
  kind: ColumnKind;
  label: string;
  /** A sentence for screen readers and tooltips. */
  title: string;
  x: number;
  stage?: number;
  module?: number;
  /** Drill-down path when clicked (null: nothing to drill into). */
  focus: string | null;
  macs: number;
  params: number;
}

export interface NetCell {
  key: string;
  column: string;
  branch: number;
  x: number;
  y: number;
  w: number;
  h: number;
  macs: number;
  params: number;
  ops: number;
  /** macs / the largest cell's macs, 0…1, for the colour scale. */
  share: number;
}

export interface NetLink {
  key: string;
  kind: 'flow' | 'transition' | 'fusion';
  d: string;
}

export interface NetworkLayout {
  width: number;
  height: number;
  columns: NetColumn[];
  cells: NetCell[];
  links: NetLink[];
  rows: { branch: number; y: number; label: string }[];
  stages: { stage: number; label: string; x: number; w: number }[];
  /** Op id → cell key, for linking a selected op to its cell. */
  cellOfOp: Map<number, string>;
}

export const NET = { cell: 34, gapX: 14, gapY: 14, left: 64, top: 48, bottom: 12 } as const;

function columnKeyOf(op: Op): string {
  const s = op.scope;
  if (s.section === 'stem') return 'stem';
  if (s.section === 'transition') return `t${s.stage}`;
  if (s.section === 'stage') return `s${s.stage}m${s.module}`;
  return 'head';
}

function columnsOf(config: LiteHRNetConfig, present: Set<string>): Omit<NetColumn, 'x'>[] {
  const cols: Omit<NetColumn, 'x'>[] = [
    { key: 'stem', kind: 'stem', label: 'Stem', title: 'Stem', focus: 'stem', macs: 0, params: 0 }
  ];
  config.stages.forEach((st, s) => {
    const n = paperStageNumber(s);
    if (present.has(`t${s}`))
      cols.push({
        key: `t${s}`,
        kind: 'transition',
        label: 'T',
        title: `Transition into Stage ${n}`,
        stage: s,
        focus: null,
        macs: 0,
        params: 0
      });
    for (let m = 0; m < st.modules; m++)
      cols.push({
        key: `s${s}m${m}`,
        kind: 'module',
        label: `${m + 1}`,
        title: `Stage ${n}, module ${m + 1}`,
        stage: s,
        module: m,
        focus: `stage${s}.${m}`,
        macs: 0,
        params: 0
      });
  });
  if (present.has('head'))
    cols.push({
      key: 'head',
      kind: 'head',
      label: 'Head',
      title: 'Heads',
      focus: null,
      macs: 0,
      params: 0
    });
  return cols;
}

const rowY = (b: number) => NET.top + b * (NET.cell + NET.gapY);

/** A horizontal-ish cubic from (x1, y1) to (x2, y2). */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}

export function layoutNetwork(
  graph: Graph,
  perOp: Float64Array,
  config: LiteHRNetConfig
): NetworkLayout {
  const cellAcc = new Map<string, { macs: number; params: number; ops: number }>();
  const cellOfOp = new Map<number, string>();
  const present = new Set<string>();
  for (const op of graph.ops) {
    const col = columnKeyOf(op);
    const key = `${col}/${op.scope.branch ?? 0}`;
    present.add(col);
    cellOfOp.set(op.id, key);
    const acc = cellAcc.get(key) ?? { macs: 0, params: 0, ops: 0 };
    acc.macs += perOp[op.id];
    acc.params += op.params;
    acc.ops += 1;
    cellAcc.set(key, acc);
  }
  let x = NET.left;
  const columns: NetColumn[] = columnsOf(config, present).map((c) => {
    const col = { ...c, x };
    x += NET.cell + NET.gapX;
    return col;
  });
  const maxMacs = Math.max(1e-9, ...[...cellAcc.values()].map((a) => a.macs));
  const cells: NetCell[] = [];
  const byColumn = new Map<string, NetCell[]>(columns.map((c) => [c.key, []]));
  const columnAt = new Map(columns.map((c) => [c.key, c]));
  for (const [key, acc] of cellAcc) {
    const slash = key.indexOf('/');
    const col = columnAt.get(key.slice(0, slash))!;
    const branch = Number(key.slice(slash + 1));
    const cell = {
      key,
      column: col.key,
      branch,
      x: col.x,
      y: rowY(branch),
      w: NET.cell,
      h: NET.cell,
      share: acc.macs / maxMacs,
      ...acc
    };
    col.macs += acc.macs;
    col.params += acc.params;
    byColumn.get(col.key)!.push(cell);
  }
  for (const col of columns) {
    const list = byColumn.get(col.key)!.sort((a, b) => a.branch - b.branch);
    cells.push(...list);
  }
  const maxBranches = Math.max(...config.stages.map((s) => s.widths.length));
  const links = linksBetween(columns, byColumn, config);
  const stages = config.stages.map((_, s) => {
    const cs = columns.filter((c) => c.stage === s);
    const x0 = cs[0].x;
    const x1 = cs[cs.length - 1].x + NET.cell;
    return { stage: s, label: `Stage ${paperStageNumber(s)}`, x: x0, w: x1 - x0 };
  });
  const rows = Array.from({ length: maxBranches }, (_, b) => ({
    branch: b,
    y: rowY(b) + NET.cell / 2,
    label: `1/${4 * 2 ** b}`
  }));
  return {
    width: x - NET.gapX + 8,
    height: rowY(maxBranches) - NET.gapY + NET.bottom,
    columns,
    cells,
    links,
    rows,
    stages,
    cellOfOp
  };
}

/**
 * Links from each column to the next: a straight flow on every branch both have; a transition's
 * new branch comes from the previous column's last branch; branches a transition leaves alone are
 * bridged over it. A fusing module's exchange is drawn in the gap after it, every branch to
 * every other.
 */
function linksBetween(
  columns: NetColumn[],
  byColumn: Map<string, NetCell[]>,
  config: LiteHRNetConfig
): NetLink[] {
  const links: NetLink[] = [];
  const mid = (cell: NetCell) => cell.y + NET.cell / 2;
  for (let c = 0; c + 1 < columns.length; c++) {
    const a = columns[c];
    const b = columns[c + 1];
    const from = byColumn.get(a.key) ?? [];
    const to = byColumn.get(b.key) ?? [];
    const x1 = a.x + NET.cell;
    const stage = a.stage === undefined ? null : config.stages[a.stage];
    if (a.kind === 'module' && stage?.fuse && from.length > 1)
      for (const f of from)
        for (const t of from)
          if (f.branch !== t.branch)
            links.push({
              key: `${a.key}>fuse${f.branch}>${t.branch}`,
              kind: 'fusion',
              d: curve(x1, mid(f), x1 + NET.gapX, mid(t))
            });
    const lastFrom = from[from.length - 1];
    for (const t of to) {
      const same = from.find((f) => f.branch === t.branch);
      if (same)
        links.push({
          key: `${a.key}>${t.branch}`,
          kind: 'flow',
          d: curve(x1, mid(same), b.x, mid(t))
        });
      else if (b.kind === 'transition' && lastFrom)
        links.push({
          key: `${a.key}>new${t.branch}`,
          kind: 'transition',
          d: curve(x1, mid(lastFrom), b.x, mid(t))
        });
    }
    if (b.kind !== 'transition') continue;
    const after = columns[c + 2];
    const next = byColumn.get(after?.key ?? '') ?? [];
    for (const f of from)
      if (!to.some((t) => t.branch === f.branch) && next.some((n) => n.branch === f.branch))
        links.push({
          key: `${a.key}>pass${f.branch}`,
          kind: 'flow',
          d: `M${x1},${mid(f)}H${after.x}`
        });
  }
  return links;
}
