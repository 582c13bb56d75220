/**
 * The HRNet picture as data: columns left to right (stem, each stage's transition and modules,
 * heads), resolution branches top to bottom (1/4 … 1/32), one cell per column and branch holding
 * the summed cost of the ops there, and the links a reader follows: the flow along a branch, new
 * branches made by transitions, and every module's fusion exchange between branches. Each stage's
 * band names its block type and size, each branch its resolution and, per stage, its width; cells
 * take their colour from the cost scale of cost-scale.ts.
 */
import type { Graph, LiteHRNetConfig, Op } from '$lib/model';
import { paperStageNumber } from '$lib/model';
import type { ColorScheme } from './cost-scale';
import { costColorScale } from './cost-scale';
import {
  BLOCK_TYPE_SHORT,
  branchResolution,
  branchSize,
  headWords,
  modulesTimesBlocks,
  stemWords,
  transitionWords
} from './network-words';

export type ColumnKind = 'stem' | 'transition' | 'module' | 'head';

export interface NetColumn {
  key: string;
  kind: ColumnKind;
  label: string;
  /** Its name: "Stage 3, module 2", "Transition into Stage 3", "Heads". */
  title: string;
  /** What it does, in words, for the columns that are not modules (null for modules). */
  detail: string | null;
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
  /** macs / the largest cell's macs, 0…1. */
  share: number;
  /** Its colour on the cost scale. */
  fill: string;
  /** The width the cell hands on (stem, transitions, modules); null for the heads. */
  channels: number | null;
}

export interface NetLink {
  key: string;
  kind: 'flow' | 'transition' | 'fusion';
  d: string;
}

export interface NetStageBand {
  stage: number;
  label: string;
  /** Short block type: "CCW", "Shuffle", "Shuffle, no 1st 1x1" … */
  block: string;
  /** "4 modules × 2 blocks". */
  repeat: string;
  x: number;
  w: number;
}

export interface NetRow {
  branch: number;
  /** The row's middle. */
  y: number;
  /** "1/4". */
  label: string;
  /** Feature map H×W for the configured input: "64×48". */
  size: string;
}

/** A small label placed in the diagram: a branch's width in a stage ("40 ch"). */
export interface NetText {
  key: string;
  x: number;
  y: number;
  text: string;
}

export interface NetworkLayout {
  width: number;
  height: number;
  columns: NetColumn[];
  cells: NetCell[];
  links: NetLink[];
  rows: NetRow[];
  stages: NetStageBand[];
  /** Per stage and branch its width, under the stage's first module; the stem's under it. */
  widthLabels: NetText[];
  /** The largest cell's MACs in this network. */
  maxCellMacs: number;
  /** With `fillBy`: the largest cell's sum of it (the top of the colour scale); else 0. */
  maxCellFill: number;
  /** Op id → cell key, for linking a selected op to its cell. */
  cellOfOp: Map<number, string>;
}

export interface NetworkLayoutOptions {
  /** Top of the colour scale (default: this network's largest cell); shared when comparing. */
  colorMax?: number;
  scheme?: ColorScheme;
  /**
   * Colour cells by another per-op quantity (measured ms by op id) instead of their MACs; the
   * cells keep their MACs for the readouts.
   */
  fillBy?: ArrayLike<number>;
}

/**
 * Geometry in diagram units (1 unit = 1 CSS px at 100%). Header baselines: the band's stage name,
 * its block type, its modules × blocks, then the column labels. No label is smaller than `font`.
 */
export const NET = {
  cell: 34,
  gapX: 14,
  gapY: 20,
  left: 72,
  top: 80,
  bottom: 22,
  font: 12,
  bandPad: 5,
  text: { stage: 21, block: 37, repeat: 52, column: 70 }
} as const;

/** A generous guess at a label's width (system sans fonts average about 0.55 em). */
const textWidth = (s: string, size: number) => s.length * size * 0.6;

function columnKeyOf(op: Op): string {
  const s = op.scope;
  if (s.section === 'stem') return 'stem';
  if (s.section === 'transition') return `t${s.stage}`;
  if (s.section === 'stage') return `s${s.stage}m${s.module}`;
  return 'head';
}

