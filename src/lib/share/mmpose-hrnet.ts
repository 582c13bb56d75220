/**
 * mmpose's `HRNet` backbone in config text (open-mmlab/mmpose, `mmpose/models/backbones/hrnet.py`;
 * configs 0.x `configs/top_down/hrnet/coco/hrnet_w32_coco_256x192.py` @ v0.14.0 and 1.x
 * `configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_hrnet-w32_8xb64-210e_coco-256x192.py`).
 * Its `extra` is `stage1`…`stage4`, each `dict(num_modules, num_branches, block, num_blocks,
 * num_channels)`; widths are multiplied by the block's expansion (4 for BOTTLENECK). The stem is
 * fixed there (two 3x3 convs of 64), `stage1` is `layer1`, the fusion adds every branch once, and
 * the last stage fuses only branch 0 unless `multiscale_output=True`.
 *
 * What mmpose's class cannot build (another stem width, Lite-HRNet's blocks, separable fusion
 * convs, no fusion, the official Lite-HRNet double-add, the IterativeHead) is written with keys
 * of this site's own, each commented, so an exported config still reads back the same here.
 */
import type { BlockType, FusionConv, LiteHRNetConfig, StageConfig, StemConfig } from '$lib/model';
import {
  BLOCK_TYPES,
  FUSION_CONVS,
  FUSION_MODES,
  RESIDUAL_BLOCK_TYPES,
  blockExpansion
} from '$lib/model';
import type { PyNode } from './python';
import type { ValueReader } from './py-values';

/** mmpose's HRNet fixes the stem's two convs at 64 channels. */
const MMPOSE_STEM_CHANNELS = 64;

/** The parts of a config an HRNet `extra` gives. */
export interface HrnetExtra {
  stem: StemConfig;
  stages: StageConfig[];
  multiScaleOutput: boolean;
  withHead: boolean;
  fusion: LiteHRNetConfig['fusion'];
}

export function isHrnetBackbone(backbone: PyNode | null): boolean {
  if (!backbone || backbone.kind !== 'dict') return false;
  const type = backbone.entries.find(([k]) => k.kind === 'str' && k.value === 'type')?.[1];
  return type?.kind === 'str' && type.value === 'HRNet';
}

function readBlock(
  r: ValueReader,
  node: PyNode | null,
  field: string,
  allowed: readonly BlockType[]
): BlockType | null {
  const text = r.str(node, field);
  if (text === null) return null;
  const block = allowed.find((b) => b.toUpperCase() === text);
  if (block) return block;
  const names = allowed.map((b) => `'${b.toUpperCase()}'`).join(', ');
  return r.problem(node, field, `block '${text}' is not one of ${names}.`);
}

function readEnumText<T extends string>(
  r: ValueReader,
  node: PyNode | null,
  field: string,
  values: readonly T[],
  fallback: T
): T | null {
  if (!node) return fallback;
  const text = r.str(node, field);
  if (text === null) return null;
  return (
    values.find((v) => v === text) ?? r.problem(node, field, `must be ${values.join(' or ')}.`)
  );
}

interface StageFields {
  modules: number;
  block: BlockType;
  blocks: number;
  channels: number[];
}

