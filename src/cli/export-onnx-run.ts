/**
 * What the export-onnx CLI does with parsed arguments: the config (a preset, a config file as
 * config-source.ts reads it, or an exact explorer link), the weights (seeded, or a checkpoint read and checked as `infer` reads it),
 * then the ONNX bytes. File access is injected; every problem is a one-line sentence.
 */
import { loadConfig } from './config-source';
import type { ExportOnnxArgs } from './export-onnx-args';
import { oneLine, weightsFiles, type ReadBytes } from './infer-run';
import { expectedTensors, matchCheckpoint, readWeightsFiles } from '../lib/checkpoint';
import type { PresetId } from '../lib/model';
import { analyzeConfig, presetConfig } from '../lib/model';
import { exportOnnx, summaryLine } from '../lib/onnx';
import { decodeState } from '../lib/share/url';
import type { WeightSource } from '../lib/tf/weight-values';

export type ExportOnnxResult =
  { ok: true; bytes: Uint8Array; summary: string } | { ok: false; error: string };

class ExportError extends Error {}

/** The query of a link: the part after `?` of an address, or the text itself. */
function linkQuery(link: string): string {
  const q = link.indexOf('?');
  return (q >= 0 ? link.slice(q + 1) : link).split('#')[0];
}

function baseConfig(
  args: ExportOnnxArgs,
  readBytes: ReadBytes
): { config: Record<string, unknown>; preset: PresetId | null } {
  if (args.preset) return { config: { ...presetConfig(args.preset) }, preset: args.preset };
  if (args.configPath) {
    // The config file is read as `flops` and `infer` read it (Export JSON, a bare config, mmpose .py).
    const source = { preset: null, configPath: args.configPath, link: null };
    const loaded = loadConfig(source, (path) => new TextDecoder().decode(readBytes(path)));
    if (!loaded.ok) throw new ExportError(loaded.error);
    return { config: loaded.value, preset: null };
  }
  const decoded = decodeState(linkQuery(args.link!));
  if (decoded.errors.length > 0)
    throw new ExportError(
      `the link is not exact (the explorer repairs links; the export does not): ${decoded.errors[0].message}`
    );
  return { config: { ...decoded.state.config }, preset: decoded.state.preset };
}

async function loadedWeights(
  path: string,
  readBytes: ReadBytes,
  graph: Parameters<typeof expectedTensors>[0]
): Promise<WeightSource> {
  let files;
  try {
    files = weightsFiles(path, readBytes);
  } catch (e) {
    throw new ExportError(e instanceof Error ? e.message : String(e));
  }
  const loaded = await readWeightsFiles(files, expectedTensors(graph));
  if (!loaded.ok) throw new ExportError(loaded.error);
  const matched = matchCheckpoint(loaded.value.tensors, graph);
  if (!matched.ok) throw new ExportError(matched.error);
  return { kind: 'loaded', tensors: matched.value.tensors };
}

async function run(args: ExportOnnxArgs, readBytes: ReadBytes): Promise<ExportOnnxResult> {
  const base = baseConfig(args, readBytes);
  const analysis = analyzeConfig({ ...base.config, ...(args.input ? { input: args.input } : {}) });
  if (!analysis.ok) {
    const first = analysis.errors[0];
    throw new ExportError(`invalid config: ${first.path ? `${first.path}: ` : ''}${first.message}`);
  }
  const { graph, config } = analysis;
  const weights: WeightSource = args.weights
    ? await loadedWeights(args.weights, readBytes, graph)
    : { kind: 'seeded', seed: args.seed };
  const exported = exportOnnx(graph, {
    weights,
    foldBn: args.foldBn,
    config,
    preset: base.preset,
    weightsLabel: args.weights?.split(/[\\/]/).pop()
  });
  if (!exported.ok) throw new ExportError(exported.error);
  return { ok: true, bytes: exported.value.bytes, summary: summaryLine(exported.value.summary) };
}

export async function runExportOnnx(
  args: ExportOnnxArgs,
  readBytes: ReadBytes
): Promise<ExportOnnxResult> {
  try {
    return await run(args, readBytes);
  } catch (e) {
    if (e instanceof ExportError) return { ok: false, error: oneLine(e.message) };
    throw e;
  }
}
