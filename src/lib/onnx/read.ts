/**
 * Reading an ONNX file back (tests, Node tools): protobufjs's reflection over ONNX's schema.
 * It builds its decoders with eval, so the page never imports it (the page only writes files,
 * with the static encoders of onnx-pb.js).
 */
import * as protobuf from 'protobufjs/light.js';
import { ONNX_SCHEMA } from './schema';

let modelType: protobuf.Type | null = null;

/** The ModelProto type, made from the schema on first use. */
export function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_SCHEMA).lookupType('onnx.ModelProto');
  return modelType;
}
