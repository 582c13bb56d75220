/**
 * mmpose config text ⇄ LiteHRNetConfig, in both of mmpose's config styles.
 * - 0.x, as the official repository writes them (HRNet/Lite-HRNet @ 7b9049d,
 *   configs/top_down/{lite_hrnet,naive_litehrnet}/{coco,mpii}/*.py): `model.backbone.extra` holds
 *   the network, `model.keypoint_head.out_channels` the joints, `data_cfg.image_size` the input as
 *   [width, height].
 * - 1.x, as mmpose's main branch writes them (open-mmlab/mmpose,
 *   configs/body_2d_keypoint/topdown_heatmap/{coco,mpii}/td-hm_litehrnet-*.py and
 *   configs/hand_2d_keypoint/topdown_heatmap/coco_wholebody_hand/td-hm_litehrnet-w18_*.py):
 *   `model=dict(type='TopdownPoseEstimator', data_preprocessor=…, backbone=…, head=dict(
 *   type='HeatmapHead', out_channels=…, deconv_out_channels=None, decoder=codec))`, and
 *   `codec=dict(type='MSRAHeatmap', input_size=(width, height), …)`.
 */
import type { BlockType, LiteHRNetConfig, StageConfig, StemConfig } from '$lib/model';
import { BLOCK_TYPES, FUSION_MODES, LITE_HRNET_DEFAULTS, validateConfig } from '$lib/model';
import type { InputNormalisation } from '$lib/model/normalisation';
import { IMAGENET_NORMALISATION, isImagenet } from '$lib/model/normalisation';
import {
  hrnetDeviations,
  liteHrnetExtras,
  printHrnetExtra,
  readHrnetExtra,
  readLiteHrnetExtras
} from './mmpose-hrnet';
import type { PyNode } from './python';
import { parsePython } from './python';
import type { ImportProblem } from './py-values';
import { ValueReader, describeProblem } from './py-values';

export interface ConfigImport {
  /** The config, when everything needed was there and it validates. */
  config: LiteHRNetConfig | null;
  problems: ImportProblem[];
  /** What was assumed or ignored, for a person to check. */
  notes: string[];
  /** Which mmpose wrote the text (1.x has `model.head`, `codec`, `data_preprocessor`); null for JSON. */
  style: MmposeStyle | null;
  /** The input normalisation the text gives (1.x `data_preprocessor`), or null when it gives none. */
  normalisation: InputNormalisation | null;
}

/** mmpose's two config styles: 0.x (`keypoint_head`, `data_cfg`) and 1.x (`head`, `codec`). */
export const MMPOSE_STYLES = ['0.x', '1.x'] as const;
export type MmposeStyle = (typeof MMPOSE_STYLES)[number];

/** Where the backbone's `extra` and its surroundings were found in the text. */
interface Located {
  extra: PyNode | null;
  extraField: string;
  /** `model.keypoint_head` (0.x) or `model.head` (1.x); undefined when the text has no model to ask. */
  keypointHead: PyNode | null | undefined;
  /** Where the head is, in mmpose's words: `model.keypoint_head` or `model.head`. */
  headField: string;
  backbone: PyNode | null;
  /** The model dict itself, when there is one. */
  model: PyNode | null;
  style: MmposeStyle;
}

const hasKey = (node: PyNode, k: string) =>
  node.kind === 'dict' && node.entries.some(([key]) => key.kind === 'str' && key.value === k);

/**
 * 1.x when the text uses any of 1.x's names: a `codec`, the model's `head`, `data_preprocessor`
 * or its type TopdownPoseEstimator (0.x says `keypoint_head`, `data_cfg` and 'TopDown').
 */
function styleOf(r: ValueReader, root: PyNode | null): MmposeStyle {
  if (r.module.assignments.has('codec')) return '1.x';
  if (!root || root.kind !== 'dict') return '0.x';
  if (hasKey(root, 'keypoint_head')) return '0.x';
  if (hasKey(root, 'head') || hasKey(root, 'data_preprocessor')) return '1.x';
  const type = root.entries.find(([k]) => k.kind === 'str' && k.value === 'type')?.[1];
  return type?.kind === 'str' && type.value === 'TopdownPoseEstimator' ? '1.x' : '0.x';
}

