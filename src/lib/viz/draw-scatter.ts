/** Draws a ScatterLayout into the SVG it owns: grid and ticks, axis titles, the line, the points. */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import type { AxisTick } from './axis';
import type { PlacedScatterPoint, ScatterLayout } from './scatter-layout';
import { attr, layer, text } from './write';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export interface ScatterDrawOptions {
  xTitle: string;
  yTitle: string;
  /** The tooltip of a point. */
  pointTitle: (p: PlacedScatterPoint) => string;
}

function ticks(svg: Svg, name: string, data: AxisTick[], l: ScatterLayout, horizontal: boolean) {
  const { plot } = l;
  const g = layer(svg, name)
    .selectAll<SVGGElement, AxisTick>('g')
    .data(data, (d) => d.value)
    .join((e) => {
      const t = e.append('g');
      t.append('line');
      t.append('text');
      return t;
    });
  const line = g.select<SVGLineElement>('line');
  attr(line, 'x1', (d) => (horizontal ? plot.x : d.pos));
  attr(line, 'x2', (d) => (horizontal ? plot.x + plot.w : d.pos));
  attr(line, 'y1', (d) => (horizontal ? d.pos : plot.y));
  attr(line, 'y2', (d) => (horizontal ? d.pos : plot.y + plot.h));
  const label = g.select<SVGTextElement>('text');
  attr(label, 'x', (d) => (horizontal ? plot.x - 6 : d.pos));
  attr(label, 'y', (d) => (horizontal ? d.pos + 4 : plot.y + plot.h + 16));
  attr(label, 'text-anchor', () => (horizontal ? 'end' : 'middle'));
  text(label, (d) => d.label);
}

export function drawScatter(el: SVGSVGElement, l: ScatterLayout, o: ScatterDrawOptions): void {
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${l.width} ${l.height}`);
  ticks(svg, 'x-ticks', l.xTicks, l, false);
  ticks(svg, 'y-ticks', l.yTicks, l, true);
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
