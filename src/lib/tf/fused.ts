/**
 * The fused execution mode: runs a compiled plan (compile.ts) with weights folded once at load
 * time. Its output equals the op-by-op executor's within float32 rounding (the tests hold it to
 * 1e-4 of the output's scale, fused-check.ts); it records no trace, so verification stays with the
 * op-by-op pass. Copies done as 0/1 matrix products below are exact for finite values; a NaN or
 * infinity in a map can spread to its neighbouring channels there, which the check then flags.
 *
 * BatchNorm folding, per output channel c (inference BN, eps from the graph):
 *   s_c = γ_c / √(σ²_c + eps),  w'[…, c] = w[…, c] · s_c,  b'_c = (b_c − μ_c) · s_c + β_c
 * so BN(conv(x, w) + b) = conv(x, w') + b' (b = 0 for a conv without bias).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Graph, OpOf } from '../model';
import { INPUT_ID, isDepthwise } from '../model';
import type { Plan, Step } from './compile';
import { concatChannels, shuffledConcat2, splitChannels } from './channel-kernels';
import { compileGraph, planLastUses } from './compile';
import { execOp } from './executor';
import type { WeightStore } from './weights';

type T4 = tf.Tensor4D;

interface ConvWeights {
  filter: T4;
  bias: tf.Tensor1D | undefined;
}

/** A conv's filter and bias with its BatchNorm (if any) folded in, as new tensors. */
export function foldBatchnorm(
  conv: OpOf<'conv2d'>,
  batchnorm: OpOf<'batchnorm'> | null,
  w: Pick<WeightStore, 'get'>
): ConvWeights {
  return tf.tidy(() => {
    const filter = w.get<tf.Rank.R4>(`${conv.name}.weight`);
    const convBias = conv.attrs.bias ? w.get<tf.Rank.R1>(`${conv.name}.bias`) : null;
    if (!batchnorm)
      return { filter: tf.clone(filter), bias: convBias ? tf.clone(convBias) : undefined };
    const bn = (k: string) => w.get<tf.Rank.R1>(`${batchnorm.name}.${k}`);
    const scale = tf.div(bn('weight'), tf.sqrt(tf.add(bn('running_var'), batchnorm.attrs.eps)));
    // Dense filters are k x k x C_in x C_out (scale the last axis); depthwise ones k x k x C x 1.
    const perChannel = isDepthwise(conv) ? tf.reshape(scale, [1, 1, -1, 1]) : scale;
    const shifted = convBias ? tf.sub(convBias, bn('running_mean')) : tf.neg(bn('running_mean'));
    return {
      filter: tf.mul(filter, perChannel) as T4,
      bias: tf.add(tf.mul(shifted, scale), bn('bias')) as tf.Tensor1D
    };
  });
}

/** Symmetric zero padding as PyTorch's `padding=p` (as kernels.ts). */
function pad(p: number): 'valid' | number {
  return p === 0 ? 'valid' : p;
}

/**
 * mmpose channel_shuffle(concat(xs), g) for g inputs of equal width w, in one copy: stacked on a
 * leading axis (g x P x w, contiguous), transposed to P x w x g, so output channel j·g + i holds
 * input i's channel j — the shuffle's rule "output k reads input channel (k mod g)·w + ⌊k/g⌋".
 */
function shuffledConcat(xs: T4[]): T4 {
  const [n, h, w, c] = xs[0].shape;
  const stacked = tf.concat(
    xs.map((x) => tf.reshape(x, [1, n * h * w, c])),
    0
  );
  return tf.reshape(tf.transpose(stacked, [1, 2, 0]), [n, h, w, c * xs.length]);
}

/** nn.AdaptiveAvgPool2d(1) as one average pool over the whole map (faster than tf.mean on wasm). */
function globalAvgpool(x: T4): T4 {
  const window: [number, number] = [x.shape[1], x.shape[2]];
  return tf.avgPool(x, window, window, 'valid');
}

