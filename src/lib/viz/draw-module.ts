/** Draws a ModuleLayout (ops as nodes, data flow as edges) into the SVG it owns. */
import { select } from 'd3';
import type { ModuleLayout, OpNode } from './module-layout';

export interface NodeText {
  label: string;
  /** Second line on wide nodes: shape and cost. */
  sub: string;
  /** Full description: tooltip and aria-label. */
  title: string;
  /** Share of the view's cost, 0…1, for the fill. */
  share: number;
}

export interface ModuleDrawOptions {
  text: (id: number) => NodeText;
  selected: number | null;
  hovered: number | null;
  onSelect: (id: number) => void;
  onHover: (id: number | null) => void;
}

const heat = (share: number) =>
  `color-mix(in srgb, var(--heat) ${Math.round(6 + 70 * Math.sqrt(share))}%, var(--bg))`;

export function drawModule(el: SVGSVGElement, layout: ModuleLayout, o: ModuleDrawOptions): void {
  const svg = select(el).attr('viewBox', `0 0 ${layout.width} ${layout.height}`);
  svg
    .selectAll('g.lanes')
    .data([0])
    .join('g')
    .attr('class', 'lanes')
    .selectAll('g.lane')
    .data(layout.lanes)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('rect');
      g.append('text');
      return g;
    })
    .call((g) =>
      g
        .select('rect')
        .attr('x', (d) => d.x)
        .attr('y', 0)
        .attr('width', (d) => d.w - 2)
        .attr('height', layout.height)
    )
    .call((g) =>
      g
        .select('text')
        .attr('x', (d) => d.x + 6)
        .attr('y', 16)
        .text((d) => d.label)
    );
  svg
    .selectAll('g.edges')
    .data([0])
    .join('g')
    .attr('class', 'edges')
    .selectAll('path')
    .data(layout.edges, (d) => (d as { key: string }).key)
    .join('path')
    .attr('d', (d) => d.d)
    .classed('hl', (d) => d.from === o.selected || d.to === o.selected);
  const nodes = svg
    .selectAll('g.nodes')
    .data([0])
    .join('g')
    .attr('class', 'nodes')
    .selectAll<SVGGElement, OpNode>('g.node')
    .data(layout.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'node').attr('tabindex', 0).attr('role', 'button');
      g.append('rect').attr('rx', 4);
      g.append('text').attr('class', 'l1');
      g.append('text').attr('class', 'l2');
      g.append('title');
      return g;
    })
    .classed('narrow', (d) => d.narrow)
    .classed('selected', (d) => d.id === o.selected)
    .classed('hovered', (d) => d.id === o.hovered)
    .on('click', (_, d) => o.onSelect(d.id))
    .on('keydown', (ev: KeyboardEvent, d) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        o.onSelect(d.id);
      }
    })
    .on('mouseenter focus', (_, d) => o.onHover(d.id))
    .on('mouseleave blur', () => o.onHover(null));
  nodes.each(function (d) {
    const t = o.text(d.id);
    const g = select(this).attr('aria-label', t.title);
    g.select('rect')
      .attr('x', d.x)
      .attr('y', d.y)
      .attr('width', d.w)
      .attr('height', d.h)
      .style('fill', heat(t.share));
    g.select('text.l1')
      .attr('x', d.x + d.w / 2)
      .attr('y', d.narrow ? d.y + d.h / 2 + 4 : d.y + 15)
      .text(t.label);
    g.select('text.l2')
      .attr('x', d.x + d.w / 2)
      .attr('y', d.y + 31)
      .text(d.narrow ? '' : t.sub);
    g.select('title').text(t.title);
  });
}
