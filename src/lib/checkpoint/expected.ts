/**
 * The state_dict a config's network has: every tensor's key and shape, read from the graph.
 * Op names are the official PyTorch module paths, so the keys are `<op.name>.<parameter>`.
 */
import type { Graph, Op } from '../model/graph';

export interface ExpectedTensor {
  name: string;
  shape: number[];
  /**
   * BatchNorm's `num_batches_tracked` is bookkeeping for training: PyTorch itself loads a
   * state_dict without it (BatchNorm's _load_from_state_dict fills it in), so it may be absent.
   */
  optional: boolean;
  /** The op that owns the tensor. */
  op: string;
}

function convTensors(op: Extract<Op, { kind: 'conv2d' }>): ExpectedTensor[] {
  const a = op.attrs;
  const weight = [a.outChannels, a.inChannels / a.groups, a.kernel, a.kernel];
  const list = [{ name: `${op.name}.weight`, shape: weight, optional: false, op: op.name }];
  if (a.bias)
    list.push({ name: `${op.name}.bias`, shape: [a.outChannels], optional: false, op: op.name });
  return list;
}

function batchnormTensors(op: Extract<Op, { kind: 'batchnorm' }>): ExpectedTensor[] {
  const c = [op.attrs.channels];
  const stats = ['weight', 'bias', 'running_mean', 'running_var'].map((p) => ({
    name: `${op.name}.${p}`,
    shape: c,
    optional: false,
    op: op.name
  }));
  return [
    ...stats,
    { name: `${op.name}.num_batches_tracked`, shape: [], optional: true, op: op.name }
  ];
}

/** Every tensor the config's state_dict holds, in execution order of the owning ops. */
export function expectedTensors(graph: Graph): ExpectedTensor[] {
  return graph.ops.flatMap((op) => {
    // A module run more than once (the official fusion's duplicated chains) owns its tensors once.
    if (op.call !== 0) return [];
    if (op.kind === 'conv2d') return convTensors(op);
    if (op.kind === 'batchnorm') return batchnormTensors(op);
    return [];
  });
}

/** An expected-tensor list as it crosses a worker boundary: checked before it is trusted. */
export function isExpectedTensorList(v: unknown): v is ExpectedTensor[] {
  return (
    Array.isArray(v) &&
    v.every((t: unknown) => {
      if (typeof t !== 'object' || t === null) return false;
      const e = t as Record<string, unknown>;
      return (
        typeof e.name === 'string' &&
        typeof e.op === 'string' &&
        typeof e.optional === 'boolean' &&
        Array.isArray(e.shape) &&
        e.shape.every((d) => Number.isSafeInteger(d) && d >= 0)
      );
    })
  );
}
