/**
 * Diagrams as files. The page styles its SVG with CSS (theme variables, classes), which a
 * standalone .svg does not have; so every element's computed presentation properties are
 * written onto the copy, and a background in the current theme's colour is put behind it.
 * Browser only.
 */

/** Presentation properties that change how an SVG element looks (SVG 2 §13 and text). */
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'marker-start',
  'marker-mid',
  'marker-end'
] as const;

function inlineStyles(source: Element, copy: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`)
    .filter((decl) => !decl.endsWith(':'))
    .join(';');
  copy.setAttribute('style', style);
  copy.removeAttribute('class');
}

function size(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox.baseVal;
  // A diagram in a zoom pane is drawn scaled: its own size is its viewBox, not its box on screen.
  return {
    width: Math.round(vb?.width || box.width || 300),
    height: Math.round(vb?.height || box.height || 150)
  };
}

export interface SvgOptions {
  /** Background colour; defaults to the page's current background (the theme's --bg). */
  background?: string;
}

/** A standalone SVG document that looks as the element does on the page now. */
export function serializeSvg(svg: SVGSVGElement, options: SvgOptions = {}): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const sources = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  sources.forEach((el, i) => inlineStyles(el, copies[i]));
  const { width, height } = size(svg);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  if (!copy.hasAttribute('viewBox')) copy.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = options.background ?? getComputedStyle(document.body).backgroundColor;
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  const vb = copy.viewBox.baseVal;
  for (const [k, v] of Object.entries({ x: vb.x, y: vb.y, width: vb.width, height: vb.height })) {
    rect.setAttribute(k, String(v));
  }
  rect.setAttribute('fill', background);
  copy.insertBefore(rect, copy.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

/** Rasterizes SVG text through an Image and a canvas, at `scale` (2x for sharp slides). */
export async function svgToPng(
  svgText: string,
  width: number,
  height: number,
  scale = 2
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))),
        'image/png'
      )
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The element's size as serializeSvg writes it, for svgToPng. */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  return size(svg);
}