/**
 * 0/1 filters (1 x 1 x w x w) that place the two halves of channel_shuffle(concat(a, b), 2), for
 * a and b of even width w: `filters[h][g]` copies input g's channel h·w/2 + j to channel 2j + g
 * of half h (the shuffle's rule above: shuffled channel h·w + 2j + g reads input g's channel
 * h·w/2 + j). Half h is then conv(a, filters[h][0]) + conv(b, filters[h][1]): every output is one
 * input times 1 plus exact zeros, so the values are copied exactly (for finite inputs). On wasm
 * these small matrix products beat a slice, which copies its whole input through JavaScript.
 */
function shuffleHalfFilters(w: number): T4[][] {
  return [0, 1].map((h) =>
    [0, 1].map((g) => {
      const v = new Float32Array(w * w);
      for (let j = 0; j < w / 2; j++) v[(h * (w / 2) + j) * w + 2 * j + g] = 1;
      return tf.tensor4d(v, [1, 1, w, w]);
    })
  );
}

/**
 * big ∘ nearest-upsample(small) for a whole-number factor, as one broadcast kernel: the legacy
 * nearest rule reads source floor(dst / s), so big viewed as h x s_h x w x s_w x C meets small
 * viewed as h x 1 x w x 1 x C cell for cell (batch 1).
 */
function withUpsampled(op: 'add' | 'mul', big: T4, small: T4): T4 {
  const [n, bh, bw, c] = big.shape;
  const [, h, w] = small.shape;
  const b = tf.reshape(big, [n * h, bh / h, w, bw / w, c]);
  const s = tf.reshape(small, [n * h, 1, w, 1, c]);
  return tf.reshape(op === 'add' ? tf.add(b, s) : tf.mul(b, s), [n, bh, bw, c]);
}

/** Whether map b's height and width are whole multiples of map a's. */
function tiles(a: T4, b: T4): boolean {
  return b.shape[1] % a.shape[1] === 0 && b.shape[2] % a.shape[2] === 0;
}

/**
 * The smaller terms summed from the smallest up, each partial sum upsampled only to the next
 * term's size: nearest upsampling by whole factors composes (⌊⌊d / s⌋ / t⌋ = ⌊d / st⌋) and
 * commutes with sums, so u_s(a) + u_st(b) = u_s(a + u_t(b)), and only one add runs at full size.
 * Null when the sizes do not nest.
 */
function nestedSum(small: T4[]): T4 | null {
  const bySize = [...small].sort((a, b) => a.size - b.size);
  if (bySize.some((t, k) => k > 0 && !tiles(bySize[k - 1], t))) return null;
  return bySize.reduce((acc, t) =>
    acc.size === t.size ? tf.add(t, acc) : withUpsampled('add', t, acc)
  );
}

/** The full-size terms summed at once, then the smaller terms added upsampled. */
function sumWithUpsampled(xs: T4[], upsampled: boolean[], size: [number, number]): T4 {
  const full = xs.filter((_, i) => !upsampled[i]);
  let small = xs.filter((_, i) => upsampled[i]);
  const nested = small.length > 1 ? nestedSum(small) : null;
  if (nested) small = [nested];
  // No graph sums only upsampled maps today; if one did, the first is upsampled as a copy.
  if (full.length === 0) full.push(tf.image.resizeNearestNeighbor(small.shift()!, size));
  let sum = full.length > 1 ? tf.addN(full) : full[0];
  for (const t of small) sum = withUpsampled('add', sum, t);
  return sum;
}

export class FusedModel {
  readonly plan: Plan;
  /** Per conv step: its folded weights, or one share of them per output slice. */
  private readonly convWeights = new Map<string, ConvWeights[]>();
  /** shuffleHalfFilters by width. */
  private readonly shuffleFilters = new Map<number, T4[][]>();
  private readonly lastUse: Int32Array;