/** A model dict: its backbone's extra and its head (`keypoint_head` in 0.x, `head` in 1.x). */
function locateInModel(r: ValueReader, root: PyNode, name: string, style: MmposeStyle): Located {
  const backbone = r.get(root, 'backbone', name || 'model');
  const extra = r.get(backbone, 'extra', 'model.backbone');
  const headKey = style === '1.x' ? 'head' : 'keypoint_head';
  const head = r.get(root, headKey, name || 'model', true);
  // `head=None` (1.x: a backbone-only estimator) is no head, as a missing key is.
  const keypointHead = head?.kind === 'none' ? null : head;
  const headField = `model.${headKey}`;
  const extraField = 'model.backbone.extra';
  return { extra, extraField, keypointHead, headField, backbone, model: root, style };
}

function locate(r: ValueReader): Located {
  const a = r.module.assignments;
  const roots: [string, PyNode | undefined][] = [
    ['model', a.get('model')],
    ['backbone', a.get('backbone')],
    ['extra', a.get('extra')],
    ['', r.module.expressions.findLast((e) => e.kind === 'dict')]
  ];
  const outside = (style: MmposeStyle) => ({
    keypointHead: undefined,
    headField: 'model.keypoint_head',
    model: null,
    style
  });
  for (const [name, node] of roots) {
    if (!node) continue;
    const root = r.resolve(node, name || 'the pasted dict');
    if (!root || root.kind !== 'dict') continue;
    const style = styleOf(r, root);
    if (name === 'model' || hasKey(root, 'backbone')) return locateInModel(r, root, name, style);
    if (name === 'backbone' || hasKey(root, 'extra')) {
      const extra = r.get(root, 'extra', 'backbone');
      return { ...outside(style), extra, extraField: 'backbone.extra', backbone: root };
    }
    if (name === 'extra' || hasKey(root, 'stem') || hasKey(root, 'stage1')) {
      return { ...outside(style), extra: root, extraField: 'extra', backbone: null };
    }
  }
  r.problem(
    null,
    'model',
    'no model = dict(...), backbone, or extra dict (LiteHRNet: stem and stages_spec; HRNet: stage1–stage4) was found.'
  );
  const style = styleOf(r, null);
  return { ...outside(style), extra: null, extraField: 'extra', backbone: null };
}

function readStem(r: ValueReader, extra: PyNode, field: string): StemConfig | null {
  const stem = r.get(extra, 'stem', field);
  const f = `${field}.stem`;
  const stemChannels = r.int(r.get(stem, 'stem_channels', f), `${f}.stem_channels`);
  const outChannels = r.int(r.get(stem, 'out_channels', f), `${f}.out_channels`);
  const expandRatio = r.number(r.get(stem, 'expand_ratio', f), `${f}.expand_ratio`);
  if (stemChannels === null || outChannels === null || expandRatio === null) return null;
  return { ...LITE_HRNET_DEFAULTS.stem, stemChannels, outChannels, expandRatio };
}

function readBlockType(r: ValueReader, node: PyNode, field: string): BlockType | null {
  const text = r.str(node, field);
  if (text === null) return null;
  // The official code knows 'LITE' and 'NAIVE'; the ablations are this site's, in the same case.
  const block = BLOCK_TYPES.find((b) => b.toUpperCase() === text);
  if (block) return block;
  const names = BLOCK_TYPES.map((b) => `'${b.toUpperCase()}'`).join(', ');
  return r.problem(node, field, `module type '${text}' is not one of ${names}.`);
}

interface StagesSpec {
  modules: number[];
  branches: number[];
  blocks: number[];
  types: BlockType[];
  fuse: boolean[];
  ratios: number[];
  channels: number[][];
}

function readStagesSpec(r: ValueReader, spec: PyNode | null, f: string): StagesSpec | null {
  const int = (n: PyNode, x: string) => r.int(n, x);
  const key = (k: string) => r.get(spec, k, f);
  const read = {
    modules: r.seqOf(key('num_modules'), `${f}.num_modules`, int),
    branches: r.seqOf(key('num_branches'), `${f}.num_branches`, int),
    blocks: r.seqOf(key('num_blocks'), `${f}.num_blocks`, int),
    types: r.seqOf(key('module_type'), `${f}.module_type`, (n, x) => readBlockType(r, n, x)),
    fuse: r.seqOf(key('with_fuse'), `${f}.with_fuse`, (n, x) => r.bool(n, x)),
    ratios: r.seqOf(key('reduce_ratios'), `${f}.reduce_ratios`, int),
    channels: r.seqOf(key('num_channels'), `${f}.num_channels`, (n, x) => r.seqOf(n, x, int))
  };
  return Object.values(read).every((v) => v !== null) ? (read as StagesSpec) : null;
}

