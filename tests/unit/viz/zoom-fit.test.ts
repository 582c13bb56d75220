import { describe, expect, it } from 'vitest';
import { scaleExtent, startingView } from '../../../src/lib/viz/zoom-fit';

const base = {
  width: 1200,
  height: 900,
  paneWidth: 600,
  fontSize: 12,
  minLabelPx: 11,
  maxScale: 1,
  maxPaneHeight: 600
};

describe('startingView', () => {
  it('fits a diagram to the pane width when its labels stay readable', () => {
    // 1000 units in a 950 px pane: 0.95, and 12 px labels become 11.4 px, readable.
    const v = startingView({ ...base, width: 1000, paneWidth: 950 });
    expect(v.scale).toBeCloseTo(0.95, 10); // 950 / 1000 and 12 · 0.95 = 11.4 px ≥ 11
  });

  it('never starts with labels under 11 px: a wide diagram on a phone pans instead', () => {
    // A 1200-unit diagram in a 360 px pane would need 0.3; 11 px / 12 px = 0.9167 wins.
    const v = startingView({ ...base, paneWidth: 360 });
    expect(v.scale).toBeCloseTo(11 / 12, 10);
    expect(v.scale * base.fontSize).toBeGreaterThanOrEqual(11);
  });

  it('does not enlarge a small diagram past the largest starting scale', () => {
    expect(startingView({ ...base, width: 300, paneWidth: 1200 }).scale).toBe(1);
    expect(startingView({ ...base, width: 300, paneWidth: 1200, maxScale: 1.6 }).scale).toBe(1.6);
  });

  it('is as tall as the scaled diagram, up to the cap', () => {
    // 200 units tall at scale 1 → 200 px; 900 at 1 → capped at 600.
    expect(startingView({ ...base, width: 500, height: 200 }).paneHeight).toBe(200);
    expect(startingView({ ...base, width: 500 }).paneHeight).toBe(600);
  });

  it('centres a diagram narrower than the pane and starts a wider one at its left edge', () => {
    expect(startingView({ ...base, width: 400, paneWidth: 600 }).x).toBe(100);
    expect(startingView({ ...base, paneWidth: 360 }).x).toBe(0);
  });

  it('lets the reader zoom out to the whole diagram and in to 4x', () => {
    const v = startingView({ ...base, paneWidth: 360 });
    // Whole: min(360 / 1200, 600 / 900) = 0.3.
    expect(v.whole).toBeCloseTo(0.3, 10);
    expect(scaleExtent(v)).toEqual([0.3, 4]);
  });
});
