/**
 * The trained weights as files: the .pth (PyTorch's zip format with the official key names,
 * checkpoint/write-torch.ts) and the explorer's own manifest + binary (checkpoint/manifest.ts),
 * from the state_dict the worker sends. Pure: bytes out; the page turns them into downloads.
 */
import type { TensorMap } from '../checkpoint/types';
import { writeWeightsManifest } from '../checkpoint/manifest';
import { writeTorchCheckpoint } from '../checkpoint/write-torch';
import type { WireTensor } from '../tf/protocol';

export function tensorMapOf(tensors: readonly WireTensor[]): TensorMap {
  return new Map(tensors.map((t) => [t.name, { shape: [...t.shape], data: t.data }]));
}

/** The .pth bytes, or a sentence saying why they could not be written. */
export function pthBytes(tensors: TensorMap): Uint8Array | string {
  const written = writeTorchCheckpoint(tensors);
  return written.ok ? written.value : written.error;
}

export function manifestFiles(tensors: TensorMap): { json: string; bin: Uint8Array } {
  const { manifest, bin } = writeWeightsManifest(tensors);
  return { json: JSON.stringify(manifest, null, 1), bin };
}
