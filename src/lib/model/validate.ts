/**
 * Validation of configs from anywhere (a form, a link, a file): any value in, either a config
 * that builds or a list of errors a person can act on. It never throws.
 *
 * The limits keep every accepted config quick to build and cost (see bench/model.bench.ts for
 * the largest one) while leaving room for every ablation the paper runs and more.
 */
import type { BlockType, LiteHRNetConfig, StageConfig, StemConfig } from './config';
import {
  BLOCK_TYPES,
  FUSION_CONVS,
  FUSION_MODES,
  LITE_HRNET_DEFAULTS,
  RESIDUAL_BLOCK_TYPES,
  STEM_TYPES,
  paperStageNumber
} from './config';

export interface ValidationError {
  /** Where, as a property path into the config: `stages[1].widths[2]`. */
  path: string;
  /** What is wrong and why, in plain words. */
  message: string;
}

export type ValidationResult =
  { ok: true; config: LiteHRNetConfig } | { ok: false; errors: ValidationError[] };

export { LIMITS } from './limits';
import { LIMITS } from './limits';

type Errors = ValidationError[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An integer within [min, max], or an error naming the field in the user's words. */
function checkInt(
  errors: Errors,
  path: string,
  label: string,
  v: unknown,
  range: { min: number; max: number }
): number | null {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    errors.push({ path, message: `${label} must be a whole number.` });
    return null;
  }
  if (v < range.min || v > range.max) {
    errors.push({
      path,
      message: `${label} must be between ${range.min} and ${range.max}; it is ${v}.`
    });
    return null;
  }
  return v;
}

function checkBool(errors: Errors, path: string, label: string, v: unknown): boolean | null {
  if (typeof v !== 'boolean') {
    errors.push({ path, message: `${label} must be on or off (true or false).` });
    return null;
  }
  return v;
}

function checkEnum<T extends string>(
  errors: Errors,
  path: string,
  label: string,
  v: unknown,
  allowed: readonly T[]
): T | null {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    errors.push({ path, message: `${label} must be one of ${allowed.join(', ')}.` });
    return null;
  }
  return v as T;
}

/** A field added for HRNet: absent means Lite-HRNet's value (LITE_HRNET_DEFAULTS). */
function orDefault<T>(v: unknown, fallback: T): unknown {
  return v === undefined ? fallback : v;
}

function checkStem(errors: Errors, v: unknown): StemConfig | null {
  if (!isRecord(v)) {
    errors.push({ path: 'stem', message: 'The stem settings are missing.' });
    return null;
  }
  const defaults = LITE_HRNET_DEFAULTS.stem;
  const type = checkEnum(
    errors,
    'stem.type',
    'Stem type',
    orDefault(v.type, defaults.type),
    STEM_TYPES
  );
  const stem = checkInt(
    errors,
    'stem.stemChannels',
    'Stem width',
    v.stemChannels,
    LIMITS.stemChannels
  );
  const out = checkInt(
    errors,
    'stem.outChannels',
    'Stem output width',
    v.outChannels,
    LIMITS.stemChannels
  );
  const layer1Blocks = checkInt(
    errors,
    'stem.layer1Blocks',
    'Stage 1 blocks',
    orDefault(v.layer1Blocks, defaults.layer1Blocks),
    LIMITS.layer1Blocks
  );
  const layer1Block = checkEnum(
    errors,
    'stem.layer1Block',
    'Stage 1 block type',
    orDefault(v.layer1Block, defaults.layer1Block),
    RESIDUAL_BLOCK_TYPES
  );
  // HRNet's stem has no expand conv: its ratio may be left out.
  const ratio = type === 'hrnet' ? orDefault(v.expandRatio, 1) : v.expandRatio;
  const { min, max } = LIMITS.expandRatio;
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < min || ratio > max) {
    errors.push({
      path: 'stem.expandRatio',
      message: `Stem expand ratio must be a number from ${min} to ${max}.`
    });
    return null;
  }
  if (type === null || stem === null || out === null || layer1Blocks === null || !layer1Block)
    return null;
  const config: StemConfig = {
    type,
    stemChannels: stem,
    outChannels: out,
    expandRatio: ratio,
    layer1Blocks,
    layer1Block
  };
  return type === 'hrnet' ? checkHrnetStem(errors, config) : checkLiteStem(errors, config);
}