const SPEC_KEYS: Record<keyof StagesSpec, string> = {
  modules: 'num_modules',
  branches: 'num_branches',
  blocks: 'num_blocks',
  types: 'module_type',
  fuse: 'with_fuse',
  ratios: 'reduce_ratios',
  channels: 'num_channels'
};

/** num_stages must equal every list's length, and num_branches[s] the length of num_channels[s]. */
function checkStagesSpec(
  r: ValueReader,
  spec: StagesSpec,
  stages: number,
  specNode: PyNode,
  f: string
): boolean {
  // The lists were read already, so these lookups find them and report nothing new.
  const nodeOf = (key: string) => r.get(specNode, key, f, true) ?? specNode;
  let ok = true;
  for (const [name, key] of Object.entries(SPEC_KEYS) as [keyof StagesSpec, string][]) {
    if (spec[name].length === stages) continue;
    const message = `has ${spec[name].length} entries but num_stages is ${stages}; give one per stage.`;
    r.problem(nodeOf(key), `${f}.${key}`, message);
    ok = false;
  }
  const channels = nodeOf('num_channels');
  spec.channels.forEach((widths, s) => {
    if (s >= spec.branches.length || widths.length === spec.branches[s]) return;
    const node =
      channels.kind === 'tuple' || channels.kind === 'list' ? channels.items[s] : channels;
    const message = `lists ${widths.length} widths but num_branches[${s}] is ${spec.branches[s]}; they must agree.`;
    r.problem(node, `${f}.num_channels[${s}]`, message);
    ok = false;
  });
  return ok;
}

function readStages(r: ValueReader, extra: PyNode, field: string): StageConfig[] | null {
  const f = `${field}.stages_spec`;
  const specNode = r.get(extra, 'stages_spec', field);
  const stages = r.int(r.get(extra, 'num_stages', field), `${field}.num_stages`);
  const spec = readStagesSpec(r, specNode, f);
  if (!spec || stages === null || !specNode) return null;
  if (!checkStagesSpec(r, spec, stages, specNode, f)) return null;
  return spec.modules.map((modules, s) => ({
    modules,
    blocks: spec.blocks[s],
    block: spec.types[s],
    fuse: spec.fuse[s],
    reduceRatio: spec.ratios[s],
    widths: spec.channels[s],
    ...LITE_HRNET_DEFAULTS.stage
  }));
}

type InputSize = { height: number; width: number };
const COCO_INPUT: InputSize = { height: 256, width: 192 };

/** A [width, height] pair (mmpose's order in both styles) → H x W, as the explorer says it. */
function readWidthHeight(r: ValueReader, node: PyNode | null, field: string): InputSize | null {
  const size = r.seqOf(node, field, (n, x) => r.int(n, x));
  if (size && size.length !== 2) {
    r.problem(node, field, `expected (width, height), found ${size.length} numbers.`);
    return null;
  }
  return size ? { height: size[1], width: size[0] } : null;
}

/**
 * The input size: 1.x's codec input_size (top-level `codec`, or the head's `decoder`), else
 * 0.x's data_cfg.image_size; both are (width, height). The explorer (and the README) say H x W.
 */
function readInput(r: ValueReader, loc: Located, notes: string[]): InputSize {
  const a = r.module.assignments;
  const codec = a.get('codec');
  if (codec) {
    const node = r.get(r.resolve(codec, 'codec'), 'input_size', 'codec');
    return readWidthHeight(r, node, 'codec.input_size') ?? COCO_INPUT;
  }
  const decoder = loc.keypointHead ? r.get(loc.keypointHead, 'decoder', loc.headField, true) : null;
  if (decoder && decoder.kind !== 'none') {
    const field = `${loc.headField}.decoder`;
    return (
      readWidthHeight(r, r.get(decoder, 'input_size', field), `${field}.input_size`) ?? COCO_INPUT
    );
  }
  const dataCfg = a.get('data_cfg');
  if (!dataCfg) {
    const where = loc.style === '1.x' ? 'codec.input_size' : 'data_cfg.image_size';
    notes.push(`No ${where} in the text: assumed the COCO input, 256x192 (height x width).`);
    return COCO_INPUT;
  }
  const node = r.get(r.resolve(dataCfg, 'data_cfg'), 'image_size', 'data_cfg');
  return readWidthHeight(r, node, 'data_cfg.image_size') ?? COCO_INPUT;
}

