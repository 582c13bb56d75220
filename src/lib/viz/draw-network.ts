/** Draws a NetworkLayout into the SVG it is given; owns that element's children and nothing else. */
import type { Selection } from 'd3';
import { select } from 'd3';
import type { NetCell, NetColumn, NetworkLayout } from './network-layout';
import { NET } from './network-layout';

export interface NetworkDrawOptions {
  /** aria-label / tooltip text of a column and a cell. */
  describeColumn: (c: NetColumn) => string;
  describeCell: (c: NetCell) => string;
  activeColumn: string | null;
  activeStage: number | null;
  highlightCell: string | null;
  onHoverCell: (key: string | null) => void;
  onDrill: (focus: string | null) => void;
}

const heat = (share: number) =>
  `color-mix(in srgb, var(--heat) ${Math.round(12 + 88 * Math.sqrt(share))}%, var(--bg))`;

export function drawNetwork(el: SVGSVGElement, layout: NetworkLayout, o: NetworkDrawOptions): void {
  const svg = select(el).attr('viewBox', `0 0 ${layout.width} ${layout.height}`);
  svg
    .selectAll('g.bands')
    .data([0])
    .join('g')
    .attr('class', 'bands')
    .selectAll('g.band')
    .data(layout.stages, (d) => (d as { stage: number }).stage)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'band');
      g.append('rect');
      g.append('text');
      return g;
    })
    .classed('active', (d) => d.stage === o.activeStage)
    .call((g) =>
      g
        .select('rect')
        .attr('x', (d) => d.x - 5)
        .attr('y', 4)
        .attr('width', (d) => d.w + 10)
        .attr('height', layout.height - 8)
        .attr('rx', 6)
    )
    .call((g) =>
      g
        .select('text')
        .attr('x', (d) => d.x + d.w / 2)
        .attr('y', 20)
        .text((d) => d.label)
    );
  svg
    .selectAll('g.rows')
    .data([0])
    .join('g')
    .attr('class', 'rows')
    .selectAll('text')
    .data(layout.rows)
    .join('text')
    .attr('x', 8)
    .attr('y', (d) => d.y + 4)
    .text((d) => d.label);
  svg
    .selectAll('g.links')
    .data([0])
    .join('g')
    .attr('class', 'links')
    .selectAll('path')
    .data(layout.links, (d) => (d as { key: string }).key)
    .join('path')
    .attr('class', (d) => `link ${d.kind}`)
    .attr('d', (d) => d.d);
  const columns = svg.selectAll<SVGGElement, number>('g.columns').data([0]).join('g');
  drawColumns(columns.attr('class', 'columns'), layout, o);
}

function drawColumns(
  parent: Selection<SVGGElement, number, SVGSVGElement, unknown>,
  layout: NetworkLayout,
  o: NetworkDrawOptions
): void {
  const cols = parent
    .selectAll<SVGGElement, NetColumn>('g.col')
    .data(layout.columns, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'col');
      g.append('text').attr('class', 'col-label');
      return g;
    })
    .attr('tabindex', (d) => (d.focus ? 0 : -1))
    .attr('role', (d) => (d.focus ? 'button' : 'img'))
    .attr('aria-label', (d) => o.describeColumn(d))
    .classed('active', (d) => d.key === o.activeColumn)
    .classed('drillable', (d) => d.focus !== null)
    .on('click', (_, d) => d.focus && o.onDrill(d.focus))
    .on('keydown', (ev: KeyboardEvent, d) => {
      if (d.focus && (ev.key === 'Enter' || ev.key === ' ')) {
        ev.preventDefault();
        o.onDrill(d.focus);
      }
    });
  cols
    .select('text.col-label')
    .attr('x', (d) => d.x + NET.cell / 2)
    .attr('y', 38)
    .text((d) => d.label);
  cols
    .selectAll<SVGRectElement, NetCell>('rect.cell')
    .data(
      (d) => layout.cells.filter((c) => c.column === d.key),
      (d) => d.key
    )
    .join((enter) => {
      const r = enter.append('rect').attr('class', 'cell').attr('rx', 4);
      r.append('title');
      return r;
    })
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('width', (d) => d.w)
    .attr('height', (d) => d.h)
    .style('fill', (d) => heat(d.share))
    .classed('hl', (d) => d.key === o.highlightCell)
    .on('mouseenter', (_, d) => o.onHoverCell(d.key))
    .on('mouseleave', () => o.onHoverCell(null))
    .call((r) => r.select('title').text((d) => o.describeCell(d)));
}
