/**
 * Checks a checkpoint's tensors against a config's graph, name by name and shape by shape, and
 * keeps exactly the tensors the graph needs. All or nothing: one wrong tensor and nothing loads,
 * with the first few problems said in plain words and a guess at which setting differs.
 */
import type { Graph } from '../model/graph';
import { expectedTensors, type ExpectedTensor } from './expected';
import { fail, formatShape, ok, type Result, type TensorMap } from './types';

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

function stripWrapperPrefix(tensors: TensorMap, notes: string[]): TensorMap {
  const keys = [...tensors.keys()];
  if (keys.length === 0 || !keys.every((k) => k.startsWith(WRAPPER_PREFIX))) return tensors;
  notes.push(
    `Removed the "${WRAPPER_PREFIX}" prefix every key had (the model was saved inside DataParallel).`
  );
  return new Map([...tensors].map(([k, v]) => [k.slice(WRAPPER_PREFIX.length), v]));
}

/** Which setting most likely explains a shape difference, from where the tensor lives. */
function shapeHint(name: string): string {
  if (name.includes('cross_resolution_weighting')) return 'is the reduce ratio different?';
  if (name.startsWith('keypoint_head.'))
    return 'is the number of joints different (COCO has 17, MPII 16)?';
  if (name.includes('.stem.')) return 'are the stem widths different?';
  return 'are the branch widths different?';
}

function missingHint(name: string): string {
  if (name.startsWith('keypoint_head.')) return 'the checkpoint has no keypoint head; turn it off?';
  if (name.includes('.head_layer.')) return 'the checkpoint has no IterativeHead; turn it off?';
  if (/\.stage\d+\./.test(name))
    return 'does this config have more stages, branches, modules or blocks than the checkpoint?';
  return 'is this the same network?';
}

function describeProblem(want: ExpectedTensor, found: number[] | undefined): string {
  if (!found) return `${want.name}: missing from the checkpoint — ${missingHint(want.name)}`;
  return `${want.name}: the checkpoint has ${formatShape(found)}, this config needs ${formatShape(want.shape)} — ${shapeHint(want.name)}`;
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

function extrasNote(extras: string[]): string {
  const listed = extras.slice(0, MAX_LISTED).join(', ');
  const more = extras.length > MAX_LISTED ? `, and ${extras.length - MAX_LISTED} more` : '';
  return `${extras.length} tensors in the checkpoint are not used by this config: ${listed}${more}.`;
}

/**
 * The graph's weights out of a checkpoint, or a refusal listing what does not fit. Extra
 * tensors (a keypoint head the config leaves off, anything else) are a note, not an error.
 */
export function matchCheckpoint(checkpoint: TensorMap, graph: Graph): Result<MatchedWeights> {
  const notes: string[] = [];
  const tensors = stripWrapperPrefix(checkpoint, notes);
  const expected = expectedTensors(graph);
  const matched: TensorMap = new Map();
  const problems: string[] = [];
  let missing = 0;
  for (const want of expected) {
    const found = tensors.get(want.name);
    if (!found && want.optional) continue;
    if (found && sameShape(found.shape, want.shape)) {
      matched.set(want.name, found);
      continue;
    }
    if (!found) missing++;
    problems.push(describeProblem(want, found?.shape));
  }
  if (problems.length) return fail(problemsSentence(problems, missing, problems.length - missing));
  const wanted = new Set(expected.map((t) => t.name));
  const extras = [...tensors.keys()].filter((k) => !wanted.has(k));
  if (extras.length) notes.push(extrasNote(extras));
  return ok({ tensors: matched, notes });
}
