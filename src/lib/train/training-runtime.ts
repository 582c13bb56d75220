/**
 * Starting the backend that trains, inside the training worker: "auto" asks the browser what GPU
 * it has and lets `chooseTrainingBackend` decide; a named backend is started as asked. Loads only
 * the chosen backend's package (tf/backend.ts's pattern); never wasm, which cannot train.
 */
import * as tf from '@tensorflow/tfjs-core';
import { webglRenderer, webgpuAdapter } from '../tf/backend';
import type { TrainBackendChoice } from './train-protocol';
import {
  chooseTrainingBackend,
  type TrainingBackendPick,
  type TrainingBackendName
} from './training-backend';

const REGISTER: Record<TrainingBackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu')
};

async function trySet(name: TrainingBackendName): Promise<boolean> {
  try {
    await REGISTER[name]();
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok;
  } catch {
    return false;
  }
}

export async function startTrainingBackend(
  choice: TrainBackendChoice
): Promise<TrainingBackendPick> {
  const picked =
    choice === 'auto'
      ? chooseTrainingBackend({ webgpu: await webgpuAdapter(), webglRenderer: webglRenderer() })
      : { name: choice, reason: 'chosen by you' };
  if (await trySet(picked.name)) return picked;
  if (picked.name !== 'cpu' && (await trySet('cpu')))
    return { name: 'cpu', reason: `${picked.name} could not start here, so plain cpu` };
  throw new Error(
    `The ${picked.name} backend could not start in this browser; pick cpu and try again.`
  );
}