function readHead(
  r: ValueReader,
  loc: Located,
  notes: string[]
): { keypointHead: boolean; joints: number } {
  const channelCfg = r.module.assignments.get('channel_cfg');
  const numKeypoints = r.module.assignments.get('num_keypoints');
  // 0.x: channel_cfg.num_output_channels; 1.x writes the joints in the head only, so a 1.x text
  // without a head carries them (as this site exports it) in a top-level num_keypoints.
  const fromChannels = channelCfg
    ? r.get(r.resolve(channelCfg, 'channel_cfg'), 'num_output_channels', 'channel_cfg', true)
    : numKeypoints
      ? r.resolve(numKeypoints, 'num_keypoints')
      : null;
  const jointsField = channelCfg ? 'channel_cfg.num_output_channels' : 'num_keypoints';
  const f = loc.headField;
  if (loc.keypointHead === undefined || loc.keypointHead === null) {
    const joints = fromChannels ? r.int(fromChannels, jointsField) : null;
    if (loc.keypointHead === null)
      notes.push(`The model has no ${f.slice('model.'.length)}: the keypoint head is off.`);
    else
      notes.push(
        'No model.keypoint_head or model.head in the text: assumed the 1x1 keypoint head is on.'
      );
    if (joints === null) notes.push('No joint count in the text: assumed 17 (COCO).');
    return { keypointHead: loc.keypointHead !== null, joints: joints ?? 17 };
  }
  const head = loc.keypointHead;
  if (loc.style === '1.x') noteHeatmapHead(r, head, f, notes);
  else noteSimpleHead(r, head, f, notes);
  const joints = r.int(r.get(head, 'out_channels', f), `${f}.out_channels`);
  return { keypointHead: true, joints: joints ?? 17 };
}

/** 0.x: TopDownSimpleHead with num_deconv_layers=0 is the official 1x1 head. */
function noteSimpleHead(r: ValueReader, head: PyNode, f: string, notes: string[]): void {
  const type = r.get(head, 'type', f, true);
  if (type && !(type.kind === 'str' && type.value === 'TopDownSimpleHead')) {
    notes.push(`${f} is not a TopDownSimpleHead; it is modelled as one 1x1 conv.`);
  }
  const deconv = r.get(head, 'num_deconv_layers', f, true);
  if (deconv && !(deconv.kind === 'int' && deconv.value === 0)) {
    notes.push(
      `${f}.num_deconv_layers is ignored: the explorer models the 1x1 head without deconvolutions.`
    );
  }
}

const isEmpty = (n: PyNode | null) =>
  n !== null &&
  (n.kind === 'none' || ((n.kind === 'tuple' || n.kind === 'list') && n.items.length === 0));

/**
 * 1.x: HeatmapHead with deconv_out_channels=None is the official 1x1 head (final_layer, a 1x1
 * conv with bias). HeatmapHead's own default is three 256-wide deconvolutions
 * (mmpose/models/heads/heatmap_heads/heatmap_head.py), so a head that leaves the key out has them.
 */
function noteHeatmapHead(r: ValueReader, head: PyNode, f: string, notes: string[]): void {
  const type = r.get(head, 'type', f, true);
  if (type && !(type.kind === 'str' && type.value === 'HeatmapHead')) {
    notes.push(`${f} is not a HeatmapHead; it is modelled as one 1x1 conv.`);
  }
  const deconv = r.get(head, 'deconv_out_channels', f, true);
  if (!isEmpty(deconv)) {
    const why = deconv
      ? 'lists deconvolutions'
      : 'is not given, so HeatmapHead adds its default three 256-wide deconvolutions';
    notes.push(
      `${f}.deconv_out_channels ${why}; they are ignored: the explorer models the official 1x1 head (deconv_out_channels=None).`
    );
  }
  const conv = r.get(head, 'conv_out_channels', f, true);
  if (conv && !isEmpty(conv))
    notes.push(
      `${f}.conv_out_channels is ignored: the explorer models the 1x1 head without extra convs.`
    );
}

