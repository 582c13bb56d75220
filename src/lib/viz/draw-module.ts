/**
 * Draws a ModuleLayout into the SVG it owns: lanes, data-flow edges with the tensor shape they
 * carry, ports for tensors from outside, and op nodes with their cost. Stable hooks: every op
 * node is `g[data-op="name@call"]`, every edge `path[data-from][data-to]` in the same form
 * (`input` for the image), every port `g[data-port]`.
 */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import type { ModuleLayout, OpEdge, OpNode, PortNode } from './module-layout';
import { drawMismatchMarks } from './mismatch-mark';
import { attr, classed, fill, layer, text } from './write';

export interface NodeText {
  label: string;
  /** Second line: the op's cost with its unit. */
  sub: string;
  /** Full description: tooltip and aria-label. */
  title: string;
  /** Share of the view's largest cost, 0…1, for the fill. */
  share: number;
}

export interface ModuleDrawOptions {
  text: (id: number) => NodeText;
  /** Tooltip of a port: where its tensor comes from. */
  portTitle?: (p: PortNode) => string;
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

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export function drawModule(el: SVGSVGElement, layout: ModuleLayout, o: ModuleDrawOptions): void {
  current.set(el, o);
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${layout.width} ${layout.height}`);
  drawLanes(svg, layout);
  drawEdges(svg, layout, o);
  drawPorts(svg, layout, o);
  drawNodes(svg, layout, o, () => current.get(el)!);
}

function drawLanes(svg: Svg, layout: ModuleLayout): void {
  const lanes = layer(svg, 'lanes')
    .selectAll<SVGGElement, ModuleLayout['lanes'][number]>('g.lane')
    .data(layout.lanes)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('rect').attr('y', 0).attr('rx', 4);
      g.append('text').attr('y', 18);
      return g;
    });
  const rects = lanes.select<SVGRectElement>('rect');
  attr(rects, 'x', (d) => d.x);
  attr(rects, 'width', (d) => d.w);
  attr(rects, 'height', () => layout.height);
  const labels = lanes.select<SVGTextElement>('text');
  attr(labels, 'x', (d) => d.x + 6);
  text(labels, (d) => d.label);
}

function drawEdges(svg: Svg, layout: ModuleLayout, o: ModuleDrawOptions): void {
  const edges = layer(svg, 'edges')
    .selectAll<SVGPathElement, OpEdge>('path')
    .data(layout.edges, (d) => d.key)
    .join((enter) => enter.append('path').attr('marker-end', null));
  attr(edges, 'd', (d) => d.d);
  attr(edges, 'data-from', (d) => d.fromKey);
  attr(edges, 'data-to', (d) => d.toKey);
  classed(edges, 'hl', (d) => d.from === o.selected || d.to === o.selected);
  const shapes = layer(svg, 'shapes')
    .selectAll<SVGTextElement, OpEdge>('text')
    .data(
      layout.edges.filter((e) => e.label),
      (d) => d.key
    )
    .join('text');
  attr(shapes, 'x', (d) => d.label!.x);
  attr(shapes, 'y', (d) => d.label!.y);
  text(shapes, (d) => d.shape);
}

function drawPorts(svg: Svg, layout: ModuleLayout, o: ModuleDrawOptions): void {
  const ports = layer(svg, 'ports')
    .selectAll<SVGGElement, PortNode>('g.port')
    .data(layout.ports, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'port');
      g.append('rect').attr('rx', 12);
      g.append('text');
      g.append('title');
      return g;
    });
  attr(ports, 'data-port', (d) => d.key);
  const rects = ports.select<SVGRectElement>('rect');
  attr(rects, 'x', (d) => d.x);
  attr(rects, 'y', (d) => d.y + 6);
  attr(rects, 'width', (d) => d.w);
  attr(rects, 'height', (d) => d.h - 12);
  const labels = ports.select<SVGTextElement>('text');
  attr(labels, 'x', (d) => d.x + d.w / 2);
  attr(labels, 'y', (d) => d.y + d.h / 2 + 4);
  text(labels, (d) => d.label);
  text(ports.select<SVGTitleElement>('title'), (d) => o.portTitle?.(d) ?? d.key);
}

function drawNodes(
  svg: Svg,
  layout: ModuleLayout,
  o: ModuleDrawOptions,
  opts: () => ModuleDrawOptions
): void {
  const nodes = layer(svg, 'nodes')
    .selectAll<SVGGElement, OpNode>('g.node')
    .data(layout.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'node').attr('tabindex', 0).attr('role', 'button');
      g.append('rect').attr('rx', 5);
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
  attr(nodes, 'data-op', (d) => d.key);
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
  attr(l1, 'y', (d) => d.y + 16);
  text(l1, (d) => t(d).label);
  const l2 = nodes.select<SVGTextElement>('text.l2');
  attr(l2, 'x', (d) => d.x + d.w / 2);
  attr(l2, 'y', (d) => d.y + 31);
  text(l2, (d) => t(d).sub);
  text(nodes.select<SVGTitleElement>('title'), (d) => t(d).title);
  drawMismatchMarks(nodes, (d) =>
    o.mismatched?.has(d.id) ? [{ key: d.key, x: d.x, y: d.y, w: d.w, h: d.h }] : []
  );
}
