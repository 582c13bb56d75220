/**
 * Which tfjs backend trains, as a pure function of what the browser reports. It follows the
 * forward pass's "auto" (backend-choice.ts: WebGPU, then WebGL, on a real GPU) with one change:
 * where the forward pass would take wasm, training takes cpu, because tfjs's wasm backend has no
 * Conv2DBackpropFilter nor depthwise backprop kernels, so it cannot compute a convolution's
 * weight gradients at all.
 */
import { chooseBackend, type BrowserGpuFacts } from '../tf/backend-choice';

export type TrainingBackendName = 'cpu' | 'webgl' | 'webgpu';

export interface TrainingBackendPick {
  name: TrainingBackendName;
  reason: string;
}

export const WASM_CANNOT_TRAIN =
  'wasm is not used: it has no gradient kernels for convolution filters (Conv2DBackpropFilter, depthwise backprop), so it cannot train';

export function chooseTrainingBackend(facts: BrowserGpuFacts): TrainingBackendPick {
  const pick = chooseBackend(facts);
  if (pick.name === 'webgpu' || pick.name === 'webgl')
    return { name: pick.name, reason: pick.reason };
  // chooseBackend's reason reads "auto: <why no GPU backend>, so wasm with SIMD".
  const why = pick.reason.replace(/^auto: /, '').replace(/, so wasm with SIMD$/, '');
  return { name: 'cpu', reason: `auto: ${why}, so plain cpu; ${WASM_CANNOT_TRAIN}` };
}
