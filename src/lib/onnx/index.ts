/**
 * ONNX export of a Lite-HRNet graph: pure TypeScript (no DOM, no tfjs), so it runs in Node and
 * in the page. The page imports it dynamically, only when an ONNX file is asked for.
 */
export {
  exportOnnx,
  summaryLine,
  type OnnxExport,
  type OnnxExportOptions,
  type OnnxSummary
} from './export';
export { foldableBatchNorms, foldBatchNorm } from './fold';
export { INPUT_NAME, OUTPUT_NAME } from './nodes';
export { IR_VERSION, OPSET_VERSION, ONNX_SCHEMA } from './schema';
export type { Initializer, OnnxModel, OnnxNode, ValueInfo } from './ir';
