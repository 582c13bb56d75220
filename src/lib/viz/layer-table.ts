/**
 * The per-layer table as data: one row per op call, filtered, sorted and cut into pages. Rows are
 * built once per graph; costs are read from the convention's array when sorting and showing, so
 * switching convention does not rebuild anything.
 */
import type { Graph, Op, OpKind, Section } from '$lib/model';
import { paperStageNumber } from '$lib/model';

export interface LayerRow {
  id: number;
  name: string;
  call: number;
  kind: OpKind;
  section: Section;
}

export type SortKey = 'id' | 'name' | 'kind' | 'params' | 'macs';
export type SortDir = 'asc' | 'desc';

export interface TableQuery {
  text: string;
  kind: OpKind | 'all';
  section: Section | 'all';
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_QUERY: TableQuery = {
  text: '',
  kind: 'all',
  section: 'all',
  sort: 'id',
  dir: 'asc'
};
export const PAGE_SIZE = 50;

const ROLE_WORDS: Record<Op['scope']['role'], string> = {
  stem: 'stem',
  transition: 'transition',
  ccw_split: 'CCW split',
  ccw_h: 'CCW cross-resolution weighting H',
  ccw_dw: 'CCW depthwise',
  ccw_f: 'CCW spatial weighting F',
  ccw_merge: 'CCW concat + shuffle',
  shuffle: 'shuffle block',
  residual: 'residual block',
  fusion: 'fusion',
  iterative_head: 'IterativeHead',
  keypoint_head: 'keypoint head'
};

export function whereOf(op: Op): string {
  const s = op.scope;
  const parts: string[] = [];
  if (s.stage !== undefined) parts.push(`Stage ${paperStageNumber(s.stage)}`);
  if (s.module !== undefined) parts.push(`module ${s.module + 1}`);
  if (s.block !== undefined) parts.push(`block ${s.block + 1}`);
  if (s.branch !== undefined) parts.push(`branch ${s.branch + 1}`);
  if (s.from !== undefined) parts.push(`from branch ${s.from + 1}`);
  parts.push(ROLE_WORDS[s.role]);
  return parts.join(' · ');
}

export function tableRows(graph: Graph): LayerRow[] {
  return graph.ops.map((op) => ({
    id: op.id,
    name: op.name,
    call: op.call,
    kind: op.kind,
    section: op.scope.section
  }));
}

/** The text filter matches the name or the place in words, case-insensitively. */
function matchesText(graph: Graph, r: LayerRow, text: string): boolean {
  return (
    r.name.toLowerCase().includes(text) || whereOf(graph.ops[r.id]).toLowerCase().includes(text)
  );
}

/** Rows matching the query, sorted; ties keep execution order so the result is stable. */
export function queryRows(
  rows: readonly LayerRow[],
  graph: Graph,
  perOp: Float64Array,
  q: TableQuery
): LayerRow[] {
  const text = q.text.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (q.kind === 'all' || r.kind === q.kind) &&
      (q.section === 'all' || r.section === q.section) &&
      (text === '' || matchesText(graph, r, text))
  );
  // Rows are built in execution order: nothing to sort.
  if (q.sort === 'id' && q.dir === 'asc') return out;
  const sign = q.dir === 'asc' ? 1 : -1;
  const value: Record<SortKey, (r: LayerRow) => number | string> = {
    id: (r) => r.id,
    name: (r) => r.name,
    kind: (r) => r.kind,
    params: (r) => graph.ops[r.id].params,
    macs: (r) => perOp[r.id]
  };
  const v = value[q.sort];
  return out.sort((a, b) => {
    const x = v(a);
    const y = v(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return c !== 0 ? sign * c : a.id - b.id;
  });
}

export function pageCount(n: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(n / size));
}

/** The page that shows op `id`, or null when the filter hides it. */
export function pageOf(rows: readonly LayerRow[], id: number, size = PAGE_SIZE): number | null {
  const i = rows.findIndex((r) => r.id === id);
  return i < 0 ? null : Math.floor(i / size);
}

export function pageRows(rows: readonly LayerRow[], page: number, size = PAGE_SIZE): LayerRow[] {
  return rows.slice(page * size, page * size + size);
}

// ------------------------------------------------------------------------------ columns by width

export type ColumnKey = 'id' | 'name' | 'kind' | 'output' | 'params' | 'macs' | 'percent' | 'where';

export interface ColumnSpec {
  key: ColumnKey;
  /** The width it is given, in CSS px (the name column takes what is left, at least this). */
  width: number;
}

/**
 * Every column, most wanted first, with the width its content needs at the table's 12.8 px type:
 * the op name (ellipsised past its width) and its cost are always there; then the share, the
 * params, the kind, the output shape (1×320×8×6 is 10 characters), where it sits in words, and
 * the execution index (the name already orders them).
 */
export const COLUMN_PRIORITY: readonly ColumnSpec[] = [
  { key: 'name', width: 170 },
  { key: 'macs', width: 84 },
  { key: 'percent', width: 88 },
  { key: 'params', width: 84 },
  { key: 'kind', width: 96 },
  { key: 'output', width: 112 },
  { key: 'where', width: 220 },
  { key: 'id', width: 48 }
];

/** The order columns are shown in, left to right. */
const DISPLAY_ORDER: readonly ColumnKey[] = [
  'id',
  'name',
  'kind',
  'output',
  'params',
  'macs',
  'percent',
  'where'
];

/**
 * The columns that fit a table `available` CSS px wide, in display order: taken in priority
 * order, each one that still fits is kept (a narrow one further down may fit where a wide one did
 * not). The name and the cost are always kept, so a row always says what and how much.
 */
export function columnsFor(available: number): ColumnSpec[] {
  const chosen = new Set<ColumnKey>(['name', 'macs']);
  let used = COLUMN_PRIORITY.filter((c) => chosen.has(c.key)).reduce((s, c) => s + c.width, 0);
  for (const c of COLUMN_PRIORITY) {
    if (chosen.has(c.key) || used + c.width > available) continue;
    chosen.add(c.key);
    used += c.width;
  }
  return DISPLAY_ORDER.filter((k) => chosen.has(k)).map((k) =>
    COLUMN_PRIORITY.find((c) => c.key === k)!
  );
}
