/**
 * What the /train page trains, as plain data: a small model (`ModelSpec`, the tiny family's
 * shape with the block type, widths and modules editable), the training settings, and the runs
 * they make (one run, or an A/B ablation of two models over several seeds). Pure: no tfjs, no
 * DOM; the page, its link and the training worker all read these types.
 */
import type {
  BlockType,
  Convention,
  ConventionCosts,
  CostUnit,
  InputSize,
  LiteHRNetConfig
} from '../model';
import { buildGraph, costGraph, formatInt, validateConfig } from '../model';
import { tinyConfig, type TinyId } from './tiny';

/** The blocks a tiny model's stages may use: the paper's Table 6 comparison. */
export const SPEC_BLOCKS = ['lite', 'naive'] as const satisfies readonly BlockType[];
export type SpecBlock = (typeof SPEC_BLOCKS)[number];

export const SPEC_BLOCK_LABELS: Record<SpecBlock, string> = {
  lite: 'CCW (conditional channel weighting)',
  naive: 'Shuffle block (naive)'
};

/**
 * A tiny Lite-HRNet: stem, two stages (2 then 3 branches), 2 blocks per module, fusion and the
 * IterativeHead, as tiny.ts builds it; the block type and modules per stage and the three branch
 * widths are what the page lets a person change.
 */
export interface ModelSpec {
  blocks: [SpecBlock, SpecBlock];
  modules: [number, number];
  widths: [number, number, number];
}

export const SPEC_PRESETS: Record<TinyId, ModelSpec> = {
  'tiny-lite': { blocks: ['lite', 'lite'], modules: [1, 1], widths: [16, 32, 64] },
  'tiny-naive': { blocks: ['naive', 'naive'], modules: [1, 1], widths: [12, 24, 48] }
};

export const INPUT_SIZES = ['64x48', '128x96'] as const;
export type InputSizeId = (typeof INPUT_SIZES)[number];

export function inputOf(id: InputSizeId): InputSize {
  return id === '64x48' ? { height: 64, width: 48 } : { height: 128, width: 96 };
}

/** Limits the page holds every model to, so a run stays a few minutes on a laptop's CPU. */
export const TRAIN_BUDGET = {
  /** Multiply-adds under the explorer's default (paper) convention, M = 2^20, at the chosen input. */
  megaMacs: 8,
  params: 200_000,
  widthMax: 128,
  modulesMax: 3
} as const;

