/**
 * The configs of a "FLOPs against measured time" sweep: the four official models, Lite-HRNet-18
 * with every branch width halved and doubled, and Lite-HRNet-18 with other module counts per
 * stage. All at one input size, seeded weights. Pure: plain configs out, deduplicated (a
 * variant that equals an official model is that model's point).
 */
import type { InputSize, LiteHRNetConfig } from './config';
import { cloneConfig } from './config';
import type { PresetId } from './presets';
import { PRESETS, PRESET_IDS, presetConfig } from './presets';

export type SweepFamily = 'preset' | 'width' | 'modules';

export interface SweepConfig {
  key: string;
  label: string;
  family: SweepFamily;
  config: LiteHRNetConfig;
}

export const SWEEP_PLANS = ['full', 'quick'] as const;
export type SweepPlan = (typeof SWEEP_PLANS)[number];

/** Width multipliers of Lite-HRNet-18 (×1 is Lite-HRNet-18 itself). */
export const SWEEP_WIDTHS = [0.5, 2] as const;
/** Modules per stage (Stages 2, 3, 4); (2,4,2) is Lite-HRNet-18 and (3,8,3) Lite-HRNet-30. */
export const SWEEP_MODULES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [1, 2, 1],
  [2, 6, 2],
  [4, 12, 4]
];

/** Every branch width times `factor`, rounded to an even number (CCW splits channels in half). */
export function scaleWidths(config: LiteHRNetConfig, factor: number): LiteHRNetConfig {
  const c = cloneConfig(config);
  const even = (w: number) => Math.max(2, 2 * Math.round((w * factor) / 2));
  for (const s of c.stages) s.widths = s.widths.map(even);
  return c;
}

export function withModules(config: LiteHRNetConfig, modules: readonly number[]): LiteHRNetConfig {
  const c = cloneConfig(config);
  c.stages.forEach((s, i) => (s.modules = modules[i] ?? s.modules));
  return c;
}

const preset = (id: PresetId, input: InputSize): SweepConfig => ({
  key: id,
  label: PRESETS[id].label,
  family: 'preset',
  config: presetConfig(id, input)
});

const width = (f: number, input: InputSize): SweepConfig => ({
  key: `litehrnet_18_w${f}`,
  label: `Lite-HRNet-18, widths ×${f}`,
  family: 'width',
  config: scaleWidths(presetConfig('litehrnet_18', input), f)
});

const modules = (m: readonly number[], input: InputSize): SweepConfig => ({
  key: `litehrnet_18_m${m.join('-')}`,
  label: `Lite-HRNet-18, modules (${m.join(',')})`,
  family: 'modules',
  config: withModules(presetConfig('litehrnet_18', input), m)
});

/** One entry per distinct network, first one kept. */
function distinct(list: SweepConfig[]): SweepConfig[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = JSON.stringify(s.config);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * `full`: 4 official models + 2 widths + 4 module counts = 10 networks. `quick`: three that run
 * fast and still spread along the FLOPs axis (widths ×0.5, Lite-HRNet-18, Naive Lite-HRNet-18).
 */
export function sweepConfigs(plan: SweepPlan, input: InputSize): SweepConfig[] {
  if (plan === 'quick')
    return [width(0.5, input), preset('litehrnet_18', input), preset('naive_litehrnet_18', input)];
  return distinct([
    ...PRESET_IDS.map((id) => preset(id, input)),
    ...SWEEP_WIDTHS.map((f) => width(f, input)),
    ...SWEEP_MODULES.map((m) => modules(m, input))
  ]);
}
