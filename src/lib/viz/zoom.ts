/**
 * Zoom and pan for a diagram pane with d3-zoom: drag (or one finger) pans, Ctrl/⌘ + wheel and
 * pinch zoom, and the page keeps its own wheel scrolling. Keys on the focused pane: + and −
 * zoom, arrows pan, 0 fits the whole diagram, 1 goes back to the starting view.
 */
import { select } from 'd3-selection';
import type { ZoomBehavior, ZoomTransform } from 'd3-zoom';
import { zoom, zoomIdentity, zoomTransform } from 'd3-zoom';
import type { Fit } from './zoom-fit';
import { scaleExtent } from './zoom-fit';

export interface ZoomControl {
  zoomBy(factor: number): void;
  panBy(dx: number, dy: number): void;
  /** The whole diagram in the pane. */
  fitAll(): void;
  /** The starting view (readable labels, the start of the diagram). */
  reset(fit?: Fit): void;
  /** Pans (at the current zoom) so that an element of the diagram is in view. */
  reveal(el: SVGGraphicsElement): void;
  destroy(): void;
}

export function attachZoom(
  viewport: SVGSVGElement,
  content: SVGGElement,
  size: () => { width: number; height: number; paneWidth: number },
  initial: Fit,
  onZoom?: (t: ZoomTransform) => void
): ZoomControl {
  let fit = initial;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .filter((ev: Event) => {
      if (ev.type === 'wheel') return (ev as WheelEvent).ctrlKey || (ev as WheelEvent).metaKey;
      if (ev.type === 'dblclick') return false;
      return !(ev as MouseEvent).button;
    })
    .extent(() => [
      [0, 0],
      [viewport.clientWidth, viewport.clientHeight]
    ])
    .on('zoom', (ev: { transform: ZoomTransform }) => {
      content.setAttribute('transform', ev.transform.toString());
      onZoom?.(ev.transform);
    });
  const sel = select(viewport);
  const apply = () => behavior.scaleExtent(scaleExtent(fit));
  apply();
  sel.call(behavior);
  const start = () => zoomIdentity.translate(fit.x, fit.y).scale(fit.scale);
  sel.call(behavior.transform, start());
  return {
    zoomBy: (factor) => sel.call(behavior.scaleBy, factor),
    panBy: (dx, dy) => sel.call(behavior.translateBy, dx, dy),
    fitAll() {
      const { width, height, paneWidth } = size();
      const k = fit.whole;
      const x = Math.max(0, (paneWidth - width * k) / 2);
      const y = Math.max(0, (fit.paneHeight - height * k) / 2);
      sel.call(behavior.transform, zoomIdentity.translate(x, y).scale(k));
    },
    reset(next) {
      if (next) fit = next;
      apply();
      sel.call(behavior.transform, start());
    },
    reveal(el) {
      const b = el.getBBox();
      const t = zoomTransform(viewport);
      const [x0, y0] = t.invert([0, 0]);
      const [x1, y1] = t.invert([viewport.clientWidth, viewport.clientHeight]);
      if (b.x >= x0 && b.y >= y0 && b.x + b.width <= x1 && b.y + b.height <= y1) return;
      sel.call(behavior.translateTo, b.x + b.width / 2, b.y + b.height / 2);
    },
    destroy: () => {
      sel.on('.zoom', null);
    }
  };
}
