/**
 * The exported model as plain data, before it is encoded: what tests and the summary read, and
 * what encode.ts turns into an ONNX ModelProto. Names are ONNX value and node names.
 */

/** A float32 weight tensor (an initializer), in PyTorch's layout. */
export interface Initializer {
  /** The official state_dict key, e.g. `backbone.stem.conv1.conv.weight`. */
  name: string;
  dims: number[];
  data: Float32Array;
  /** A weight or bias (true) or BatchNorm running statistics (false). */
  trainable: boolean;
}

/** A small constant made by a Constant node: shapes, sizes, slice bounds. */
export type ConstTensor =
  | { dtype: 'int64'; dims: number[]; values: number[] }
  | { dtype: 'float'; dims: number[]; values: number[] };

export type Attribute =
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'ints'; value: number[] }
  | { name: string; kind: 'float'; value: number }
  | { name: string; kind: 'string'; value: string }
  | { name: string; kind: 'tensor'; value: ConstTensor };

export interface OnnxNode {
  name: string;
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
}

/** A float32 value with a static NCHW (or other) shape. */
export interface ValueInfo {
  name: string;
  shape: number[];
}

export interface OnnxModel {
  /** In execution order (topologically sorted, as ONNX requires). */
  nodes: OnnxNode[];
  initializers: Initializer[];
  input: ValueInfo;
  output: ValueInfo;
  /** Every graph op's output with the graph's shape: Netron shows them on the edges. */
  valueInfo: ValueInfo[];
  /** Written as the model's metadata_props. */
  metadata: Array<[key: string, value: string]>;
  docString: string;
}
