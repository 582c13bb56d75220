/**
 * Pure edits of a (draft) config, for the explorer's controls. Every function returns a new
 * config and leaves its argument untouched; none validates — the draft may be invalid on
 * purpose while a person types, and `validateConfig` says what is wrong.
 */
import type { BlockType, LiteHRNetConfig, StageConfig, StemConfig } from './config';
import type { InputPresetId, PresetId } from './presets';
import type { ValidationError } from './validate';
import { cloneConfig } from './config';
import { INPUT_PRESETS, INPUT_PRESET_IDS, presetConfig } from './presets';
import { LIMITS } from './limits';

/** An official model at an official input size, with that dataset's joint count. */
export function presetAtInput(id: PresetId, inputId: InputPresetId): LiteHRNetConfig {
  const { input, joints } = INPUT_PRESETS[inputId];
  return presetConfig(id, input, joints);
}

/** The official input preset the config's size and joints match, or 'custom'. */
export function inputPresetOf(config: LiteHRNetConfig): InputPresetId | 'custom' {
  const found = INPUT_PRESET_IDS.find((id) => {
    const p = INPUT_PRESETS[id];
    return (
      p.input.height === config.input.height &&
      p.input.width === config.input.width &&
      p.joints === config.joints
    );
  });
  return found ?? 'custom';
}

export function setInputPreset(config: LiteHRNetConfig, inputId: InputPresetId): LiteHRNetConfig {
  const next = cloneConfig(config);
  next.input = { ...INPUT_PRESETS[inputId].input };
  next.joints = INPUT_PRESETS[inputId].joints;
  return next;
}

export function setInputSize(
  config: LiteHRNetConfig,
  input: { height: number; width: number }
): LiteHRNetConfig {
  const next = cloneConfig(config);
  next.input = { ...input };
  return next;
}

type TopLevel = Pick<
  LiteHRNetConfig,
  'withHead' | 'keypointHead' | 'joints' | 'fusion' | 'multiScaleOutput'
>;

export function setTopLevel(config: LiteHRNetConfig, patch: Partial<TopLevel>): LiteHRNetConfig {
  return { ...cloneConfig(config), ...patch };
}

export function setStem(config: LiteHRNetConfig, patch: Partial<StemConfig>): LiteHRNetConfig {
  const next = cloneConfig(config);
  next.stem = { ...next.stem, ...patch };
  return next;
}

type StageScalars = Pick<StageConfig, 'modules' | 'blocks' | 'fuse' | 'reduceRatio' | 'fusionConv'>;

export function setStageField(
  config: LiteHRNetConfig,
  stage: number,
  patch: Partial<StageScalars>
): LiteHRNetConfig {
  const next = cloneConfig(config);
  next.stages[stage] = { ...next.stages[stage], ...patch };
  return next;
}

/**
 * Switching between the two official block types also brings the official reduce ratio along:
 * the naive configs carry 1 ("will be ignored"), the LITE ones 8. Ablation variants keep it.
 */
export function setBlockType(
  config: LiteHRNetConfig,
  stage: number,
  block: BlockType
): LiteHRNetConfig {
  const next = cloneConfig(config);
  const s = next.stages[stage];
  const reduceRatio =
    block === 'lite' && s.block !== 'lite' && s.reduceRatio === 1 ? 8 : s.reduceRatio;
  next.stages[stage] = { ...s, block, reduceRatio };
  return next;
}

export function setBranchWidth(
  config: LiteHRNetConfig,
  stage: number,
  branch: number,
  width: number
): LiteHRNetConfig {
  const next = cloneConfig(config);
  next.stages[stage].widths[branch] = width;
  return next;
}

/**
 * A sensible width for a new branch b of `stage`: the width another stage already gives branch b
 * (HRNet keeps a branch's width across stages), else twice the branch above it (HRNet doubles
 * the width each time it halves the resolution).
 */
export function suggestedWidth(config: LiteHRNetConfig, stage: number, branch: number): number {
  for (const s of config.stages) {
    const w = s.widths[branch];
    if (s !== config.stages[stage] && Number.isInteger(w) && w > 0) return w;
  }
  const above = config.stages[stage].widths[branch - 1];
  return Number.isInteger(above) && above > 0 ? Math.min(2 * above, LIMITS.width.max) : 40;
}

/** Sets the branch count of a stage: drops the lowest-resolution widths or adds suggested ones. */
export function setBranchCount(
  config: LiteHRNetConfig,
  stage: number,
  count: number
): LiteHRNetConfig {
  const n = Math.max(LIMITS.branches.min, Math.min(LIMITS.branches.max, Math.trunc(count)));
  const next = cloneConfig(config);
  const widths = next.stages[stage].widths.slice(0, n);
  while (widths.length < n) {
    next.stages[stage].widths = widths;
    widths.push(suggestedWidth(next, stage, widths.length));
  }
  next.stages[stage].widths = widths;
  return next;
}

export function canAddStage(config: LiteHRNetConfig): boolean {
  return config.stages.length < LIMITS.stages.max;
}

export function canRemoveStage(config: LiteHRNetConfig): boolean {
  return config.stages.length > LIMITS.stages.min;
}

/** Appends a stage like the last one with one more branch (as HRNet grows), capped by the limits. */
export function addStage(config: LiteHRNetConfig): LiteHRNetConfig {
  if (!canAddStage(config)) return cloneConfig(config);
  const next = cloneConfig(config);
  const last = next.stages[next.stages.length - 1];
  next.stages.push({ ...last, widths: [...last.widths] });
  const s = next.stages.length - 1;
  return setBranchCount(next, s, last.widths.length + 1);
}

/** Removes the last stage (the one nearest the head); a network keeps at least one. */
export function removeStage(config: LiteHRNetConfig): LiteHRNetConfig {
  const next = cloneConfig(config);
  if (canRemoveStage(config)) next.stages.pop();
  return next;
}

/** The validator's messages for one control: its own path, or (unless `exact`) any path inside it. */
export function messagesAt(
  errors: readonly ValidationError[],
  path: string,
  exact = false
): string[] {
  const inside = (p: string) => !exact && (p.startsWith(`${path}.`) || p.startsWith(`${path}[`));
  return errors.filter((e) => e.path === path || inside(e.path)).map((e) => e.message);
}