/** The five keys every mmpose HRNet stage has; num_blocks must agree across branches here. */
function readStageFields(
  r: ValueReader,
  stage: PyNode,
  f: string,
  allowed: readonly BlockType[]
): StageFields | null {
  const modules = r.int(r.get(stage, 'num_modules', f), `${f}.num_modules`);
  const branches = r.int(r.get(stage, 'num_branches', f), `${f}.num_branches`);
  const block = readBlock(r, r.get(stage, 'block', f), `${f}.block`, allowed);
  const blocksNode = r.get(stage, 'num_blocks', f);
  const blocks = r.seqOf(blocksNode, `${f}.num_blocks`, (n, x) => r.int(n, x));
  const channelsNode = r.get(stage, 'num_channels', f);
  const channels = r.seqOf(channelsNode, `${f}.num_channels`, (n, x) => r.int(n, x));
  if (modules === null || branches === null || !block || !blocks || !channels) return null;
  for (const [list, node, key] of [
    [blocks, blocksNode, 'num_blocks'],
    [channels, channelsNode, 'num_channels']
  ] as const) {
    if (list.length !== branches)
      return r.problem(
        node,
        `${f}.${key}`,
        `has ${list.length} entries but num_branches is ${branches}; give one per branch.`
      );
  }
  if (blocks.some((b) => b !== blocks[0]))
    return r.problem(
      blocksNode,
      `${f}.num_blocks`,
      `differs between branches (${blocks.join(', ')}); the explorer gives every branch of a stage the same number of blocks.`
    );
  return { modules, block, blocks: blocks[0], channels };
}

/** `stage1` → HRNet's stem and layer1: one branch of residual blocks. */
function readStem(r: ValueReader, extra: PyNode, field: string): StemConfig | null {
  const f = `${field}.stage1`;
  const stage = r.get(extra, 'stage1', field);
  if (!stage) return null;
  const fields = readStageFields(r, stage, f, RESIDUAL_BLOCK_TYPES);
  const stemNode = r.get(extra, 'stem_channels', field, true);
  const stemChannels = stemNode ? r.int(stemNode, `${field}.stem_channels`) : MMPOSE_STEM_CHANNELS;
  const outNode = r.get(stage, 'out_channels', f, true);
  const out = outNode ? r.int(outNode, `${f}.out_channels`) : undefined;
  if (!fields || stemChannels === null || out === null) return null;
  if (fields.channels.length !== 1)
    return r.problem(stage, `${f}.num_branches`, 'must be 1: stage 1 has one branch.');
  const layer1Block = fields.block as StemConfig['layer1Block'];
  return {
    type: 'hrnet',
    stemChannels,
    outChannels: out ?? fields.channels[0] * blockExpansion(layer1Block),
    expandRatio: 1,
    layer1Blocks: fields.blocks,
    layer1Block
  };
}

function readStage(r: ValueReader, stage: PyNode, f: string): StageConfig | null {
  const fields = readStageFields(r, stage, f, BLOCK_TYPES);
  const fuseNode = r.get(stage, 'with_fuse', f, true);
  const fuse = fuseNode ? r.bool(fuseNode, `${f}.with_fuse`) : true;
  const ratioNode = r.get(stage, 'reduce_ratio', f, true);
  const reduceRatio = ratioNode ? r.int(ratioNode, `${f}.reduce_ratio`) : 1;
  const conv = r.get(stage, 'fusion_conv', f, true);
  const fusionConv = readEnumText(r, conv, `${f}.fusion_conv`, FUSION_CONVS, 'full');
  if (!fields || fuse === null || reduceRatio === null || !fusionConv) return null;
  const { modules, block, blocks, channels } = fields;
  const widths = channels.map((c) => c * blockExpansion(block));
  return { modules, blocks, block, fuse, reduceRatio, widths, fusionConv };
}

/** `stage2`, `stage3`, … as far as they go (mmpose's class needs exactly stage2–stage4). */
function stageKeys(extra: PyNode): string[] {
  const keys: string[] = [];
  for (let s = 2; extra.kind === 'dict'; s++) {
    const key = `stage${s}`;
    if (!extra.entries.some(([k]) => k.kind === 'str' && k.value === key)) break;
    keys.push(key);
  }
  return keys;
}

