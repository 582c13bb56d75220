/**
 * Which joints are drawn joined, by heatmap index: mmpose's dataset metadata
 * (configs/_base_/datasets/coco.py and mpii.py `skeleton_info`), 0-based.
 */

/** COCO, 17 joints: legs, hips, torso, arms, then the face. */
export const COCO_SKELETON: ReadonlyArray<readonly [number, number]> = [
  [15, 13],
  [13, 11],
  [16, 14],
  [14, 12],
  [11, 12],
  [5, 11],
  [6, 12],
  [5, 6],
  [5, 7],
  [6, 8],
  [7, 9],
  [8, 10],
  [1, 2],
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 4],
  [3, 5],
  [4, 6]
];

/** MPII, 16 joints: right leg, left leg, pelvis to head, then the arms from the thorax. */
export const MPII_SKELETON: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [1, 2],
  [2, 6],
  [6, 3],
  [3, 4],
  [4, 5],
  [6, 7],
  [7, 8],
  [8, 9],
  [8, 12],
  [12, 11],
  [11, 10],
  [8, 13],
  [13, 14],
  [14, 15]
];

/** The skeleton for a joint count, or none when the count is neither dataset's. */
export function skeletonFor(joints: number): ReadonlyArray<readonly [number, number]> {
  if (joints === 17) return COCO_SKELETON;
  if (joints === 16) return MPII_SKELETON;
  return [];
}

/** COCO's 17 keypoint names in heatmap order (mmpose configs/_base_/datasets/coco.py). */
export const COCO_KEYPOINT_NAMES: readonly string[] = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle'
];

/**
 * COCO's left/right pairs (coco.py's `swap` entries): a horizontal flip of the image swaps the
 * labels of each pair, as mmpose's `flip_indices` does.
 */
export const COCO_FLIP_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [1, 2],
  [3, 4],
  [5, 6],
  [7, 8],
  [9, 10],
  [11, 12],
  [13, 14],
  [15, 16]
];
