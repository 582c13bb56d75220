/**
 * mmpose config text ⇄ LiteHRNetConfig. The shape is that of the official configs
 * (HRNet/Lite-HRNet @ 7b9049d, configs/top_down/{lite_hrnet,naive_litehrnet}/{coco,mpii}/*.py):
 * `model.backbone.extra` holds the network, `model.keypoint_head.out_channels` the joints and
 * `data_cfg.image_size` the input as [width, height].
 */
import type { BlockType, LiteHRNetConfig, StageConfig, StemConfig } from '$lib/model';
import { BLOCK_TYPES, FUSION_MODES, validateConfig } from '$lib/model';
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
}

/** Where the backbone's `extra` and its surroundings were found in the text. */
interface Located {
  extra: PyNode | null;
  extraField: string;
  /** `model.keypoint_head`, or undefined when the text has no model to ask. */
  keypointHead: PyNode | null | undefined;
  backbone: PyNode | null;
}

function locate(r: ValueReader): Located {
  const a = r.module.assignments;
  const roots: [string, PyNode | undefined][] = [
    ['model', a.get('model')],
    ['backbone', a.get('backbone')],
    ['extra', a.get('extra')],
    ['', r.module.expressions.findLast((e) => e.kind === 'dict')]
  ];
  for (const [name, node] of roots) {
    if (!node) continue;
    const root = r.resolve(node, name || 'the pasted dict');
    if (!root || root.kind !== 'dict') continue;
    const has = (k: string) => root.entries.some(([key]) => key.kind === 'str' && key.value === k);
    if (name === 'model' || has('backbone')) {
      const backbone = r.get(root, 'backbone', name || 'model');
      const extra = r.get(backbone, 'extra', 'model.backbone');
      const keypointHead = r.get(root, 'keypoint_head', name || 'model', true);
      return { extra, extraField: 'model.backbone.extra', keypointHead, backbone };
    }
    if (name === 'backbone' || has('extra')) {
      return {
        extra: r.get(root, 'extra', 'backbone'),
        extraField: 'backbone.extra',
        keypointHead: undefined,
        backbone: root
      };
    }
    if (name === 'extra' || has('stem')) {
      return { extra: root, extraField: 'extra', keypointHead: undefined, backbone: null };
    }
  }
  r.problem(
    null,
    'model',
    'no model = dict(...), backbone, or extra dict with stem and stages_spec was found.'
  );
  return { extra: null, extraField: 'extra', keypointHead: undefined, backbone: null };
}

function readStem(r: ValueReader, extra: PyNode, field: string): StemConfig | null {
  const stem = r.get(extra, 'stem', field);
  const f = `${field}.stem`;
  const stemChannels = r.int(r.get(stem, 'stem_channels', f), `${f}.stem_channels`);
  const outChannels = r.int(r.get(stem, 'out_channels', f), `${f}.out_channels`);
  const expandRatio = r.number(r.get(stem, 'expand_ratio', f), `${f}.expand_ratio`);
  if (stemChannels === null || outChannels === null || expandRatio === null) return null;
  return { stemChannels, outChannels, expandRatio };
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
    widths: spec.channels[s]
  }));
}

/** data_cfg.image_size is [width, height] in mmpose; the explorer (and the README) say H x W. */
function readInput(r: ValueReader, notes: string[]): { height: number; width: number } {
  const dataCfg = r.module.assignments.get('data_cfg');
  if (!dataCfg) {
    notes.push(
      'No data_cfg.image_size in the text: assumed the COCO input, 256x192 (height x width).'
    );
    return { height: 256, width: 192 };
  }
  const size = r.seqOf(
    r.get(r.resolve(dataCfg, 'data_cfg'), 'image_size', 'data_cfg'),
    'data_cfg.image_size',
    (n, x) => r.int(n, x)
  );
  if (size && size.length !== 2)
    r.problem(
      dataCfg,
      'data_cfg.image_size',
      `expected [width, height], found ${size.length} numbers.`
    );
  return size?.length === 2 ? { height: size[1], width: size[0] } : { height: 256, width: 192 };
}

function readHead(
  r: ValueReader,
  loc: Located,
  notes: string[]
): { keypointHead: boolean; joints: number } {
  const channelCfg = r.module.assignments.get('channel_cfg');
  const fromChannels = channelCfg
    ? r.get(r.resolve(channelCfg, 'channel_cfg'), 'num_output_channels', 'channel_cfg', true)
    : null;
  if (loc.keypointHead === undefined || loc.keypointHead === null) {
    const joints = fromChannels ? r.int(fromChannels, 'channel_cfg.num_output_channels') : null;
    if (loc.keypointHead === null)
      notes.push('The model has no keypoint_head: the keypoint head is off.');
    else notes.push('No model.keypoint_head in the text: assumed the 1x1 keypoint head is on.');
    if (joints === null) notes.push('No joint count in the text: assumed 17 (COCO).');
    return { keypointHead: loc.keypointHead !== null, joints: joints ?? 17 };
  }
  const head = loc.keypointHead;
  const type = r.get(head, 'type', 'model.keypoint_head', true);
  if (type && !(type.kind === 'str' && type.value === 'TopDownSimpleHead')) {
    notes.push('model.keypoint_head is not a TopDownSimpleHead; it is modelled as one 1x1 conv.');
  }
  const deconv = r.get(head, 'num_deconv_layers', 'model.keypoint_head', true);
  if (deconv && !(deconv.kind === 'int' && deconv.value === 0)) {
    notes.push(
      'model.keypoint_head.num_deconv_layers is ignored: the explorer models the 1x1 head without deconvolutions.'
    );
  }
  const joints = r.int(
    r.get(head, 'out_channels', 'model.keypoint_head'),
    'model.keypoint_head.out_channels'
  );
  return { keypointHead: true, joints: joints ?? 17 };
}

