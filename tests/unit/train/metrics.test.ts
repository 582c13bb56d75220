import { describe, expect, it } from 'vitest';
import type { PoseBatch } from '../../../src/lib/train/batch';
import {
  decodeHeatmapBatch,
  meanPoseBaseline,
  oks,
  oksAp,
  pck,
  pckPerJoint
} from '../../../src/lib/train/metrics';
import { createSyntheticSource } from '../../../src/lib/train/synthetic';

type Labels = Pick<PoseBatch, 'n' | 'keypoints' | 'boxes'>;

/** Labels for n images: joints given as [image, joint, x, y, v]; every other joint v = 0. */
function labels(boxes: number[][], joints: number[][]): Labels {
  const keypoints = new Float32Array(boxes.length * 17 * 3);
  for (const [i, k, x, y, v] of joints) keypoints.set([x, y, v], (i * 17 + k) * 3);
  return { n: boxes.length, keypoints, boxes: new Float32Array(boxes.flat()) };
}

/** Predictions equal to the labels, then moved by [image, joint, dx, dy]. */
function predictions(l: Labels, moves: number[][] = []): Float32Array {
  const pred = new Float32Array(l.n * 17 * 2);
  for (let i = 0; i < l.n * 17; i++) pred.set([l.keypoints[3 * i], l.keypoints[3 * i + 1]], 2 * i);
  for (const [i, k, dx, dy] of moves) {
    pred[(i * 17 + k) * 2] += dx;
    pred[(i * 17 + k) * 2 + 1] += dy;
  }
  return pred;
}

describe('decodeHeatmapBatch', () => {
  const shape = { n: 1, height: 64, width: 48, heatmapHeight: 16, heatmapWidth: 12 };
  const maps = new Float32Array(16 * 12 * 17);
  const set = (k: number, x: number, y: number, v: number) => (maps[(y * 12 + x) * 17 + k] = v);
  // Joint 0: peak 0.9 at (5, 7); right neighbour 0.5 > left 0.2 → +¼ in x; up = down → no move in y.
  set(0, 5, 7, 0.9);
  set(0, 6, 7, 0.5);
  set(0, 4, 7, 0.2);
  set(0, 5, 6, 0.3);
  set(0, 5, 8, 0.3);
  // Joint 2: peak 0.6 at (1, 3): x = 1 is on mmpose's border (not 1 < x), so no offset at all.
  set(2, 1, 3, 0.6);
  set(2, 2, 3, 0.4);
  set(2, 1, 4, 0.4);
  // Joint 1 (and the rest): all zero → mmpose's "not found", heatmap (−1, −1).
  const out = decodeHeatmapBatch(maps, shape);

  it('takes the argmax with the quarter offset, times the stride 4', () => {
    expect(Array.from(out.keypoints.subarray(0, 2))).toEqual([5.25 * 4, 7 * 4]);
    expect(Array.from(out.keypoints.subarray(4, 6))).toEqual([4, 12]);
  });

  it('puts a map with no positive value at heatmap (−1, −1)', () => {
    expect(Array.from(out.keypoints.subarray(2, 4))).toEqual([-4, -4]);
  });

  it('scores an image by the mean of its 17 maxima', () => {
    expect(out.scores[0]).toBeCloseTo((0.9 + 0.6) / 17, 6);
  });

  it('refuses heatmaps of the wrong size with a sentence', () => {
    expect(() => decodeHeatmapBatch(new Float32Array(5), shape)).toThrow(
      /heatmaps has 5 values; the batch needs 3264/
    );
  });
});

