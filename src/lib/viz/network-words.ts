/**
 * The network picture's words, derived from the config alone: what each stage's blocks are and
 * how many, what a transition does to each branch, what the heads are. Pure: no DOM.
 * The transition and head rules are the official code's (HRNet/Lite-HRNet `litehrnet.py`,
 * `_make_transition_layer` and `IterativeHead`); see build.ts, which builds the same ops.
 */
import type { BlockType, LiteHRNetConfig } from '$lib/model';
import { paperStageNumber } from '$lib/model';

/** Short forms of BLOCK_TYPE_LABELS for a stage band (the long ones are in the config panel). */
export const BLOCK_TYPE_SHORT: Record<BlockType, string> = {
  lite: 'CCW',
  naive: 'Shuffle',
  naive_no_first_1x1: 'Shuffle, no 1st 1x1',
  naive_no_last_1x1: 'Shuffle, no 2nd 1x1',
  naive_no_1x1: 'Shuffle, no 1x1',
  basic: 'Basic',
  bottleneck: 'Bottleneck'
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "4 modules × 2 blocks". */
export function modulesTimesBlocks(modules: number, blocks: number): string {
  return `${plural(modules, 'module')} × ${plural(blocks, 'block')}`;
}

/** "1/16": the resolution of branch b (0-based) relative to the input. */
export function branchResolution(b: number): string {
  return `1/${4 * 2 ** b}`;
}

/** "64×48": the feature map size of branch b (0-based) for the configured input. */
export function branchSize(config: LiteHRNetConfig, b: number): string {
  const f = 4 * 2 ** b;
  return `${config.input.height / f}×${config.input.width / f}`;
}

/** Branch numbers (1-based) as words: "branch 2", "branches 1–2", "branches 1, 3". */
export function branchList(numbers: readonly number[]): string {
  if (numbers.length === 1) return `branch ${numbers[0]}`;
  const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
  return consecutive
    ? `branches ${numbers[0]}–${numbers[numbers.length - 1]}`
    : `branches ${numbers.join(', ')}`;
}

/** The widths a stage receives: the previous stage's, or the stem's output for the first stage. */
export function widthsBefore(config: LiteHRNetConfig, s: number): number[] {
  return s === 0 ? [config.stem.outChannels] : config.stages[s - 1].widths;
}

const STEP = '3×3 depthwise + 1×1';
/** One step of a transition or fusion chain in a stage's style (config.ts FUSION_CONVS). */
const stepOf = (config: LiteHRNetConfig, s: number) =>
  config.stages[s].fusionConv === 'full' ? '3×3 conv' : STEP;

/**
 * What the transition into stage s does, branch by branch: an existing branch whose width
 * changes gets a stride-1 3×3 depthwise + 1×1; a new branch i is made from the previous last
 * branch by (i + 1 − previous count) stride-2 steps; the others pass as they are.
 */
export function transitionWords(config: LiteHRNetConfig, s: number): string {
  const STEP = stepOf(config, s);
  const prev = widthsBefore(config, s);
  const widths = config.stages[s].widths;
  const parts: string[] = [];
  const unchanged: number[] = [];
  widths.forEach((w, i) => {
    if (i < prev.length) {
      if (prev[i] === w) unchanged.push(i + 1);
      else parts.push(`changes branch ${i + 1} from ${prev[i]} to ${w} ch with a ${STEP}`);
      return;
    }
    const steps = i + 1 - prev.length;
    const how = steps === 1 ? `a stride-2 ${STEP}` : `${steps} stride-2 steps of ${STEP}`;
    parts.push(
      `makes branch ${i + 1} (${branchResolution(i)}, ${w} ch) from branch ${prev.length} with ${how}`
    );
  });
  const verb = (list: number[], one: string, many: string) =>
    `${branchList(list)} ${list.length === 1 ? one : many}`;
  if (unchanged.length) parts.push(verb(unchanged, 'passes unchanged', 'pass unchanged'));
  const dropped = prev.slice(widths.length).map((_, k) => widths.length + k + 1);
  if (dropped.length) parts.push(verb(dropped, 'stops here', 'stop here'));
  return `Transition into Stage ${paperStageNumber(s)}: ${parts.join('; ')}`;
}

/**
 * The heads in words. IterativeHead: from the lowest resolution up, each branch plus the previous
 * result (bilinear-resized) goes through a 3×3 depthwise + 1×1 whose output has the next higher
 * branch's width (the last keeps its own): 320→160→80→40→40 for Lite-HRNet-18.
 */
export function headWords(config: LiteHRNetConfig): string {
  const widths = config.stages[config.stages.length - 1].widths;
  const heads: string[] = [];
  if (config.withHead) {
    const chain = [...widths].reverse().concat(widths[0]).join('→');
    const top = branchResolution(widths.length - 1);
    heads.push(
      `IterativeHead (from ${top} up, each branch plus the resized result below through a ${STEP}: ${chain} ch)`
    );
  }
  if (config.keypointHead)
    heads.push(
      `the keypoint head, a 1×1 conv ${widths[0]} → ${config.joints} heatmaps (${branchSize(config, 0)})`
    );
  if (heads.length === 0) return 'No heads';
  return `${heads.length > 1 ? 'Heads' : 'Head'}: ${heads.join(' then ')}`;
}

/** The stem in words (official `Stem`, or HRNet's stem and layer1): two stride-2 steps to 1/4. */
export function stemWords(config: LiteHRNetConfig): string {
  const { stemChannels, outChannels, layer1Blocks, layer1Block } = config.stem;
  if (config.stem.type === 'hrnet') {
    const layer1 =
      layer1Blocks === 0
        ? ''
        : `, then stage 1: ${layer1Blocks} ${BLOCK_TYPE_SHORT[layer1Block].toLowerCase()} block${layer1Blocks === 1 ? '' : 's'} to ${outChannels} ch`;
    return `Stem: two stride-2 3×3 convs 3 → ${stemChannels} → ${stemChannels} ch at 1/4 (${branchSize(config, 0)})${layer1}`;
  }
  return `Stem: a stride-2 3×3 conv 3 → ${stemChannels} ch, then a shuffle-style block with a stride-2 3×3 depthwise to ${outChannels} ch at 1/4 (${branchSize(config, 0)})`;
}
