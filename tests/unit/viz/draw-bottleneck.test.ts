// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { layoutBottleneck } from '$lib/viz/bottleneck-layout';
import { drawBottleneck } from '$lib/viz/draw-bottleneck';
import { analysisOf } from './helpers';
import { renderSvg } from './snapshot';

/** Step 3's chart as the page first draws it: Lite-HRNet-18's half-widths, the slider at 40. */
function layout() {
  const widths = analysisOf('litehrnet_18').config.stages.at(-1)!.widths;
  return layoutBottleneck(
    40,
    widths.map((w) => w / 2)
  );
}

function drawn(): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  drawBottleneck(el, layout());
  return el;
}

const num = (e: Element | null, name: string) => Number(e!.getAttribute(name));

describe('drawBottleneck', () => {
  it('draws the 2C² and 9C lines, Lite-HRNet-18’s half-widths and C = 40 as in the snapshot', async () => {
    const svg = renderSvg((el) => drawBottleneck(el, layout()));
    await expect(svg).toMatchFileSnapshot('./__snapshots__/bottleneck.svg');
  });

  it('marks the half-widths 20, 40, 80, 160 of the widths 40, 80, 160, 320', () => {
    const el = drawn();
    const marks = [...el.querySelectorAll('g.mark text')].map((t) => t.textContent);
    expect(marks).toEqual(['20', '40', '80', '160']);
  });

  /*
   * MACs per pixel run from 1 to 2·320² = 204,800: the powers of ten 1 … 100k, bottom to top.
   * C runs from 1 to 320: labelled 1–4 of each decade, 5…9 only as grid lines.
   */
  it('labels MACs at the powers of ten and C at 1, 10 and 100', () => {
    const el = drawn();
    const y = [...el.querySelectorAll('g.y-ticks text')].map((t) => t.textContent);
    expect(y).toEqual(['1', '10', '100', '1k', '10k', '100k']);
    const x = [...el.querySelectorAll('g.x-ticks text')].map((t) => t.textContent);
    expect(x).toEqual(expect.arrayContaining(['1', '10', '100']));
    expect(el.querySelectorAll('g.x-ticks > g')).toHaveLength(21);
  });

  it('the slider’s rule sits on the C = 40 mark, with the 1x1 pair’s dot above the depthwise one', () => {
    const el = drawn();
    const mark40 = [...el.querySelectorAll('g.mark')].find(
      (g) => g.querySelector('text')!.textContent === '40'
    )!;
    expect(num(el.querySelector('g.current line'), 'x1')).toBe(
      num(mark40.querySelector('line'), 'x1')
    );
    // 3,200 MACs is drawn higher (smaller y) than 360.
    expect(num(el.querySelector('g.current circle.pointwise'), 'cy')).toBeLessThan(
      num(el.querySelector('g.current circle.depthwise'), 'cy')
    );
  });
});
