/**
 * Starting the backend that trains, inside the training worker: the forward pass's own start
 * (tf/backend.ts: "auto" asks the browser what GPU it has, loads only the chosen backend's
 * package, and falls back to wasm, then cpu). Every backend it can pick trains.
 */
import { startBackend } from '../tf/backend';
import type { TrainBackendChoice } from './train-protocol';
import type { TrainingBackendPick } from './training-backend';

export function startTrainingBackend(choice: TrainBackendChoice): Promise<TrainingBackendPick> {
  return startBackend(choice);
}
