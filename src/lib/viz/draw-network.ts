/** Draws a NetworkLayout into the SVG it is given; owns that element's children and nothing else. */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import type { NetCell, NetColumn, NetStageBand, NetworkLayout } from './network-layout';
import { NET } from './network-layout';
import { drawMismatchMarks } from './mismatch-mark';
import { attr, classed, fill, layer, text } from './write';

export interface NetworkDrawOptions {
  /** aria-label / tooltip text of a column and a cell. */
  describeColumn: (c: NetColumn) => string;
  describeCell: (c: NetCell) => string;
  activeColumn: string | null;
  activeStage: number | null;
  highlightCell: string | null;
  /** Cells holding an op the live forward pass found wrong. */
  mismatchCells?: ReadonlySet<string>;
  /** Cells that differ from the other network being compared. */
  differCells?: ReadonlySet<string>;
  onHoverCell: (key: string | null) => void;
  /** A column pointed at (mouse) or focused (keyboard); null when left. */
  onHoverColumn?: (key: string | null) => void;
  onFocusColumn?: (key: string | null) => void;
  onDrill: (focus: string | null) => void;
}

type Opts = () => NetworkDrawOptions;
type Parent = Selection<SVGGElement, number, SVGSVGElement, unknown>;

/** The latest options per drawn element: listeners are bound once and read them from here. */
const current = new WeakMap<SVGSVGElement, NetworkDrawOptions>();

