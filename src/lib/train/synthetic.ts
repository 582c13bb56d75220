/**
 * The synthetic task: a procedural top-down pose set, made on the fly and the same for the same
 * seed. Sample i of a split depends only on (seed, split, i): its own random stream is seeded by
 * hashing those three, so batches can be asked for in any order, in a worker or in Node.
 * 'train' and 'validation' are separate streams; the validation set is fixed by the seed.
 * Pure TypeScript, no tfjs: images are drawn by a small rasteriser (raster.ts).
 */
import { normalizeRgba, type RgbaImage } from '../tf/input';
import { POSE_JOINTS, type PoseBatch, type PoseBatchSource } from './batch';
import { writeMsraHeatmaps } from './heatmap';
import { randomStream } from './random';
import { rasterize } from './raster';
import { randomScene, type Scene } from './scene';

export type SyntheticSplit = 'train' | 'validation';

export interface SyntheticSourceOptions {
  seed: number;
  height: number;
  width: number;
  split?: SyntheticSplit;
}

/** The network's output stride: heatmaps are the input over 4. */
export const HEATMAP_STRIDE = 4;
export const MIN_SYNTHETIC_SIZE = 32;
/** A sanity cap on the input side (pixels) so a typo cannot freeze a tab. */
export const MAX_SYNTHETIC_SIZE = 1024;

/** The sizes the page offers, height x width (COCO's 4:3 portrait aspect). */
export const SYNTHETIC_SIZES: ReadonlyArray<{ height: number; width: number }> = [
  { height: 64, width: 48 },
  { height: 128, width: 96 }
];

function sideProblem(name: string, value: number): string | null {
  if (!Number.isInteger(value))
    return `The ${name} must be a whole number of pixels; it is ${value}.`;
  if (value < MIN_SYNTHETIC_SIZE || value > MAX_SYNTHETIC_SIZE)
    return `The ${name} must be between ${MIN_SYNTHETIC_SIZE} and ${MAX_SYNTHETIC_SIZE} pixels; it is ${value}.`;
  if (value % HEATMAP_STRIDE !== 0)
    return `The ${name} must be a multiple of ${HEATMAP_STRIDE} pixels (the heatmaps are a quarter of the input); it is ${value}.`;
  return null;
}

/** Why these options cannot make a synthetic set, as a sentence; null when they can. */
export function syntheticOptionsProblem(options: SyntheticSourceOptions): string | null {
  const { seed, height, width, split = 'train' } = options;
  if (!Number.isInteger(seed)) return `The seed must be a whole number; it is ${seed}.`;
  if (split !== 'train' && split !== 'validation')
    return `The split must be 'train' or 'validation'; it is '${String(split)}'.`;
  return sideProblem('height', height) ?? sideProblem('width', width);
}

function sampleScene(options: Required<SyntheticSourceOptions>, index: number): Scene {
  const rng = randomStream(options.seed, `synthetic-pose:${options.split}:${index}`);
  return randomScene(rng, options.width, options.height);
}

export interface SyntheticSample {
  /** The picture, as ImageData holds it. */
  image: RgbaImage;
  /** [17, 3]: x, y in input pixels, COCO's v (0 unlabelled, 1 occluded, 2 visible). */
  keypoints: Float32Array;
  /** The figure's box: x, y, width, height in input pixels. */
  box: [number, number, number, number];
  /** Whether this sample was mirrored (left/right labels swapped). */
  flipped: boolean;
}

function withDefaults(options: SyntheticSourceOptions): Required<SyntheticSourceOptions> {
  const problem = syntheticOptionsProblem(options);
  if (problem) throw new Error(problem);
  return { split: 'train', ...options };
}

function drawScene(scene: Scene): SyntheticSample {
  const { width, height } = scene;
  return {
    image: { width, height, data: rasterize(width, height, scene.background, scene.paints) },
    keypoints: Float32Array.from(scene.keypoints),
    box: [...scene.box],
    flipped: scene.flipped
  };
}

/**
 * Sample `index` of a split as RGBA with its labels, for the page to show (the same sample
 * `createSyntheticSource(options).batch(index, 1)` holds). Throws an Error with a sentence when
 * the options are bad (see syntheticOptionsProblem) or the index is not a whole number ≥ 0.
 */
export function renderSample(options: SyntheticSourceOptions, index: number): SyntheticSample {
  if (!Number.isInteger(index) || index < 0)
    throw new Error(`A sample index must be a whole number ≥ 0; it is ${index}.`);
  return drawScene(sampleScene(withDefaults(options), index));
}

function emptyBatch(n: number, height: number, width: number): PoseBatch {
  const heatmapHeight = height / HEATMAP_STRIDE;
  const heatmapWidth = width / HEATMAP_STRIDE;
  return {
    n,
    height,
    width,
    images: new Float32Array(n * height * width * 3),
    heatmapHeight,
    heatmapWidth,
    targets: new Float32Array(n * heatmapHeight * heatmapWidth * POSE_JOINTS),
    targetWeights: new Float32Array(n * POSE_JOINTS),
    keypoints: new Float32Array(n * POSE_JOINTS * 3),
    boxes: new Float32Array(n * 4)
  };
}

function fillSample(batch: PoseBatch, i: number, sample: SyntheticSample) {
  const { height, width, heatmapHeight, heatmapWidth } = batch;
  batch.images.set(normalizeRgba(sample.image), i * height * width * 3);
  batch.keypoints.set(sample.keypoints, i * POSE_JOINTS * 3);
  batch.boxes.set(sample.box, i * 4);
  const size = { height: heatmapHeight, width: heatmapWidth, stride: HEATMAP_STRIDE };
  const targetOffset = i * heatmapHeight * heatmapWidth * POSE_JOINTS;
  // The stored (float32) keypoints make the targets, so targets and labels agree exactly.
  const keypoints = batch.keypoints.subarray(i * POSE_JOINTS * 3, (i + 1) * POSE_JOINTS * 3);
  writeMsraHeatmaps(
    keypoints,
    POSE_JOINTS,
    size,
    batch.targets,
    targetOffset,
    batch.targetWeights,
    i * POSE_JOINTS
  );
}

/**
 * The synthetic set as a PoseBatchSource: batch(start, n) holds samples start … start + n − 1.
 * Throws an Error with a sentence for bad options (sizes must be multiples of 4 from 32 up).
 */
export function createSyntheticSource(options: SyntheticSourceOptions): PoseBatchSource {
  const resolved = withDefaults(options);
  const { height, width } = resolved;
  return {
    height,
    width,
    batch(start: number, n: number): PoseBatch {
      if (!Number.isInteger(start) || start < 0 || !Number.isInteger(n) || n < 0)
        throw new Error(
          `A batch needs a whole start ≥ 0 and a whole count ≥ 0; got start ${start}, n ${n}.`
        );
      const batch = emptyBatch(n, height, width);
      for (let i = 0; i < n; i++) fillSample(batch, i, drawScene(sampleScene(resolved, start + i)));
      return batch;
    }
  };
}