  /** Compiles the graph and folds the weights; `weights` stays the caller's (plain steps read it). */
  constructor(
    private readonly graph: Graph,
    private readonly weights: WeightStore
  ) {
    this.plan = compileGraph(graph);
    this.lastUse = planLastUses(this.plan, graph.ops.length);
    try {
      for (const step of this.plan.steps) {
        if (step.kind === 'conv') this.fold(step);
        if (step.kind === 'shuffled_concat' && step.halves) {
          const w = graph.ops[step.covers[0]].inShapes[0][1];
          if (!this.shuffleFilters.has(w)) this.shuffleFilters.set(w, shuffleHalfFilters(w));
        }
      }
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** A module called twice (the official fusion's branch-0 chains) is folded once. */
  private static key(step: Extract<Step, { kind: 'conv' }>): string {
    return `${step.conv.name}|${step.batchnorm?.name ?? ''}|${step.splits ?? ''}`;
  }

  private fold(step: Extract<Step, { kind: 'conv' }>): void {
    const key = FusedModel.key(step);
    if (this.convWeights.has(key)) return;
    const folded = foldBatchnorm(step.conv, step.batchnorm, this.weights);
    if (!step.splits) {
      this.convWeights.set(key, [folded]);
      return;
    }
    // Dense filters are k x k x C_in x C_out: output channels are the last axis.
    const filters = tf.split(folded.filter, step.splits, 3);
    const biases = folded.bias ? tf.split(folded.bias, step.splits) : [];
    this.convWeights.set(
      key,
      filters.map((filter, k) => ({
        filter: filter as T4,
        bias: biases[k] as tf.Tensor1D | undefined
      }))
    );
    tf.dispose([folded.filter, folded.bias ?? []].flat());
  }

  private runStep(step: Step, xs: T4[]): T4[] {
    switch (step.kind) {
      case 'conv': {
        const a = step.conv.attrs;
        return this.convWeights.get(FusedModel.key(step))!.map(({ filter, bias }) => {
          const args = {
            x: xs[0],
            filter,
            strides: a.stride,
            pad: pad(a.padding),
            bias,
            activation: step.activation
          };
          return isDepthwise(step.conv) ? tf.fused.depthwiseConv2d(args) : tf.fused.conv2d(args);
        });
      }
      case 'split':
        return splitChannels(xs[0], step.sizes);
      case 'shuffled_concat': {
        const copied = step.groups === 2 ? shuffledConcat2(xs[0], xs[1], step.halves) : null;
        if (copied) return copied;
        if (!step.halves) return [shuffledConcat(xs)];
        return this.shuffleFilters
          .get(xs[0].shape[3])!
          .map(([fa, fb]) =>
            tf.add(tf.conv2d(xs[0], fa, 1, 'valid'), tf.conv2d(xs[1], fb, 1, 'valid'))
          );
      }
      case 'sum': {
        const [, , h, w] = this.graph.ops[step.outputs[0]].outShape;
        return [sumWithUpsampled(xs, step.upsampled, [h, w])];
      }
      case 'upsample_mul':
        return [withUpsampled('mul', xs[0], xs[1])];
      case 'op':
        if (step.op.kind === 'global_avgpool') return [globalAvgpool(xs[0])];
        if (step.op.kind === 'concat') return [concatChannels(xs)];
        return [execOp(step.op, xs, this.weights)];
    }
  }

  /** One pass; returns the output tensor (the caller disposes it). Frees all else, even on error. */
  run(input: T4): T4 {
    const values = new Array<T4 | null>(this.graph.ops.length).fill(null);
    const read = (id: number): T4 => {
      const v = id === INPUT_ID ? input : values[id];
      if (!v) throw new Error(`Value ${id} was freed before it was read.`);
      return v;
    };
    const output = this.plan.output;
    try {
      this.plan.steps.forEach((step, s) => {
        const xs = step.inputs.map(read);
        // Fused convs and splits make no intermediate tensors: no tidy scope needed.
        const ys =
          step.kind === 'conv' || step.kind === 'split'
            ? this.runStep(step, xs)
            : tf.tidy(() => this.runStep(step, xs));
        step.outputs.forEach((id, k) => (values[id] = ys[k]));
        for (const id of new Set([...step.inputs, ...step.outputs])) {
          if (id === INPUT_ID || id === output || this.lastUse[id] > s) continue;
          values[id]?.dispose();
          values[id] = null;
        }
      });
      const y = values[output]!;
      values[output] = null;
      return y;
    } finally {
      for (const v of values) v?.dispose();
    }
  }

  dispose(): void {
    for (const { filter, bias } of [...this.convWeights.values()].flat()) {
      filter.dispose();
      bias?.dispose();
    }
    this.convWeights.clear();
    for (const fs of this.shuffleFilters.values()) tf.dispose(fs.flat());
    this.shuffleFilters.clear();
  }
}
