/** Draws a ParetoLayout into the SVG it owns: axes, the frontier, the models, the cost markers. */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import { drawTicks } from './draw-ticks';
import type { ParetoLayout, PlacedMarker, PlacedPoint } from './pareto-layout';
import { attr, classed, layer, text } from './write';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export interface ParetoDrawOptions {
  xTitle: string;
  /** The tooltip of a point. */
  pointTitle: (p: PlacedPoint) => string;
}

function drawMarkers(svg: Svg, l: ParetoLayout): void {
  const m = layer(svg, 'markers')
    .selectAll<SVGGElement, PlacedMarker>('g')
    .data(l.markers, (d) => d.key)
    .join((e) => {
      const g = e.append('g').attr('class', 'marker');
      g.append('line');
      g.append('text');
      return g;
    });
  const line = m.select<SVGLineElement>('line');
  attr(line, 'x1', (d) => d.x);
  attr(line, 'x2', (d) => d.x);
  attr(line, 'y1', () => l.plot.y);
  attr(line, 'y2', () => l.plot.y + l.plot.h);
  const t = m.select<SVGTextElement>('text');
  attr(t, 'x', (d) => d.x + 4);
  attr(t, 'y', (d) => d.labelY);
  text(t, (d) => d.text);
}

export function drawPareto(el: SVGSVGElement, l: ParetoLayout, o: ParetoDrawOptions): void {
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${l.width} ${l.height}`);
  drawTicks(svg, 'x-ticks', l.xTicks, l.plot, false);
  drawTicks(svg, 'y-ticks', l.yTicks, l.plot, true);
  const titles = layer(svg, 'axis-titles')
    .selectAll<SVGTextElement, string>('text')
    .data(['x', 'y'])
    .join('text');
  attr(titles, 'class', (d) => `axis-title ${d}`);
  attr(titles, 'x', (d) => (d === 'x' ? l.plot.x + l.plot.w / 2 : 14));
  attr(titles, 'y', (d) => (d === 'x' ? l.height - 6 : l.plot.y + l.plot.h / 2));
  attr(titles, 'transform', (d) =>
    d === 'y' ? `rotate(-90 14 ${l.plot.y + l.plot.h / 2})` : null
  );
  text(titles, (d) => (d === 'x' ? o.xTitle : 'COCO val AP'));
  const front = layer(svg, 'frontier')
    .selectAll<SVGPathElement, number>('path')
    .data([0])
    .join('path');
  attr(front, 'd', () => l.frontierPath);
  drawMarkers(svg, l);
  const pts = layer(svg, 'points')
    .selectAll<SVGGElement, PlacedPoint>('g')
    .data(l.points, (d) => d.key)
    .join((e) => {
      const g = e.append('g').attr('class', 'point');
      g.append('circle').attr('r', 5);
      g.append('text');
      g.append('title');
      return g;
    });
  classed(pts, 'highlight', (d) => d.highlight);
  classed(pts, 'frontier', (d) => d.frontier);
  classed(pts, 'numbered', (d) => d.note !== null);
  const c = pts.select<SVGCircleElement>('circle');
  attr(c, 'cx', (d) => d.x);
  attr(c, 'cy', (d) => d.y);
  const t = pts.select<SVGTextElement>('text');
  attr(t, 'x', (d) => d.tag.x);
  attr(t, 'y', (d) => d.tag.y);
  attr(t, 'text-anchor', (d) => d.tag.anchor);
  text(t, (d) => d.tag.text);
  text(pts.select<SVGTitleElement>('title'), (d) => o.pointTitle(d));
}