type ColumnDraft = Omit<NetColumn, 'x'>;

function columnsOf(config: LiteHRNetConfig, present: Set<string>): ColumnDraft[] {
  const bare = { macs: 0, params: 0 };
  const cols: ColumnDraft[] = [
    {
      key: 'stem',
      kind: 'stem',
      label: 'Stem',
      title: 'Stem',
      detail: stemWords(config),
      focus: 'stem',
      ...bare
    }
  ];
  config.stages.forEach((st, s) => {
    const n = paperStageNumber(s);
    if (present.has(`t${s}`))
      cols.push({
        key: `t${s}`,
        kind: 'transition',
        label: 'T',
        title: `Transition into Stage ${n}`,
        detail: transitionWords(config, s),
        stage: s,
        focus: `transition${s}`,
        ...bare
      });
    for (let m = 0; m < st.modules; m++)
      cols.push({
        key: `s${s}m${m}`,
        kind: 'module',
        label: `${m + 1}`,
        title: `Stage ${n}, module ${m + 1}`,
        detail: null,
        stage: s,
        module: m,
        focus: `stage${s}.${m}`,
        ...bare
      });
  });
  if (present.has('head')) {
    const detail = headWords(config);
    const title = detail.slice(0, detail.indexOf(':'));
    cols.push({ key: 'head', kind: 'head', label: 'Head', title, detail, focus: 'head', ...bare });
  }
  return cols;
}

type BandText = Omit<NetStageBand, 'x' | 'w'>;

function bandsOf(config: LiteHRNetConfig): BandText[] {
  return config.stages.map((st, s) => ({
    stage: s,
    label: `Stage ${paperStageNumber(s)}`,
    block: BLOCK_TYPE_SHORT[st.block],
    repeat: modulesTimesBlocks(st.modules, st.blocks)
  }));
}

/** How much wider than its columns a stage's band must be for its header to fit. */
function bandExtra(band: BandText, columns: number): number {
  const need =
    Math.max(
      textWidth(band.label, NET.font + 1),
      textWidth(band.block, NET.font),
      textWidth(band.repeat, NET.font)
    ) + 8;
  const natural = columns * NET.cell + (columns - 1) * NET.gapX + 2 * NET.bandPad;
  return Math.max(0, Math.ceil(need - natural));
}

/** Columns left to right; a stage whose header is wider than its columns gets room both sides. */
function placeColumns(
  drafts: ColumnDraft[],
  bands: BandText[]
): { columns: NetColumn[]; stages: NetStageBand[]; right: number } {
  const count = (s: number) => drafts.filter((c) => c.stage === s).length;
  const extra = bands.map((b) => bandExtra(b, count(b.stage)));
  const columns: NetColumn[] = [];
  const stages: NetStageBand[] = [];
  let x = NET.left;
  drafts.forEach((c, i) => {
    const s = c.stage;
    if (s !== undefined && drafts[i - 1]?.stage !== s) x += extra[s] / 2;
    columns.push({ ...c, x });
    x += NET.cell + NET.gapX;
    if (s === undefined || drafts[i + 1]?.stage === s) return;
    const x0 = columns.find((col) => col.stage === s)!.x;
    stages.push({ ...bands[s], x: x0 - extra[s] / 2, w: x - NET.gapX - x0 + extra[s] });
    x += extra[s] / 2;
  });
  return { columns, stages, right: x - NET.gapX };
}

const rowY = (b: number) => NET.top + b * (NET.cell + NET.gapY);

/** A horizontal-ish cubic from (x1, y1) to (x2, y2). */
function curve(x1: number, y1: number, x2: number, y2: number): string {
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1}C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}

export interface CellTotal {
  macs: number;
  params: number;
  ops: number;
}

/**
 * Cost per cell, keyed `<column>/<branch>` (columns: `stem`, `t<s>`, `s<s>m<m>`, `head`), and
 * which cell each op falls in. Two networks' cells with the same key are the same place.
 */
