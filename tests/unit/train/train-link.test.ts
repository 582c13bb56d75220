import { describe, expect, it } from 'vitest';
import { defaultSettings, type TrainSettings } from '$lib/train/plan';
import { decodeTrainLink, encodeTrainLink, readSpec, writeSpec } from '$lib/train/train-link';

describe('the training link', () => {
  it('round-trips every setting, an edited model included', () => {
    const s: TrainSettings = {
      mode: 'ab',
      a: { blocks: ['lite', 'naive'], modules: [2, 1], widths: [20, 40, 80] },
      b: { blocks: ['naive', 'naive'], modules: [1, 1], widths: [12, 24, 48] },
      input: '128x96',
      steps: 120,
      batchSize: 8,
      learningRate: 0.0005,
      seed: 42,
      seeds: 4,
      convention: 'fvcore',
      unit: 'FLOPs'
    };
    const q = encodeTrainLink(s);
    // The explorer's own keys for the convention and the unit.
    expect(q).toContain('cv=fvcore&u=FLOPs');
    expect(decodeTrainLink(q)).toEqual({ settings: s, problems: [] });
    expect(decodeTrainLink(`?${q}`).settings).toEqual(s);
  });

  it('writes a tiny preset by its name and an edited model in the compact form', () => {
    expect(writeSpec(defaultSettings().a)).toBe('tiny-lite');
    expect(writeSpec(defaultSettings().b)).toBe('tiny-naive');
    expect(writeSpec({ blocks: ['lite', 'naive'], modules: [1, 2], widths: [16, 32, 64] })).toBe(
      'lite.naive_1.2_16.32.64'
    );
    expect(readSpec('lite.naive_1.2_16.32.64')).toEqual({
      ok: true,
      value: { blocks: ['lite', 'naive'], modules: [1, 2], widths: [16, 32, 64] }
    });
  });

  it('an empty address gives the defaults with no problem', () => {
    expect(decodeTrainLink('')).toEqual({ settings: defaultSettings(), problems: [] });
  });

  it('a broken link keeps what it can read and says what it could not', () => {
    const { settings, problems } = decodeTrainLink('?v=1&steps=abc&a=resnet&lr=5&seed=7&input=1x1');
    expect(settings.seed).toBe(7);
    expect(settings.steps).toBe(defaultSettings().steps);
    expect(settings.a).toEqual(defaultSettings().a);
    expect(settings.learningRate).toBe(defaultSettings().learningRate);
    expect(settings.input).toBe('64x48');
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/number of steps must be a whole number from 1 to 5000/);
    expect(problems.join(' ')).toMatch(/"resnet" is not a model/);
  });

  it('an unknown convention or unit is named and the default kept', () => {
    const { settings, problems } = decodeTrainLink('?v=1&cv=flopcounter&u=ops');
    expect(settings.convention).toBe('paper');
    expect(settings.unit).toBe('MACs');
    expect(problems).toEqual([
      'In the link, the counting convention must be one of paper, mmcv, conv, full, fvcore, ptflops, ptflops-aten, thop, hrnet; the default is used.',
      'In the link, the unit must be MACs or FLOPs; the default is used.'
    ]);
  });

  it('a link of an unknown version says so', () => {
    expect(decodeTrainLink('v=9').problems[0]).toMatch(/version 9/);
  });

  it('garbage never throws', () => {
    for (const q of ['%', '&&&', '?a=%E0%A4%A', 'mode=__proto__', 'seeds=1e3', 'batch=-4'])
      expect(() => decodeTrainLink(q)).not.toThrow();
    expect(decodeTrainLink('batch=-4').problems).toHaveLength(1);
  });
});
