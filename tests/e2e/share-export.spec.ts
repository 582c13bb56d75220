/**
 * Diagram export in a real browser: serializeSvg inlines the computed styles (theme colours
 * from app.css's CSS variables) and svgToPng rasterizes at 2x. The module is bundled with
 * esbuild and run on the built home page, so it sees the site's real stylesheet.
 */
import { build } from 'esbuild';
import { expect, gotoReady, test } from './fixtures';

let bundle = '';

test.beforeAll(async () => {
  const result = await build({
    entryPoints: ['src/lib/share/svg-export.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'SvgExport',
    write: false
  });
  bundle = result.outputFiles[0].text;
});

/** A 100x50 diagram styled only by classes and theme variables, as the explorer's are. */
async function drawDiagram(page: import('@playwright/test').Page): Promise<void> {
  // The site's Content-Security-Policy refuses inline <script> and <style> elements, so the
  // module runs through evaluate and the diagram's rule goes into a constructed stylesheet.
  await page.evaluate(`${bundle};\nwindow.SvgExport = SvgExport;`);
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('.node { fill: var(--accent); stroke: var(--fg); stroke-width: 2px; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.id = 'diagram';
    svg.setAttribute('width', '100');
    svg.setAttribute('height', '50');
    const rect = document.createElementNS(ns, 'rect');
    rect.setAttribute('class', 'node');
    for (const [k, v] of Object.entries({ x: 50, y: 0, width: 50, height: 50 })) {
      rect.setAttribute(k, String(v));
    }
    svg.append(rect);
    document.querySelector('main')!.append(svg);
  });
}

interface Exported {
  text: string;
  rectStyle: string;
  background: string;
  classes: number;
  png: { type: string; width: number; height: number; left: number[]; right: number[] };
}

async function exportDiagram(page: import('@playwright/test').Page): Promise<Exported> {
  return page.evaluate(async () => {
    const { serializeSvg, svgSize, svgToPng } = (
      window as unknown as { SvgExport: typeof import('../../src/lib/share/svg-export') }
    ).SvgExport;
    const svg = document.getElementById('diagram') as unknown as SVGSVGElement;
    const text = serializeSvg(svg);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const [background, rect] = [...doc.querySelectorAll('rect')];
    const { width, height } = svgSize(svg);
    const blob = await svgToPng(text, width, height, 2);
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const pixel = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
    return {
      text,
      rectStyle: rect.getAttribute('style') ?? '',
      background: background.getAttribute('fill') ?? '',
      classes: doc.querySelectorAll('[class]').length,
      png: {
        type: blob.type,
        width: bitmap.width,
        height: bitmap.height,
        left: pixel(20, 50),
        right: pixel(180, 50)
      }
    };
  });
}

test('SVG export carries the light theme’s colours inline, and the PNG is drawn at 2x', async ({
  page
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  // After hydration: a node added to <main> before it would be dropped by the app taking over.
  await gotoReady(page, '/');
  await drawDiagram(page);
  const out = await exportDiagram(page);
  expect(out.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
  expect(out.text).toContain('xmlns="http://www.w3.org/2000/svg"');
  // app.css light theme: --accent #1d4ed8, --fg #1a1d23, --bg #ffffff.
  expect(out.rectStyle).toContain('fill:rgb(29, 78, 216)');
  expect(out.rectStyle).toContain('stroke:rgb(26, 29, 35)');
  expect(out.rectStyle).toContain('stroke-width:2px');
  expect(out.background).toBe('rgb(255, 255, 255)');
  expect(out.classes).toBe(0);
  expect(out.png).toEqual({
    type: 'image/png',
    width: 200,
    height: 100,
    left: [255, 255, 255, 255],
    right: [29, 78, 216, 255]
  });
});

test('in dark mode the export takes the dark theme’s colours', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  // After hydration: a node added to <main> before it would be dropped by the app taking over.
  await gotoReady(page, '/');
  await drawDiagram(page);
  const out = await exportDiagram(page);
  // app.css dark theme: --accent #8ab4ff, --bg #111318.
  expect(out.rectStyle).toContain('fill:rgb(138, 180, 255)');
  expect(out.background).toBe('rgb(17, 19, 24)');
  expect(out.png.left).toEqual([17, 19, 24, 255]);
  expect(out.png.right).toEqual([138, 180, 255, 255]);
});
