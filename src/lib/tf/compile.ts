/**
 * Plans the fused execution of a graph: pure planning over the ops, no tfjs (fused.ts runs the
 * plan). Each step names the graph op ids it covers, so a step's time or output maps back to the
 * graph; every op is covered by exactly one step, and a step's outputs are graph op ids whose
 * values equal the op-by-op executor's.
 *
 * Patterns, matched only where the ops in between have no other reader (so nothing a later op
 * needs disappears inside a step):
 * - conv2d → batchnorm → relu|sigmoid: one fused conv; the BatchNorm is folded into the conv's
 *   weights and bias at load time, the activation runs inside the conv kernel
 *   (tf.fused.conv2d / tf.fused.depthwiseConv2d). Also conv → act and conv with its own bias.
 *   When a dense conv's result is only read as slices tiling its channels (the cross-resolution
 *   weighting's split back to the branches), each slice is a conv on its share of the filters.
 * - slices of one tensor that tile its channels exactly (Tensor.chunk's halves, the
 *   cross-resolution weighting's per-branch split): one tf.split.
 * - concat of g equal-width tensors → channel_shuffle(g): one copy into the shuffled order
 *   (stacked on a leading axis, one transpose) instead of a concat and a shuffle.
 * - a chain of adds whose partial sums nobody else reads (the fusion layer's sum over branches):
 *   one tf.addN, with each nearest upsampling by an integer factor that feeds it (fusion's j > i
 *   terms) done inside a broadcast add instead of as a copy.
 * - x · nearest-resize(w) by an integer factor (the cross-resolution weighting's multiply): one
 *   broadcast multiply.
 * Anything else is a plain step running the op as the op-by-op executor does, so every valid
 * config runs fused.
 */
import type { Graph, Op, OpOf } from '../model';
import { INPUT_ID } from '../model';

export type FusedActivation = 'relu' | 'sigmoid' | 'linear';

interface StepCommon {
  /** Graph op ids this step computes, in graph order. */
  covers: number[];
  /** Value ids it reads (graph op ids, or INPUT_ID). */
  inputs: number[];
  /** Value ids it produces (graph op ids). */
  outputs: number[];
}

export type Step =
  | (StepCommon & {
      kind: 'conv';
      conv: OpOf<'conv2d'>;
      /** The BatchNorm folded into the conv, or null. */
      batchnorm: OpOf<'batchnorm'> | null;
      activation: FusedActivation;
      /**
       * When the result is only read as slices tiling its channels (the cross-resolution
       * weighting's per-branch split): their widths, in order; the conv runs once per slice, on
       * its share of the filters, and the outputs are the slices. Else null.
       */
      splits: number[] | null;
    })
  | (StepCommon & { kind: 'split'; sizes: number[] })
  | (StepCommon & {
      kind: 'shuffled_concat';
      groups: number;
      /** The shuffled tensor is only read as two equal halves: outputs are those halves. */
      halves: boolean;
    })
  | (StepCommon & {
      kind: 'sum';
      /** Per input: true when it is a smaller map to add nearest-upsampled (an integer scale). */
      upsampled: boolean[];
    })
  | (StepCommon & { kind: 'upsample_mul' })
  | (StepCommon & { kind: 'op'; op: Op });

export type StepKind = Step['kind'];

export interface Plan {
  steps: Step[];
  /** The value id of the network's output. */
  output: number;
}

/** `readers[id]`: the ids of the ops reading op id's output, once per input slot. */
function readersOf(graph: Graph): number[][] {
  const readers = graph.ops.map((): number[] => []);
  for (const op of graph.ops) for (const i of op.inputs) if (i !== INPUT_ID) readers[i].push(op.id);
  return readers;
}

class Planner {
  private readonly readers: number[][];
  private readonly covered: Uint8Array;
  readonly steps: Step[] = [];

  constructor(private readonly graph: Graph) {
    this.readers = readersOf(graph);
    this.covered = new Uint8Array(graph.ops.length);
  }

  /** The op reading `id`'s output, when it is the only reader and the value is not the output. */
  private soleReader(id: number): Op | null {
    const r = this.readers[id];
    if (r.length !== 1 || id === this.graph.output) return null;
    return this.graph.ops[r[0]];
  }

