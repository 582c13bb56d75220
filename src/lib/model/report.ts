/**
 * Per-layer reports in the formats people paste into papers and scripts: the CLI prints them
 * and the site exports them. The JSON form is the CLI's documented schema (README, "CLI").
 */
import type { Graph, Op } from './graph';
import { INPUT_ID } from './graph';
import type { ConventionCosts, GraphCosts } from './cost';
import type { Convention } from './ops';
import { CONVENTIONS } from './ops';
import { opCosts } from './cost';
import { formatDecimal, formatInt, formatPercent, formatShape, megaLabel, megaOf } from './format';

export interface LayerRow {
  name: string;
  call: number;
  op: Op['kind'];
  inShape: number[];
  outShape: number[];
  params: number;
  macs: ConventionCosts;
  /** The op calls it reads, as `name@call`, or `input` for the image: the graph's edges. */
  inputs: string[];
}

export interface JsonReport {
  model: string | null;
  input: [number, number];
  totals: { params: number; macs: ConventionCosts };
  layers: LayerRow[];
}

/** An op call's key, `name@call` (`input` for the image), as links and the diagrams write it. */
export function opCallKey(graph: Graph, id: number): string {
  return id === INPUT_ID ? 'input' : `${graph.ops[id].name}@${graph.ops[id].call}`;
}

export function layerRows(graph: Graph, costs: GraphCosts): LayerRow[] {
  return graph.ops.map((op) => ({
    name: op.name,
    call: op.call,
    op: op.kind,
    // A concat has several inputs; the row shows the first, as torchstat does.
    inShape: [...op.inShapes[0]],
    outShape: [...op.outShape],
    params: op.params,
    macs: opCosts(costs, op.id),
    inputs: op.inputs.map((i) => opCallKey(graph, i))
  }));
}

export function jsonReport(model: string | null, graph: Graph, costs: GraphCosts): JsonReport {
  return {
    model,
    input: [graph.input[2], graph.input[3]],
    totals: { params: costs.totals.params, macs: { ...costs.totals.macs } },
    layers: layerRows(graph, costs)
  };
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvReport(graph: Graph, costs: GraphCosts): string {
  const head = [
    'name',
    'call',
    'op',
    'in_shape',
    'out_shape',
    'params',
    ...CONVENTIONS.map((c) => `macs_${c}`),
    'inputs'
  ];
  const rows = layerRows(graph, costs).map((r) =>
    [
      r.name,
      r.call,
      r.op,
      r.inShape.join('x'),
      r.outShape.join('x'),
      r.params,
      ...CONVENTIONS.map((c) => r.macs[c]),
      r.inputs.join(' ')
    ]
      .map(csvCell)
      .join(',')
  );
  return [head.join(','), ...rows].join('\n') + '\n';
}

interface TableColumn {
  title: string;
  align: 'left' | 'right';
  cell: (r: LayerRow) => string;
}

function columns(convention: Convention, total: number): TableColumn[] {
  const mega = megaOf(convention);
  return [
    {
      title: 'name',
      align: 'left',
      cell: (r) => (r.call > 0 ? `${r.name}@${r.call}` : r.name)
    },
    { title: 'op', align: 'left', cell: (r) => r.op },
    {
      title: 'in → out',
      align: 'left',
      cell: (r) => `${formatShape(r.inShape)} → ${formatShape(r.outShape)}`
    },
    { title: 'params', align: 'right', cell: (r) => formatInt(r.params) },
    { title: `MACs (M)`, align: 'right', cell: (r) => formatDecimal(r.macs[convention] / mega, 3) },
    { title: '%', align: 'right', cell: (r) => formatPercent(r.macs[convention], total, 2) }
  ];
}

function totalsLine(convention: Convention, costs: GraphCosts): string {
  const macs = costs.totals.macs[convention];
  const mega = megaOf(convention);
  const paperNote =
    convention === 'paper'
      ? '; the paper calls this number FLOPs'
      : convention === 'hrnet'
        ? `; HRNet's get_model_summary prints it ÷2^30 as ${formatDecimal(macs / 2 ** 30, 2)} GFLOPs`
        : '';
  return (
    `Total: ${formatInt(costs.totals.params)} params, ${formatInt(macs)} MACs = ` +
    `${formatDecimal(macs / mega, 1)} M MACs (${convention} convention, ${megaLabel(convention)}${paperNote}). ` +
    `Counting a multiply-add as 2 FLOPs: ${formatDecimal((2 * macs) / mega, 1)} M FLOPs.`
  );
}

/** A fixed-width per-layer listing for a terminal. */
export function textTable(graph: Graph, costs: GraphCosts, convention: Convention): string {
  const cols = columns(convention, costs.totals.macs[convention]);
  const rows = layerRows(graph, costs).map((r) => cols.map((c) => c.cell(r)));
  const widths = cols.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((s, i) => (cols[i].align === 'left' ? s.padEnd(widths[i]) : s.padStart(widths[i])))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return (
    [
      line(cols.map((c) => c.title)),
      rule,
      ...rows.map(line),
      rule,
      totalsLine(convention, costs)
    ].join('\n') + '\n'
  );
}

export function markdownTable(graph: Graph, costs: GraphCosts, convention: Convention): string {
  const cols = columns(convention, costs.totals.macs[convention]);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const head = `| ${cols.map((c) => c.title).join(' | ')} |`;
  const align = `|${cols.map((c) => (c.align === 'left' ? ' --- ' : ' ---: ')).join('|')}|`;
  const rows = layerRows(graph, costs).map(
    (r) => `| ${cols.map((c) => esc(c.cell(r))).join(' | ')} |`
  );
  return [head, align, ...rows, '', totalsLine(convention, costs)].join('\n') + '\n';
}
