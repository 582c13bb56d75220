/**
 * The output heatmaps as one file: an NCHW float32 .npy (1 x joints x H/4 x W/4), as PyTorch's
 * `np.save(heatmaps.numpy())` would write them, so they diff against the official model's.
 */
import { writeNpy } from '$lib/checkpoint/npy';
import type { FeatureMap } from '$lib/tf/protocol';

export function heatmapsNpy(maps: readonly FeatureMap[]): Blob {
  const [first] = maps;
  const plane = first.height * first.width;
  const data = new Float32Array(maps.length * plane);
  maps.forEach((m, j) => data.set(m.data, j * plane));
  const bytes = writeNpy({ shape: [1, maps.length, first.height, first.width], data });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
}