export function cellTotals(
  graph: Graph,
  perOp: ArrayLike<number>
): { cells: Map<string, CellTotal>; cellOfOp: Map<number, string> } {
  const cells = new Map<string, CellTotal>();
  const cellOfOp = new Map<number, string>();
  for (const op of graph.ops) {
    const key = `${columnKeyOf(op)}/${op.scope.branch ?? 0}`;
    cellOfOp.set(op.id, key);
    const acc = cells.get(key) ?? { macs: 0, params: 0, ops: 0 };
    acc.macs += perOp[op.id];
    acc.params += op.params;
    acc.ops += 1;
    cells.set(key, acc);
  }
  return { cells, cellOfOp };
}

/** The largest cell's MACs (0 for none). */
export function maxCellMacs(cells: ReadonlyMap<string, CellTotal>): number {
  let max = 0;
  for (const c of cells.values()) max = Math.max(max, c.macs);
  return max;
}

/** The width a cell hands on: the stem's output, a stage's branch width; null for the heads. */
function channelsOf(config: LiteHRNetConfig, col: NetColumn, branch: number): number | null {
  if (col.kind === 'stem') return config.stem.outChannels;
  if (col.stage !== undefined) return config.stages[col.stage].widths[branch] ?? null;
  return null;
}

function widthLabelsOf(config: LiteHRNetConfig, columns: NetColumn[]): NetText[] {
  const under = (b: number) => rowY(b) + NET.cell + NET.font + 2;
  const mid = (c: NetColumn) => c.x + NET.cell / 2;
  const labels: NetText[] = [
    { key: 'stem', x: mid(columns[0]), y: under(0), text: `${config.stem.outChannels} ch` }
  ];
  config.stages.forEach((st, s) => {
    const first = columns.find((c) => c.kind === 'module' && c.stage === s)!;
    st.widths.forEach((w, b) =>
      labels.push({ key: `s${s}/${b}`, x: mid(first), y: under(b), text: `${w} ch` })
    );
  });
  return labels;
}

export function layoutNetwork(
  graph: Graph,
  perOp: Float64Array,
  config: LiteHRNetConfig,
  options: NetworkLayoutOptions = {}
): NetworkLayout {
  const { cells: cellAcc, cellOfOp } = cellTotals(graph, perOp);
  const present = new Set([...cellAcc.keys()].map((k) => k.slice(0, k.indexOf('/'))));
  const placed = placeColumns(columnsOf(config, present), bandsOf(config));
  const { columns, stages } = placed;
  const maxMacs = maxCellMacs(cellAcc);
  const fillAcc = options.fillBy ? cellTotals(graph, options.fillBy).cells : cellAcc;
  const maxFill = maxCellMacs(fillAcc);
  const color = costColorScale(
    options.fillBy ? maxFill : (options.colorMax ?? maxMacs),
    options.scheme
  );
  const cells: NetCell[] = [];
  const byColumn = new Map<string, NetCell[]>(columns.map((c) => [c.key, []]));
  const columnAt = new Map(columns.map((c) => [c.key, c]));
  for (const [key, acc] of cellAcc) {
    const slash = key.indexOf('/');
    const col = columnAt.get(key.slice(0, slash))!;
    const branch = Number(key.slice(slash + 1));
    const cell: NetCell = {
      key,
      column: col.key,
      branch,
      x: col.x,
      y: rowY(branch),
      w: NET.cell,
      h: NET.cell,
      share: maxMacs > 0 ? acc.macs / maxMacs : 0,
      fill: color(fillAcc.get(key)!.macs),
      channels: channelsOf(config, col, branch),
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
  const rows = Array.from({ length: maxBranches }, (_, b) => ({
    branch: b,
    y: rowY(b) + NET.cell / 2,
    label: branchResolution(b),
    size: branchSize(config, b)
  }));
  return {
    width: placed.right + 8,
    height: rowY(maxBranches) - NET.gapY + NET.bottom,
    columns,
    cells,
    links: linksBetween(columns, byColumn, config),
    rows,
    stages,
    widthLabels: widthLabelsOf(config, columns),
    maxCellMacs: maxMacs,
    maxCellFill: options.fillBy ? maxFill : 0,
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
