/**
 * OnnxModel (plain data) → the bytes of an ONNX ModelProto, with protobufjs's static encoders
 * for ONNX's schema (onnx-pb.js, generated from schema.ts by `npm run gen:onnx-pb`: protobufjs's
 * run-time encoders are built with eval, which the page's Content-Security-Policy forbids).
 * Weights go into `raw_data` as little-endian float32, as the ONNX spec requires whatever the
 * machine's byte order.
 */
import type { Attribute, ConstTensor, Initializer, OnnxModel, ValueInfo } from './ir';
import { onnx } from './onnx-pb.js';
import { AttributeType, DataType, IR_VERSION, OPSET_VERSION } from './schema';

function littleEndian(data: Float32Array): Uint8Array {
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return bytes;
}

function initializer(t: Initializer) {
  return { name: t.name, dims: t.dims, data_type: DataType.FLOAT, raw_data: littleEndian(t.data) };
}

function constTensor(t: ConstTensor) {
  return t.dtype === 'int64'
    ? { dims: t.dims, data_type: DataType.INT64, int64_data: t.values }
    : { dims: t.dims, data_type: DataType.FLOAT, float_data: t.values };
}

function attribute(a: Attribute) {
  switch (a.kind) {
    case 'int':
      return { name: a.name, type: AttributeType.INT, i: a.value };
    case 'ints':
      return { name: a.name, type: AttributeType.INTS, ints: a.value };
    case 'float':
      return { name: a.name, type: AttributeType.FLOAT, f: a.value };
    case 'string':
      return { name: a.name, type: AttributeType.STRING, s: new TextEncoder().encode(a.value) };
    case 'tensor':
      return { name: a.name, type: AttributeType.TENSOR, t: constTensor(a.value) };
  }
}

function valueInfo(v: ValueInfo) {
  return {
    name: v.name,
    type: {
      tensor_type: {
        elem_type: DataType.FLOAT,
        shape: { dim: v.shape.map((d) => ({ dim_value: d })) }
      }
    }
  };
}

export const PRODUCER_NAME = 'lite-hrnet-explorer';

export function encodeModel(model: OnnxModel): Uint8Array<ArrayBuffer> {
  const proto = {
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET_VERSION }],
    producer_name: PRODUCER_NAME,
    producer_version: '1',
    model_version: 1,
    doc_string: model.docString,
    metadata_props: model.metadata.map(([key, value]) => ({ key, value })),
    graph: {
      name: 'lite_hrnet',
      node: model.nodes.map((n) => ({
        name: n.name,
        op_type: n.opType,
        input: n.inputs,
        output: n.outputs,
        attribute: n.attributes.map(attribute)
      })),
      initializer: model.initializers.map(initializer),
      input: [valueInfo(model.input)],
      output: [valueInfo(model.output)],
      value_info: model.valueInfo.map(valueInfo)
    }
  };
  const encoded = onnx.ModelProto.encode(proto).finish();
  // In Node protobufjs returns a Buffer (possibly a view of a shared pool): hand out plain bytes.
  const bytes = new Uint8Array(encoded.length);
  bytes.set(encoded);
  return bytes;
}