  private push(step: Step): void {
    for (const id of step.covers) this.covered[id] = 1;
    this.steps.push(step);
  }

  plan(): Plan {
    for (const op of this.graph.ops) {
      if (this.covered[op.id] || this.isPartialSum(op) || this.isAbsorbedUpsample(op)) continue;
      this.push(this.stepAt(op));
    }
    return { steps: this.steps, output: this.graph.output };
  }

  /** An add whose only reader is another add: the sum step of that later add covers it. */
  private isPartialSum(op: Op): boolean {
    return op.kind === 'add' && this.soleReader(op.id)?.kind === 'add';
  }

  /**
   * A nearest resize by whole factors whose only reader is an add or a mul: the reader's step
   * (sum or upsample_mul) broadcasts the small map instead.
   */
  private isAbsorbedUpsample(op: Op): boolean {
    if (op.kind !== 'upsample_nearest' && op.kind !== 'resize_nearest') return false;
    const [, , h, w] = op.inShapes[0];
    const [, , outH, outW] = op.outShape;
    if (outH % h !== 0 || outW % w !== 0) return false;
    const reader = this.soleReader(op.id);
    if (reader?.kind === 'add') return true;
    // The multiply's weighting side, against a map of the resized size.
    return (
      reader?.kind === 'mul' &&
      reader.inputs[1] === op.id &&
      reader.inShapes[0].every((d, k) => d === op.outShape[k])
    );
  }

  private stepAt(op: Op): Step {
    switch (op.kind) {
      case 'conv2d':
        return this.convStep(op);
      case 'slice':
        return this.splitStep(op) ?? plainStep(op);
      case 'concat':
        return this.shuffledConcatStep(op) ?? plainStep(op);
      case 'add':
        return this.sumStep(op);
      case 'mul':
        return this.upsampleMulStep(op) ?? plainStep(op);
      default:
        return plainStep(op);
    }
  }

  /** conv (→ batchnorm) (→ relu | sigmoid). */
  private convStep(conv: OpOf<'conv2d'>): Step {
    const covers = [conv.id];
    let tail: Op = conv;
    let batchnorm: OpOf<'batchnorm'> | null = null;
    const next = this.soleReader(conv.id);
    if (next?.kind === 'batchnorm') {
      batchnorm = next;
      covers.push(next.id);
      tail = next;
    }
    let activation: FusedActivation = 'linear';
    const act = this.soleReader(tail.id);
    if (act?.kind === 'relu' || act?.kind === 'sigmoid') {
      activation = act.kind;
      covers.push(act.id);
      tail = act;
    }
    const step = {
      kind: 'conv' as const,
      covers,
      inputs: [...conv.inputs],
      outputs: [tail.id],
      conv,
      batchnorm,
      activation,
      splits: null
    };
    // A dense conv's output channels are independent: split the filters instead of the result.
    const slices = conv.attrs.groups === 1 ? this.tilingSlices(tail.id, true) : null;
    if (!slices) return step;
    return {
      ...step,
      covers: [...covers, ...slices.map((s) => s.id)].sort((a, b) => a - b),
      outputs: slices.map((s) => s.id),
      splits: slices.map((s) => s.attrs.end - s.attrs.start)
    };
  }

  /**
   * The slices reading value `source`, by start, when there are at least two and they tile its
   * channels with no gap or overlap; with `only`, also when nothing else reads it.
   */
  private tilingSlices(source: number, only: boolean): OpOf<'slice'>[] | null {
    if (source === INPUT_ID || (only && source === this.graph.output)) return null;
    const readers = this.readers[source].map((id) => this.graph.ops[id]);
    const slices = readers
      .filter((o): o is OpOf<'slice'> => o.kind === 'slice')
      .sort((a, b) => a.attrs.start - b.attrs.start);
    if (slices.length < 2 || (only && slices.length !== readers.length)) return null;
    let at = 0;
    for (const s of slices) {
      if (s.attrs.start !== at || s.attrs.end <= s.attrs.start) return null;
      at = s.attrs.end;
    }
    return at === this.graph.ops[source].outShape[1] ? slices : null;
  }