function checkLiteStem(errors: Errors, config: StemConfig): StemConfig | null {
  const { stemChannels: stem, outChannels: out } = config;
  let ok = true;
  if (stem % 2 !== 0) {
    errors.push({
      path: 'stem.stemChannels',
      message: `Stem width ${stem} must be even: the stem splits it in half.`
    });
    ok = false;
  }
  if (out % 2 !== 0) {
    errors.push({
      path: 'stem.outChannels',
      message: `Stem output width ${out} must be even: the stem ends with a 2-group channel shuffle.`
    });
    ok = false;
  }
  if (out !== stem && out <= stem) {
    errors.push({
      path: 'stem.outChannels',
      message: `Stem output width ${out} must equal the stem width or exceed it (${stem}): its first branch adds the difference.`
    });
    ok = false;
  }
  return ok ? config : null;
}

function checkHrnetStem(errors: Errors, config: StemConfig): StemConfig | null {
  const { stemChannels: stem, outChannels: out, layer1Blocks, layer1Block } = config;
  if (layer1Blocks === 0 && out !== stem) {
    errors.push({
      path: 'stem.outChannels',
      message: `Stem output width ${out} must equal the stem width (${stem}) when stage 1 has no blocks: nothing else changes the width.`
    });
    return null;
  }
  if (layer1Blocks > 0 && layer1Block === 'bottleneck' && out % 4 !== 0) {
    errors.push({
      path: 'stem.outChannels',
      message: `Stem output width ${out} must be a multiple of 4: a bottleneck block's inner width is a quarter of its output.`
    });
    return null;
  }
  return config;
}

function checkWidths(
  errors: Errors,
  path: string,
  where: string,
  v: unknown,
  block: BlockType | null
): number[] | null {
  if (!Array.isArray(v)) {
    errors.push({ path, message: `${where}: branch widths must be a list of numbers.` });
    return null;
  }
  const { min, max } = LIMITS.branches;
  if (v.length < min || v.length > max) {
    errors.push({
      path,
      message: `${where}: the number of branches must be between ${min} and ${max}; it is ${v.length}.`
    });
    return null;
  }
  let ok = true;
  v.forEach((w, b) => {
    const p = `${path}[${b}]`;
    const label = `${where}, branch ${b + 1}: width`;
    const width = checkInt(errors, p, label, w, LIMITS.width);
    if (width === null) {
      ok = false;
    } else if (block === 'bottleneck' && width % 4 !== 0) {
      errors.push({
        path: p,
        message: `${label} ${width} must be a multiple of 4: a bottleneck block's inner width is a quarter of its output.`
      });
      ok = false;
    } else if (block !== 'basic' && block !== 'bottleneck' && width % 2 !== 0) {
      errors.push({
        path: p,
        message: `${label} ${width} must be even — each block splits channels in half.`
      });
      ok = false;
    } else if (block === 'lite' && width < 8) {
      errors.push({
        path: p,
        message: `${label} ${width} must be at least 8 with conditional channel weighting: its spatial weighting divides the half width by 4.`
      });
      ok = false;
    }
  });
  return ok ? (v as number[]) : null;
}

function checkStage(errors: Errors, v: unknown, s: number): StageConfig | null {
  const path = `stages[${s}]`;
  const where = `Stage ${paperStageNumber(s)}`;
  if (!isRecord(v)) {
    errors.push({ path, message: `${where}: settings are missing.` });
    return null;
  }
  const block = checkEnum(errors, `${path}.block`, `${where} block type`, v.block, BLOCK_TYPES);
  const modules = checkInt(
    errors,
    `${path}.modules`,
    `${where}: modules`,
    v.modules,
    LIMITS.modules
  );
  const blocks = checkInt(
    errors,
    `${path}.blocks`,
    `${where}: blocks per module`,
    v.blocks,
    LIMITS.blocks
  );
  const fuse = checkBool(errors, `${path}.fuse`, `${where}: fusion`, v.fuse);
  const ratio = checkInt(
    errors,
    `${path}.reduceRatio`,
    `${where}: reduce ratio`,
    v.reduceRatio,
    LIMITS.reduceRatio
  );
  const widths = checkWidths(errors, `${path}.widths`, where, v.widths, block);
  const fusionConv = checkEnum(
    errors,
    `${path}.fusionConv`,
    `${where}: fusion convolutions`,
    orDefault(v.fusionConv, LITE_HRNET_DEFAULTS.stage.fusionConv),
    FUSION_CONVS
  );
  if (
    block === null ||
    modules === null ||
    blocks === null ||
    fuse === null ||
    ratio === null ||
    widths === null ||
    fusionConv === null
  ) {
    return null;
  }
  if (block === 'lite') {
    if (widths.length < 2) {
      errors.push({
        path: `${path}.widths`,
        message: `${where}: conditional channel weighting needs at least 2 branches (the official module skips its blocks with one).`
      });
      return null;
    }
    const halves = widths.reduce((c, w) => c + w / 2, 0);
    if (Math.trunc(halves / ratio) < 1) {
      errors.push({
        path: `${path}.reduceRatio`,
        message: `${where}: reduce ratio ${ratio} leaves the cross-resolution weighting no channels (half widths sum to ${halves}).`
      });
      return null;
    }
  }
  return { modules, blocks, block, fuse, reduceRatio: ratio, widths: [...widths], fusionConv };
}

