/**
 * Which tfjs backend trains: the forward pass's "auto" (backend-choice.ts: WebGPU, then WebGL,
 * on a real GPU, else wasm). tfjs's wasm backend has no Conv2DBackpropFilter nor depthwise
 * backprop kernels; training does not need them, because train-kernels.ts computes those
 * gradients with forward convolutions, so wasm trains, several times faster than plain cpu.
 */
import { chooseBackend, type BackendPick, type BrowserGpuFacts } from '../tf/backend-choice';

export type TrainingBackendName = BackendPick['name'];
export type TrainingBackendPick = BackendPick;

export const WASM_TRAINS =
  'wasm trains too: the filter and depthwise gradients it has no kernels for are computed from forward convolutions';

export function chooseTrainingBackend(facts: BrowserGpuFacts): TrainingBackendPick {
  return chooseBackend(facts);
}
