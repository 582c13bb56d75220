/**
 * What reading one checkpoint may cost, derived from the config it is read for. A file cannot
 * make the reader build more than the model needs: every budget below is a small multiple of
 * the config's own weights, so a 600-byte file cannot ask for a gigabyte.
 */
import type { ExpectedTensor } from './expected';
import { product } from './types';

export interface ReadLimits {
  /** The state_dict the config has: only these names, with these shapes, are ever built. */
  expected: readonly ExpectedTensor[];
  /** Values the config's tensors hold together. */
  elements: number;
  /** Values the storages behind the kept tensors may hold together: `elements` plus a margin. */
  storageElements: number;
  /** Bytes a checkpoint's pickle (`data.pkl`) may inflate to. */
  pickleBytes: number;
  /** Bytes all zip entries read may inflate to together: the pickle plus every storage. */
  inflatedBytes: number;
  /** Container-growing pickle operations (see pickle.ts `GrowthBudget`). */
  pickleGrowth: number;
  /** Bytes a .json manifest may have. */
  manifestBytes: number;
}

/**
 * Storages may hold a little more than their tensors (a tensor saved as a slice keeps its whole
 * storage): 1/16 more plus 4,096 values, far below what a forged view would ask.
 */
const STORAGE_MARGIN = { fraction: 1 / 16, values: 4096 };

/** The widest element type a storage may have (float64, int64). */
const WIDEST_ELEMENT = 8;

/**
 * Measured on torch.save files of Lite-HRNet (tests/parity/fixtures, one with mmcv's meta and
 * optimizer): 140–190 bytes of pickle and about 35 growth units per tensor (see pickle.ts
 * GrowthBudget). Adam's state adds two tensors (and, since torch 1.12, a tensor `step`) per
 * parameter, about 40 units per tensor more. The budgets give each expected tensor 4 KiB and 96
 * units, on top of a fixed 1 MiB and 16,384 units: at most about 50 bytes of heap a unit, so
 * a hostile pickle for Lite-HRNet-18 (1,418 tensors, 4.6 MB of weights) can make the reader
 * keep some 7 MB, under twice the weights.
 */
const PICKLE_BYTES = { base: 2 ** 20, perTensor: 4096 };
const PICKLE_GROWTH = { base: 2 ** 14, perTensor: 96 };
/** A manifest line is under 200 bytes ({"name": …, "shape": […], "offset": …}). */
const MANIFEST_BYTES = { base: 2 ** 16, perTensor: 1024 };

export function readLimits(expected: readonly ExpectedTensor[]): ReadLimits {
  const elements = expected.reduce((s, t) => s + product(t.shape), 0);
  const storageElements =
    elements + Math.ceil(elements * STORAGE_MARGIN.fraction) + STORAGE_MARGIN.values;
  const n = expected.length;
  const pickleBytes = PICKLE_BYTES.base + PICKLE_BYTES.perTensor * n;
  return {
    expected,
    elements,
    storageElements,
    pickleBytes,
    inflatedBytes: pickleBytes + WIDEST_ELEMENT * storageElements,
    pickleGrowth: PICKLE_GROWTH.base + PICKLE_GROWTH.perTensor * n,
    manifestBytes: MANIFEST_BYTES.base + MANIFEST_BYTES.perTensor * n
  };
}
