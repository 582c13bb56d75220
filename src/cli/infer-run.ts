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
import { analyzeConfig, presetConfig } from '../lib/model';
import { inferNchw } from '../lib/tf/infer';

export type InferResult =
  { ok: true; npy: Uint8Array; summary: string; warnings: string[] } | { ok: false; error: string };

export type ReadBytes = (path: string) => Uint8Array;

export const oneLine = (text: string) =>
  text
    .replace(/\.\n- /, '. ')
    .replace(/\n- /g, '; ')
    .replace(/\n/g, ' ');

class InferError extends Error {}

function read(readBytes: ReadBytes, path: string, what: string): Uint8Array {
  try {
    return readBytes(path);
  } catch {
    throw new InferError(`${what} '${path}' cannot be read`);
  }
}

function baseConfig(args: InferArgs, readBytes: ReadBytes): Record<string, unknown> {
  if (args.preset) return { ...presetConfig(args.preset) };
  const text = new TextDecoder().decode(read(readBytes, args.configPath!, 'config file'));
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InferError(`config file '${args.configPath}' is not a JSON object`);
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
  const [, , h, w] = tensor.value.shape;
  const config = {
    ...baseConfig(args, readBytes),
    input: args.input ?? (tensor.value.shape.length === 4 ? { height: h, width: w } : undefined),
    ...(args.joints !== null ? { joints: args.joints } : {}),
    ...(args.fusion !== null ? { fusion: args.fusion } : {})
  };
  const analysis = analyzeConfig(config);
  if (!analysis.ok) {
    const first = analysis.errors[0];
    throw new InferError(`invalid config: ${first.path ? `${first.path}: ` : ''}${first.message}`);
  }
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
    warnings: loaded.value.warnings,
    summary: `${loaded.value.label}: ${matched.value.tensors.size} tensors; output ${out.shape.join('x')} (${analysis.config.fusion} fusion)`
  };
}

export async function runInfer(args: InferArgs, readBytes: ReadBytes): Promise<InferResult> {
  try {
    return await infer(args, readBytes);
  } catch (e) {
    if (e instanceof InferError) return { ok: false, error: oneLine(e.message) };
    throw e;
  }
}
