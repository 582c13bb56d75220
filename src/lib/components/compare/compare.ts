/**
 * A against B: totals, per-stage and per-kind-of-work differences (B − A, absolute and relative
 * to A), a diff of the settings, and the compare page's own link, `?a=<explorer query>&b=<…>`
 * with each side's query URL-encoded. Pure: no DOM.
 */
import type { Aggregate, Analysis, Convention, LiteHRNetConfig } from '$lib/model';
import { byCategory, byStage, formatInput } from '$lib/model';

export interface DiffRow {
  key: string;
  label: string;
  a: number;
  b: number;
  /** b − a. */
  delta: number;
  /** (b − a) / a as a percentage; null when a is 0 (no base to compare with). */
  percent: number | null;
}

export function diffRow(key: string, label: string, a: number, b: number): DiffRow {
  return { key, label, a, b, delta: b - a, percent: a === 0 ? null : (100 * (b - a)) / a };
}

/** Rows for every group either side has, A's order first, then B's new ones. */
export function diffAggregates(
  a: readonly Aggregate[],
  b: readonly Aggregate[],
  convention: Convention
): DiffRow[] {
  const inB = new Map(b.map((g) => [g.key, g]));
  const rows = a.map((g) =>
    diffRow(g.key, g.label, g.macs[convention], inB.get(g.key)?.macs[convention] ?? 0)
  );
  for (const g of b)
    if (!a.some((x) => x.key === g.key)) rows.push(diffRow(g.key, g.label, 0, g.macs[convention]));
  return rows;
}

export interface Comparison {
  params: DiffRow;
  macs: DiffRow;
  byStage: DiffRow[];
  byCategory: DiffRow[];
}

export function compareAnalyses(a: Analysis, b: Analysis, convention: Convention): Comparison {
  return {
    params: diffRow('params', 'Parameters', a.costs.totals.params, b.costs.totals.params),
    macs: diffRow(
      'macs',
      'Multiply-adds',
      a.costs.totals.macs[convention],
      b.costs.totals.macs[convention]
    ),
    byStage: diffAggregates(byStage(a.graph, a.costs), byStage(b.graph, b.costs), convention),
    byCategory: diffAggregates(
      byCategory(a.graph, a.costs),
      byCategory(b.graph, b.costs),
      convention
    ).filter((r) => r.a !== 0 || r.b !== 0)
  };
}

export interface SettingRow {
  setting: string;
  a: string;
  b: string;
  differs: boolean;
}

const perStage = (c: LiteHRNetConfig, f: (s: LiteHRNetConfig['stages'][number]) => string) =>
  c.stages.map(f).join(' | ');

/** The settings of the two configs side by side, stage values separated by "|" (Stage 2 first). */
export function settingsDiff(a: LiteHRNetConfig, b: LiteHRNetConfig): SettingRow[] {
  const rows: [string, (c: LiteHRNetConfig) => string][] = [
    ['Input (H×W)', (c) => formatInput(c.input)],
    ['Joints', (c) => `${c.joints}`],
    [
      'Stem (stem, out, expand)',
      (c) => `${c.stem.stemChannels}, ${c.stem.outChannels}, ${c.stem.expandRatio}`
    ],
    ['Stem type', (c) => c.stem.type],
    [
      'Stage 1 (HRNet stem)',
      (c) => (c.stem.type === 'hrnet' ? `${c.stem.layer1Blocks} × ${c.stem.layer1Block}` : 'none')
    ],
    ['Stages', (c) => `${c.stages.length}`],
    ['Modules per stage', (c) => perStage(c, (s) => `${s.modules}`)],
    ['Blocks per module', (c) => perStage(c, (s) => `${s.blocks}`)],
    ['Block type', (c) => perStage(c, (s) => s.block)],
    ['Branch widths', (c) => perStage(c, (s) => s.widths.join(', '))],
    ['Reduce ratio (H)', (c) => perStage(c, (s) => `${s.reduceRatio}`)],
    ['Fusion', (c) => perStage(c, (s) => (s.fuse ? 'on' : 'off'))],
    ['Fusion convs', (c) => perStage(c, (s) => s.fusionConv)],
    ['Fusion sum', (c) => c.fusion],
    ['Last module fuses', (c) => (c.multiScaleOutput ? 'every branch' : 'branch 1 only')],
    ['IterativeHead', (c) => (c.withHead ? 'on' : 'off')],
    ['Keypoint head', (c) => (c.keypointHead ? 'on' : 'off')]
  ];
  return rows.map(([setting, f]) => {
    const va = f(a);
    const vb = f(b);
    return { setting, a: va, b: vb, differs: va !== vb };
  });
}

/** The compare page's query: both explorer queries, each URL-encoded. */
export function compareQuery(aQuery: string, bQuery: string): string {
  return `a=${encodeURIComponent(aQuery)}&b=${encodeURIComponent(bQuery)}`;
}

/**
 * `?a=…&b=…` → the two explorer queries (null for a side that is missing). A side whose
 * percent-encoding is broken is handed on as it is, so its reader can say what is wrong.
 */
export function readCompareQuery(search: string): { a: string | null; b: string | null } {
  const out: { a: string | null; b: string | null } = { a: null, b: null };
  for (const part of search.replace(/^\?/, '').split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key !== 'a' && key !== 'b') continue;
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out[key] = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      out[key] = raw;
    }
  }
  return out;
}

/** A network cell that differs from the other side's cell at the same place. */
export interface CellDiff {
  /** This side's cost (MACs). */
  macs: number;
  /** The other side's cost there; null when the other side has no such cell. */
  other: number | null;
}

const sameCost = (x: number, y: number) =>
  Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));

/**
 * The cells of two network pictures that differ, seen from each side. Cells match by key
 * (`<column>/<branch>`, columns `stem`, `t<s>`, `s<s>m<m>`, `head`: see `cellTotals`); a cell
 * differs when its cost does, or when the other side has no cell there.
 */
export function diffCells(
  a: ReadonlyMap<string, { macs: number }>,
  b: ReadonlyMap<string, { macs: number }>
): { a: Map<string, CellDiff>; b: Map<string, CellDiff> } {
  const oneSide = (mine: typeof a, theirs: typeof b) => {
    const out = new Map<string, CellDiff>();
    for (const [key, cell] of mine) {
      const other = theirs.get(key)?.macs ?? null;
      if (other === null || !sameCost(cell.macs, other)) out.set(key, { macs: cell.macs, other });
    }
    return out;
  };
  return { a: oneSide(a, b), b: oneSide(b, a) };
}
