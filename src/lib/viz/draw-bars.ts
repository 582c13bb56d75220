/** Draws one bar list (layoutBars) into the SVG it owns. */
import { select } from 'd3';
import type { BarRow } from './breakdown';
import { BARS } from './breakdown';

export interface BarsDrawOptions {
  /** The value column's text, e.g. "119.3 M MACs · 58.2%". */
  value: (row: BarRow) => string;
  onDrill: (focus: string | null) => void;
  highlight: string | null;
}

export function drawBars(
  el: SVGSVGElement,
  layout: { rows: BarRow[]; height: number; width: number },
  o: BarsDrawOptions
): void {
  const svg = select(el).attr('viewBox', `0 0 ${layout.width} ${Math.max(layout.height, 1)}`);
  const rows = svg
    .selectAll<SVGGElement, BarRow>('g.bar')
    .data(layout.rows, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'bar');
      g.append('text').attr('class', 'label');
      g.append('rect').attr('class', 'track');
      g.append('rect').attr('class', 'fill');
      g.append('text').attr('class', 'value');
      return g;
    })
    .classed('drillable', (d) => d.focus !== undefined)
    .classed('hl', (d) => d.key === o.highlight)
    .attr('tabindex', (d) => (d.focus !== undefined ? 0 : null))
    .attr('role', (d) => (d.focus !== undefined ? 'button' : null))
    .attr('aria-label', (d) => `${d.label}: ${o.value(d)}${d.focus !== undefined ? ', open' : ''}`)
    .on('click', (_, d) => d.focus !== undefined && o.onDrill(d.focus))
    .on('keydown', (ev: KeyboardEvent, d) => {
      if (d.focus !== undefined && (ev.key === 'Enter' || ev.key === ' ')) {
        ev.preventDefault();
        o.onDrill(d.focus);
      }
    });
  rows
    .select('text.label')
    .attr('x', BARS.labelW - 8)
    .attr('y', (d) => d.y + 16)
    .text((d) => d.label);
  rows
    .select('rect.track')
    .attr('x', BARS.labelW)
    .attr('y', (d) => d.y + 4)
    .attr('width', BARS.barWidth)
    .attr('height', BARS.rowH - 8);
  rows
    .select('rect.fill')
    .attr('x', BARS.labelW)
    .attr('y', (d) => d.y + 4)
    .attr('width', (d) => d.w)
    .attr('height', BARS.rowH - 8);
  rows
    .select('text.value')
    .attr('x', BARS.labelW + BARS.barWidth + 8)
    .attr('y', (d) => d.y + 16)
    .text((d) => o.value(d));
}