/** 1.x `model.data_preprocessor`: mean and std in 0–255, bgr_to_rgb (mmengine's default False). */
function readNormalisation(
  r: ValueReader,
  loc: Located,
  notes: string[]
): InputNormalisation | null {
  const f = 'model.data_preprocessor';
  const node = loc.model ? r.get(loc.model, 'data_preprocessor', 'model', true) : null;
  if (!node) return null;
  const triple = (key: string) => {
    const v = r.seqOf(r.get(node, key, f), `${f}.${key}`, (n, x) => r.number(n, x));
    if (v && v.length !== 3)
      return r.problem(
        node,
        `${f}.${key}`,
        `expected 3 numbers, one per colour channel, found ${v.length}.`
      );
    return v as [number, number, number] | null;
  };
  const mean = triple('mean');
  const std = triple('std');
  if (std && std.some((x) => !(x > 0)))
    return r.problem(node, `${f}.std`, 'every std must be above 0.');
  const flip = r.get(node, 'bgr_to_rgb', f, true);
  const bgrToRgb = flip ? r.bool(flip, `${f}.bgr_to_rgb`) : false;
  if (!mean || !std || bgrToRgb === null) return null;
  const normalisation: InputNormalisation = { mean, std, order: bgrToRgb ? 'rgb' : 'bgr' };
  if (!bgrToRgb)
    notes.push(
      `${f}.bgr_to_rgb is not True: the network takes its channels in BGR order (as OpenCV loads images), and the page feeds them so.`
    );
  return normalisation;
}

/** The head's in_channels is derived from the backbone here; say so when the text disagrees. */
function noteHeadInChannels(
  r: ValueReader,
  loc: Located,
  config: LiteHRNetConfig,
  notes: string[]
): void {
  if (!loc.keypointHead) return;
  const given = r.get(loc.keypointHead, 'in_channels', loc.headField, true);
  const derived = config.stages[config.stages.length - 1].widths[0];
  if (given && given.kind === 'int' && given.value !== derived) {
    notes.push(
      `${loc.headField}.in_channels=${given.value} was ignored: the head takes the backbone's highest-resolution width, ${derived} here, which the explorer derives. ` +
        '(The official Naive Lite-HRNet-18 configs say 40 with 30-wide branches, which cannot run.)'
    );
  }
}

function readFusion(r: ValueReader, extra: PyNode, field: string): LiteHRNetConfig['fusion'] {
  const node = r.get(extra, 'fusion', field, true);
  if (!node) return 'official';
  const mode = FUSION_MODES.find((m) => node.kind === 'str' && node.value === m);
  return (
    mode ??
    r.problem(
      node,
      `${field}.fusion`,
      `must be ${FUSION_MODES.map((m) => `'${m}'`).join(' or ')}.`
    ) ??
    'official'
  );
}

/** validate.ts paths → the fields of mmpose's HRNet `extra` they came from. */
function hrnetField(path: string, extraField: string): string | null {
  const keys: Record<string, string> = {
    modules: 'num_modules',
    blocks: 'num_blocks',
    block: 'block',
    fuse: 'with_fuse',
    reduceRatio: 'reduce_ratio',
    widths: 'num_channels',
    fusionConv: 'fusion_conv'
  };
  const stage = /^stages\[(\d+)\]\.(\w+)(.*)$/.exec(path);
  if (stage)
    return `${extraField}.stage${Number(stage[1]) + 2}.${keys[stage[2]] ?? stage[2]}${stage[3]}`;
  const stem: Record<string, string> = {
    'stem.stemChannels': `${extraField}.stem_channels`,
    'stem.outChannels': `${extraField}.stage1.num_channels`,
    'stem.layer1Blocks': `${extraField}.stage1.num_blocks`,
    'stem.layer1Block': `${extraField}.stage1.block`,
    multiScaleOutput: `${extraField}.stage4.multiscale_output`,
    stages: extraField
  };
  return stem[path] ?? null;
}

