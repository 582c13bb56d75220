/** Joint names in the heatmap order of mmpose's COCO (17) and MPII (16) datasets. */
export const COCO_JOINTS = [
  'nose',
  'left eye',
  'right eye',
  'left ear',
  'right ear',
  'left shoulder',
  'right shoulder',
  'left elbow',
  'right elbow',
  'left wrist',
  'right wrist',
  'left hip',
  'right hip',
  'left knee',
  'right knee',
  'left ankle',
  'right ankle'
];

export const MPII_JOINTS = [
  'right ankle',
  'right knee',
  'right hip',
  'left hip',
  'left knee',
  'left ankle',
  'pelvis',
  'thorax',
  'upper neck',
  'head top',
  'right wrist',
  'right elbow',
  'right shoulder',
  'left shoulder',
  'left elbow',
  'left wrist'
];

export function jointNames(count: number): string[] {
  if (count === 17) return COCO_JOINTS;
  if (count === 16) return MPII_JOINTS;
  return Array.from({ length: count }, (_, i) => `channel ${i}`);
}
