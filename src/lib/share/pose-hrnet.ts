/**
 * HRNet's own experiment YAML (leoxiaobin/deep-high-resolution-net.pytorch @ 6f69e46,
 * `experiments/coco/hrnet/w{32,48}_{256x192,384x288}_adam_lr1e-3.yaml`) → a config.
 * `lib/models/pose_hrnet.py` reads only part of it: MODEL.NUM_JOINTS, MODEL.IMAGE_SIZE
 * ([width, height]) and MODEL.EXTRA's STAGE2–4 and FINAL_CONV_KERNEL. Everything else in the file
 * (the stem's two 3x3 convs of 64, layer1's four bottlenecks to 256, the last module fusing only
 * branch 0, each branch added once) is fixed in that code, and so fixed here.
 */
import type { BlockType, LiteHRNetConfig, StageConfig } from '$lib/model';
import { POSE_HRNET_STEM, blockExpansion, validateConfig } from '$lib/model';
import type { ConfigImport } from './mmpose';
import type { ImportProblem } from './py-values';
import type { YamlNode } from './yaml';
import { parseYaml } from './yaml';

/** pose_hrnet's `blocks_dict` keys. */
const YAML_BLOCKS: Record<string, BlockType> = { BASIC: 'basic', BOTTLENECK: 'bottleneck' };

/** The stages pose_hrnet.py builds, by their YAML names; our stages[0] is its STAGE2. */
const STAGE_NAMES = ['STAGE2', 'STAGE3', 'STAGE4'] as const;

