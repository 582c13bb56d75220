/**
 * Renders a draw function into a detached SVG of a jsdom document and returns its markup in a
 * stable form for `toMatchFileSnapshot`: coordinates rounded to 2 decimals, generated ids renumbered,
 * attributes sorted. Use in a test file that starts with `// @vitest-environment jsdom`.
 */
export function renderSvg(draw: (el: SVGSVGElement) => void): string {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  draw(el);
  const out = normalise(el);
  el.remove();
  return out;
}

function normalise(root: Element): string {
  const ids = new Map<string, string>();
  const renumber = (s: string) =>
    s.replace(/(url\(#|^#?)([\w-]*\d[\w-]*)/g, (m, pre: string, id: string) =>
      ids.has(id) ? `${pre}${ids.get(id)}` : m
    );
  for (const e of root.querySelectorAll('[id]')) ids.set(e.id, `id${ids.size}`);
  const lines: string[] = [];
  const walk = (e: Element, depth: number) => {
    const attrs = [...e.attributes]
      .map((a) => {
        const v = a.name === 'id' ? ids.get(a.value)! : renumber(a.value);
        return [a.name, GEOMETRY.has(a.name) ? roundNumbers(v) : v];
      })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
      .join('');
    const pad = '  '.repeat(depth);
    const kids = [...e.children];
    const own = [...e.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent!.trim())
      .join('');
    if (!kids.length) {
      lines.push(`${pad}<${e.tagName}${attrs}>${escape(own)}</${e.tagName}>`);
      return;
    }
    lines.push(`${pad}<${e.tagName}${attrs}>${escape(own)}`);
    for (const k of kids) walk(k, depth + 1);
    lines.push(`${pad}</${e.tagName}>`);
  };
  walk(root, 0);
  return lines.join('\n') + '\n';
}

/** Attributes whose numbers are coordinates: rounded so float noise does not break snapshots. */
const GEOMETRY = new Set([
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'dx',
  'dy',
  'width',
  'height',
  'd',
  'transform',
  'viewBox',
  'points',
  'style',
  'offset'
]);
const roundNumbers = (s: string) =>
  s.replace(/-?\d+\.\d+/g, (m) => String(Math.round(Number(m) * 100) / 100));
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
