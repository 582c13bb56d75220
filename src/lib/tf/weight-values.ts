/**
 * Which tensors a graph's weights are and what values they hold, with no tfjs: the state_dict
 * entries each module op owns (`<op.name>.weight`, `.bias`, `.running_mean`, `.running_var`) in
 * PyTorch's layout, and their values from a seed or from a checkpoint's tensors. The tfjs
 * executor (weights.ts) and the ONNX export ($lib/onnx) both read them here, so a seed gives the
 * same numbers in both. Seeded BatchNorm statistics are random too, so no BN is an identity and a
 * wrong epsilon or a swapped mean/var would change the numbers.
 */
import type { TensorMap } from '../checkpoint/types';
import type { Op } from '../model';
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
export function weightValues(spec: WeightSpec, source: WeightSource): Float32Array {
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
