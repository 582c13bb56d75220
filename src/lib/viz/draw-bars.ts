/** Draws one bar list (layoutBars) into the SVG it owns. */
import { select } from 'd3-selection';
import type { BarRow, BarsLayout } from './breakdown';
import { attr, classed, text } from './write';

export interface BarsDrawOptions {
  /** The value column's text, e.g. "119.3 M MACs · 58.2%". */
  value: (row: BarRow) => string;
  onDrill: (focus: string | null) => void;
  highlight: string | null;
}

/** The latest options per drawn element: listeners are bound once and read them from here. */
const current = new WeakMap<SVGSVGElement, BarsDrawOptions>();

export function drawBars(el: SVGSVGElement, layout: BarsLayout, o: BarsDrawOptions): void {
  current.set(el, o);
  const opts = () => current.get(el)!;
  const svg = select(el);
  attr(svg, 'viewBox', () => `0 0 ${layout.width} ${Math.max(layout.height, 1)}`);
  const drills = (d: BarRow) => d.focus !== undefined;
  const rows = svg
    .selectAll<SVGGElement, BarRow>('g.bar')
    .data(layout.rows, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'bar');
      g.append('text').attr('class', 'label');
      g.append('rect').attr('class', 'track');
      g.append('rect').attr('class', 'fill');
      g.append('text').attr('class', 'value');
      g.on('click', (_, d) => drills(d) && opts().onDrill(d.focus ?? null));
      g.on('keydown', (ev: KeyboardEvent, d) => {
        if (drills(d) && (ev.key === 'Enter' || ev.key === ' ')) {
          ev.preventDefault();
          opts().onDrill(d.focus ?? null);
        }
      });
      return g;
    })
    .order();
  classed(rows, 'drillable', drills);
  classed(rows, 'hl', (d) => d.key === o.highlight);
  attr(rows, 'tabindex', (d) => (drills(d) ? 0 : null));
  attr(rows, 'role', (d) => (drills(d) ? 'button' : null));
  // A row that opens a part is a button named by its label and value; any other row is plain
  // text (its label and value are read as they are), since a bare <g> may not carry a label.
  attr(rows, 'aria-label', (d) => (drills(d) ? `${d.label}: ${o.value(d)}, open` : null));
  const l = layout;
  const label = rows.select<SVGTextElement>('text.label');
  attr(label, 'x', () => l.labelX);
  attr(label, 'y', (d) => d.y + l.labelY);
  attr(label, 'text-anchor', () => (l.stacked ? 'start' : 'end'));
  text(label, (d) => d.label);
  const track = rows.select<SVGRectElement>('rect.track');
  const bar = rows.select<SVGRectElement>('rect.fill');
  for (const r of [track, bar]) {
    attr(r, 'x', () => l.barX);
    attr(r, 'y', (d) => d.y + l.barY);
    attr(r, 'height', () => l.barH);
  }
  attr(track, 'width', () => l.barWidth);
  attr(bar, 'width', (d) => d.w);
  const value = rows.select<SVGTextElement>('text.value');
  attr(value, 'x', () => l.valueX);
  attr(value, 'y', (d) => d.y + l.valueY);
  text(value, (d) => o.value(d));
}
