/**
 * The channel stripes: orders checked against hand-run torch semantics (chunk, cat, and mmpose's
 * channel_shuffle), weights against their formulas worked by hand, geometry against the constants.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StripesLayout } from '../../../src/lib/viz/stripes-layout';
import {
  channelShuffle,
  concatChannels,
  exampleCrossResolutionWeights,
  exampleSpatialWeights,
  hatchPath,
  layoutStripes,
  splitHalves,
  STRIPES,
  stripesStepCount
} from '../../../src/lib/viz/stripes-layout';

/** Channels as the reader sees them, left to right. */
const leftToRight = (l: StripesLayout) =>
  [...l.stripes].sort((a, b) => a.x - b.x).map((s) => s.channel);
const byChannel = (l: StripesLayout) => [...l.stripes].sort((a, b) => a.channel - b.channel);

describe('channelShuffle (mmpose: view as (groups, C/groups), transpose, flatten)', () => {
  it('C = 8, 2 groups: [0, 4, 1, 5, 2, 6, 3, 7]', () => {
    // view as 2 rows of 4:  [0 1 2 3]
    //                       [4 5 6 7]
    // transpose to 4 rows of 2: [0 4] [1 5] [2 6] [3 7]; flatten row by row.
    expect(channelShuffle([0, 1, 2, 3, 4, 5, 6, 7], 2)).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
  });

  it('C = 12, 2 groups: [0, 6, 1, 7, …, 5, 11]', () => {
    // rows [0 … 5] and [6 … 11]; transposed pairs (0 6) (1 7) (2 8) (3 9) (4 10) (5 11).
    const c12 = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    expect(channelShuffle(c12)).toEqual([0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11]);
  });

  it('C = 6, 3 groups: [0, 2, 4, 1, 3, 5]', () => {
    // 3 rows of 2: [0 1] [2 3] [4 5]; transposed: [0 2 4] [1 3 5].
    expect(channelShuffle([0, 1, 2, 3, 4, 5], 3)).toEqual([0, 2, 4, 1, 3, 5]);
  });

  it('moves values, not indices: it permutes whatever the positions hold', () => {
    expect(channelShuffle(['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'b', 'd']);
  });

  it('is a permutation for every even C, alternating first half and second half', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), (half) => {
        const order = Array.from({ length: 2 * half }, (_, i) => i);
        const out = channelShuffle(order);
        expect([...out].sort((a, b) => a - b)).toEqual(order);
        expect(out.filter((_, i) => i % 2 === 0)).toEqual(order.slice(0, half));
        expect(out.filter((_, i) => i % 2 === 1)).toEqual(order.slice(half));
      })
    );
  });
});

describe('split and concat (torch chunk(2, dim=1) and cat((x1, x2), dim=1))', () => {
  it('split gives the first half to x1 and the second to x2', () => {
    expect(splitHalves([0, 1, 2, 3, 4, 5, 6, 7])).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7]
    ]);
  });

  it('concat puts x1 first', () => {
    expect(concatChannels([0, 1], [7, 6])).toEqual([0, 1, 7, 6]);
  });
});