  /** All the slices of one tensor, when they tile its channels with no gap or overlap. */
  private splitStep(first: OpOf<'slice'>): Step | null {
    const source = first.inputs[0];
    const slices = this.tilingSlices(source, false);
    if (!slices) return null;
    const ids = slices.map((s) => s.id);
    return {
      kind: 'split',
      covers: [...ids].sort((a, b) => a - b),
      inputs: [source],
      outputs: ids,
      sizes: slices.map((s) => s.attrs.end - s.attrs.start)
    };
  }

  /** concat of `groups` equal-width tensors whose only reader is channel_shuffle(groups). */
  private shuffledConcatStep(concat: OpOf<'concat'>): Step | null {
    const shuffle = this.soleReader(concat.id);
    if (shuffle?.kind !== 'channel_shuffle') return null;
    const widths = concat.inShapes.map((s) => s[1]);
    if (widths.length !== shuffle.attrs.groups || widths.some((w) => w !== widths[0])) return null;
    const step = {
      kind: 'shuffled_concat' as const,
      covers: [concat.id, shuffle.id],
      inputs: [...concat.inputs],
      outputs: [shuffle.id],
      groups: shuffle.attrs.groups,
      halves: false
    };
    const halves = this.halvesOf(shuffle);
    if (!halves || shuffle.attrs.groups !== 2 || widths[0] % 2 !== 0) return step;
    // The next block's chunk: both halves come straight out of the shuffle's copy.
    return { ...step, covers: [...step.covers, ...halves], outputs: halves, halves: true };
  }

  /** The two slice ops reading `op` as its first and second half (in that order), if that is all. */
  private halvesOf(op: Op): [number, number] | null {
    if (op.id === this.graph.output) return null;
    const readers = this.readers[op.id].map((id) => this.graph.ops[id]);
    const c = op.outShape[1];
    if (readers.length !== 2 || c % 2 !== 0) return null;
    const first = readers.find(
      (r) => r.kind === 'slice' && r.attrs.start === 0 && r.attrs.end === c / 2
    );
    const second = readers.find(
      (r) => r.kind === 'slice' && r.attrs.start === c / 2 && r.attrs.end === c
    );
    return first && second ? [first.id, second.id] : null;
  }

  /** An add and every add feeding it whose partial sum only it reads: one sum of all terms. */
  private sumStep(root: OpOf<'add'>): Step {
    const covers: number[] = [];
    const terms: number[] = [];
    const upsampled: boolean[] = [];
    const expand = (op: OpOf<'add'>): void => {
      covers.push(op.id);
      for (const i of op.inputs) {
        const inner = i === INPUT_ID ? null : this.graph.ops[i];
        if (inner?.kind === 'add' && this.soleReader(i)?.id === op.id) expand(inner);
        else if (inner && this.isAbsorbedUpsample(inner)) {
          covers.push(inner.id);
          terms.push(inner.inputs[0]);
          upsampled.push(true);
        } else {
          terms.push(i);
          upsampled.push(false);
        }
      }
    };
    expand(root);
    return {
      kind: 'sum',
      covers: covers.sort((a, b) => a - b),
      inputs: terms,
      outputs: [root.id],
      upsampled
    };
  }

  /** mul(x, nearest-resize(w)) with the resize absorbed. */
  private upsampleMulStep(mul: OpOf<'mul'>): Step | null {
    const [x, r] = mul.inputs;
    const resize = r === INPUT_ID ? null : this.graph.ops[r];
    if (!resize || !this.isAbsorbedUpsample(resize)) return null;
    return {
      kind: 'upsample_mul',
      covers: [resize.id, mul.id].sort((a, b) => a - b),
      inputs: [x, resize.inputs[0]],
      outputs: [mul.id]
    };
  }
}

function plainStep(op: Op): Step {
  return { kind: 'op', covers: [op.id], inputs: [...op.inputs], outputs: [op.id], op };
}

/**
 * The fused plan of a graph. Steps run in order; a step reads only the graph input or values
 * earlier steps produced.
 */
export function compileGraph(graph: Graph): Plan {
  return new Planner(graph).plan();
}

/** `lastUse[k]` for each value id: the index of the last step reading it (-1 when none does). */
export function planLastUses(plan: Plan, opCount: number): Int32Array {
  const last = new Int32Array(opCount).fill(-1);
  plan.steps.forEach((step, s) => {
    for (const i of step.inputs) if (i !== INPUT_ID) last[i] = s;
  });
  return last;
}
