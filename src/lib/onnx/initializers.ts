/**
 * The exported weights: one initializer per state_dict tensor the graph uses, named by its key
 * and in PyTorch's layout (which is ONNX's: Conv weights are C_out x C_in/groups x k x k). The
 * values come from weight-values.ts, the same function the tfjs executor uses, so a seed gives
 * the same numbers in both. A module run twice gets its tensors once; both nodes read them.
 * With folding, a folded BN's four vectors are gone and its conv gets the folded weight and a
 * bias.
 */
import type { Graph, Op, OpOf } from '../model';
import { weightSpecs, weightValues, type WeightSource } from '../tf/weight-values';
import { foldBatchNorm } from './fold';
import type { Initializer } from './ir';

function specValues(op: Op, source: WeightSource): Map<string, Float32Array> {
  return new Map(weightSpecs(op).map((spec) => [spec.key, weightValues(spec, source)]));
}

function foldedConv(conv: OpOf<'conv2d'>, bn: OpOf<'batchnorm'>, source: WeightSource) {
  const c = specValues(conv, source);
  const b = specValues(bn, source);
  return foldBatchNorm(c.get(`${conv.name}.weight`)!, c.get(`${conv.name}.bias`) ?? null, {
    weight: b.get(`${bn.name}.weight`)!,
    bias: b.get(`${bn.name}.bias`)!,
    runningMean: b.get(`${bn.name}.running_mean`)!,
    runningVar: b.get(`${bn.name}.running_var`)!,
    eps: bn.attrs.eps
  });
}

/**
 * Every initializer, in the order the ops first use them. `folded` maps a BN op id to its conv's
 * (fold.ts); empty keeps every BatchNorm. Throws when loaded weights lack a tensor or have the
 * wrong shape (weight-values.ts says which).
 */
export function graphInitializers(
  graph: Graph,
  source: WeightSource,
  folded: ReadonlyMap<number, number>
): Initializer[] {
  const bnOfConv = new Map([...folded].map(([bn, conv]) => [conv, bn]));
  const out: Initializer[] = [];
  const made = new Set<string>();
  for (const op of graph.ops) {
    if (made.has(op.name) || (op.kind === 'batchnorm' && folded.has(op.id))) continue;
    const bnId = bnOfConv.get(op.id);
    if (op.kind === 'conv2d' && bnId !== undefined) {
      const bn = graph.ops[bnId] as OpOf<'batchnorm'>;
      const { weight, bias } = foldedConv(op, bn, source);
      const [spec] = weightSpecs(op);
      out.push({ name: spec.key, dims: spec.torchShape, data: weight, trainable: true });
      out.push({ name: `${op.name}.bias`, dims: [bias.length], data: bias, trainable: true });
    } else {
      for (const spec of weightSpecs(op))
        out.push({
          name: spec.key,
          dims: spec.torchShape,
          data: weightValues(spec, source),
          trainable: spec.trainable
        });
    }
    made.add(op.name);
  }
  return out;
}
