/**
 * Writes that skip the DOM when the value is already there. Redrawing after a control change
 * touches every node; most keep their geometry, text and classes, and an unchanged write still
 * costs the browser style invalidation. These keep a redraw proportional to what changed.
 */
import type { Selection } from 'd3-selection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sel<E extends Element, D> = Selection<E, D, any, any>;

export function attr<E extends Element, D>(
  sel: Sel<E, D>,
  name: string,
  value: (d: D) => string | number | null
): Sel<E, D> {
  return sel.each(function (d) {
    const v = value(d);
    if (v === null) {
      if (this.hasAttribute(name)) this.removeAttribute(name);
      return;
    }
    const s = String(v);
    if (this.getAttribute(name) !== s) this.setAttribute(name, s);
  });
}

export function text<E extends Element, D>(sel: Sel<E, D>, value: (d: D) => string): Sel<E, D> {
  return sel.each(function (d) {
    const s = value(d);
    if (this.textContent !== s) this.textContent = s;
  });
}

export function classed<E extends Element, D>(
  sel: Sel<E, D>,
  name: string,
  on: (d: D) => boolean
): Sel<E, D> {
  return sel.each(function (d) {
    const want = on(d);
    if (this.classList.contains(name) !== want) this.classList.toggle(name, want);
  });
}

/** Sets one inline style property (fill, transform, …), skipping the write when it holds the value. */
export function style<E extends SVGElement, D>(
  sel: Sel<E, D>,
  name: string,
  value: (d: D) => string
): Sel<E, D> {
  return sel.each(function (d) {
    const s = value(d);
    if (this.style.getPropertyValue(name) !== s) this.style.setProperty(name, s);
  });
}

export function fill<E extends SVGElement, D>(sel: Sel<E, D>, value: (d: D) => string): Sel<E, D> {
  return style(sel, 'fill', value);
}

/** The drawing's one `<g class="name">` layer, made on the first draw and reused after. */
export function layer(svg: Sel<SVGSVGElement, unknown>, name: string) {
  return svg.selectAll<SVGGElement, number>(`g.${name}`).data([0]).join('g').attr('class', name);
}
