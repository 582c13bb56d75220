/**
 * Graph + weights → an ONNX model (ModelProto bytes) that runs the network exactly as the graph
 * does: one float32 NCHW input `input` (1 x 3 x H x W), one output `heatmaps`, opset 11, a node
 * per graph op named after it, the weights as initializers named by their state_dict keys, and
 * BatchNorm kept (default) or folded into the conv before it. Never throws: a problem comes
 * back as a sentence.
 */
import type { Result } from '../checkpoint/types';
import type { Graph, LiteHRNetConfig } from '../model';

import { weightSpecs, type WeightSource } from '../tf/weight-values';
import { encodeModel } from './encode';
import { foldableBatchNorms } from './fold';
import { graphInitializers } from './initializers';
import type { OnnxModel } from './ir';
import { INPUT_NAME, OUTPUT_NAME, graphNodes, unexportableReason } from './nodes';
import { OPSET_VERSION } from './schema';

/**
 * The most float32 values an export writes: 2^26 (a 256 MiB file), far above the official
 * models (1.8M for Lite-HRNet-30) and well inside protobuf's 2 GiB message limit, so an
 * enormous edited config gets a sentence instead of a stalled tab.
 */
export const MAX_EXPORT_VALUES = 2 ** 26;

export interface OnnxExportOptions {
  weights: WeightSource;
  /** Fold each BatchNorm into the conv before it (default false: BatchNorm nodes kept). */
  foldBn?: boolean;
  /** Written into the model's metadata so the file says what it is. */
  config?: LiteHRNetConfig;
  preset?: string | null;
  /** Where loaded weights came from, e.g. a file name. */
  weightsLabel?: string;
}

export interface OnnxSummary {
  nodes: number;
  initializers: number;
  /** Float32 values the initializers hold. */
  values: number;
  /** The graph's trainable parameters (before any folding). */
  params: number;
  foldedBatchNorms: number;
  opTypes: string[];
  bytes: number;
}

export interface OnnxExport {
  bytes: Uint8Array<ArrayBuffer>;
  model: OnnxModel;
  summary: OnnxSummary;
}

const grouped = (n: number) => n.toLocaleString('en-US');

function weightsWords(o: OnnxExportOptions): string {
  if (o.weights.kind === 'seeded') return `seeded random (seed ${o.weights.seed})`;
  return o.weightsLabel ? `loaded from ${o.weightsLabel}` : 'loaded';
}

function describe(graph: Graph, o: OnnxExportOptions): Pick<OnnxModel, 'metadata' | 'docString'> {
  const [, , h, w] = graph.input;
  const out = graph.ops[graph.output].outShape;
  const bn = o.foldBn ? 'folded into the convolutions' : 'kept as BatchNormalization nodes';
  const metadata: Array<[string, string]> = [
    ['weights', weightsWords(o)],
    ['batchnorm', o.foldBn ? 'folded' : 'kept'],
    ['input', `float32 NCHW 1x3x${h}x${w}, RGB normalised with the ImageNet mean and std`],
    ['output', `float32 NCHW ${out.join('x')} heatmaps`]
  ];
  if (o.preset) metadata.unshift(['preset', o.preset]);
  if (o.config) {
    metadata.push(['fusion', o.config.fusion]);
    metadata.push(['config', JSON.stringify(o.config)]);
  }
  const docString =
    `Lite-HRNet exported by Lite-HRNet Explorer: input ${INPUT_NAME} 1x3x${h}x${w}, ` +
    `output ${OUTPUT_NAME} ${out.join('x')}; weights ${weightsWords(o)}; BatchNorm ${bn}. ` +
    'Node and initializer names are the official PyTorch module paths and state_dict keys.';
  return { metadata, docString };
}

function build(graph: Graph, o: OnnxExportOptions): OnnxExport {
  const folded = o.foldBn ? foldableBatchNorms(graph) : new Map<number, number>();
  const initializers = graphInitializers(graph, o.weights, folded);
  const { nodes, valueInfo } = graphNodes(graph, folded);
  const model: OnnxModel = {
    nodes,
    initializers,
    input: { name: INPUT_NAME, shape: [...graph.input] },
    output: { name: OUTPUT_NAME, shape: [...graph.ops[graph.output].outShape] },
    valueInfo,
    ...describe(graph, o)
  };
  const bytes = encodeModel(model);
  return {
    bytes,
    model,
    summary: {
      nodes: nodes.length,
      initializers: initializers.length,
      values: initializers.reduce((s, t) => s + t.data.length, 0),
      params: graph.ops.reduce((s, op) => s + op.params, 0),
      foldedBatchNorms: folded.size,
      opTypes: [...new Set(nodes.map((n) => n.opType))].sort(),
      bytes: bytes.length
    }
  };
}

/** Float32 values of every state_dict tensor the graph uses (BN statistics included). */
function weightValueCount(graph: Graph): number {
  let n = 0;
  for (const op of graph.ops)
    if (op.call === 0)
      for (const spec of weightSpecs(op)) n += spec.torchShape.reduce((p, d) => p * d, 1);
  return n;
}

/** The ONNX model of a graph with the given weights, or a sentence saying why there is none. */
export function exportOnnx(graph: Graph, options: OnnxExportOptions): Result<OnnxExport> {
  for (const op of graph.ops) {
    const reason = unexportableReason(op);
    if (reason) return { ok: false, error: `This network cannot be exported to ONNX: ${reason}` };
  }
  const values = weightValueCount(graph);
  if (values > MAX_EXPORT_VALUES)
    return {
      ok: false,
      error: `This network has ${grouped(values)} weight values; the ONNX export stops at ${grouped(MAX_EXPORT_VALUES)} (a 256 MiB file). Make it narrower or shallower.`
    };
  if (options.weights.kind === 'seeded' && !Number.isSafeInteger(options.weights.seed))
    return {
      ok: false,
      error: `The weights' seed must be a whole number, not ${options.weights.seed}.`
    };
  try {
    return { ok: true, value: build(graph, options) };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `The ONNX export failed: ${detail}` };
  }
}

/** One line: nodes, initializers, params, bytes. */
export function summaryLine(s: OnnxSummary): string {
  const bn =
    s.foldedBatchNorms > 0 ? `${grouped(s.foldedBatchNorms)} BatchNorms folded` : 'BatchNorm kept';
  return (
    `${grouped(s.nodes)} nodes, ${grouped(s.initializers)} initializers holding ` +
    `${grouped(s.values)} values (${grouped(s.params)} params; ${bn}), opset ${OPSET_VERSION}, ` +
    `${grouped(s.bytes)} bytes`
  );
}
