/**
 * Graph ops → ONNX nodes, one op at a time in the graph's execution order (which is already a
 * topological order). Nodes are named after the op (`name@call` for a module or function the
 * network runs more than once, such as the official fusion's duplicated branch-0 chains), and
 * each node's output value has the node's name; the image is `input` and the graph's output is
 * `heatmaps`. A conv module run twice has two nodes reading the same initializers, exactly as
 * PyTorch runs one module twice, so the official fusion quirk is in the file as the graph has it.
 *
 * Shape-like operands (Resize sizes, Slice bounds, Reshape shapes) come from Constant nodes,
 * shared by value, so the initializers are the weights and nothing else.
 */
import type { Graph, Op } from '../model';
import { INPUT_ID } from '../model';
import type { Attribute, ConstTensor, OnnxNode, ValueInfo } from './ir';

export const INPUT_NAME = 'input';
export const OUTPUT_NAME = 'heatmaps';

const ints = (name: string, value: number[]): Attribute => ({ name, kind: 'ints', value });
const int = (name: string, value: number): Attribute => ({ name, kind: 'int', value });
const str = (name: string, value: string): Attribute => ({ name, kind: 'string', value });

/** Why an op cannot be written as ONNX (null when it can). */
export function unexportableReason(op: Op): string | null {
  if (op.kind !== 'adaptive_avgpool') return null;
  const [, , h, w] = op.inShapes[0];
  if (h % op.attrs.outH === 0 && w % op.attrs.outW === 0) return null;
  return `${op.name} pools ${h}x${w} to ${op.attrs.outH}x${op.attrs.outW}, which is not a whole number of cells per output; ONNX's AveragePool cannot express PyTorch's uneven adaptive bins.`;
}

class NodeWriter {
  readonly nodes: OnnxNode[] = [];
  readonly valueInfo: ValueInfo[] = [];
  private readonly constants = new Set<string>();
  private readonly repeated = new Set<string>();
  /** Op id whose value another op's output stands for (a BN folded into its conv). */
  private readonly alias = new Map<number, number>();
  private readonly outputId: number;

  constructor(
    private readonly graph: Graph,
    folded: ReadonlyMap<number, number>
  ) {
    for (const op of graph.ops) if (op.call > 0) this.repeated.add(op.name);
    for (const [bn, conv] of folded) this.alias.set(bn, conv);
    this.outputId = this.resolve(graph.output);
  }

  private resolve(id: number): number {
    return this.alias.get(id) ?? id;
  }

  nodeName(op: Op): string {
    return this.repeated.has(op.name) ? `${op.name}@${op.call}` : op.name;
  }

  /** The ONNX value an op id's output is. */
  value(id: number): string {
    if (id === INPUT_ID) return INPUT_NAME;
    const r = this.resolve(id);
    return r === this.outputId ? OUTPUT_NAME : this.nodeName(this.graph.ops[r]);
  }

  /** A Constant node's output, made once per distinct value, just before its first reader. */
  constant(t: ConstTensor): string {
    const name = `const.${t.dtype}[${t.dims.join('x')}](${t.values.join(',')})`;
    if (!this.constants.has(name)) {
      this.constants.add(name);
      this.nodes.push({
        name,
        opType: 'Constant',
        inputs: [],
        outputs: [name],
        attributes: [{ name: 'value', kind: 'tensor', value: t }]
      });
    }
    return name;
  }

  int64s(values: number[]): string {
    return this.constant({ dtype: 'int64', dims: [values.length], values });
  }

  node(
    name: string,
    opType: string,
    inputs: string[],
    output: string,
    attributes: Attribute[] = []
  ) {
    this.nodes.push({ name, opType, inputs, outputs: [output], attributes });
  }

  /** Resize to the op's output size; roi and scales are empty tensors, as opset 11 requires. */
  resize(op: Op, attributes: Attribute[]) {
    const empty = this.constant({ dtype: 'float', dims: [0], values: [] });
    const sizes = this.int64s([...op.outShape]);
    this.node(
      this.nodeName(op),
      'Resize',
      [this.value(op.inputs[0]), empty, empty, sizes],
      this.value(op.id),
      attributes
    );
  }

