/**
 * Which tfjs backend trains: the forward pass's own choice and start (tf/backend-choice.ts,
 * tf/backend.ts: WebGPU, then WebGL, on a real GPU, else wasm; a backend that cannot start falls
 * back to wasm, then cpu). tfjs's wasm backend has no Conv2DBackpropFilter nor depthwise backprop
 * kernels; training does not need them, because train-kernels.ts computes those gradients with
 * forward convolutions, so wasm trains, several times faster than plain cpu.
 */
export const WASM_TRAINS =
  'wasm trains too: the filter and depthwise gradients it has no kernels for are computed from forward convolutions';
