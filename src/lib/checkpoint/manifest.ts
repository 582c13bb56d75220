/**
 * The explorer's own weights format: a JSON manifest plus one binary of little-endian float32,
 * for weights that did not come from torch.save (converted elsewhere, or exported here).
 *
 * ```json
 * { "format": "lite-hrnet-weights", "version": 1,
 *   "tensors": [{ "name": "backbone.stem.conv1.conv.weight", "shape": [32, 3, 3, 3], "offset": 0 }] }
 * ```
 * `offset` is in bytes into the .bin, a multiple of 4; each tensor holds product(shape) floats.
 */
import { CheckpointError, guard, product, type Result, type TensorMap } from './types';

export const MANIFEST_FORMAT = 'lite-hrnet-weights';
export const MANIFEST_VERSION = 1;

export interface ManifestEntry {
  name: string;
  shape: number[];
  offset: number;
}

export interface WeightsManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  tensors: ManifestEntry[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function parseEntry(v: unknown, i: number): ManifestEntry {
  if (!isRecord(v) || typeof v.name !== 'string' || v.name === '') {
    throw new CheckpointError(`tensors[${i}] has no name.`);
  }
  if (!Array.isArray(v.shape) || !v.shape.every(isCount)) {
    throw new CheckpointError(`${v.name}: its shape must be a list of whole numbers.`);
  }
  if (!isCount(v.offset) || v.offset % 4 !== 0) {
    throw new CheckpointError(
      `${v.name}: its offset must be a whole number of bytes, a multiple of 4.`
    );
  }
  return { name: v.name, shape: v.shape as number[], offset: v.offset };
}

function parseManifest(value: unknown): WeightsManifest {
  if (!isRecord(value) || value.format !== MANIFEST_FORMAT) {
    throw new CheckpointError(`the manifest's "format" must be "${MANIFEST_FORMAT}".`);
  }
  if (value.version !== MANIFEST_VERSION) {
    throw new CheckpointError(
      `manifest version ${String(value.version)} is not supported (only ${MANIFEST_VERSION}).`
    );
  }
  if (!Array.isArray(value.tensors))
    throw new CheckpointError('the manifest has no "tensors" list.');
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    tensors: value.tensors.map(parseEntry)
  };
}

/** Reads a manifest (JSON text or already parsed) and its binary into tensors. Never throws. */
export function readWeightsManifest(
  manifest: string | unknown,
  bin: Uint8Array
): Result<TensorMap> {
  return guard('These weights were not loaded', () => {
    let value = manifest;
    if (typeof manifest === 'string') {
      try {
        value = JSON.parse(manifest);
      } catch {
        throw new CheckpointError('the manifest is not valid JSON.');
      }
    }
    const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
    const tensors: TensorMap = new Map();
    for (const entry of parseManifest(value).tensors) {
      if (tensors.has(entry.name)) throw new CheckpointError(`${entry.name} appears twice.`);
      const n = product(entry.shape);
      if (entry.offset + 4 * n > bin.length) {
        throw new CheckpointError(
          `${entry.name} needs bytes ${entry.offset}–${entry.offset + 4 * n} but the binary has ${bin.length}.`
        );
      }
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = view.getFloat32(entry.offset + 4 * i, true);
      tensors.set(entry.name, { shape: [...entry.shape], data });
    }
    return tensors;
  });
}

/** Writes tensors as a manifest and one binary, in map order, packed end to end. */
export function writeWeightsManifest(tensors: TensorMap): {
  manifest: WeightsManifest;
  bin: Uint8Array;
} {
  const entries: ManifestEntry[] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    entries.push({ name, shape: [...t.shape], offset });
    offset += 4 * t.data.length;
  }
  const bin = new Uint8Array(offset);
  const view = new DataView(bin.buffer);
  entries.forEach((e) =>
    tensors.get(e.name)!.data.forEach((v, i) => view.setFloat32(e.offset + 4 * i, v, true))
  );
  return {
    manifest: { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, tensors: entries },
    bin
  };
}