describe('pck (mmpose PCKAccuracy, norm_item bbox)', () => {
  // Image 0: box 40 x 20 → norm max(40, 20) = 40, so thr 0.2 is 8 px. Image 1: box 10 x 30 → 6 px.
  const l = labels(
    [
      [0, 0, 40, 20],
      [0, 0, 10, 30]
    ],
    [
      [0, 0, 20, 10, 2],
      [1, 0, 5, 15, 2],
      [0, 1, 20, 10, 0], // unlabelled: ignored
      [1, 1, 5, 15, 1] // occluded but labelled: counted
    ]
  );
  // Joint 0: image 0 moved 6 px in y → 6/40 = 0.15 < 0.2, correct (per-axis w, h would say 6/20 = 0.3);
  //          image 1 moved 6 px → 6/30 = 0.2, not < 0.2: wrong. Per-joint accuracy ½.
  // Joint 1: image 1 moved (3, 4) → 5/30 ≈ 0.167: correct. Accuracy 1.
  // Mean over the two joints with labels: (½ + 1)/2 = 0.75 (pooled over cases it would be ⅔).
  const pred = predictions(l, [
    [0, 0, 0, 6],
    [1, 0, 0, 6],
    [1, 1, 3, 4]
  ]);

  it('averages per-joint accuracies, normalised by the box’s longer side, strict < thr', () => {
    expect(pck(pred, l)).toBe(0.75);
    const { perJoint } = pckPerJoint(pred, l);
    expect(perJoint.slice(0, 2)).toEqual([0.5, 1]);
    expect(perJoint.slice(2).every(Number.isNaN)).toBe(true);
  });

  it('takes the threshold as an argument', () => {
    // At 0.1: joint 0 → 0.15 and 0.2 both fail; joint 1 → 0.167 fails. Mean 0.
    expect(pck(pred, l, 0.1)).toBe(0);
    // At 0.25 every case passes.
    expect(pck(pred, l, 0.25)).toBe(1);
  });

  it('gives 0 when nothing is labelled, as mmpose', () => {
    const empty = labels([[0, 0, 10, 10]], []);
    expect(pck(predictions(empty), empty)).toBe(0);
  });
});

describe('OKS and oksAp', () => {
  // Box 10 x 10 → area 100. Left hip (σ = 0.107, (2σ)² = 0.045796), off by 1 px:
  // e = 1 / 0.045796 / 100 / 2 = 0.1091798, OKS = exp(−e) = 0.8965692 (Python's math.exp).
  it('computes COCO’s OKS with the box area', () => {
    const l = labels([[0, 0, 10, 10]], [[0, 11, 5, 5, 2]]);
    expect(oks(predictions(l, [[0, 11, 1, 0]]), l, 0)).toBeCloseTo(0.8965692, 6);
    expect(oks(predictions(l), l, 0)).toBe(1);
  });

  // Image 0 perfect (OKS 1). Image 1: left hip off by (1.2, 1.5): d² = 3.69, e = 3.69/0.045796/200
  // = 0.4028736, OKS = 0.6683966 — a hit at thresholds .50–.65 (4 of them), a miss at .70–.95 (6).
  const l = labels(
    [
      [0, 0, 10, 10],
      [0, 0, 10, 10]
    ],
    [
      [0, 11, 5, 5, 2],
      [1, 11, 5, 5, 2]
    ]
  );
  const pred = predictions(l, [[1, 11, 1.2, 1.5]]);

  it('is 1 when every prediction is exact', () => {
    expect(oksAp(predictions(l), new Float32Array([0.9, 0.8]), l)).toBe(1);
  });

  it('ranks by score: the better image first', () => {
    // Where both hit, AP = 1. Where image 1 misses: ranked [hit, miss], recall [½, ½], precision
    // [1, ½]; the 51 recall points 0, 0.01 … 0.50 read precision 1, the other 50 read 0: 51/101.
    // AP = (4·1 + 6·51/101)/10 = 710/1010 = 0.7029703.
    expect(oksAp(pred, new Float32Array([0.9, 0.8]), l)).toBeCloseTo(0.7029703, 6);
  });

  it('ranks by score: the worse image first', () => {
    // Ranked [miss, hit]: recall [0, ½], precision [0, ½] → made non-increasing: [½, ½]. The 51
    // points up to 0.50 read ½: 25.5/101. AP = (4 + 6·25.5/101)/10 = 557/1010 = 0.5514851.
    expect(oksAp(pred, new Float32Array([0.1, 0.8]), l)).toBeCloseTo(0.5514851, 6);
  });

  it('leaves out images with no labelled joint, NaN when none is left', () => {
    const withEmpty = labels(
      [
        [0, 0, 10, 10],
        [0, 0, 10, 10]
      ],
      [[0, 11, 5, 5, 2]]
    );
    // One hit ranked alone: precision 1/(1 + ε) as COCO computes it, so 1 up to rounding.
    expect(oksAp(predictions(withEmpty), new Float32Array([0.5, 0.9]), withEmpty)).toBeCloseTo(
      1,
      12
    );
    const empty = labels([[0, 0, 10, 10]], []);
    expect(oksAp(predictions(empty), new Float32Array([1]), empty)).toBeNaN();
  });
});