/** Whether a text looks like a YAML experiment config rather than Python or JSON. */
export function looksLikeYaml(text: string): boolean {
  if (/^\s*[{[]/.test(text)) return false;
  if (/^[A-Za-z_]\w*\s*=/m.test(text)) return false;
  return /^[A-Za-z_][\w-]*:(\s|$)/m.test(text);
}

class YamlReader {
  readonly problems: ImportProblem[] = [];

  problem(node: YamlNode | null, field: string, message: string): null {
    this.problems.push({ line: node?.line ?? null, field, message });
    return null;
  }

  get(node: YamlNode | null, key: string, field: string): YamlNode | null {
    if (!node) return null;
    if (node.kind !== 'map') return this.problem(node, field, `must hold ${key}: … settings.`);
    const child = node.entries.get(key) ?? null;
    if (!child) this.problem(node, field ? `${field}.${key}` : key, 'is missing.');
    return child;
  }

  int(node: YamlNode | null, field: string): number | null {
    if (!node) return null;
    if (node.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value))
      return node.value;
    return this.problem(node, field, `must be a whole number, not ${shown(node)}.`);
  }

  ints(node: YamlNode | null, field: string): number[] | null {
    if (!node) return null;
    if (node.kind !== 'seq')
      return this.problem(node, field, `must be a list, not ${shown(node)}.`);
    const items = node.items.map((n, i) => this.int(n, `${field}[${i}]`));
    return items.every((x) => x !== null) ? (items as number[]) : null;
  }

  str(node: YamlNode | null, field: string): string | null {
    if (!node) return null;
    if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
    return this.problem(node, field, `must be a name, not ${shown(node)}.`);
  }
}

function shown(node: YamlNode): string {
  if (node.kind === 'map') return 'a group of settings';
  if (node.kind === 'seq') return `a list of ${node.items.length}`;
  return node.value === null ? 'nothing' : `“${String(node.value).slice(0, 40)}”`;
}

function readStage(r: YamlReader, extra: YamlNode, name: string): StageConfig | null {
  const f = `MODEL.EXTRA.${name}`;
  const stage = r.get(extra, name, 'MODEL.EXTRA');
  if (!stage) return null;
  const key = (k: string) => r.get(stage, k, f);
  const modules = r.int(key('NUM_MODULES'), `${f}.NUM_MODULES`);
  const branches = r.int(key('NUM_BRANCHES'), `${f}.NUM_BRANCHES`);
  const blockNode = key('BLOCK');
  const blockName = r.str(blockNode, `${f}.BLOCK`);
  const block = blockName === null ? null : (YAML_BLOCKS[blockName] ?? null);
  if (blockName !== null && block === null)
    r.problem(blockNode, `${f}.BLOCK`, `is ${blockName}; pose_hrnet knows BASIC and BOTTLENECK.`);
  const blocksNode = key('NUM_BLOCKS');
  const blocks = r.ints(blocksNode, `${f}.NUM_BLOCKS`);
  const channelsNode = key('NUM_CHANNELS');
  const channels = r.ints(channelsNode, `${f}.NUM_CHANNELS`);
  const fuse = stage.kind === 'map' ? (stage.entries.get('FUSE_METHOD') ?? null) : null;
  if (fuse && !(fuse.kind === 'scalar' && fuse.value === 'SUM'))
    r.problem(fuse, `${f}.FUSE_METHOD`, `is ${shown(fuse)}; pose_hrnet sums (SUM).`);
  if (modules === null || branches === null || !block || !blocks || !channels) return null;
  for (const [list, node, k] of [
    [blocks, blocksNode, 'NUM_BLOCKS'],
    [channels, channelsNode, 'NUM_CHANNELS']
  ] as const) {
    if (list.length !== branches)
      return r.problem(
        node,
        `${f}.${k}`,
        `lists ${list.length} numbers but NUM_BRANCHES is ${branches}; give one per branch.`
      );
  }
  if (blocks.some((b) => b !== blocks[0]))
    return r.problem(
      blocksNode,
      `${f}.NUM_BLOCKS`,
      `differs between branches (${blocks.join(', ')}); the explorer gives every branch of a stage the same number of blocks.`
    );
  return {
    modules,
    blocks: blocks[0],
    block,
    fuse: true,
    reduceRatio: 1,
    // pose_hrnet multiplies NUM_CHANNELS by the block's expansion; our widths are block outputs.
    widths: channels.map((c) => c * blockExpansion(block)),
    fusionConv: 'full'
  };
}

/** validate.ts paths → the YAML fields they came from. */
function yamlField(path: string): string {
  const stage = /^stages\[(\d+)\]\.(\w+)(.*)$/.exec(path);
  const names: Record<string, string> = {
    modules: 'NUM_MODULES',
    blocks: 'NUM_BLOCKS',
    block: 'BLOCK',
    widths: 'NUM_CHANNELS'
  };
  if (stage)
    return `MODEL.EXTRA.${STAGE_NAMES[Number(stage[1])]}.${names[stage[2]] ?? stage[2]}${stage[3]}`;
  if (path === 'input.height') return 'MODEL.IMAGE_SIZE[1]';
  if (path === 'input.width') return 'MODEL.IMAGE_SIZE[0]';
  if (path === 'joints') return 'MODEL.NUM_JOINTS';
  return path;
}

function readInput(r: YamlReader, model: YamlNode) {
  const node = r.get(model, 'IMAGE_SIZE', 'MODEL');
  const size = r.ints(node, 'MODEL.IMAGE_SIZE');
  if (size && size.length !== 2)
    return r.problem(
      node,
      'MODEL.IMAGE_SIZE',
      `must be [width, height], not ${size.length} numbers.`
    );
  return size ? { height: size[1], width: size[0] } : null;
}

function readModelName(r: YamlReader, model: YamlNode, notes: string[]): void {
  const node = model.kind === 'map' ? (model.entries.get('NAME') ?? null) : null;
  if (!node) {
    notes.push('No MODEL.NAME in the text: read as pose_hrnet.');
    return;
  }
  const name = r.str(node, 'MODEL.NAME');
  if (name !== null && name !== 'pose_hrnet')
    r.problem(node, 'MODEL.NAME', `is ${name}; only pose_hrnet's configs are read here.`);
}

function readFinalKernel(r: YamlReader, extra: YamlNode): void {
  const node = extra.kind === 'map' ? (extra.entries.get('FINAL_CONV_KERNEL') ?? null) : null;
  const k = node ? r.int(node, 'MODEL.EXTRA.FINAL_CONV_KERNEL') : 1;
  if (k !== null && k !== 1)
    r.problem(
      node,
      'MODEL.EXTRA.FINAL_CONV_KERNEL',
      `is ${k}; the explorer models the 1x1 final layer every official config uses.`
    );
}

/** HRNet's experiment YAML → a config, or problems naming the line and the field. Never throws. */
export function importPoseHrnetYaml(text: string): ConfigImport {
  const doc = parseYaml(text);
  const r = new YamlReader();
  const notes: string[] = [];
  const syntax = doc.errors.map((e) => ({ line: e.line, field: '', message: e.message }));
  const failed = (problems: ImportProblem[]): ConfigImport => ({
    config: null,
    problems: [...syntax, ...problems],
    notes,
    style: null,
    normalisation: null
  });
  const model = doc.root ? r.get(doc.root, 'MODEL', '') : r.problem(null, 'MODEL', 'is missing.');
  if (!model) return failed(r.problems);
  readModelName(r, model, notes);
  const joints = r.int(r.get(model, 'NUM_JOINTS', 'MODEL'), 'MODEL.NUM_JOINTS');
  const input = readInput(r, model);
  const extra = r.get(model, 'EXTRA', 'MODEL');
  if (extra) readFinalKernel(r, extra);
  const stages = extra ? STAGE_NAMES.map((name) => readStage(r, extra, name)) : [];
  if (r.problems.length > 0 || syntax.length > 0 || joints === null || !input)
    return failed(r.problems);
  const draft: LiteHRNetConfig = {
    stem: { ...POSE_HRNET_STEM },
    stages: stages as StageConfig[],
    withHead: false,
    keypointHead: true,
    joints,
    input,
    fusion: 'paper',
    multiScaleOutput: false
  };
  const result = validateConfig(draft);
  if (!result.ok)
    return failed(
      result.errors.map((e) => ({ line: null, field: yamlField(e.path), message: e.message }))
    );
  notes.push(
    "Read as pose_hrnet.py builds it: the stem's two 3x3 convs of 64 and stage 1's four bottlenecks to 256 are fixed there, as is fusing only the highest resolution at the end."
  );
  return { config: result.config, problems: [], notes, style: null, normalisation: null };
}
