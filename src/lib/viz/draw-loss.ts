/** Draws a LossLayout into the SVG it owns: grid and ticks, axis titles, bands, lines. */
import { select } from 'd3-selection';
import { drawTicks } from './draw-ticks';
import type { LossLayout, PlacedLossSeries } from './loss-layout';
import { attr, layer, text } from './write';

export function drawLoss(el: SVGSVGElement, l: LossLayout, titles: { x: string; y: string }): void {
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${l.width} ${l.height}`);
  drawTicks(svg, 'x-ticks', l.xTicks, l.plot, false, true);
  drawTicks(svg, 'y-ticks', l.yTicks, l.plot, true, true);
  const t = layer(svg, 'axis-titles')
    .selectAll<SVGTextElement, 'x' | 'y'>('text')
    .data(['x', 'y'] as const)
    .join('text');
  attr(t, 'class', (d) => `axis-title ${d}`);
  attr(t, 'x', (d) => (d === 'x' ? l.plot.x + l.plot.w / 2 : 14));
  attr(t, 'y', (d) => (d === 'x' ? l.height - 4 : l.plot.y + l.plot.h / 2));
  attr(t, 'text-anchor', () => 'middle');
  attr(t, 'transform', (d) => (d === 'y' ? `rotate(-90 14 ${l.plot.y + l.plot.h / 2})` : null));
  text(t, (d) => titles[d]);
  const bands = layer(svg, 'bands')
    .selectAll<SVGPathElement, PlacedLossSeries>('path')
    .data(l.series, (s) => s.key)
    .join('path');
  attr(bands, 'class', (s) => `band series-${s.key}`);
  attr(bands, 'd', (s) => s.band || null);
  const lines = layer(svg, 'lines')
    .selectAll<SVGPathElement, PlacedLossSeries>('path')
    .data(l.series, (s) => s.key)
    .join('path');
  attr(lines, 'class', (s) => `line series-${s.key}`);
  attr(lines, 'd', (s) => s.line || null);
}
