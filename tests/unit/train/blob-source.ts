/**
 * A small pose source for tests, honest to the batch contract (batch.ts): each image is a dark
 * background with one bright square per joint at a seeded place; the targets are mmpose's MSRA
 * Gaussians (σ = 2, centre int(kp / 4 + 0.5), values exp(−d² / 2σ²)) around each square's centre
 * at 1/4 resolution; every joint is visible (weight 1, v = 2); the box is the whole image.
 * Each joint has its own colour channel pattern, so a network can tell them apart.
 */
import type { PoseBatch, PoseBatchSource } from '../../../src/lib/train/batch';
import { POSE_JOINTS } from '../../../src/lib/train/batch';
import { hashKey, mulberry32 } from '../../../src/lib/tf/prng';

const SIGMA = 2;

export function blobSource(seed: number, height = 64, width = 48): PoseBatchSource {
  return { height, width, batch: (start, n) => blobBatch(seed, height, width, start, n) };
}

function blobBatch(
  seed: number,
  height: number,
  width: number,
  start: number,
  n: number
): PoseBatch {
  const hh = height / 4;
  const hw = width / 4;
  const J = POSE_JOINTS;
  const images = new Float32Array(n * height * width * 3).fill(-1);
  const targets = new Float32Array(n * hh * hw * J);
  const keypoints = new Float32Array(n * J * 3);
  const boxes = new Float32Array(n * 4);
  for (let b = 0; b < n; b++) {
    const next = mulberry32(hashKey(seed, `sample ${start + b}`));
    boxes.set([0, 0, width, height], b * 4);
    for (let j = 0; j < J; j++) {
      const x = 4 + Math.floor(next() * (width - 8));
      const y = 4 + Math.floor(next() * (height - 8));
      keypoints.set([x, y, 2], (b * J + j) * 3);
      // A 3x3 square; joint j's colour: channel (j mod 3) at 2, the others by bits of j.
      const colour = [0, 1, 2].map((c) => (c === j % 3 ? 2 : ((j >> (c + 1)) & 1) * 1.5 - 0.5));
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++)
          images.set(colour, ((b * height + y + dy) * width + x + dx) * 3);
      const mx = Math.floor(x / 4 + 0.5);
      const my = Math.floor(y / 4 + 0.5);
      for (let v = 0; v < hh; v++)
        for (let u = 0; u < hw; u++) {
          const d2 = (u - mx) ** 2 + (v - my) ** 2;
          if (Math.abs(u - mx) <= 3 * SIGMA && Math.abs(v - my) <= 3 * SIGMA)
            targets[((b * hh + v) * hw + u) * J + j] = Math.exp(-d2 / (2 * SIGMA * SIGMA));
        }
    }
  }
  return {
    n,
    height,
    width,
    images,
    heatmapHeight: hh,
    heatmapWidth: hw,
    targets,
    targetWeights: new Float32Array(n * J).fill(1),
    keypoints,
    boxes
  };
}
