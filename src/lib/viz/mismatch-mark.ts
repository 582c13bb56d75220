/**
 * The mark of an op the live forward pass found wrong, drawn over the box that shows it (a
 * network cell or an op node): a dashed outline in two tones, black dashes on a white casing,
 * and a ✕ badge (white cross on a black disc ringed in white) on the box's top-right corner.
 *
 * Why black and white and a shape: the boxes are filled with viridis (network cells) or an
 * orange heat (op nodes) on light and dark themes, so no single hue stands out from all of them,
 * and a red outline on orange is lost to red-green colour-blind eyes. Black and white read the
 * same to every kind of colour vision, and one of the two always contrasts with the fill.
 * WCAG 2 contrast ratios (relative luminance, (L1 + 0.05) / (L2 + 0.05)), computed for this:
 * - viridis #440154 (darkest): white 15.2:1 (black 1.4:1); #fde725 (lightest): black 16.6:1
 *   (white 1.3:1); the worst viridis fill, #27808e at t = 0.43: black 4.56:1, white 4.60:1;
 * - light theme heat (#c2410c 6…76 % over #ffffff): #fbf4f0 black 19.3:1, #d16f46 black 6.1:1;
 * - dark theme heat (#fb923c 6…76 % over #111318): #1f1b1a white 17.1:1, #c37433 black 5.9:1;
 * - the badge's cross on its disc: 21:1.
 * So the mark keeps at least 4.5:1 (≥ 3:1 asked for graphics) against every fill, where the old
 * #b91c1c outline had 1.9:1 on a hot light-theme node.
 */
import type { BaseType, Selection } from 'd3-selection';
import { attr, style } from './write';

export interface MarkedBox {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export const MARK_DARK = '#000000';
export const MARK_LIGHT = '#ffffff';
const BADGE_R = 7;
const CROSS = 3;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Parent<D> = Selection<SVGGElement, D, any, any>;

/**
 * Draws one mark per box `boxes(d)` gives, inside each parent; an empty list draws nothing (so
 * a diagram with no mismatch has no extra elements). Inline styles, so that the diagrams' own
 * `rect` rules cannot restyle it and a saved SVG keeps it.
 */
export function drawMismatchMarks<D>(parent: Parent<D>, boxes: (d: D) => MarkedBox[]): void {
  const marks = parent
    .selectAll<SVGGElement, MarkedBox>('g.mismatch-mark')
    .data(boxes, (b) => b.key)
    .join((enter) => {
      const g = enter
        .append('g')
        .attr('class', 'mismatch-mark')
        .attr('aria-hidden', 'true')
        .attr('pointer-events', 'none');
      g.append('rect').attr('class', 'casing').attr('rx', 4);
      g.append('rect').attr('class', 'dashes').attr('rx', 4);
      g.append('circle').attr('class', 'badge').attr('r', BADGE_R);
      g.append('path').attr('class', 'cross');
      return g;
    });
  outline(marks.select<SVGRectElement>('rect.casing'), MARK_LIGHT, 6, null);
  outline(marks.select<SVGRectElement>('rect.dashes'), MARK_DARK, 3, '6 4');
  const badge = marks.select<SVGCircleElement>('circle.badge');
  attr(badge, 'cx', (b) => b.x + b.w);
  attr(badge, 'cy', (b) => b.y);
  style(badge, 'fill', () => MARK_DARK);
  style(badge, 'stroke', () => MARK_LIGHT);
  style(badge, 'stroke-width', () => '2');
  const cross = marks.select<SVGPathElement>('path.cross');
  attr(cross, 'd', (b) => {
    const [cx, cy] = [b.x + b.w, b.y];
    return `M${cx - CROSS},${cy - CROSS}L${cx + CROSS},${cy + CROSS}M${cx + CROSS},${cy - CROSS}L${cx - CROSS},${cy + CROSS}`;
  });
  style(cross, 'stroke', () => MARK_LIGHT);
  style(cross, 'stroke-width', () => '2');
  style(cross, 'fill', () => 'none');
}

function outline<P extends BaseType>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rect: Selection<SVGRectElement, MarkedBox, P, any>,
  color: string,
  width: number,
  dashes: string | null
): void {
  attr(rect, 'x', (b) => b.x);
  attr(rect, 'y', (b) => b.y);
  attr(rect, 'width', (b) => b.w);
  attr(rect, 'height', (b) => b.h);
  style(rect, 'fill', () => 'none');
  style(rect, 'stroke', () => color);
  style(rect, 'stroke-width', () => String(width));
  if (dashes) style(rect, 'stroke-dasharray', () => dashes);
}
