// @vitest-environment jsdom
/**
 * The stripes as drawn: every step of both blocks against a committed SVG snapshot, and the
 * keyed join that lets a stripe move instead of being redrawn.
 */
import { describe, expect, it } from 'vitest';
import { drawStripes } from '../../../src/lib/viz/draw-stripes';
import type { StripesBlock } from '../../../src/lib/viz/stripes-layout';
import { layoutStripes, stripesStepCount } from '../../../src/lib/viz/stripes-layout';
import { renderSvg } from './snapshot';

describe('drawStripes', () => {
  for (const block of ['shuffle', 'ccw'] as StripesBlock[])
    for (let step = 0; step < stripesStepCount(block); step++)
      it(`draws the ${block} block at step ${step} as in its snapshot`, async () => {
        const svg = renderSvg((el) => drawStripes(el, layoutStripes(block, 8, step)));
        await expect(svg).toMatchFileSnapshot(`./__snapshots__/stripes-${block}-step${step}.svg`);
      });

  it('moves the same node when a step reorders the channels', () => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    drawStripes(el, layoutStripes('shuffle', 8, 2));
    const before = el.querySelector('rect[data-channel="4"]')!;
    const place = () => (before.parentNode as SVGGElement).style.transform;
    // Together, position p starts at 22 + 37p + 3.7 (see stripes-layout.test.ts): channel 4 at
    // position 4 is at 173.7; after the shuffle it is at position 1, 62.7.
    expect(place()).toBe('translate(173.70px, 64px)');
    drawStripes(el, layoutStripes('shuffle', 8, 3));
    expect(el.querySelector('rect[data-channel="4"]')).toBe(before);
    expect(place()).toBe('translate(62.70px, 64px)');
    expect(el.querySelectorAll('rect[data-channel]')).toHaveLength(8);
  });

  it('draws one stripe per channel and drops stripes when the count shrinks', () => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    drawStripes(el, layoutStripes('ccw', 12, 0));
    expect(el.querySelectorAll('rect[data-channel]')).toHaveLength(12);
    drawStripes(el, layoutStripes('ccw', 4, 0));
    const left = [...el.querySelectorAll('rect[data-channel]')].map((r) =>
      r.getAttribute('data-channel')
    );
    expect(left).toEqual(['0', '1', '2', '3']);
  });

  it('weights set the stripes’ fill opacity: channel 7 at H = 0.4', () => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    drawStripes(el, layoutStripes('ccw', 8, 2));
    const seven = el.querySelector<SVGRectElement>('rect[data-channel="7"]')!;
    expect(seven.style.getPropertyValue('fill-opacity')).toBe('0.4');
    expect(el.querySelectorAll('.weights rect.bar')).toHaveLength(4);
  });
});
