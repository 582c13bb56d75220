import { describe, expect, it } from 'vitest';
import { countNonFinite, nonFiniteSentence } from '$lib/tf/stats';

describe('an output with values that are not numbers', () => {
  it('counts NaN and ±Infinity over every map', () => {
    const a = new Float32Array([1, NaN, 2, Infinity]);
    const b = new Float32Array([-Infinity, NaN, NaN, 0, -0]);
    expect(countNonFinite([a, b])).toEqual({ nan: 3, infinite: 2, total: 9 });
  });

  it('says so in one sentence, and says nothing for a finite output', () => {
    expect(nonFiniteSentence({ nan: 0, infinite: 0, total: 10 })).toBeNull();
    expect(nonFiniteSentence({ nan: 1234, infinite: 0, total: 3072 })).toMatch(
      /^The output holds 1,234 NaN values \(of 3,072\)/
    );
    expect(nonFiniteSentence({ nan: 2, infinite: 1, total: 9 })).toMatch(
      /^The output holds 2 NaN and 1 infinite values \(of 9\)/
    );
  });
});
