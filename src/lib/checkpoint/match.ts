/**
 * Checks a checkpoint's tensors against a config's graph, name by name and shape by shape, and
 * keeps exactly the tensors the graph needs. All or nothing: one wrong tensor and nothing loads,
 * with the first few problems said in plain words and a guess at which setting differs.
 */
import type { Graph } from '../model/graph';
import { expectedTensors, type ExpectedTensor } from './expected';
import { clip, fail, formatShape, ok, type Result, type TensorMap } from './types';

export interface MatchedWeights {
  /** The tensors the graph needs, keyed `<op.name>.<parameter>`, in execution order. */
  tensors: TensorMap;
  /** Things a person may want to know (extra tensors, a stripped prefix); never errors. */
  notes: string[];
}

/** Problems listed in an error before "…and N more". */
export const MAX_LISTED = 5;

/** nn.DataParallel and DistributedDataParallel save every key under `module.`. */
const WRAPPER_PREFIX = 'module.';

/** Keys without DataParallel's `module.` prefix, when every key has it (noted). */
export function stripWrapperPrefix<T>(
  entries: Array<[string, T]>,
  notes: string[]
): Array<[string, T]> {
  if (entries.length === 0 || !entries.every(([k]) => k.startsWith(WRAPPER_PREFIX))) return entries;
  notes.push(
    `Removed the "${WRAPPER_PREFIX}" prefix every key had (the model was saved inside DataParallel).`
  );
  return entries.map(([k, v]) => [k.slice(WRAPPER_PREFIX.length), v]);
}

/**
 * mmpose 1.x names the keypoint head `head` (HeatmapHead: `head.final_layer.weight`); 0.x, the
 * official repository and this explorer say `keypoint_head` (TopDownSimpleHead). The tensors are
 * the same 1x1 conv, so a 1.x checkpoint's head keys are read under the 0.x name (mmpose 1.x does
 * the reverse when it loads a 0.x file: HeatmapHead's `_load_state_dict_pre_hook`).
 */
const HEAD_1X = 'head.';
const HEAD_0X = 'keypoint_head.';

export function renameHead1x<T>(entries: Array<[string, T]>, notes: string[]): Array<[string, T]> {
  const has1x = entries.some(([k]) => k.startsWith(HEAD_1X));
  if (!has1x || entries.some(([k]) => k.startsWith(HEAD_0X))) return entries;
  notes.push(
    `Read mmpose 1.x's head.* keys as keypoint_head.* (the same 1x1 keypoint head, named as in mmpose 0.x).`
  );
  return entries.map(([k, v]) => [
    k.startsWith(HEAD_1X) ? HEAD_0X + k.slice(HEAD_1X.length) : k,
    v
  ]);
}

/**
 * Whether the config names its ops as HRNet's pose_hrnet.py does (`conv1`, `layer1.0.conv1`,
 * `stage2.0.branches.0.0.conv1`, `final_layer`: no `backbone.` and no `keypoint_head.`).
 */
export function namedAsPoseHrnet(expected: ReadonlyArray<{ name: string }>): boolean {
  return expected.some((t) => !t.name.startsWith('backbone.') && !t.name.startsWith(HEAD_0X));
}

const BACKBONE = 'backbone.';
/** The 1x1 keypoint head: pose_hrnet's `final_layer`, mmpose's `{keypoint_,}head.final_layer`. */
const MMPOSE_FINAL_LAYER = /^(keypoint_head|head)\.final_layer\./;

/**
 * mmpose's HRNet (open-mmlab/mmpose, backbones/hrnet.py) builds the same modules under the same
 * names as pose_hrnet.py, inside `backbone.`, with the 1x1 head as `keypoint_head.final_layer`
 * (0.x) or `head.final_layer` (1.x). Against a config named as pose_hrnet, those keys are read
 * without `backbone.` and the head as `final_layer`.
 */
export function renameMmposeHrnet<T>(
  entries: Array<[string, T]>,
  notes: string[]
): Array<[string, T]> {
  if (!entries.some(([k]) => k.startsWith(BACKBONE))) return entries;
  notes.push(
    "Read mmpose's HRNet keys as pose_hrnet names them: backbone.* without the prefix, and its keypoint head's final_layer as final_layer."
  );
  return entries.map(([k, v]) => {
    if (k.startsWith(BACKBONE)) return [k.slice(BACKBONE.length), v];
    return [k.replace(MMPOSE_FINAL_LAYER, 'final_layer.'), v];
  });
}

/**
 * A state_dict's keys as the explorer names them for a config's expected tensors: without
 * DataParallel's `module.`; for Lite-HRNet's names, mmpose 1.x's `head.` read as
 * `keypoint_head.`; for pose_hrnet's names, mmpose's HRNet layout read as pose_hrnet's. Each
 * rename is noted when it happens.
 */
