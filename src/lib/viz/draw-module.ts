/** Draws a ModuleLayout (ops as nodes, data flow as edges) into the SVG it owns. */
import { select } from 'd3-selection';
import type { ModuleLayout, OpNode } from './module-layout';
import { attr, classed, fill, text } from './write';

export interface NodeText {
  label: string;
  /** The label on narrow nodes (fusion sub-lanes). */
  tiny: string;
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
  /** Ops the live forward pass found wrong. */
  mismatched?: ReadonlySet<number>;
  onSelect: (id: number) => void;
  onHover: (id: number | null) => void;
}

const heat = (share: number) =>
  `color-mix(in srgb, var(--heat) ${Math.round(6 + 70 * Math.sqrt(share))}%, var(--bg))`;

/** The latest options per drawn element: listeners are bound once and read them from here. */
const current = new WeakMap<SVGSVGElement, ModuleDrawOptions>();

export function drawModule(el: SVGSVGElement, layout: ModuleLayout, o: ModuleDrawOptions): void {
  current.set(el, o);
  const opts = () => current.get(el)!;
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${layout.width} ${layout.height}`);
  const lanes = svg
    .selectAll<SVGGElement, number>('g.lanes')
    .data([0])
    .join('g')
    .attr('class', 'lanes')
    .selectAll<SVGGElement, ModuleLayout['lanes'][number]>('g.lane')
    .data(layout.lanes)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('rect').attr('y', 0);
      g.append('text').attr('y', 16);
      return g;
    });
  const laneRects = lanes.select<SVGRectElement>('rect');
  attr(laneRects, 'x', (d) => d.x);
  attr(laneRects, 'width', (d) => d.w - 2);
  attr(laneRects, 'height', () => layout.height);
  const laneText = lanes.select<SVGTextElement>('text');
  attr(laneText, 'x', (d) => d.x + 6);
  text(laneText, (d) => d.label);
  const edges = svg
    .selectAll<SVGGElement, number>('g.edges')
    .data([0])
    .join('g')
    .attr('class', 'edges')
    .selectAll<SVGPathElement, ModuleLayout['edges'][number]>('path')
    .data(layout.edges, (d) => d.key)
    .join('path');
  attr(edges, 'd', (d) => d.d);
  classed(edges, 'hl', (d) => d.from === o.selected || d.to === o.selected);
  const nodes = svg
    .selectAll<SVGGElement, number>('g.nodes')
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
      g.on('click', (_, d) => opts().onSelect(d.id));
      g.on('keydown', (ev: KeyboardEvent, d) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          opts().onSelect(d.id);
        }
      });
      g.on('mouseenter focus', (_, d) => opts().onHover(d.id));
      g.on('mouseleave blur', () => opts().onHover(null));
      return g;
    });
  classed(nodes, 'narrow', (d) => d.narrow);
  classed(nodes, 'selected', (d) => d.id === o.selected);
  classed(nodes, 'hovered', (d) => d.id === o.hovered);
  classed(nodes, 'mismatch', (d) => o.mismatched?.has(d.id) ?? false);
  const texts = new Map(layout.nodes.map((d) => [d.id, o.text(d.id)]));
  const t = (d: OpNode) => texts.get(d.id)!;
  attr(nodes, 'aria-label', (d) => t(d).title);
  const rects = nodes.select<SVGRectElement>('rect');
  attr(rects, 'x', (d) => d.x);
  attr(rects, 'y', (d) => d.y);
  attr(rects, 'width', (d) => d.w);
  attr(rects, 'height', (d) => d.h);
  fill(rects, (d) => heat(t(d).share));
  const l1 = nodes.select<SVGTextElement>('text.l1');
  attr(l1, 'x', (d) => d.x + d.w / 2);
  attr(l1, 'y', (d) => (d.narrow ? d.y + d.h / 2 + 4 : d.y + 15));
  text(l1, (d) => (d.narrow ? t(d).tiny : t(d).label));
  const l2 = nodes.select<SVGTextElement>('text.l2');
  attr(l2, 'x', (d) => d.x + d.w / 2);
  attr(l2, 'y', (d) => d.y + 31);
  text(l2, (d) => (d.narrow ? '' : t(d).sub));
  text(nodes.select<SVGTitleElement>('title'), (d) => t(d).title);
}
