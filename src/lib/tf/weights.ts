/**
 * A graph's weights, keyed by the official state_dict names (`<op.name>.weight`, `.bias`,
 * `.running_mean`, `.running_var`), from one of two sources: deterministic random values from a
 * seed, or the tensors of a checkpoint (already matched against the graph by
 * $lib/checkpoint's matchCheckpoint). Both arrive in PyTorch's layout and are transposed once to
 * tfjs's (layout.ts). A module called twice (same name) gets its tensors once and reuses them,
 * as PyTorch does. Which tensors and which values: weight-values.ts (no tfjs, shared with the
 * ONNX export).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, Op } from '../model';
import { weightSpecs, weightValues, type WeightSource, type WeightSpec } from './weight-values';

export { weightSpecs, type WeightSource, type WeightSpec } from './weight-values';

function makeTensor(spec: WeightSpec, source: WeightSource): tf.Tensor {
  const values = weightValues(spec, source);
  return tf.tidy(() => {
    const t = tf.tensor(values, spec.torchShape, 'float32');
    return spec.perm ? tf.transpose(t, [...spec.perm]) : t;
  });
}

export class WeightStore {
  readonly tensors = new Map<string, tf.Tensor>();
  /** `createdParams[op.id]`: trainable elements the op's own tensors hold (0 when it reuses a module's). */
  readonly createdParams: number[];

  /** A number is shorthand for seeded weights. On an error, nothing made is kept. */
  constructor(graph: Graph, source: WeightSource | number) {
    const s: WeightSource = typeof source === 'number' ? { kind: 'seeded', seed: source } : source;
    this.createdParams = new Array<number>(graph.ops.length).fill(0);
    try {
      for (const op of graph.ops) this.createdParams[op.id] = this.ensure(op, s);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Makes the op's tensors unless its module already has them; returns the trainable size made. */
  private ensure(op: Op, source: WeightSource): number {
    let made = 0;
    for (const spec of weightSpecs(op)) {
      if (this.tensors.has(spec.key)) continue;
      const t = makeTensor(spec, source);
      this.tensors.set(spec.key, t);
      if (spec.trainable) made += t.size;
    }
    return made;
  }

  get<R extends tf.Rank>(key: string): tf.Tensor<R> {
    const t = this.tensors.get(key);
    if (!t) throw new Error(`No weight named ${key}.`);
    return t as tf.Tensor<R>;
  }

  dispose(): void {
    for (const t of this.tensors.values()) t.dispose();
    this.tensors.clear();
  }
}