export function canonicalKeys<T>(
  entries: Array<[string, T]>,
  notes: string[],
  expected: ReadonlyArray<{ name: string }>
): Array<[string, T]> {
  const bare = stripWrapperPrefix(entries, notes);
  return namedAsPoseHrnet(expected) ? renameMmposeHrnet(bare, notes) : renameHead1x(bare, notes);
}

/** Which setting most likely explains a shape difference, from where the tensor lives. */
/** The 1x1 keypoint head, under Lite-HRNet's name or pose_hrnet's. */
const isKeypointHead = (name: string) =>
  name.startsWith('keypoint_head.') || name.startsWith('final_layer.');
/** HRNet's stem and stage 1 (pose_hrnet: conv1, bn1, conv2, bn2, layer1.*). */
const isHrnetStem = (name: string) => /^(conv[12]|bn[12]|layer1)\./.test(name);

function shapeHint(name: string): string {
  if (name.includes('cross_resolution_weighting')) return 'is the reduce ratio different?';
  if (isKeypointHead(name)) return 'is the number of joints different (COCO has 17, MPII 16)?';
  if (name.includes('.stem.')) return 'are the stem widths different?';
  if (isHrnetStem(name)) return 'are the stem or stage 1 widths different?';
  return 'are the branch widths different?';
}

function missingHint(name: string): string {
  if (isKeypointHead(name)) return 'the checkpoint has no keypoint head; turn it off?';
  if (name.includes('.head_layer.')) return 'the checkpoint has no IterativeHead; turn it off?';
  if (name.startsWith('layer1.'))
    return 'does this config have more stage 1 blocks than the checkpoint?';
  if (/(^|\.)stage\d+\./.test(name))
    return 'does this config have more stages, branches, modules or blocks than the checkpoint?';
  return 'is this the same network?';
}

function describeProblem(want: ExpectedTensor, found: number[] | undefined): string {
  if (!found) return `${want.name}: missing from the checkpoint — ${missingHint(want.name)}`;
  return `${want.name}: the checkpoint has ${clip(formatShape(found), 60)}, this config needs ${formatShape(want.shape)} — ${shapeHint(want.name)}`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function problemsSentence(problems: string[], missing: number, wrongShape: number): string {
  const counts = [
    missing ? `${missing} missing` : '',
    wrongShape ? `${wrongShape} with another shape` : ''
  ]
    .filter(Boolean)
    .join(', ');
  const listed = problems
    .slice(0, MAX_LISTED)
    .map((p) => `\n- ${p}`)
    .join('');
  const more = problems.length > MAX_LISTED ? `\n…and ${problems.length - MAX_LISTED} more.` : '';
  return `This checkpoint does not fit the config (${counts}); nothing was loaded.${listed}${more}`;
}

export function extrasNote(extras: string[]): string {
  const listed = extras
    .slice(0, MAX_LISTED)
    .map((e) => clip(e))
    .join(', ');
  const more = extras.length > MAX_LISTED ? `, and ${extras.length - MAX_LISTED} more` : '';
  return `${extras.length} tensors in the checkpoint are not used by this config: ${listed}${more}.`;
}

/** What a checkpoint's names and shapes say against a config, before any value is read. */
export interface Fit {
  /** The expected tensors the checkpoint has, in the config's order. */
  present: ExpectedTensor[];
  /** Names the checkpoint has that the config does not use. */
  extras: string[];
}

/**
 * Checks names and shapes against the config's expected tensors; all or nothing. The refusal
 * lists the first few problems, each with a guess at which setting differs.
 */
export function checkFit(
  shapes: ReadonlyMap<string, readonly number[]>,
  expected: readonly ExpectedTensor[]
): Result<Fit> {
  const present: ExpectedTensor[] = [];
  const problems: string[] = [];
  let missing = 0;
  for (const want of expected) {
    const found = shapes.get(want.name);
    if (!found && want.optional) continue;
    if (found && sameShape(found, want.shape)) {
      present.push(want);
      continue;
    }
    if (!found) missing++;
    problems.push(describeProblem(want, found ? [...found] : undefined));
  }
  if (problems.length) return fail(problemsSentence(problems, missing, problems.length - missing));
  const wanted = new Set(expected.map((t) => t.name));
  return ok({ present, extras: [...shapes.keys()].filter((k) => !wanted.has(k)) });
}

/**
 * The graph's weights out of a checkpoint, or a refusal listing what does not fit. Extra
 * tensors (a keypoint head the config leaves off, anything else) are a note, not an error.
 */
export function matchCheckpoint(checkpoint: TensorMap, graph: Graph): Result<MatchedWeights> {
  const notes: string[] = [];
  const expected = expectedTensors(graph);
  const tensors = new Map(canonicalKeys([...checkpoint], notes, expected));
  const fit = checkFit(new Map([...tensors].map(([k, t]) => [k, t.shape])), expected);
  if (!fit.ok) return fit;
  if (fit.value.extras.length) notes.push(extrasNote(fit.value.extras));
  const matched: TensorMap = new Map(fit.value.present.map((t) => [t.name, tensors.get(t.name)!]));
  return ok({ tensors: matched, notes });
}