export const LIMITS = {
  steps: { min: 1, max: 5000 },
  batchSize: { min: 2, max: 64 },
  learningRate: { min: 1e-5, max: 0.1 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  seeds: { min: 1, max: 5 }
} as const;

export type TrainMode = 'single' | 'ab';

export interface TrainSettings {
  mode: TrainMode;
  /** The model trained alone, and side A of the ablation. */
  a: ModelSpec;
  /** Side B of the ablation. */
  b: ModelSpec;
  input: InputSizeId;
  steps: number;
  batchSize: number;
  learningRate: number;
  /** The first seed; the ablation's seeds are seed, seed + 1, … (data and weights alike). */
  seed: number;
  /** Seeds per side in the ablation. */
  seeds: number;
  /** How the A/B table counts cost: the explorer's conventions and units. */
  convention: Convention;
  unit: CostUnit;
}

export function defaultSettings(): TrainSettings {
  return {
    mode: 'single',
    a: structuredClone(SPEC_PRESETS['tiny-lite']),
    b: structuredClone(SPEC_PRESETS['tiny-naive']),
    input: '64x48',
    steps: 300,
    batchSize: 16,
    learningRate: 2e-3,
    seed: 1,
    seeds: 3,
    convention: 'paper',
    unit: 'MACs'
  };
}

/** The preset a spec equals, or null for an edited one. */
export function presetOf(spec: ModelSpec): TinyId | null {
  for (const [id, p] of Object.entries(SPEC_PRESETS) as [TinyId, ModelSpec][])
    if (JSON.stringify(p) === JSON.stringify(spec)) return id;
  return null;
}

/** "CCW 16·32·64, 1+1 modules" — a spec in a few words, for legends and tables. */
export function specLabel(spec: ModelSpec): string {
  const blocks =
    spec.blocks[0] === spec.blocks[1]
      ? spec.blocks[0] === 'lite'
        ? 'CCW'
        : 'shuffle'
      : spec.blocks.map((b) => (b === 'lite' ? 'CCW' : 'shuffle')).join('/');
  return `${blocks} ${spec.widths.join('·')}, ${spec.modules.join('+')} modules`;
}

/** The network a spec describes at an input size (tiny.ts's structure, the spec's choices). */
export function specConfig(spec: ModelSpec, input: InputSize): LiteHRNetConfig {
  const tiny = {
    lite: tinyConfig('tiny-lite', input),
    naive: tinyConfig('tiny-naive', input)
  };
  return {
    ...tiny[spec.blocks[0]],
    stages: tiny.lite.stages.map((stage, i) => ({
      // Each stage as the tiny model of its block type has it (reduce ratios included).
      ...tiny[spec.blocks[i]].stages[i],
      modules: spec.modules[i],
      widths: spec.widths.slice(0, i + 2)
    }))
  };
}

export interface SpecCost {
  params: number;
  /** Paper-convention multiply-adds (the explorer's default; the budget is in these). */
  macs: number;
  /** Multiply-adds under every counting convention, for the A/B table. */
  macsByConvention: ConventionCosts;
}

export type SpecCheck =
  { ok: true; config: LiteHRNetConfig; cost: SpecCost } | { ok: false; error: string };

function shapeProblem(spec: ModelSpec): string | null {
  for (const w of spec.widths)
    if (!Number.isInteger(w) || w < 4 || w > TRAIN_BUDGET.widthMax || w % 2 !== 0)
      return `Each width must be an even whole number from 4 to ${TRAIN_BUDGET.widthMax}; ${w} is not.`;
  for (const m of spec.modules)
    if (!Number.isInteger(m) || m < 1 || m > TRAIN_BUDGET.modulesMax)
      return `Each stage has 1 to ${TRAIN_BUDGET.modulesMax} modules; ${m} is not allowed.`;
  return null;
}

/** A spec's network and cost, or a sentence saying why it cannot train here. */
export function checkSpec(spec: ModelSpec, input: InputSize): SpecCheck {
  const shape = shapeProblem(spec);
  if (shape) return { ok: false, error: shape };
  const checked = validateConfig(specConfig(spec, input));
  if (!checked.ok) return { ok: false, error: checked.errors[0].message };
  const totals = costGraph(buildGraph(checked.config)).totals;
  const cost = { params: totals.params, macs: totals.macs.paper, macsByConvention: totals.macs };
  const mega = cost.macs / 2 ** 20;
  if (mega > TRAIN_BUDGET.megaMacs)
    return {
      ok: false,
      error: `This model costs ${mega.toFixed(1)} M MACs (paper convention, M = 2^20) at ${input.height}x${input.width}, over the budget of ${TRAIN_BUDGET.megaMacs} M: make it narrower, use fewer modules or the smaller input.`
    };
  if (cost.params > TRAIN_BUDGET.params)
    return {
      ok: false,
      error: `This model has ${formatInt(cost.params)} parameters, over the budget of ${formatInt(TRAIN_BUDGET.params)}: make it narrower or use fewer modules.`
    };
  return { ok: true, config: checked.config, cost };
}

/** One training run the worker does: a model, a seed, a side. */
export interface RunSpec {
  side: 'A' | 'B';
  seed: number;
  config: LiteHRNetConfig;
  /** The model in a few words (specLabel), as planned: the page's legends and tables. */
  label: string;
  /** Its multiply-adds under every convention, as planned: the A/B table's cost column. */
  macs: ConventionCosts;
}

/** The runs the settings ask for, in the order the worker does them (A and B alternate per seed). */
export function planRuns(settings: TrainSettings): { runs: RunSpec[] } | { error: string } {
  const input = inputOf(settings.input);
  const sides = settings.mode === 'single' ? (['A'] as const) : (['A', 'B'] as const);
  const models: Omit<RunSpec, 'seed'>[] = [];
  for (const side of sides) {
    const spec = side === 'A' ? settings.a : settings.b;
    const checked = checkSpec(spec, input);
    if (!checked.ok) return { error: `Model ${side}: ${checked.error}` };
    const { config, cost } = checked;
    models.push({ side, config, label: specLabel(spec), macs: cost.macsByConvention });
  }
  const seeds = settings.mode === 'single' ? 1 : settings.seeds;
  const runs: RunSpec[] = [];
  for (let k = 0; k < seeds; k++)
    for (const model of models) runs.push({ ...model, seed: settings.seed + k });
  return { runs };
}

/** How often a run evaluates on the validation set: about 6 times, and at its last step. */
export function evaluationSteps(steps: number): number[] {
  const every = Math.max(1, Math.ceil(steps / 6));
  const out: number[] = [];
  for (let s = every; s < steps; s += every) out.push(s);
  out.push(steps);
  return out;
}
