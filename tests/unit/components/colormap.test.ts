import { describe, expect, it } from 'vitest';
import { mapToRgba, rampColor } from '$lib/components/forward/colormap';

// Viridis's published endpoints (matplotlib, and d3-scale-chromatic's docs): #440154 at 0 and
// #fde725 at 1, i.e. rgb(0x44, 0x01, 0x54) = (68, 1, 84) and rgb(0xfd, 0xe7, 0x25) = (253, 231, 37).
const LOW = [68, 1, 84];
const HIGH = [253, 231, 37];

describe('the feature-map colour ramp', () => {
  it('is viridis: dark purple at 0, yellow at 1', () => {
    expect(rampColor(0)).toEqual(LOW);
    expect(rampColor(1)).toEqual(HIGH);
  });

  it('clamps outside [0, 1] and reads a value that is not a number as 0', () => {
    expect(rampColor(-3)).toEqual(LOW);
    expect(rampColor(7)).toEqual(HIGH);
    expect(rampColor(Number.NaN)).toEqual(LOW);
  });

  it('gets brighter all the way: the green channel rises from 1 to 231', () => {
    const greens = [0, 0.25, 0.5, 0.75, 1].map((t) => rampColor(t)[1]);
    expect([...greens].sort((a, b) => a - b)).toEqual(greens);
    expect(new Set(greens).size).toBe(5);
  });
});

describe('mapToRgba', () => {
  it('scales each map by its own range: its minimum is the low end, its maximum the high end', () => {
    const px = mapToRgba(new Float32Array([-2, 5, 12]));
    expect([...px.slice(0, 4)]).toEqual([...LOW, 255]);
    expect([...px.slice(8, 12)]).toEqual([...HIGH, 255]);
    // 5 is half-way from −2 to 12: the ramp's middle entry, neither end.
    expect([...px.slice(4, 8)]).toEqual([...rampColor(128 / 255), 255]);
  });

  it('a constant map is all the low end, not NaN', () => {
    const px = mapToRgba(new Float32Array([3, 3]));
    expect([...px]).toEqual([...LOW, 255, ...LOW, 255]);
  });
});