/** validate.ts paths → the mmpose fields they came from. */
function mmposeField(path: string, extraField: string, loc: Located, hrnet: boolean): string {
  const fromHrnet = hrnet ? hrnetField(path, extraField) : null;
  if (fromHrnet) return fromHrnet;
  const spec: Record<string, string> = {
    modules: 'num_modules',
    blocks: 'num_blocks',
    block: 'module_type',
    fuse: 'with_fuse',
    reduceRatio: 'reduce_ratios',
    widths: 'num_channels'
  };
  const stage = /^stages\[(\d+)\]\.(\w+)(.*)$/.exec(path);
  if (stage)
    return `${extraField}.stages_spec.${spec[stage[2]] ?? stage[2]}[${stage[1]}]${stage[3]}`;
  const inputField = loc.style === '1.x' ? 'codec.input_size' : 'data_cfg.image_size';
  const top: Record<string, string> = {
    'stem.stemChannels': `${extraField}.stem.stem_channels`,
    'stem.outChannels': `${extraField}.stem.out_channels`,
    'stem.expandRatio': `${extraField}.stem.expand_ratio`,
    'input.height': `${inputField}[1]`,
    'input.width': `${inputField}[0]`,
    joints: `${loc.headField}.out_channels`,
    withHead: `${extraField}.with_head`,
    stages: `${extraField}.num_stages`,
    multiScaleOutput: `${extraField}.multiscale_output`
  };
  return top[path] ?? path;
}

/** LiteHRNet's `extra`: stem, stages_spec, with_head, and this site's own keys. */
function readLiteBackbone(r: ValueReader, extra: PyNode, f: string) {
  const stem = readStem(r, extra, f);
  const stages = readStages(r, extra, f);
  const withHead = r.bool(r.get(extra, 'with_head', f), `${f}.with_head`);
  const fusion = readFusion(r, extra, f);
  const ours = stages ? readLiteHrnetExtras(r, extra, f, stages.length) : null;
  if (!stem || !stages || withHead === null || !ours) return null;
  stages.forEach((s, i) => (s.fusionConv = ours.fusionConvs[i]));
  return { stem, stages, withHead, fusion, multiScaleOutput: ours.multiScaleOutput };
}

/** Pasted mmpose config text → a config, or problems naming the line and the field. Never throws. */
export function importMmpose(text: string): ConfigImport {
  const module = parsePython(text);
  const r = new ValueReader(module);
  const notes: string[] = [];
  const loc = locate(r);
  const syntax = module.errors.map((e) => ({ line: e.line, field: '', message: e.message }));
  const style = loc.style;
  const failed = (problems: ImportProblem[]): ConfigImport => ({
    config: null,
    problems: [...syntax, ...problems],
    notes,
    style,
    normalisation: null
  });
  if (!loc.extra) return failed(r.problems);
  const f = loc.extraField;
  const hrnet = hasKey(loc.extra, 'stage1') && !hasKey(loc.extra, 'stem');
  const backbone = hrnet
    ? readHrnetExtra(r, loc.extra, f, notes)
    : readLiteBackbone(r, loc.extra, f);
  const input = readInput(r, loc, notes);
  const head = readHead(r, loc, notes);
  const normalisation = readNormalisation(r, loc, notes);
  if (r.problems.length > 0 || !backbone) return failed(r.problems);
  const draft: LiteHRNetConfig = { ...backbone, ...head, input };
  const result = validateConfig(draft);
  if (!result.ok) {
    const problems = result.errors.map((e) => ({
      line: null,
      field: mmposeField(e.path, f, loc, hrnet),
      message: e.message
    }));
    return failed(problems);
  }
  noteHeadInChannels(r, loc, result.config, notes);
  // Syntax errors elsewhere in a whole config file (say, in the pipeline) do not touch the model.
  if (syntax.length > 0)
    notes.push(
      `${syntax.length} statement(s) elsewhere in the text could not be read and were skipped: ${describeProblem(syntax[0])}`
    );
  return { config: result.config, problems: [], notes, style, normalisation };
}

// ------------------------------------------------------------------------------ printer

const pyBool = (b: boolean) => (b ? 'True' : 'False');
/** Python's tuple syntax, `(4, )` for one item as the official configs write it. */
const pyTuple = (items: string[]) =>
  items.length === 1 ? `(${items[0]}, )` : `(${items.join(', ')})`;
