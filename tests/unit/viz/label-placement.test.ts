import { describe, expect, it } from 'vitest';
import type { PlacedText } from '$lib/viz/label-placement';
import { freeSpots, labelWidth, placeAll, spotsAround } from '$lib/viz/label-placement';

const at = (text: string, x: number, y: number, w = 10): PlacedText => ({
  text,
  x,
  y: y + 9,
  anchor: 'start',
  box: { x, y, w, h: 12 }
});
const frame = { x: 0, y: 0, w: 100, h: 100 };

describe('label placement', () => {
  it('the first spot is right of the point, level with it; the second left, anchored at its end', () => {
    // A point at (50, 50) of radius 5: labels keep 3 px from it, 12 px tall, centred on it.
    const [right, left] = spotsAround('ab', 50, 50, 5);
    const w = labelWidth('ab');
    expect(right.box).toEqual({ x: 58, y: 44, w, h: 12 });
    expect(right).toMatchObject({ x: 58, y: 53, anchor: 'start' });
    expect(left.box).toEqual({ x: 42 - w, y: 44, w, h: 12 });
    expect(left).toMatchObject({ x: 42, anchor: 'end' });
  });

  it('a spot is free only inside the frame and at least 1 px from every obstacle', () => {
    const spots = [at('out', 95, 10), at('touching', 10, 10), at('free', 10, 40)];
    // The obstacle ends 0.5 px before "touching" starts: closer than 1 px.
    const obstacle = { x: 0, y: 10, w: 9.5, h: 12 };
    expect(freeSpots(spots, [obstacle], frame).map((s) => s.text)).toEqual(['free']);
  });

  it('places the item with the fewest free spots first, so both fit', () => {
    // In list order, A would take its first spot (the only one B has) and B would get none.
    const shared = at('A1', 10, 10);
    const a = [shared, at('A2', 10, 40)];
    const b = [at('B1', 12, 10)];
    const placed = placeAll([a, b], [], frame);
    expect(placed.map((s) => s?.text)).toEqual(['A2', 'B1']);
  });

  it('gives null to an item with no free spot left', () => {
    const placed = placeAll([[at('A', 10, 10)], [at('B', 12, 10)]], [], frame);
    expect(placed.filter((s) => s === null)).toHaveLength(1);
  });
});
