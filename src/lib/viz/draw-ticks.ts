/** A chart's grid lines and tick labels, shared by the Pareto and scatter charts. */
import type { Selection } from 'd3-selection';
import type { AxisTick } from './axis';
import { attr, classed, layer, text } from './write';

type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

export interface PlotBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * One `g` per tick in the layer `name`: a grid line across `plot` and its label, left of the plot
 * for a horizontal line, under it for a vertical one. A tick without a label is `minor`. With
 * `anchor`, the labels carry their own text-anchor (end on the left axis, middle below).
 */
export function drawTicks(
  svg: Svg,
  name: string,
  data: AxisTick[],
  plot: PlotBox,
  horizontal: boolean,
  anchor = false
): void {
  const g = layer(svg, name)
    .selectAll<SVGGElement, AxisTick>('g')
    .data(data, (d) => d.value)
    .join((e) => {
      const t = e.append('g');
      t.append('line');
      t.append('text');
      return t;
    });
  classed(g, 'minor', (d) => !d.label);
  const line = g.select<SVGLineElement>('line');
  attr(line, 'x1', (d) => (horizontal ? plot.x : d.pos));
  attr(line, 'x2', (d) => (horizontal ? plot.x + plot.w : d.pos));
  attr(line, 'y1', (d) => (horizontal ? d.pos : plot.y));
  attr(line, 'y2', (d) => (horizontal ? d.pos : plot.y + plot.h));
  const label = g.select<SVGTextElement>('text');
  attr(label, 'x', (d) => (horizontal ? plot.x - 6 : d.pos));
  attr(label, 'y', (d) => (horizontal ? d.pos + 4 : plot.y + plot.h + 16));
  if (anchor) attr(label, 'text-anchor', () => (horizontal ? 'end' : 'middle'));
  text(label, (d) => d.label);
}