/** JS and Python both print the shortest text that reads back to the same double. */
const pyNumber = (x: number) => String(x);

function printStagesSpec(config: LiteHRNetConfig, indent: string): string[] {
  const st = config.stages;
  const col = (f: (s: StageConfig) => string) => pyTuple(st.map(f));
  const i2 = `${indent}    `;
  return [
    `${indent}stages_spec=dict(`,
    `${i2}num_modules=${col((s) => String(s.modules))},`,
    `${i2}num_branches=${col((s) => String(s.widths.length))},`,
    `${i2}num_blocks=${col((s) => String(s.blocks))},`,
    `${i2}module_type=${col((s) => `'${s.block.toUpperCase()}'`)},`,
    `${i2}with_fuse=${col((s) => pyBool(s.fuse))},`,
    `${i2}reduce_ratios=${col((s) => String(s.reduceRatio))},`,
    `${i2}num_channels=(`,
    ...st.map((s) => `${i2}    ${pyTuple(s.widths.map(String))},`),
    `${i2})),`
  ];
}

function printExtra(config: LiteHRNetConfig): string[] {
  if (config.stem.type === 'hrnet') return printHrnetExtra(config);
  const { stemChannels, outChannels, expandRatio } = config.stem;
  const i = '            ';
  const lines = [
    '        extra=dict(',
    `${i}stem=dict(stem_channels=${stemChannels}, out_channels=${outChannels}, expand_ratio=${pyNumber(expandRatio)}),`,
    `${i}num_stages=${config.stages.length},`,
    ...printStagesSpec(config, i),
    `${i}with_head=${pyBool(config.withHead)},`,
    ...liteHrnetExtras(config, i)
  ];
  if (config.fusion !== 'official') {
    lines.push(`${i}# Lite-HRNet Explorer only: sum each branch once, as the paper describes.`);
    lines.push(`${i}# The official LiteHRNet ignores this key and always fuses its own way.`);
    lines.push(`${i}fusion='${config.fusion}',`);
  }
  return [...lines, '        )),'];
}

function printKeypointHead(config: LiteHRNetConfig): string[] {
  if (!config.keypointHead) return [];
  const inChannels = config.stages[config.stages.length - 1].widths[0];
  return [
    '    keypoint_head=dict(',
    "        type='TopDownSimpleHead',",
    `        in_channels=${inChannels},`,
    "        out_channels=channel_cfg['num_output_channels'],",
    '        num_deconv_layers=0,',
    '        extra=dict(final_conv_kernel=1, ),',
    '    ),'
  ];
}

const ABLATION_NOTE = [
  "# module_type values other than 'LITE' and 'NAIVE' are the paper's Table 6 ablations,",
  '# which the official code does not implement.'
];

const isAblation = (config: LiteHRNetConfig) =>
  config.stem.type === 'lite' &&
  config.stages.some((s) => s.block !== 'lite' && s.block !== 'naive');

/** The backbone's type and the comment lines that say what mmpose's class of that type lacks. */
function backboneOf(config: LiteHRNetConfig): { type: string; notes: string[] } {
  if (config.stem.type === 'lite')
    return { type: 'LiteHRNet', notes: isAblation(config) ? ABLATION_NOTE : [] };
  const off = hrnetDeviations(config);
  const notes =
    off.length === 0
      ? []
      : [
          "# Not buildable by mmpose's HRNet as is, which differs here: " + off.join('; ') + '.',
          '# Keys marked "Lite-HRNet Explorer only" carry what it lacks.'
        ];
  return { type: 'HRNet', notes };
}

const name = (config: LiteHRNetConfig) => (config.stem.type === 'hrnet' ? 'HRNet' : 'Lite-HRNet');