/** An mmpose HRNet `extra` → the config's stem, stages and ends. */
export function readHrnetExtra(
  r: ValueReader,
  extra: PyNode,
  field: string,
  notes: string[]
): HrnetExtra | null {
  const stem = readStem(r, extra, field);
  const keys = stageKeys(extra);
  if (keys.length === 0) r.problem(extra, `${field}.stage2`, 'is missing.');
  if (keys.length > 0 && keys.length !== 3)
    notes.push(
      `${field} has stage2–stage${keys.length + 1}; mmpose's HRNet builds exactly stage2–stage4.`
    );
  const stages = keys.map((k) => {
    const node = r.get(extra, k, field);
    return node ? readStage(r, node, `${field}.${k}`) : null;
  });
  const last = keys.length > 0 ? r.get(extra, keys[keys.length - 1], field) : null;
  const msNode = last ? r.get(last, 'multiscale_output', `${field}.${keys.at(-1)}`, true) : null;
  const multiScaleOutput = msNode
    ? r.bool(msNode, `${field}.${keys.at(-1)}.multiscale_output`)
    : false;
  const headNode = r.get(extra, 'with_head', field, true);
  const withHead = headNode ? r.bool(headNode, `${field}.with_head`) : false;
  const fusionNode = r.get(extra, 'fusion', field, true);
  const fusion = readEnumText(r, fusionNode, `${field}.fusion`, FUSION_MODES, 'paper');
  noteUnread(extra, field, notes);
  if (!stem || stages.some((s) => !s) || keys.length === 0) return null;
  if (multiScaleOutput === null || withHead === null || !fusion) return null;
  return { stem, stages: stages as StageConfig[], multiScaleOutput, withHead, fusion };
}

/** mmpose HRNet's `upsample` mode other than nearest is not modelled; say so. */
function noteUnread(extra: PyNode, field: string, notes: string[]): void {
  if (extra.kind !== 'dict') return;
  const up = extra.entries.find(([k]) => k.kind === 'str' && k.value === 'upsample');
  if (up)
    notes.push(
      `${field}.upsample is ignored: the explorer upsamples by nearest, mmpose's default.`
    );
}

// ------------------------------------------------------------------------------ printer

const pyTuple = (items: string[]) =>
  items.length === 1 ? `(${items[0]}, )` : `(${items.join(', ')})`;
const pyBool = (b: boolean) => (b ? 'True' : 'False');
const OURS = '# Lite-HRNet Explorer only (mmpose ignores or refuses it):';

function printStageDict(
  name: string,
  block: BlockType,
  modules: number,
  blocks: number,
  widths: number[],
  extras: string[],
  i: string
): string[] {
  const e = blockExpansion(block);
  return [
    `${i}${name}=dict(`,
    `${i}    num_modules=${modules},`,
    `${i}    num_branches=${widths.length},`,
    `${i}    block='${block.toUpperCase()}',`,
    `${i}    num_blocks=${pyTuple(widths.map(() => String(blocks)))},`,
    `${i}    num_channels=${pyTuple(widths.map((w) => String(w / e)))},`,
    ...extras.map((x) => `${i}    ${x}`),
    `${i}),`
  ];
}

/** A stage's settings mmpose's HRNet does not have, as commented keys of our own. */
function stageExtras(s: StageConfig, last: boolean, config: LiteHRNetConfig): string[] {
  const ours: string[] = [];
  if (!s.fuse) ours.push('with_fuse=False,');
  if (s.fusionConv !== 'full') ours.push(`fusion_conv='${s.fusionConv}',`);
  if (s.reduceRatio !== 1) ours.push(`reduce_ratio=${s.reduceRatio},`);
  const extras = ours.length > 0 ? [OURS, ...ours] : [];
  // mmpose's own key: its HRNet fuses only branch 0 at the end unless told otherwise.
  if (last && config.multiScaleOutput) extras.push('multiscale_output=True,');
  return extras;
}

/** Without blocks stage 1 passes the stem's width, which need not be a multiple of 4. */
function stage1Extras(stem: StemConfig): string[] {
  return stem.outChannels % blockExpansion(stem.layer1Block) === 0
    ? []
    : [OURS, `out_channels=${stem.outChannels},`];
}

