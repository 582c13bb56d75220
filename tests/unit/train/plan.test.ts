import { describe, expect, it } from 'vitest';
import { validateConfig } from '$lib/model';
import {
  TRAIN_BUDGET,
  checkSpec,
  defaultSettings,
  evaluationSteps,
  inputOf,
  planRuns,
  specConfig
} from '$lib/train/plan';
import { tinyConfig } from '$lib/train/tiny';

describe('the page’s models', () => {
  it('the presets are the tiny family’s configs', () => {
    const s = defaultSettings();
    expect(specConfig(s.a, inputOf('64x48'))).toEqual(tinyConfig('tiny-lite'));
    expect(specConfig(s.b, inputOf('64x48'))).toEqual(tinyConfig('tiny-naive'));
  });

  it('an edited model sets the block, modules and widths per stage and stays valid', () => {
    const c = specConfig(
      { blocks: ['naive', 'lite'], modules: [2, 3], widths: [8, 16, 32] },
      inputOf('128x96')
    );
    expect(c.stages.map((s) => [s.block, s.modules, s.widths])).toEqual([
      ['naive', 2, [8, 16]],
      ['lite', 3, [8, 16, 32]]
    ]);
    expect(c.input).toEqual({ height: 128, width: 96 });
    expect(validateConfig(c).ok).toBe(true);
  });

  it('a model over the cost budget gets a sentence naming the budget', () => {
    // Widths 4x the tiny model's make every conv ~16x dearer: far over 8 M MACs at 128x96.
    const r = checkSpec(
      { blocks: ['lite', 'lite'], modules: [3, 3], widths: [64, 128, 128] },
      inputOf('128x96')
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(new RegExp(`over the budget of ${TRAIN_BUDGET.megaMacs} M`));
  });

  it('odd or out-of-range widths and modules are refused in words', () => {
    const bad = checkSpec(
      { blocks: ['lite', 'lite'], modules: [1, 1], widths: [15, 32, 64] },
      inputOf('64x48')
    );
    expect(bad.ok).toBe(false);
    const none = checkSpec(
      { blocks: ['lite', 'lite'], modules: [0, 1], widths: [16, 32, 64] },
      inputOf('64x48')
    );
    expect(none.ok ? '' : none.error).toMatch(/1 to 3 modules/);
  });

  it('the ablation alternates sides per seed, with the same seeds on both sides', () => {
    const s = { ...defaultSettings(), mode: 'ab' as const, seed: 5, seeds: 3 };
    const plan = planRuns(s);
    expect('runs' in plan && plan.runs.map((r) => `${r.side}${r.seed}`)).toEqual([
      'A5',
      'B5',
      'A6',
      'B6',
      'A7',
      'B7'
    ]);
    const single = planRuns(defaultSettings());
    expect('runs' in single && single.runs.length).toBe(1);
    // Each run carries its model as planned, so what the page shows after a run is the run's.
    if (!('runs' in plan)) return;
    expect(plan.runs[0].label).toBe('CCW 16·32·64, 1+1 modules');
    expect(plan.runs[1].label).toBe('shuffle 12·24·48, 1+1 modules');
    expect(plan.runs[2].macs).toEqual(plan.runs[0].macs);
    expect(plan.runs[1].macs.paper).not.toBe(plan.runs[0].macs.paper);
  });

  it('evaluates about six times and always at the last step', () => {
    expect(evaluationSteps(300)).toEqual([50, 100, 150, 200, 250, 300]);
    expect(evaluationSteps(4)).toEqual([1, 2, 3, 4]);
    expect(evaluationSteps(1)).toEqual([1]);
    expect(evaluationSteps(7)).toEqual([2, 4, 6, 7]);
  });
});
