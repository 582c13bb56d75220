import { describe, expect, it } from 'vitest';
import { INPUT_PRESETS, analyzeConfig } from '$lib/model';
import { sweepConfigs } from '$lib/model/sweep';
import { checkActivationBudget } from '$lib/tf/guard';

const COCO = INPUT_PRESETS.coco_256x192.input;
const M = 2 ** 20;

function analysed(plan: 'full' | 'quick') {
  return sweepConfigs(plan, COCO).map((s) => {
    const a = analyzeConfig(s.config);
    if (!a.ok) throw new Error(`${s.label}: ${a.errors[0].message}`);
    return { ...s, a };
  });
}

describe('sweep configs', () => {
  it('full: 4 official models, widths ×0.5 and ×2, four other module counts: 10 networks', () => {
    const keys = sweepConfigs('full', COCO).map((s) => s.key);
    expect(keys).toEqual([
      'litehrnet_18',
      'litehrnet_30',
      'naive_litehrnet_18',
      'wider_naive_litehrnet_18',
      'litehrnet_18_w0.5',
      'litehrnet_18_w2',
      'litehrnet_18_m1-1-1',
      'litehrnet_18_m1-2-1',
      'litehrnet_18_m2-6-2',
      'litehrnet_18_m4-12-4'
    ]);
  });

  it('every config is valid, distinct and within the forward pass memory budget', () => {
    const all = analysed('full');
    expect(new Set(all.map((s) => JSON.stringify(s.config))).size).toBe(all.length);
    for (const s of all) expect(checkActivationBudget(s.a.graph).ok, s.label).toBe(true);
  });

  it("the official models keep the README's FLOPs (paper convention, M = 2^20)", () => {
    // HRNet/Lite-HRNet README, COCO 256x192: 205.2M, 319.2M, 194.8M, 311.1M.
    const flops = Object.fromEntries(
      analysed('full')
        .filter((s) => s.family === 'preset')
        .map((s) => [s.key, (s.a.costs.totals.macs.paper / M).toFixed(1)])
    );
    expect(flops).toEqual({
      litehrnet_18: '205.2',
      litehrnet_30: '319.2',
      naive_litehrnet_18: '194.8',
      wider_naive_litehrnet_18: '311.1'
    });
  });

  it('widths ×0.5 and ×2 scale every branch of Lite-HRNet-18 (40, 80, 160, 320)', () => {
    const byKey = new Map(sweepConfigs('full', COCO).map((s) => [s.key, s.config]));
    expect(byKey.get('litehrnet_18_w0.5')!.stages[2].widths).toEqual([20, 40, 80, 160]);
    expect(byKey.get('litehrnet_18_w2')!.stages[2].widths).toEqual([80, 160, 320, 640]);
    expect(byKey.get('litehrnet_18_m1-2-1')!.stages.map((s) => s.modules)).toEqual([1, 2, 1]);
  });

  it('more modules cost more, fewer cost less, under the paper convention', () => {
    const macs = new Map(analysed('full').map((s) => [s.key, s.a.costs.totals.macs.paper]));
    const order = ['litehrnet_18_m1-1-1', 'litehrnet_18_m1-2-1', 'litehrnet_18'];
    order.slice(1).forEach((k, i) => expect(macs.get(k)!).toBeGreaterThan(macs.get(order[i])!));
    expect(macs.get('litehrnet_18_m4-12-4')!).toBeGreaterThan(macs.get('litehrnet_30')!);
  });

  it('quick: three networks', () => {
    expect(analysed('quick').map((s) => s.label)).toEqual([
      'Lite-HRNet-18, widths ×0.5',
      'Lite-HRNet-18',
      'Naive Lite-HRNet-18'
    ]);
  });
});
