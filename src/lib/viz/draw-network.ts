/** Draws a NetworkLayout into the SVG it is given; owns that element's children and nothing else. */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import type { NetCell, NetColumn, NetworkLayout } from './network-layout';
import { NET } from './network-layout';
import { attr, classed, fill, text } from './write';

export interface NetworkDrawOptions {
  /** aria-label / tooltip text of a column and a cell. */
  describeColumn: (c: NetColumn) => string;
  describeCell: (c: NetCell) => string;
  activeColumn: string | null;
  activeStage: number | null;
  highlightCell: string | null;
  /** Cells holding an op the live forward pass found wrong. */
  mismatchCells?: ReadonlySet<string>;
  onHoverCell: (key: string | null) => void;
  onDrill: (focus: string | null) => void;
}

type Opts = () => NetworkDrawOptions;

const heat = (share: number) =>
  `color-mix(in srgb, var(--heat) ${Math.round(12 + 88 * Math.sqrt(share))}%, var(--bg))`;

/** The latest options per drawn element: listeners are bound once and read them from here. */
const current = new WeakMap<SVGSVGElement, NetworkDrawOptions>();

function layer(svg: Selection<SVGSVGElement, unknown, null, undefined>, name: string) {
  return svg.selectAll<SVGGElement, number>(`g.${name}`).data([0]).join('g').attr('class', name);
}

export function drawNetwork(el: SVGSVGElement, layout: NetworkLayout, o: NetworkDrawOptions): void {
  current.set(el, o);
  const opts = () => current.get(el)!;
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${layout.width} ${layout.height}`);
  drawBands(layer(svg, 'bands'), layout, o);
  const rows = layer(svg, 'rows')
    .selectAll<SVGTextElement, unknown>('text')
    .data(layout.rows)
    .join('text');
  attr(rows, 'x', () => 8);
  attr(rows, 'y', (d) => d.y + 4);
  text(rows, (d) => d.label);
  const links = layer(svg, 'links')
    .selectAll<SVGPathElement, unknown>('path')
    .data(layout.links, (d) => (d as { key: string }).key)
    .join('path');
  attr(links, 'class', (d) => `link ${d.kind}`);
  attr(links, 'd', (d) => d.d);
  drawColumns(layer(svg, 'columns'), layout, o, opts);
}

function drawBands(
  parent: Selection<SVGGElement, number, SVGSVGElement, unknown>,
  layout: NetworkLayout,
  o: NetworkDrawOptions
): void {
  const bands = parent
    .selectAll<SVGGElement, NetworkLayout['stages'][number]>('g.band')
    .data(layout.stages, (d) => d.stage)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'band');
      g.append('rect').attr('rx', 6).attr('y', 4);
      g.append('text').attr('y', 20);
      return g;
    });
  classed(bands, 'active', (d) => d.stage === o.activeStage);
  const rects = bands.select<SVGRectElement>('rect');
  attr(rects, 'x', (d) => d.x - 5);
  attr(rects, 'width', (d) => d.w + 10);
  attr(rects, 'height', () => layout.height - 8);
  const labels = bands.select<SVGTextElement>('text');
  attr(labels, 'x', (d) => d.x + d.w / 2);
  text(labels, (d) => d.label);
}

function drawColumns(
  parent: Selection<SVGGElement, number, SVGSVGElement, unknown>,
  layout: NetworkLayout,
  o: NetworkDrawOptions,
  opts: Opts
): void {
  const cols = parent
    .selectAll<SVGGElement, NetColumn>('g.col')
    .data(layout.columns, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'col');
      g.append('text').attr('class', 'col-label').attr('y', 38);
      g.on('click', (_, d) => d.focus && opts().onDrill(d.focus));
      g.on('keydown', (ev: KeyboardEvent, d) => {
        if (d.focus && (ev.key === 'Enter' || ev.key === ' ')) {
          ev.preventDefault();
          opts().onDrill(d.focus);
        }
      });
      return g;
    });
  attr(cols, 'tabindex', (d) => (d.focus ? 0 : -1));
  attr(cols, 'role', (d) => (d.focus ? 'button' : 'img'));
  attr(cols, 'aria-label', (d) => o.describeColumn(d));
  classed(cols, 'active', (d) => d.key === o.activeColumn);
  classed(cols, 'drillable', (d) => d.focus !== null);
  const labels = cols.select<SVGTextElement>('text.col-label');
  attr(labels, 'x', (d) => d.x + NET.cell / 2);
  text(labels, (d) => d.label);
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
  fill(cells, (d) => heat(d.share));
  classed(cells, 'hl', (d) => d.key === o.highlightCell);
  classed(cells, 'mismatch', (d) => o.mismatchCells?.has(d.key) ?? false);
  text(cells.select<SVGTitleElement>('title'), (d) => o.describeCell(d));
}
