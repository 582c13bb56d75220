/**
 * Folding an inference BatchNorm into the conv before it. BN computes
 * y = (x − mean) / sqrt(var + eps) · gamma + beta per output channel c; with s_c = gamma_c /
 * sqrt(var_c + eps) that is the conv with weight W'[c] = s_c · W[c] and bias
 * b'_c = beta_c + (b_c − mean_c) · s_c (b_c = 0 for a conv without bias, as every conv followed
 * by a norm is in ConvModule). Computed in float64, stored as float32.
 */
import type { Graph } from '../model';
import { INPUT_ID } from '../model';

export interface BatchNormValues {
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
  eps: number;
}

export function foldBatchNorm(
  convWeight: Float32Array,
  convBias: Float32Array | null,
  bn: BatchNormValues
): { weight: Float32Array; bias: Float32Array } {
  const channels = bn.weight.length;
  const perChannel = convWeight.length / channels;
  const weight = new Float32Array(convWeight.length);
  const bias = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const s = bn.weight[c] / Math.sqrt(bn.runningVar[c] + bn.eps);
    for (let k = c * perChannel; k < (c + 1) * perChannel; k++) weight[k] = convWeight[k] * s;
    bias[c] = bn.bias[c] + ((convBias ? convBias[c] : 0) - bn.runningMean[c]) * s;
  }
  return { weight, bias };
}

/**
 * The BatchNorm ops that fold: BN op id → the conv op id it folds into. A BN folds when it reads
 * a conv whose output nothing else reads; a conv module run twice (the official fusion's
 * duplicated branch-0 chains) folds only if every call is followed by the same BN module, so
 * its one folded weight serves both calls.
 */
export function foldableBatchNorms(graph: Graph): Map<number, number> {
  const readers = new Map<number, number>();
  const lastReader = new Map<number, number>();
  for (const op of graph.ops)
    for (const i of op.inputs) {
      if (i === INPUT_ID) continue;
      readers.set(i, (readers.get(i) ?? 0) + 1);
      lastReader.set(i, op.id);
    }
  const pairs = new Map<number, number>();
  /** conv name → the BN name each of its calls folds with, or null when one call cannot fold. */
  const partner = new Map<string, string | null>();
  for (const op of graph.ops) {
    if (op.kind !== 'conv2d') continue;
    const readerId = lastReader.get(op.id);
    const reader = readerId === undefined ? undefined : graph.ops[readerId];
    const ok =
      readers.get(op.id) === 1 &&
      op.id !== graph.output &&
      reader?.kind === 'batchnorm' &&
      reader.attrs.channels === op.attrs.outChannels;
    const bnName = ok ? reader!.name : null;
    const seen = partner.get(op.name);
    partner.set(op.name, seen === undefined || seen === bnName ? bnName : null);
    if (ok) pairs.set(reader!.id, op.id);
  }
  for (const [bn, conv] of pairs) if (partner.get(graph.ops[conv].name) === null) pairs.delete(bn);
  return pairs;
}