describe('layoutStripes: the shuffle block', () => {
  it('has four steps: input, split with the convolutions, concat, shuffle', () => {
    expect(stripesStepCount('shuffle')).toBe(4);
    expect([0, 1, 2, 3].map((s) => layoutStripes('shuffle', 8, s).key)).toEqual([
      'input',
      'convs',
      'concat',
      'shuffle'
    ]);
  });

  it('after the shuffle, C = 8 reads 0, 4, 1, 5, 2, 6, 3, 7 left to right', () => {
    const l = layoutStripes('shuffle', 8, 3);
    expect(leftToRight(l)).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
    expect(l.order).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
    expect(l.stripes.map((s) => s.label)).toEqual(['1', '2', '3', '4', '5′', '6′', '7′', '8′']);
  });

  it('before the shuffle the order is the input order', () => {
    for (const step of [0, 1, 2])
      expect(leftToRight(layoutStripes('shuffle', 8, step))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('x1 keeps its colours; x2 becomes new, hatched channels with new colours', () => {
    const input = byChannel(layoutStripes('shuffle', 8, 0));
    const split = byChannel(layoutStripes('shuffle', 8, 1));
    const inputColours = new Set(input.map((s) => s.colour));
    for (const i of [0, 1, 2, 3]) {
      expect(split[i].colour).toBe(input[i].colour);
      expect(split[i].hatched).toBe(false);
    }
    for (const i of [4, 5, 6, 7]) {
      expect(inputColours.has(split[i].colour)).toBe(false);
      expect(split[i].hatched).toBe(true);
    }
    expect(new Set(split.map((s) => s.colour)).size).toBe(8);
  });

  it('every stripe keeps its colour while the shuffle moves it', () => {
    const concat = byChannel(layoutStripes('shuffle', 8, 2));
    const shuffled = byChannel(layoutStripes('shuffle', 8, 3));
    expect(shuffled.map((s) => s.colour)).toEqual(concat.map((s) => s.colour));
    expect(shuffled.map((s) => s.x)).not.toEqual(concat.map((s) => s.x));
  });

  it('the shuffle step draws a line from each channel’s old place to its new one', () => {
    const l = layoutStripes('shuffle', 8, 3);
    // C = 8: pitch (340 − 2·10 − 24)/8 = 37, stripe width 29.6, together the row starts at
    // (340 − 8·37)/2 = 22, so the centre of position p is 22 + 37p + 18.5.
    // Channel 4 goes from position 4 (188.5) to position 1 (77.5).
    const four = l.links.find((k) => k.channel === 4)!;
    expect(four.x1).toBeCloseTo(188.5, 6);
    expect(four.x2).toBeCloseTo(77.5, 6);
    expect(l.links).toHaveLength(8);
    expect(layoutStripes('shuffle', 8, 2).links).toEqual([]);
  });

  it('has no weight bars', () => {
    for (const step of [0, 1, 2, 3]) expect(layoutStripes('shuffle', 8, step).bars).toEqual([]);
  });
});

describe('layoutStripes: conditional channel weighting', () => {
  it('has seven steps in the official order: split, H, depthwise, F, concat, shuffle', () => {
    expect(stripesStepCount('ccw')).toBe(7);
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => layoutStripes('ccw', 8, s).key)).toEqual([
      'input',
      'split',
      'crossResolution',
      'depthwise',
      'spatial',
      'concat',
      'shuffle'
    ]);
  });

  it('example weights: H falls from 0.9 to 0.4, F is 0.5 at the ends and higher inside', () => {
    // H_k = 0.9 − 0.5·k/3: 0.9, 0.7333, 0.5667, 0.4, rounded to 2 decimals.
    expect(exampleCrossResolutionWeights(4)).toEqual([0.9, 0.73, 0.57, 0.4]);
    // F_k = 1 − 0.5·|2k/3 − 1|: |−1|, |−1/3|, |1/3|, |1| → 0.5, 0.8333, 0.8333, 0.5.
    expect(exampleSpatialWeights(4)).toEqual([0.5, 0.83, 0.83, 0.5]);
  });

  it('H scales only x2: channel × weight', () => {
    const l = layoutStripes('ccw', 8, 2);
    expect(byChannel(l).map((s) => s.opacity)).toEqual([1, 1, 1, 1, 0.9, 0.73, 0.57, 0.4]);
  });

  it('F multiplies on top of H, and both stay through the depthwise conv, concat and shuffle', () => {
    // 0.9·0.5 = 0.45, 0.73·0.83 = 0.6059, 0.57·0.83 = 0.4731, 0.4·0.5 = 0.2
    const want = [1, 1, 1, 1, 0.45, 0.6059, 0.4731, 0.2];
    expect(byChannel(layoutStripes('ccw', 8, 3)).map((s) => s.opacity)).toEqual([
      1, 1, 1, 1, 0.9, 0.73, 0.57, 0.4
    ]);
    for (const step of [4, 5, 6]) {
      const got = byChannel(layoutStripes('ccw', 8, step)).map((s) => s.opacity);
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 10));
    }
  });

  it('the bars of H stand over x2’s stripes, 30 units for a weight of 1', () => {
    const l = layoutStripes('ccw', 8, 2);
    expect(l.bars.map((b) => b.channel)).toEqual([4, 5, 6, 7]);
    // 30·0.9 = 27, 30·0.73 = 21.9, 30·0.57 = 17.1, 30·0.4 = 12
    [27, 21.9, 17.1, 12].forEach((h, k) => expect(l.bars[k].h).toBeCloseTo(h, 10));
    expect(l.bars.map((b) => b.label)).toEqual(['0.90', '0.73', '0.57', '0.40']);
    for (const b of l.bars) {
      expect(b.x).toBe(l.stripes.find((s) => s.channel === b.channel)!.x);
      expect(b.y + b.h).toBeCloseTo(STRIPES.barBase, 10);
    }
  });

  it('shows F’s bars on its own step and no bars elsewhere', () => {
    expect(layoutStripes('ccw', 8, 4).bars.map((b) => b.value)).toEqual([0.5, 0.83, 0.83, 0.5]);
    for (const step of [0, 1, 3, 5, 6]) expect(layoutStripes('ccw', 8, step).bars).toEqual([]);
  });

  it('no step mixes channels: colours stay, nothing is hatched', () => {
    const input = byChannel(layoutStripes('ccw', 8, 0)).map((s) => s.colour);
    for (let step = 0; step < 7; step++) {
      const l = byChannel(layoutStripes('ccw', 8, step));
      expect(l.map((s) => s.colour)).toEqual(input);
      expect(l.some((s) => s.hatched)).toBe(false);
    }
  });

  it('ends with the shuffle: 0, 4, 1, 5, 2, 6, 3, 7', () => {
    expect(leftToRight(layoutStripes('ccw', 8, 6))).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
  });

  it('at C = 12 the bars are too narrow for their values, which the description still gives', () => {
    // pitch (340 − 20 − 24)/12 = 24.7 units: "0.90" at 13 units does not fit.
    const l = layoutStripes('ccw', 12, 2);
    expect(l.bars.map((b) => b.label)).toEqual(['', '', '', '', '', '']);
    // H_k = 0.9 − 0.5·k/5 = 0.9, 0.8, 0.7, 0.6, 0.5, 0.4
    expect(l.bars.map((b) => b.value)).toEqual([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    expect(l.description).toContain('7: 0.90');
    expect(l.description).toContain('12: 0.40');
  });
});

describe('layoutStripes: geometry', () => {
  it('split steps open a 24-unit gap between x1 and x2', () => {
    // Apart: pitch 37, width 29.6, so neighbours are 7.4 apart; between channel 3 and 4 it is
    // 7.4 + 24 = 31.4.
    for (const [block, step] of [
      ['shuffle', 1],
      ['ccw', 1],
      ['ccw', 4]
    ] as const) {
      const s = byChannel(layoutStripes(block, 8, step));
      expect(s[1].x - (s[0].x + s[0].w)).toBeCloseTo(7.4, 10);
      expect(s[4].x - (s[3].x + s[3].w)).toBeCloseTo(31.4, 10);
    }
    const together = byChannel(layoutStripes('ccw', 8, 5));
    expect(together[4].x - (together[3].x + together[3].w)).toBeCloseTo(7.4, 10);
  });

  it('the drawing fits a 360-unit viewBox with 13-unit labels inside it', () => {
    for (const block of ['shuffle', 'ccw'] as const)
      for (const c of [4, 8, 12])
        for (let step = 0; step < stripesStepCount(block); step++) {
          const l = layoutStripes(block, c, step);
          expect(l.width).toBeLessThanOrEqual(360);
          expect(l.fontSize).toBeGreaterThanOrEqual(12);
          for (const s of l.stripes) {
            expect(s.x).toBeGreaterThanOrEqual(0);
            expect(s.x + s.w).toBeLessThanOrEqual(l.width);
            expect(s.y + s.h + 18).toBeLessThanOrEqual(l.height);
          }
          for (const t of l.labels) {
            // a generous estimate of a 13-unit label's width: 0.6 em a character
            const w = t.text.length * 0.6 * l.fontSize;
            const left = t.anchor === 'start' ? t.x : t.anchor === 'middle' ? t.x - w / 2 : t.x - w;
            expect(left, `${block} C=${c} step ${step}: ${t.text}`).toBeGreaterThanOrEqual(0);
            expect(left + w, `${block} C=${c} step ${step}: ${t.text}`).toBeLessThanOrEqual(
              l.width
            );
            expect(t.y).toBeGreaterThanOrEqual(l.fontSize);
            expect(t.y).toBeLessThanOrEqual(l.height);
          }
        }
  });

  it('hatching: lines x + y = 8, 16, … clipped to the stripe', () => {
    // 10 × 10 box: x + y = 8 runs (0, 8)–(8, 0); x + y = 16 runs (6, 10)–(10, 6); 24 > 10 + 10.
    expect(hatchPath(10, 10)).toBe('M0.00,8.00L8.00,0.00M6.00,10.00L10.00,6.00');
  });

  it('a step out of range shows the nearest one', () => {
    expect(layoutStripes('shuffle', 8, 99).step).toBe(3);
    expect(layoutStripes('ccw', 8, -1).step).toBe(0);
  });

  it('refuses channel counts it cannot split or draw readably', () => {
    for (const c of [2, 7, 8.5, 14]) expect(() => layoutStripes('ccw', c, 0)).toThrow(RangeError);
    for (const c of [4, 6, 12]) expect(layoutStripes('ccw', c, 0).stripes).toHaveLength(c);
  });
});

describe('layoutStripes: captions', () => {
  it('the split says which channels pass and which are worked on, 1-based', () => {
    const s8 = layoutStripes('shuffle', 8, 1);
    expect(s8.title).toBe('Split');
    expect(s8.caption).toContain('channels 1–4 (x1) pass untouched');
    expect(s8.caption).toContain('channels 5–8 (x2) go through the convolutions');
    expect(s8.caption).toContain('5′–8′ are new channels computed from all of x2');
    const c12 = layoutStripes('ccw', 12, 1);
    expect(c12.caption).toContain('channels 1–6 (x1) pass untouched');
    expect(c12.caption).toContain('channels 7–12 (x2) are weighted');
  });

  it('the shuffle spells out the new order', () => {
    expect(layoutStripes('shuffle', 8, 3).caption).toContain('1, 5′, 2, 6′, 3, 7′, 4, 8′');
    expect(layoutStripes('ccw', 8, 6).caption).toContain('1, 5, 2, 6, 3, 7, 4, 8');
    expect(layoutStripes('ccw', 8, 6).description).toContain(
      'Channels left to right: 1, 5, 2, 6, 3, 7, 4, 8.'
    );
  });

  it('the weighting steps call their weights example weights', () => {
    expect(layoutStripes('ccw', 8, 2).caption).toContain('example weights');
    expect(layoutStripes('ccw', 8, 4).caption).toContain('example weights');
    expect(layoutStripes('ccw', 8, 2).labels.map((t) => t.text)).toContain('example weights');
  });

  it('every step has its own title and caption', () => {
    for (const block of ['shuffle', 'ccw'] as const) {
      const steps = Array.from({ length: stripesStepCount(block) }, (_, i) =>
        layoutStripes(block, 8, i)
      );
      expect(new Set(steps.map((l) => l.caption)).size).toBe(steps.length);
      for (const l of steps) expect(l.title.length).toBeGreaterThan(0);
    }
  });
});