describe('meanPoseBaseline', () => {
  it('predicts the mean box-relative position in each image’s box', () => {
    // Nose: image 0 at (5, 4) in box (0, 0, 10, 20) → (0.5, 0.2); image 1 at (16, 26) in box
    // (10, 10, 20, 40) → (0.3, 0.4). Mean (0.4, 0.3): image 0 → (4, 6), image 1 → (18, 22).
    // Left eye never labelled → the box centre: image 0 → (5, 10), image 1 → (20, 30).
    const l = labels(
      [
        [0, 0, 10, 20],
        [10, 10, 20, 40]
      ],
      [
        [0, 0, 5, 4, 2],
        [1, 0, 16, 26, 1]
      ]
    );
    const base = meanPoseBaseline(l);
    const at = (i: number, k: number) =>
      Array.from(base.keypoints.subarray((i * 17 + k) * 2, (i * 17 + k) * 2 + 2));
    [
      [at(0, 0), [4, 6]],
      [at(1, 0), [18, 22]],
      [at(0, 1), [5, 10]],
      [at(1, 1), [20, 30]]
    ].forEach(([got, want]) => got.forEach((v, c) => expect(v).toBeCloseTo(want[c], 5)));
    expect(Array.from(base.scores)).toEqual([1, 1]);
  });

  it('scores well below 1 on a generated validation set, and exact labels score 1', () => {
    const batch = createSyntheticSource({
      seed: 1,
      height: 64,
      width: 48,
      split: 'validation'
    }).batch(0, 128);
    const base = meanPoseBaseline(batch);
    const basePck = pck(base.keypoints, batch);
    // The mean pose is a strong prior for hips and shoulders (the box follows the figure), so PCK@0.2
    // with mmpose's lenient longer-side normalisation is far from 0; arms, legs, rotation and flips
    // keep it well under 1. OKS is strict at this scale, so the baseline's AP is low.
    expect(basePck).toBeGreaterThan(0.3);
    expect(basePck).toBeLessThan(0.8);
    expect(oksAp(base.keypoints, base.scores, batch)).toBeLessThan(0.2);
    const exact = predictions(batch);
    expect(pck(exact, batch)).toBe(1);
    expect(oksAp(exact, new Float32Array(batch.n).fill(1), batch)).toBe(1);
  });

  it('decodes the targets back to the labels within the heatmap grid (PCK@0.2 = 1)', () => {
    const batch = createSyntheticSource({ seed: 2, height: 64, width: 48 }).batch(0, 64);
    const decoded = decodeHeatmapBatch(batch.targets, batch);
    // Each target peaks at 4·mu with |x − 4·mu| ≤ 2 px per axis (one column or row more at the
    // map's far edge), under 8 px whenever the box's longer side is over 40 px.
    expect(pck(decoded.keypoints, batch)).toBeGreaterThan(0.97);
  });
});
