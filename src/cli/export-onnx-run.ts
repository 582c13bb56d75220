/**
 * What the export-onnx CLI does with parsed arguments: the config (a preset, a JSON file or an
 * explorer link), the weights (seeded, or a checkpoint read and checked as `infer` reads it),
 * then the ONNX bytes. File access is injected; every problem is a one-line sentence.
 */
import type { ExportOnnxArgs } from './export-onnx-args';
import { oneLine, weightsFiles, type ReadBytes } from './infer-run';
import { expectedTensors, matchCheckpoint, readWeightsFiles } from '../lib/checkpoint';
import type { PresetId } from '../lib/model';
import { analyzeConfig, presetConfig } from '../lib/model';
import { exportOnnx, summaryLine } from '../lib/onnx';
import { CONFIG_FORMAT } from '../lib/share/export';
import { decodeState } from '../lib/share/url';
import type { WeightSource } from '../lib/tf/weight-values';

export type ExportOnnxResult =
  { ok: true; bytes: Uint8Array; summary: string } | { ok: false; error: string };

class ExportError extends Error {}

function readFile(readBytes: ReadBytes, path: string, what: string): Uint8Array {
  try {
    return readBytes(path);
  } catch {
    throw new ExportError(`${what} '${path}' cannot be read`);
  }
}

/** The config file's object: a bare config or the explorer's export (`{format, preset, config}`). */
function configFile(path: string, readBytes: ReadBytes): Record<string, unknown> {
  const text = new TextDecoder().decode(readFile(readBytes, path, 'config file'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportError(`config file '${path}' is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ExportError(`config file '${path}' is not a JSON object`);
  const doc = value as Record<string, unknown>;
  if (doc.format === CONFIG_FORMAT && typeof doc.config === 'object' && doc.config !== null)
    return doc.config as Record<string, unknown>;
  return doc;
}

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
  if (args.configPath) return { config: configFile(args.configPath, readBytes), preset: null };
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
