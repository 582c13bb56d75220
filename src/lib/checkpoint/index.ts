/**
 * Reading Lite-HRNet weights: official / mmpose `.pth` checkpoints (both torch.save formats) or
 * the explorer's JSON manifest + float32 binary, then checking them against a config's graph.
 * Pure TypeScript with no tfjs and no Node-only API. Every reader returns a `Result`.
 */
export * from './types';
export { readTorchCheckpoint, type Checkpoint, type CheckpointFormat } from './torch';
export {
  readWeightsManifest,
  writeWeightsManifest,
  MANIFEST_FORMAT,
  MANIFEST_VERSION
} from './manifest';
export type { ManifestEntry, WeightsManifest } from './manifest';
export { readNpy, writeNpy } from './npy';
export { expectedTensors, isExpectedTensorList, type ExpectedTensor } from './expected';
export { readLimits, type ReadLimits } from './limits';
export { checkFit, matchCheckpoint, type Fit, type MatchedWeights } from './match';
export { readWeightsFiles, type LoadedWeights, type WeightsFile } from './load';
