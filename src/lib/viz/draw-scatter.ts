/** Draws a ScatterLayout into the SVG it owns: grid and ticks, axis titles, the line, the points. */
import { select } from 'd3-selection';
import { drawTicks } from './draw-ticks';
import type { PlacedScatterPoint, ScatterLayout } from './scatter-layout';
import { attr, layer, text } from './write';

export interface ScatterDrawOptions {
  xTitle: string;
  yTitle: string;
  /** The tooltip of a point. */
  pointTitle: (p: PlacedScatterPoint) => string;
}

export function drawScatter(el: SVGSVGElement, l: ScatterLayout, o: ScatterDrawOptions): void {
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${l.width} ${l.height}`);
  drawTicks(svg, 'x-ticks', l.xTicks, l.plot, false, true);
  drawTicks(svg, 'y-ticks', l.yTicks, l.plot, true, true);
  const titles = layer(svg, 'axis-titles')
    .selectAll<SVGTextElement, string>('text')
    .data(['x', 'y'])
    .join('text');
  attr(titles, 'class', (d) => `axis-title ${d}`);
  attr(titles, 'x', (d) => (d === 'x' ? l.plot.x + l.plot.w / 2 : 14));
  attr(titles, 'y', (d) => (d === 'x' ? l.height - 6 : l.plot.y + l.plot.h / 2));
  attr(titles, 'text-anchor', () => 'middle');
  attr(titles, 'transform', (d) =>
    d === 'y' ? `rotate(-90 14 ${l.plot.y + l.plot.h / 2})` : null
  );
  text(titles, (d) => (d === 'x' ? o.xTitle : o.yTitle));
  const fit = layer(svg, 'fit')
    .selectAll<SVGLineElement, NonNullable<ScatterLayout['line']>>('line')
    .data(l.line ? [l.line] : [])
    .join('line');
  attr(fit, 'x1', (d) => d.x1);
  attr(fit, 'y1', (d) => d.y1);
  attr(fit, 'x2', (d) => d.x2);
  attr(fit, 'y2', (d) => d.y2);
  const pts = layer(svg, 'points')
    .selectAll<SVGGElement, PlacedScatterPoint>('g')
    .data(l.points, (d) => d.key)
    .join((e) => {
      const g = e.append('g').attr('class', 'point');
      g.append('circle').attr('r', 5);
      g.append('text');
      g.append('title');
      return g;
    });
  const c = pts.select<SVGCircleElement>('circle');
  attr(c, 'cx', (d) => d.cx);
  attr(c, 'cy', (d) => d.cy);
  const t = pts.select<SVGTextElement>('text');
  attr(t, 'x', (d) => d.cx + 7);
  attr(t, 'y', (d) => d.cy - 6);
  text(t, (d) => String(d.n));
  text(pts.select<SVGTitleElement>('title'), (d) => o.pointTitle(d));
}