/** The `extra=dict(...)` of mmpose's HRNet, for a config with an HRNet stem. */
export function printHrnetExtra(config: LiteHRNetConfig): string[] {
  const i = '            ';
  const { stem } = config;
  const ours: string[] = [];
  if (stem.stemChannels !== MMPOSE_STEM_CHANNELS) ours.push(`stem_channels=${stem.stemChannels},`);
  if (config.withHead) ours.push('with_head=True,');
  if (config.fusion !== 'paper') ours.push(`fusion='${config.fusion}',`);
  const last = config.stages.length - 1;
  return [
    '        extra=dict(',
    ...(ours.length > 0 ? [`${i}${OURS}`, ...ours.map((x) => `${i}${x}`)] : []),
    ...printStageDict(
      'stage1',
      stem.layer1Block,
      1,
      stem.layer1Blocks,
      [stem.outChannels - (stem.outChannels % blockExpansion(stem.layer1Block))],
      stage1Extras(stem),
      i
    ),
    ...config.stages.flatMap((s, k) =>
      printStageDict(
        `stage${k + 2}`,
        s.block,
        s.modules,
        s.blocks,
        s.widths,
        stageExtras(s, k === last, config),
        i
      )
    ),
    '        )),'
  ];
}

/** Why mmpose's HRNet class would refuse or build otherwise, for a comment at the top. */
export function hrnetDeviations(config: LiteHRNetConfig): string[] {
  const out: string[] = [];
  if (config.stages.length !== 3) out.push('it has stage2–stage4 exactly');
  if (config.stages.some((s) => s.block !== 'basic' && s.block !== 'bottleneck'))
    out.push("its blocks are 'BASIC' and 'BOTTLENECK' only");
  if (config.stem.stemChannels !== MMPOSE_STEM_CHANNELS) out.push('its stem is 64 wide');
  if (config.stem.layer1Blocks === 0) out.push('its stage1 has at least one block');
  if (config.stages.some((s) => s.fusionConv !== 'full' || !s.fuse))
    out.push('it always fuses, with full 3x3 convs');
  if (config.fusion !== 'paper') out.push('it adds each branch once');
  if (config.withHead) out.push('it has no IterativeHead');
  return out;
}

/** LiteHRNet's `extra` keys for HRNet's fields, written only when they differ from its own. */
export function liteHrnetExtras(config: LiteHRNetConfig, i: string): string[] {
  const lines: string[] = [];
  if (config.stages.some((s) => s.fusionConv !== 'separable'))
    lines.push(`${i}fusion_convs=${pyTuple(config.stages.map((s) => `'${s.fusionConv}'`))},`);
  if (!config.multiScaleOutput) lines.push(`${i}multiscale_output=${pyBool(false)},`);
  return lines.length > 0 ? [`${i}${OURS}`, ...lines] : [];
}

/** Reads what liteHrnetExtras writes; absent keys are Lite-HRNet's own values. */
export function readLiteHrnetExtras(
  r: ValueReader,
  extra: PyNode,
  field: string,
  stages: number
): { fusionConvs: FusionConv[]; multiScaleOutput: boolean } | null {
  const convNode = r.get(extra, 'fusion_convs', field, true);
  const f = `${field}.fusion_convs`;
  const fusionConvs = convNode
    ? r.seqOf(convNode, f, (n, x) => readEnumText(r, n, x, FUSION_CONVS, 'separable'))
    : Array.from({ length: stages }, () => 'separable' as const);
  if (fusionConvs && fusionConvs.length !== stages)
    return r.problem(convNode, f, `has ${fusionConvs.length} entries but num_stages is ${stages}.`);
  const msNode = r.get(extra, 'multiscale_output', field, true);
  const multiScaleOutput = msNode ? r.bool(msNode, `${field}.multiscale_output`) : true;
  if (!fusionConvs || multiScaleOutput === null) return null;
  return { fusionConvs, multiScaleOutput };
}
