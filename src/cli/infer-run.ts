/**
 * What the infer CLI does with parsed arguments: config, input tensor and weights read and
 * checked, one forward pass, the output as .npy bytes. File access is injected; every problem
 * is a one-line sentence.
 */
import type { InferArgs } from './infer-args';
import {
  expectedTensors,
  matchCheckpoint,
  readNpy,
  readWeightsFiles,
  writeNpy
} from '../lib/checkpoint';
import type { WeightsFile } from '../lib/checkpoint';
import { analyzeConfig } from '../lib/model';
import { listProblems, loadConfig } from './config-source';
import { inferNchw } from '../lib/tf/infer';
import { nchwInputProblem } from '../lib/tf/input';
import { countNonFinite, nonFiniteSentence } from '../lib/tf/stats';

export type InferResult =
  { ok: true; npy: Uint8Array; summary: string; warnings: string[] } | { ok: false; error: string };

export type ReadBytes = (path: string) => Uint8Array;

export const oneLine = (text: string) =>
  text
    .replace(/\.\n- /, '. ')
    .replace(/\n- /g, '; ')
    .replace(/\n/g, ' ');

/** A refusal; `listed` messages keep their lines (every problem of a config, one per line). */
class InferError extends Error {
  constructor(
    message: string,
    readonly how: { listed: boolean } = { listed: false }
  ) {
    super(message);
  }
}

function read(readBytes: ReadBytes, path: string, what: string): Uint8Array {
  try {
    return readBytes(path);
  } catch {
    throw new InferError(`${what} '${path}' cannot be read`);
  }
}

function baseConfig(args: InferArgs, readBytes: ReadBytes): Record<string, unknown> {
  const decode = (path: string) => new TextDecoder().decode(readBytes(path));
  const loaded = loadConfig(args, decode);
  if (!loaded.ok) throw new InferError(loaded.error, { listed: true });
  return loaded.value;
}

export function weightsFiles(path: string, readBytes: ReadBytes): WeightsFile[] {
  const name = path.split(/[\\/]/).pop() ?? path;
  const files = [{ name, bytes: read(readBytes, path, 'weights file') }];
  if (name.toLowerCase().endsWith('.json')) {
    const binPath = path.replace(/\.json$/i, '.bin');
    files.push({
      name: name.replace(/\.json$/i, '.bin'),
      bytes: read(readBytes, binPath, 'weights binary')
    });
  }
  return files;
}

async function infer(args: InferArgs, readBytes: ReadBytes): Promise<InferResult> {
  const tensor = readNpy(read(readBytes, args.tensor, 'input tensor'));
  if (!tensor.ok) throw new InferError(tensor.error);
  const unusable = nchwInputProblem(tensor.value.shape);
  if (unusable) throw new InferError(`input tensor '${args.tensor}' ${unusable}`);
  const [, , h, w] = tensor.value.shape;
  const config = {
    ...baseConfig(args, readBytes),
    input: args.input ?? { height: h, width: w },
    ...(args.joints !== null ? { joints: args.joints } : {}),
    ...(args.fusion !== null ? { fusion: args.fusion } : {})
  };
  const analysis = analyzeConfig(config);
  if (!analysis.ok) throw new InferError(listProblems(analysis.errors), { listed: true });
  // The reader builds only the config's tensors, checked by name and shape first.
  const loaded = await readWeightsFiles(
    weightsFiles(args.weights, readBytes),
    expectedTensors(analysis.graph)
  );
  if (!loaded.ok) throw new InferError(loaded.error);
  const matched = matchCheckpoint(loaded.value.tensors, analysis.graph);
  if (!matched.ok) throw new InferError(matched.error);
  const { graph } = analysis;
  let outputs;
  try {
    outputs = await inferNchw(
      graph,
      { kind: 'loaded', tensors: matched.value.tensors },
      tensor.value
    );
  } catch (e) {
    throw new InferError(e instanceof Error ? e.message : String(e));
  }
  const out = outputs.get(graph.output)!;
  return {
    ok: true,
    npy: writeNpy(out),
    warnings: [
      ...loaded.value.warnings,
      ...[nonFiniteSentence(countNonFinite([out.data]))].filter((w) => w !== null)
    ],
    summary: `${loaded.value.label}: ${matched.value.tensors.size} tensors; output ${out.shape.join('x')} (${analysis.config.fusion} fusion)`
  };
}

export async function runInfer(args: InferArgs, readBytes: ReadBytes): Promise<InferResult> {
  try {
    return await infer(args, readBytes);
  } catch (e) {
    if (e instanceof InferError)
      return { ok: false, error: e.how.listed ? e.message : oneLine(e.message) };
    throw e;
  }
}
