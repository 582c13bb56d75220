/**
 * A graph's weights, keyed by the official state_dict names (`<op.name>.weight`, `.bias`,
 * `.running_mean`, `.running_var`), from one of two sources: deterministic random values from a
 * seed, or the tensors of a checkpoint (already matched against the graph by
 * $lib/checkpoint's matchCheckpoint). Both arrive in PyTorch's layout and are transposed once to
 * tfjs's (layout.ts). A module called twice (same name) gets its tensors once and reuses them,
 * as PyTorch does. Seeded BatchNorm statistics are random too, so no BN is an identity and a
 * wrong epsilon or a swapped mean/var would change the numbers.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorMap } from '../checkpoint/types';
import type { Graph, Op } from '../model';
import { isDepthwise } from '../model';
import { CONV_WEIGHT_PERM, DEPTHWISE_WEIGHT_PERM } from './layout';
import { uniformArray } from './prng';

export interface WeightSpec {
  key: string;
  /** PyTorch's layout, as a checkpoint stores it. */
  torchShape: number[];
  /** Uniform range of the random values. */
  range: [number, number];
  /** Trainable (weight, bias) or a buffer (running statistics). */
  trainable: boolean;
  /** tfjs layout permutation of a conv weight, if any. */
  perm?: readonly number[];
}

/**
 * LeCun-uniform bound sqrt(3 / fan_in) (weight variance 1 / fan_in). Trained BatchNorms keep a
 * real network in range; random ones do not normalise, and the fusion sums (branch 0 counted
 * twice) grow activations module after module, so the weights start on the quiet side.
 */
function lecunBound(fanIn: number): number {
  return Math.sqrt(3 / fanIn);
}

/** The state_dict entries a module op owns; functional ops and activations own none. */
export function weightSpecs(op: Op): WeightSpec[] {
  if (op.kind === 'conv2d') {
    const a = op.attrs;
    const perIn = a.inChannels / a.groups;
    const bound = lecunBound(perIn * a.kernel * a.kernel);
    const specs: WeightSpec[] = [
      {
        key: `${op.name}.weight`,
        torchShape: [a.outChannels, perIn, a.kernel, a.kernel],
        range: [-bound, bound],
        trainable: true,
        perm: isDepthwise(op) ? DEPTHWISE_WEIGHT_PERM : CONV_WEIGHT_PERM
      }
    ];
    if (a.bias)
      specs.push({
        key: `${op.name}.bias`,
        torchShape: [a.outChannels],
        range: [-0.1, 0.1],
        trainable: true
      });
    return specs;
  }
  if (op.kind === 'batchnorm') {
    const c = [op.attrs.channels];
    return [
      { key: `${op.name}.weight`, torchShape: c, range: [0.25, 0.75], trainable: true },
      { key: `${op.name}.bias`, torchShape: c, range: [-0.25, 0.25], trainable: true },
      { key: `${op.name}.running_mean`, torchShape: c, range: [-0.25, 0.25], trainable: false },
      { key: `${op.name}.running_var`, torchShape: c, range: [0.5, 2], trainable: false }
    ];
  }
  return [];
}

/**
 * Where the weights come from: seeded random values, or a checkpoint's tensors in PyTorch's
 * layout (conv C_out x C_in/groups x k x k, BN vectors), keyed by state_dict name.
 */
export type WeightSource =
  { kind: 'seeded'; seed: number } | { kind: 'loaded'; tensors: TensorMap };

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** The spec's values in PyTorch's layout; a missing or misshapen loaded tensor is an error. */
function sourceValues(spec: WeightSpec, source: WeightSource): Float32Array {
  const size = spec.torchShape.reduce((p, d) => p * d, 1);
  if (source.kind === 'seeded')
    return uniformArray(source.seed, spec.key, size, spec.range[0], spec.range[1]);
  const t = source.tensors.get(spec.key);
  if (!t) throw new Error(`The loaded weights have no tensor named ${spec.key}.`);
  if (!sameShape(t.shape, spec.torchShape) || t.data.length !== size)
    throw new Error(
      `The loaded tensor ${spec.key} is ${t.shape.join('x')}, the graph needs ${spec.torchShape.join('x')}.`
    );
  return t.data;
}

function makeTensor(spec: WeightSpec, source: WeightSource): tf.Tensor {
  const values = sourceValues(spec, source);
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
