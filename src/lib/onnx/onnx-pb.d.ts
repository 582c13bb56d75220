/** Types of the generated onnx-pb.js (the part encode.ts uses). */
export declare const onnx: {
  ModelProto: {
    encode(message: object): { finish(): Uint8Array };
  };
};