export function drawNetwork(el: SVGSVGElement, layout: NetworkLayout, o: NetworkDrawOptions): void {
  current.set(el, o);
  const opts = () => current.get(el)!;
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${layout.width} ${layout.height}`);
  drawBands(layer(svg, 'bands'), layout, o);
  drawRows(layer(svg, 'rows'), layout);
  const links = layer(svg, 'links')
    .selectAll<SVGPathElement, unknown>('path')
    .data(layout.links, (d) => (d as { key: string }).key)
    .join('path');
  attr(links, 'class', (d) => `link ${d.kind}`);
  attr(links, 'd', (d) => d.d);
  const widths = layer(svg, 'widths')
    .selectAll<SVGTextElement, unknown>('text')
    .data(layout.widthLabels, (d) => (d as { key: string }).key)
    .join('text');
  attr(widths, 'x', (d) => d.x);
  attr(widths, 'y', (d) => d.y);
  text(widths, (d) => d.text);
  drawColumns(layer(svg, 'columns'), layout, o, opts);
}

/** Each row's resolution and, below it, its feature map size for the configured input. */
function drawRows(parent: Parent, layout: NetworkLayout): void {
  const rows = parent
    .selectAll<SVGGElement, NetworkLayout['rows'][number]>('g.row')
    .data(layout.rows, (d) => d.branch)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'row');
      g.append('text').attr('class', 'res').attr('x', 8);
      g.append('text').attr('class', 'size').attr('x', 8);
      return g;
    });
  const res = rows.select<SVGTextElement>('text.res');
  attr(res, 'y', (d) => d.y - 3);
  text(res, (d) => d.label);
  const size = rows.select<SVGTextElement>('text.size');
  attr(size, 'y', (d) => d.y + NET.font);
  text(size, (d) => d.size);
}

function drawBands(parent: Parent, layout: NetworkLayout, o: NetworkDrawOptions): void {
  const bands = parent
    .selectAll<SVGGElement, NetStageBand>('g.band')
    .data(layout.stages, (d) => d.stage)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'band');
      g.append('rect').attr('rx', 6).attr('y', 4);
      g.append('text').attr('class', 'band-title').attr('y', NET.text.stage);
      g.append('text').attr('class', 'band-block').attr('y', NET.text.block);
      g.append('text').attr('class', 'band-repeat').attr('y', NET.text.repeat);
      return g;
    });
  classed(bands, 'active', (d) => d.stage === o.activeStage);
  const rects = bands.select<SVGRectElement>('rect');
  attr(rects, 'x', (d) => d.x - NET.bandPad);
  attr(rects, 'width', (d) => d.w + 2 * NET.bandPad);
  attr(rects, 'height', () => layout.height - 8);
  const lines: [string, (d: NetStageBand) => string][] = [
    ['band-title', (d) => d.label],
    ['band-block', (d) => d.block],
    ['band-repeat', (d) => d.repeat]
  ];
  for (const [cls, value] of lines) {
    const t = bands.select<SVGTextElement>(`text.${cls}`);
    attr(t, 'x', (d) => d.x + d.w / 2);
    text(t, value);
  }
}

function bindColumnEvents(g: Selection<SVGGElement, NetColumn, SVGGElement, number>, opts: Opts) {
  g.on('click', (_, d) => d.focus && opts().onDrill(d.focus));
  g.on('keydown', (ev: KeyboardEvent, d) => {
    if (d.focus && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      opts().onDrill(d.focus);
    }
  });
  g.on('mouseenter', (_, d) => opts().onHoverColumn?.(d.key));
  g.on('mouseleave', () => opts().onHoverColumn?.(null));
  g.on('focus', (_, d) => opts().onFocusColumn?.(d.key));
  g.on('blur', () => opts().onFocusColumn?.(null));
}

function drawColumns(
  parent: Parent,
  layout: NetworkLayout,
  o: NetworkDrawOptions,
  opts: Opts
): void {
  const cols = parent
    .selectAll<SVGGElement, NetColumn>('g.col')
    .data(layout.columns, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'col');
      g.append('title');
      g.append('text').attr('class', 'col-label').attr('y', NET.text.column);
      bindColumnEvents(g, opts);
      return g;
    });
  // Every column takes focus, so its words reach keyboard readers too; modules also open.
  attr(cols, 'tabindex', () => 0);
  attr(cols, 'role', (d) => (d.focus ? 'button' : 'img'));
  attr(cols, 'aria-label', (d) => o.describeColumn(d));
  classed(cols, 'active', (d) => d.key === o.activeColumn);
  classed(cols, 'drillable', (d) => d.focus !== null);
  text(cols.select<SVGTitleElement>('title'), (d) => o.describeColumn(d));
  const labels = cols.select<SVGTextElement>('text.col-label');
  attr(labels, 'x', (d) => d.x + NET.cell / 2);
  text(labels, (d) => d.label);
  drawCells(cols, layout, o, opts);
}

function drawCells(
  cols: Selection<SVGGElement, NetColumn, SVGGElement, number>,
  layout: NetworkLayout,
  o: NetworkDrawOptions,
  opts: Opts
): void {
  const byColumn = new Map<string, NetCell[]>();
  for (const c of layout.cells) byColumn.set(c.column, [...(byColumn.get(c.column) ?? []), c]);
  const cells = cols
    .selectAll<SVGRectElement, NetCell>('rect.cell')
    .data(
      (d) => byColumn.get(d.key) ?? [],
      (d) => d.key
    )
    .join((enter) => {
      const r = enter.append('rect').attr('class', 'cell').attr('rx', 4);
      r.append('title');
      r.on('mouseenter', (_, d) => opts().onHoverCell(d.key));
      r.on('mouseleave', () => opts().onHoverCell(null));
      return r;
    });
  attr(cells, 'x', (d) => d.x);
  attr(cells, 'y', (d) => d.y);
  attr(cells, 'width', (d) => d.w);
  attr(cells, 'height', (d) => d.h);
  fill(cells, (d) => d.fill);
  classed(cells, 'hl', (d) => d.key === o.highlightCell);
  classed(cells, 'mismatch', (d) => o.mismatchCells?.has(d.key) ?? false);
  classed(cells, 'differs', (d) => o.differCells?.has(d.key) ?? false);
  text(cells.select<SVGTitleElement>('title'), (d) => o.describeCell(d));
  const mismatched = o.mismatchCells;
  drawMismatchMarks(cols, (d) =>
    mismatched?.size ? (byColumn.get(d.key) ?? []).filter((c) => mismatched.has(c.key)) : []
  );
}
