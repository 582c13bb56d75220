import { describe, expect, it } from 'vitest';
import { firstScreen } from '../../../src/lib/components/first-screen';
import { FIRST_SCREEN } from '../../../src/lib/components/first-screen.data';

describe("the explorer's first screen (counted when the data file was generated)", () => {
  it('is Lite-HRNet-18 at COCO 256x192 as the official README prints it', () => {
    expect(FIRST_SCREEN.input).toEqual({ height: 256, width: 192 });
    // Official README, "Results and models": 1,130,769 params (exact), 205.2 M FLOPs (M = 2^20).
    expect(FIRST_SCREEN.params).toBe(1_130_769);
    expect((FIRST_SCREEN.macs.paper / 2 ** 20).toFixed(1)).toBe('205.2');
  });

  it('equals a fresh count from the graph (run `npm run gen:page-data` when it does not)', () => {
    expect(FIRST_SCREEN).toEqual(firstScreen());
  });
});