/** The head's in_channels is derived from the backbone here; say so when the text disagrees. */
function noteHeadInChannels(
  r: ValueReader,
  loc: Located,
  config: LiteHRNetConfig,
  notes: string[]
): void {
  if (!loc.keypointHead) return;
  const given = r.get(loc.keypointHead, 'in_channels', 'model.keypoint_head', true);
  const derived = config.stages[config.stages.length - 1].widths[0];
  if (given && given.kind === 'int' && given.value !== derived) {
    notes.push(
      `model.keypoint_head.in_channels=${given.value} was ignored: the head takes the backbone's highest-resolution width, ${derived} here, which the explorer derives. ` +
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

/** validate.ts paths → the mmpose fields they came from. */
function mmposeField(path: string, extraField: string): string {
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
  const top: Record<string, string> = {
    'stem.stemChannels': `${extraField}.stem.stem_channels`,
    'stem.outChannels': `${extraField}.stem.out_channels`,
    'stem.expandRatio': `${extraField}.stem.expand_ratio`,
    'input.height': 'data_cfg.image_size[1]',
    'input.width': 'data_cfg.image_size[0]',
    joints: 'model.keypoint_head.out_channels',
    withHead: `${extraField}.with_head`,
    stages: `${extraField}.num_stages`
  };
  return top[path] ?? path;
}

/** Pasted mmpose config text → a config, or problems naming the line and the field. Never throws. */
export function importMmpose(text: string): ConfigImport {
  const module = parsePython(text);
  const r = new ValueReader(module);
  const notes: string[] = [];
  const loc = locate(r);
  const syntax = module.errors.map((e) => ({ line: e.line, field: '', message: e.message }));
  if (!loc.extra) return { config: null, problems: [...syntax, ...r.problems], notes };
  const f = loc.extraField;
  const stem = readStem(r, loc.extra, f);
  const stages = readStages(r, loc.extra, f);
  const withHead = r.bool(r.get(loc.extra, 'with_head', f), `${f}.with_head`);
  const fusion = readFusion(r, loc.extra, f);
  const input = readInput(r, notes);
  const head = readHead(r, loc, notes);
  if (r.problems.length > 0 || !stem || !stages || withHead === null) {
    return { config: null, problems: [...syntax, ...r.problems], notes };
  }
  const draft: LiteHRNetConfig = { stem, stages, withHead, ...head, input, fusion };
  const result = validateConfig(draft);
  if (!result.ok) {
    const problems = result.errors.map((e) => ({
      line: null,
      field: mmposeField(e.path, f),
      message: e.message
    }));
    return { config: null, problems: [...syntax, ...problems], notes };
  }
  noteHeadInChannels(r, loc, result.config, notes);
  // Syntax errors elsewhere in a whole config file (say, in the pipeline) do not touch the model.
  if (syntax.length > 0)
    notes.push(
      `${syntax.length} statement(s) elsewhere in the text could not be read and were skipped: ${describeProblem(syntax[0])}`
    );
  return { config: result.config, problems: [], notes };
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
  const { stemChannels, outChannels, expandRatio } = config.stem;
  const i = '            ';
  const lines = [
    '        extra=dict(',
    `${i}stem=dict(stem_channels=${stemChannels}, out_channels=${outChannels}, expand_ratio=${pyNumber(expandRatio)}),`,
    `${i}num_stages=${config.stages.length},`,
    ...printStagesSpec(config, i),
    `${i}with_head=${pyBool(config.withHead)},`
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

/** The config as mmpose config text: channel_cfg, model and data_cfg, as in the official files. */
export function printMmpose(config: LiteHRNetConfig): string {
  const { height, width } = config.input;
  const ablation = config.stages.some((s) => s.block !== 'lite' && s.block !== 'naive');
  return [
    '# Lite-HRNet config written by Lite-HRNet Explorer, in the shape of the official mmpose',
    '# configs (HRNet/Lite-HRNet, configs/top_down/*/*/*.py). Merge into a full config to train.',
    ...(ablation
      ? [
          "# module_type values other than 'LITE' and 'NAIVE' are the paper's Table 6 ablations,",
          '# which the official code does not implement.'
        ]
      : []),
    `channel_cfg = dict(num_output_channels=${config.joints})`,
    '',
    'model = dict(',
    "    type='TopDown',",
    '    pretrained=None,',
    '    backbone=dict(',
    "        type='LiteHRNet',",
    '        in_channels=3,',
    ...printExtra(config),
    ...printKeypointHead(config),
    ')',
    '',
    'data_cfg = dict(',
    `    image_size=[${width}, ${height}],`,
    `    heatmap_size=[${width / 4}, ${height / 4}],`,
    "    num_output_channels=channel_cfg['num_output_channels'],",
    ')',
    ''
  ].join('\n');
}
