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
import type { ExpectedTensor } from './expected';
import { readLimits } from './limits';
import { checkFit, extrasNote } from './match';
import { nonFiniteWarning } from './tensor';
import {
  CheckpointError,
  WholeSentenceError,
  clip,
  guard,
  product,
  type ReadTensors,
  type Result,
  type TensorMap
} from './types';

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
    throw new CheckpointError(`${clip(v.name)}: its shape must be a list of whole numbers.`);
  }
  if (!isCount(v.offset) || v.offset % 4 !== 0) {
    throw new CheckpointError(
      `${clip(v.name)}: its offset must be a whole number of bytes, a multiple of 4.`
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

interface Region {
  name: string;
  start: number;
  end: number;
}

/**
 * Every tensor's bytes must lie inside the .bin and no two may share a byte: a manifest that
 * points sixteen names at one region would otherwise be read sixteen times.
 */
function checkRegions(entries: ManifestEntry[], binLength: number): void {
  const regions: Region[] = entries.map((e) => ({
    name: e.name,
    start: e.offset,
    end: e.offset + 4 * product(e.shape)
  }));
  for (const r of regions) {
    if (r.end > binLength)
      throw new CheckpointError(
        `${clip(r.name)} needs bytes ${r.start}–${r.end} but the binary has ${binLength}.`
      );
  }
  const filled = regions.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  for (let i = 1; i < filled.length; i++) {
    const [a, b] = [filled[i - 1], filled[i]];
    if (b.start < a.end)
      throw new CheckpointError(
        `${clip(a.name)} and ${clip(b.name)} overlap in the binary (bytes ${b.start}–${Math.min(a.end, b.end)}); each tensor must have bytes of its own.`
      );
  }
}

function parseJson(manifest: string | unknown): unknown {
  if (typeof manifest !== 'string') return manifest;
  try {
    return JSON.parse(manifest);
  } catch {
    throw new CheckpointError('the manifest is not valid JSON.');
  }
}

/**
 * Reads a manifest (JSON text or already parsed) and its binary for a config: names and shapes
 * are checked against `expected`, and the regions against the binary, before any tensor is
 * built; only the config's tensors are. Never throws.
 */
export function readWeightsManifest(
  manifest: string | unknown,
  bin: Uint8Array,
  expected: readonly ExpectedTensor[]
): Result<ReadTensors> {
  return guard('These weights were not loaded', () => {
    const limits = readLimits(expected);
    if (typeof manifest === 'string' && manifest.length > limits.manifestBytes)
      throw new CheckpointError(
        `the manifest has ${manifest.length} characters, far more than the ${limits.manifestBytes} a manifest for this config needs.`
      );
    const entries = parseManifest(parseJson(manifest)).tensors;
    const byName = new Map<string, ManifestEntry>();
    for (const entry of entries) {
      if (byName.has(entry.name)) throw new CheckpointError(`${clip(entry.name)} appears twice.`);
      byName.set(entry.name, entry);
    }
    const fit = checkFit(new Map(entries.map((e) => [e.name, e.shape])), expected);
    if (!fit.ok) throw new WholeSentenceError(fit.error);
    checkRegions(entries, bin.length);
    const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
    const tensors: TensorMap = new Map();
    for (const { name } of fit.value.present) {
      const entry = byName.get(name)!;
      const data = new Float32Array(product(entry.shape));
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(entry.offset + 4 * i, true);
      tensors.set(name, { shape: [...entry.shape], data });
    }
    const notes = fit.value.extras.length ? [extrasNote(fit.value.extras)] : [];
    return { tensors, notes, warnings: nonFiniteWarning(tensors) };
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
