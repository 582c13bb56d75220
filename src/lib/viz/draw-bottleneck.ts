/** Draws a BottleneckLayout into the SVG it owns: axes, the 2C² and 9C lines, marks, the slider's C. */
import type { Selection } from 'd3-selection';
import { select } from 'd3-selection';
import type { AxisTick } from './axis';
import type { BottleneckLayout, BottleneckMark } from './bottleneck-layout';
import { attr, classed, layer, text } from './write';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

function drawTicks(svg: Svg, l: BottleneckLayout): void {
  const { plot } = l;
  const xs = layer(svg, 'x-ticks')
    .selectAll<SVGGElement, AxisTick>('g')
    .data(l.xTicks)
    .join((e) => {
      const g = e.append('g');
      g.append('line');
      g.append('text');
      return g;
    });
  classed(xs, 'minor', (d) => !d.label);
  const xl = xs.select<SVGLineElement>('line');
  attr(xl, 'x1', (d) => d.pos);
  attr(xl, 'x2', (d) => d.pos);
  attr(xl, 'y1', () => plot.y);
  attr(xl, 'y2', () => plot.y + plot.h);
  const xt = xs.select<SVGTextElement>('text');
  attr(xt, 'x', (d) => d.pos);
  attr(xt, 'y', () => plot.y + plot.h + 16);
  text(xt, (d) => d.label);
  const ys = layer(svg, 'y-ticks')
    .selectAll<SVGGElement, AxisTick>('g')
    .data(l.yTicks)
    .join((e) => {
      const g = e.append('g');
      g.append('line');
      g.append('text');
      return g;
    });
  classed(ys, 'minor', (d) => !d.label);
  const yl = ys.select<SVGLineElement>('line');
  attr(yl, 'x1', () => plot.x);
  attr(yl, 'x2', () => plot.x + plot.w);
  attr(yl, 'y1', (d) => d.pos);
  attr(yl, 'y2', (d) => d.pos);
  const yt = ys.select<SVGTextElement>('text');
  attr(yt, 'x', () => plot.x - 6);
  attr(yt, 'y', (d) => d.pos + 4);
  text(yt, (d) => d.label);
  const titles = layer(svg, 'axis-titles')
    .selectAll<SVGTextElement, string>('text')
    .data(['x', 'y'])
    .join('text');
  attr(titles, 'class', (d) => `axis-title ${d}`);
  attr(titles, 'x', (d) => (d === 'x' ? plot.x + plot.w / 2 : 14));
  attr(titles, 'y', (d) => (d === 'x' ? l.height - 6 : plot.y + plot.h / 2));
  attr(titles, 'transform', (d) => (d === 'y' ? `rotate(-90 14 ${plot.y + plot.h / 2})` : null));
  text(titles, (d) =>
    d === 'x' ? 'C: channels the block works on (log scale)' : 'MACs per pixel (log)'
  );
}

function drawMarks(svg: Svg, l: BottleneckLayout): void {
  const { plot } = l;
  const marks = layer(svg, 'marks')
    .selectAll<SVGGElement, BottleneckMark>('g')
    .data(l.marks, (d) => d.channels)
    .join((e) => {
      const g = e.append('g').attr('class', 'mark');
      g.append('line');
      g.append('text');
      return g;
    });
  const ml = marks.select<SVGLineElement>('line');
  attr(ml, 'x1', (d) => d.x);
  attr(ml, 'x2', (d) => d.x);
  attr(ml, 'y1', () => plot.y);
  attr(ml, 'y2', () => plot.y + plot.h);
  const mt = marks.select<SVGTextElement>('text');
  attr(mt, 'x', (d) => d.x + 3);
  attr(mt, 'y', () => plot.y + plot.h - 6);
  text(mt, (d) => `${d.channels}`);
}

export function drawBottleneck(el: SVGSVGElement, l: BottleneckLayout): void {
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${l.width} ${l.height}`);
  drawTicks(svg, l);
  drawMarks(svg, l);
  const lines = layer(svg, 'lines')
    .selectAll<SVGPathElement, { key: string; d: string }>('path')
    .data([
      { key: 'pointwise', d: l.pointwisePath },
      { key: 'depthwise', d: l.depthwisePath }
    ])
    .join('path');
  attr(lines, 'class', (d) => `line ${d.key}`);
  attr(lines, 'd', (d) => d.d);
  const cross = layer(svg, 'crossing');
  const dot = cross.selectAll<SVGCircleElement, number>('circle').data([0]).join('circle');
  attr(dot, 'cx', () => l.crossing.x);
  attr(dot, 'cy', () => l.crossing.y);
  attr(dot, 'r', () => 5);
  const label = cross.selectAll<SVGTextElement, number>('text').data([0]).join('text');
  attr(label, 'x', () => l.crossing.x + 8);
  attr(label, 'y', () => l.crossing.y + 18);
  text(label, () => 'cross at C = 4.5');
  const cur = layer(svg, 'current');
  const rule = cur.selectAll<SVGLineElement, number>('line').data([0]).join('line');
  attr(rule, 'x1', () => l.current.x);
  attr(rule, 'x2', () => l.current.x);
  attr(rule, 'y1', () => l.plot.y);
  attr(rule, 'y2', () => l.plot.y + l.plot.h);
  const dots = cur
    .selectAll<SVGCircleElement, { key: string; y: number }>('circle')
    .data([
      { key: 'pointwise', y: l.current.yPointwise },
      { key: 'depthwise', y: l.current.yDepthwise }
    ])
    .join('circle');
  attr(dots, 'class', (d) => d.key);
  attr(dots, 'cx', () => l.current.x);
  attr(dots, 'cy', (d) => d.y);
  attr(dots, 'r', () => 5);
}
