import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCost,
  formatDecimal,
  formatMiB,
  formatMs,
  formatInt,
  formatPercent,
  formatShape,
  parseInputSize
} from '$lib/model';

describe('format', () => {
  it('the paper convention prints M = 2^20: 334,703,864 MACs is 319.2 M', () => {
    // 334,703,864 / 1,048,576 = 319.198…
    expect(formatCost(334_703_864, 'paper')).toBe('319.2 M MACs');
    expect(formatCost(334_703_864, 'paper', 'FLOPs')).toBe('638.4 M FLOPs');
  });

  it('other conventions print decimal millions', () => {
    expect(formatCost(2_500_000, 'mmcv')).toBe('2.5 M MACs');
  });

  it('integers, bytes, percentages and shapes', () => {
    expect(formatInt(1130769)).toBe('1,130,769');
    expect(formatBytes(3_932_160)).toBe('3.8 MiB'); // 3.75 MiB rounds half up to one decimal
    expect(formatBytes(512)).toBe('512 B');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(1, 0)).toBe('0.0%');
    expect(formatShape([1, 40, 64, 48])).toBe('1×40×64×48');
  });

  it('parses input sizes written H x W', () => {
    expect(parseInputSize('384x288')).toEqual({ height: 384, width: 288 });
    expect(parseInputSize(' 256 × 192 ')).toEqual({ height: 256, width: 192 });
    expect(parseInputSize('256')).toBeNull();
    expect(parseInputSize('-1x5')).toBeNull();
  });
});

describe('one formatter for every displayed number', () => {
  it('formatDecimal fixes the digits and never prints a negative zero', () => {
    expect(formatDecimal(68.44, 1)).toBe('68.4');
    expect(formatDecimal(-0.04, 1)).toBe('0.0');
    expect(formatDecimal(0.3125, 2)).toBe('0.31');
  });

  it('formatShape joins with × and names a 0-d tensor', () => {
    expect(formatShape([1, 32, 128, 96])).toBe('1×32×128×96');
    expect(formatShape([])).toBe('a scalar');
  });

  it('formatMs and formatMiB state their units', () => {
    expect(formatMs(148.4)).toBe('148 ms');
    expect(formatMs(14.04)).toBe('14.0 ms');
    expect(formatMs(NaN)).toBe('– ms');
    // 256 MiB = 268,435,456 bytes.
    expect(formatMiB(268_435_456)).toBe('256.0 MiB');
  });
});