  write(op: Op, foldedConv: boolean): void {
    const name = this.nodeName(op);
    const out = this.value(op.id);
    const xs = op.inputs.map((i) => this.value(i));
    switch (op.kind) {
      case 'conv2d': {
        const a = op.attrs;
        const inputs = [xs[0], `${op.name}.weight`];
        if (a.bias || foldedConv) inputs.push(`${op.name}.bias`);
        this.node(name, 'Conv', inputs, out, [
          ints('dilations', [1, 1]),
          int('group', a.groups),
          ints('kernel_shape', [a.kernel, a.kernel]),
          ints('pads', [a.padding, a.padding, a.padding, a.padding]),
          ints('strides', [a.stride, a.stride])
        ]);
        break;
      }
      case 'batchnorm': {
        const stats = ['weight', 'bias', 'running_mean', 'running_var'].map(
          (s) => `${op.name}.${s}`
        );
        this.node(name, 'BatchNormalization', [xs[0], ...stats], out, [
          { name: 'epsilon', kind: 'float', value: op.attrs.eps }
        ]);
        break;
      }
      case 'relu':
        return this.node(name, 'Relu', xs, out);
      case 'sigmoid':
        return this.node(name, 'Sigmoid', xs, out);
      case 'global_avgpool':
        return this.node(name, 'GlobalAveragePool', xs, out);
      case 'upsample_nearest':
      case 'resize_nearest':
        // PyTorch's legacy nearest: source index floor(dst · in / out).
        return this.resize(op, [
          str('coordinate_transformation_mode', 'asymmetric'),
          str('mode', 'nearest'),
          str('nearest_mode', 'floor')
        ]);
      case 'resize_bilinear':
        return this.resize(op, [
          str(
            'coordinate_transformation_mode',
            op.attrs.alignCorners ? 'align_corners' : 'pytorch_half_pixel'
          ),
          str('mode', 'linear')
        ]);
      case 'adaptive_avgpool': {
        const [, , h, w] = op.inShapes[0];
        const k = [h / op.attrs.outH, w / op.attrs.outW];
        return this.node(name, 'AveragePool', xs, out, [
          ints('kernel_shape', k),
          ints('pads', [0, 0, 0, 0]),
          ints('strides', k)
        ]);
      }
      case 'slice': {
        const bounds = [
          this.int64s([op.attrs.start]),
          this.int64s([op.attrs.end]),
          this.int64s([1])
        ];
        return this.node(name, 'Slice', [xs[0], ...bounds], out);
      }
      case 'concat':
        return this.node(name, 'Concat', xs, out, [int('axis', 1)]);
      case 'channel_shuffle': {
        // view(N, g, C/g, H, W) → transpose(1, 2) → flatten back to N x C x H x W.
        const [n, c, h, w] = op.outShape;
        const g = op.attrs.groups;
        const grouped = `${name}/reshape`;
        const swapped = `${name}/transpose`;
        this.node(grouped, 'Reshape', [xs[0], this.int64s([n, g, c / g, h, w])], grouped);
        this.node(swapped, 'Transpose', [grouped], swapped, [ints('perm', [0, 2, 1, 3, 4])]);
        return this.node(name, 'Reshape', [swapped, this.int64s([n, c, h, w])], out);
      }
      case 'mul':
        return this.node(name, 'Mul', xs, out);
      case 'add':
        return this.node(name, 'Add', xs, out);
    }
  }
}

/**
 * The graph's nodes and the shapes of their outputs. `folded` maps each BN op id that folds to
 * its conv's (fold.ts): the BN gets no node and its readers read the conv. Every op must pass
 * `unexportableReason`.
 */
export function graphNodes(
  graph: Graph,
  folded: ReadonlyMap<number, number>
): { nodes: OnnxNode[]; valueInfo: ValueInfo[] } {
  const w = new NodeWriter(graph, folded);
  const foldedConvs = new Set(folded.values());
  for (const op of graph.ops) {
    if (op.kind === 'batchnorm' && folded.has(op.id)) continue;
    w.write(op, foldedConvs.has(op.id));
    const value = w.value(op.id);
    if (value !== OUTPUT_NAME) w.valueInfo.push({ name: value, shape: [...op.outShape] });
  }
  return { nodes: w.nodes, valueInfo: w.valueInfo };
}