function checkStages(errors: Errors, v: unknown): StageConfig[] | null {
  const { min, max } = LIMITS.stages;
  if (!Array.isArray(v) || v.length < min || v.length > max) {
    errors.push({
      path: 'stages',
      message: `There must be between ${min} and ${max} stages after the stem.`
    });
    return null;
  }
  const stages = v.map((s, i) => checkStage(errors, s, i));
  return stages.every((s) => s !== null) ? (stages as StageConfig[]) : null;
}

/** Every branch must divide down exactly: fusion upsamples each one back by a power of 2. */
function checkInput(
  errors: Errors,
  v: unknown,
  maxBranches: number
): { height: number; width: number } | null {
  if (!isRecord(v)) {
    errors.push({ path: 'input', message: 'The input size is missing.' });
    return null;
  }
  const h = checkInt(errors, 'input.height', 'Input height', v.height, LIMITS.inputSide);
  const w = checkInt(errors, 'input.width', 'Input width', v.width, LIMITS.inputSide);
  if (h === null || w === null) return null;
  const factor = 4 * 2 ** (maxBranches - 1);
  let ok = true;
  for (const [side, value] of [
    ['height', h],
    ['width', w]
  ] as const) {
    if (value % factor !== 0) {
      errors.push({
        path: `input.${side}`,
        message: `Input ${side} ${value} must be divisible by ${factor}: the lowest-resolution branch runs at 1/${factor} and fusion scales it back exactly. Try ${Math.max(factor, Math.round(value / factor) * factor)}.`
      });
      ok = false;
    }
  }
  return ok ? { height: h, width: w } : null;
}

/** Checks every field of a config from any source; never throws. */
export function validateConfig(value: unknown): ValidationResult {
  const errors: Errors = [];
  if (!isRecord(value))
    return { ok: false, errors: [{ path: '', message: 'A config must be an object.' }] };
  const stem = checkStem(errors, value.stem);
  const stages = checkStages(errors, value.stages);
  const maxBranches = stages ? Math.max(...stages.map((s) => s.widths.length)) : 1;
  const input = checkInput(errors, value.input, maxBranches);
  const withHead = checkBool(errors, 'withHead', 'The IterativeHead', value.withHead);
  const keypointHead = checkBool(errors, 'keypointHead', 'The keypoint head', value.keypointHead);
  const joints = checkInt(errors, 'joints', 'Joints', value.joints, LIMITS.joints);
  const fusion = checkEnum(errors, 'fusion', 'Fusion mode', value.fusion, FUSION_MODES);
  const multiScaleOutput = checkBool(
    errors,
    'multiScaleOutput',
    'Fusing every output at the end',
    orDefault(value.multiScaleOutput, LITE_HRNET_DEFAULTS.multiScaleOutput)
  );
  if (multiScaleOutput === false && withHead === true) {
    errors.push({
      path: 'multiScaleOutput',
      message:
        'The IterativeHead reads every branch, so the last module must fuse every output: turn the head off or fuse all outputs.'
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      stem: stem!,
      stages: stages!,
      withHead: withHead!,
      keypointHead: keypointHead!,
      joints: joints!,
      input: input!,
      fusion: fusion!,
      multiScaleOutput: multiScaleOutput!
    }
  };
}