/** 0.x: channel_cfg, model and data_cfg, as in the official repository's files. */
function printMmpose0(config: LiteHRNetConfig): string[] {
  const { height, width } = config.input;
  return [
    `# ${name(config)} config written by Lite-HRNet Explorer, in the shape of the official mmpose`,
    '# configs (HRNet/Lite-HRNet, configs/top_down/*/*/*.py). Merge into a full config to train.',
    ...backboneOf(config).notes,
    `channel_cfg = dict(num_output_channels=${config.joints})`,
    '',
    'model = dict(',
    "    type='TopDown',",
    '    pretrained=None,',
    '    backbone=dict(',
    `        type='${backboneOf(config).type}',`,
    '        in_channels=3,',
    ...printExtra(config),
    ...printKeypointHead(config),
    ')',
    '',
    'data_cfg = dict(',
    `    image_size=[${width}, ${height}],`,
    `    heatmap_size=[${width / 4}, ${height / 4}],`,
    "    num_output_channels=channel_cfg['num_output_channels'],",
    ')'
  ];
}

const pyList = (xs: readonly number[]) => `[${xs.map(pyNumber).join(', ')}]`;

/** 1.x `head`: HeatmapHead without deconvolutions is the official 1x1 final_layer. */
function printHeatmapHead(config: LiteHRNetConfig): string[] {
  if (!config.keypointHead) return ['    head=None,'];
  const inChannels = config.stages[config.stages.length - 1].widths[0];
  return [
    '    head=dict(',
    "        type='HeatmapHead',",
    `        in_channels=${inChannels},`,
    `        out_channels=${config.joints},`,
    '        deconv_out_channels=None,',
    "        loss=dict(type='KeypointMSELoss', use_target_weight=True),",
    '        decoder=codec),'
  ];
}

/** 1.x: codec and model, as mmpose's main branch writes td-hm_litehrnet-*.py. */
function printMmpose1(config: LiteHRNetConfig, n: InputNormalisation): string[] {
  const { height, width } = config.input;
  // The official 1.x configs use sigma 2 up to 256x256 and 3 at 384x288 (it only shapes targets).
  const sigma = height >= 384 ? 3 : 2;
  return [
    `# ${name(config)} config written by Lite-HRNet Explorer, in the shape of mmpose 1.x configs`,
    `# (configs/body_2d_keypoint/topdown_heatmap/*/td-hm_${config.stem.type === 'hrnet' ? 'hrnet' : 'litehrnet'}-*.py). Merge into a full`,
    '# config (runtime, pipelines, data loaders) to train.',
    ...backboneOf(config).notes,
    ...(config.keypointHead
      ? []
      : [
          '# No keypoint head; the joints it would have (mmpose ignores this name):',
          `num_keypoints = ${config.joints}`,
          ''
        ]),
    'codec = dict(',
    `    type='MSRAHeatmap', input_size=(${width}, ${height}), heatmap_size=(${width / 4}, ${height / 4}), sigma=${sigma})`,
    '',
    'model = dict(',
    "    type='TopdownPoseEstimator',",
    '    data_preprocessor=dict(',
    "        type='PoseDataPreprocessor',",
    `        mean=${pyList(n.mean)},`,
    `        std=${pyList(n.std)},`,
    `        bgr_to_rgb=${pyBool(n.order === 'rgb')}),`,
    '    backbone=dict(',
    `        type='${backboneOf(config).type}',`,
    '        in_channels=3,',
    ...printExtra(config),
    ...printHeatmapHead(config),
    "    test_cfg=dict(flip_test=True, flip_mode='heatmap', shift_heatmap=True))"
  ];
}

export interface PrintOptions {
  /** Which mmpose's config style to write (default 0.x, the official repository's). */
  style?: MmposeStyle;
  /** 1.x only: the data_preprocessor's mean/std (default ImageNet's, the official configs'). */
  normalisation?: InputNormalisation;
}

/** The config as mmpose config text, in either style. Reads back through importMmpose. */
export function printMmpose(config: LiteHRNetConfig, options: PrintOptions = {}): string {
  const n = options.normalisation ?? IMAGENET_NORMALISATION;
  const lines = options.style === '1.x' ? printMmpose1(config, n) : printMmpose0(config);
  return [...lines, ''].join('\n');
}

/** `'0'`, `'1'`, `'0.x'`, `'1.x'` → a style; null otherwise. */
export function parseMmposeStyle(text: string): MmposeStyle | null {
  const t = text.trim().toLowerCase();
  if (t === '0' || t === '0.x') return '0.x';
  if (t === '1' || t === '1.x') return '1.x';
  return null;
}

/** Whether a normalisation is the default (ImageNet), which 0.x text cannot carry otherwise. */
export const isDefaultNormalisation = isImagenet;
