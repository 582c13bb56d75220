import { describe, expect, it } from 'vitest';
import type { LiteHRNetConfig, ValidationError } from '$lib/model';
import { PRESET_IDS, presetConfig, validateConfig } from '$lib/model';

function errorsOf(edit: (c: LiteHRNetConfig) => void): ValidationError[] {
  const config = presetConfig('litehrnet_18');
  edit(config);
  const result = validateConfig(config);
  return result.ok ? [] : result.errors;
}

describe('validateConfig', () => {
  it('accepts every official preset at every official input', () => {
    for (const id of PRESET_IDS)
      for (const [input, joints] of [
        [{ height: 256, width: 192 }, 17],
        [{ height: 384, width: 288 }, 17],
        [{ height: 256, width: 256 }, 16]
      ] as const)
        expect(validateConfig(presetConfig(id, input, joints)).ok).toBe(true);
  });

  it('an odd width names the stage (paper numbering), the branch and the reason', () => {
    expect(errorsOf((c) => (c.stages[1].widths[1] = 41))).toEqual([
      {
        path: 'stages[1].widths[1]',
        message: 'Stage 3, branch 2: width 41 must be even — each block splits channels in half.'
      }
    ]);
  });

  it('an input that does not divide down through 4 branches says by what it must divide', () => {
    const [e] = errorsOf((c) => (c.input.height = 250));
    expect(e.path).toBe('input.height');
    expect(e.message).toContain('divisible by 32');
    expect(e.message).toContain('Try 256');
  });

  it('conditional channel weighting needs two branches and widths of at least 8', () => {
    expect(errorsOf((c) => (c.stages[0].widths = [40]))[0].message).toContain(
      'at least 2 branches'
    );
    expect(errorsOf((c) => (c.stages[0].widths = [6, 80]))[0].message).toContain('at least 8');
  });

  it('a reduce ratio larger than the half widths’ sum is refused with the sum', () => {
    // Stage 2 halves: 20 + 40 = 60; ratio 64 leaves int(60 / 64) = 0 channels.
    const [e] = errorsOf((c) => (c.stages[0].reduceRatio = 64));
    expect(e.path).toBe('stages[0].reduceRatio');
    expect(e.message).toContain('sum to 60');
  });

  it('a stem narrower than its output cannot shrink; odd stem widths are refused', () => {
    expect(errorsOf((c) => (c.stem.outChannels = 16))[0].path).toBe('stem.outChannels');
    expect(errorsOf((c) => (c.stem.stemChannels = 31))[0].message).toContain('must be even');
  });

  it('collects every error at once instead of stopping at the first', () => {
    const errors = errorsOf((c) => {
      c.joints = 0;
      c.fusion = 'both' as never;
      c.stages[2].modules = 99;
    });
    expect(errors.map((e) => e.path).sort()).toEqual(['fusion', 'joints', 'stages[2].modules']);
  });

  it('rejects non-numbers and out-of-range sizes without throwing', () => {
    expect(errorsOf((c) => (c.input.width = NaN))[0].message).toBe(
      'Input width must be a whole number.'
    );
    expect(errorsOf((c) => (c.input.width = 1e9))[0].message).toContain('between 32 and 2048');
    expect(validateConfig(null)).toEqual({
      ok: false,
      errors: [{ path: '', message: 'A config must be an object.' }]
    });
    expect(validateConfig({}).ok).toBe(false);
  });

  it('returns a copy: editing the accepted config later does not touch the input', () => {
    const input = presetConfig('litehrnet_30');
    const result = validateConfig(input);
    if (!result.ok) throw new Error('preset rejected');
    result.config.stages[0].widths[0] = 2;
    expect(input.stages[0].widths[0]).toBe(40);
  });
});
