/**
 * Tensors as torch.save describes them: a storage (a flat typed buffer, saved once however many
 * tensors view it) plus an offset, a size and a stride, all counted in elements. Every value is
 * converted to float32, the only type the executor uses.
 */
import { CheckpointError, clip, product, type NamedTensor } from './types';

export const DTYPES = [
  'float32',
  'float16',
  'bfloat16',
  'float64',
  'int64',
  'int32',
  'int16',
  'int8',
  'uint8',
  'bool'
] as const;
export type DType = (typeof DTYPES)[number];

export const ELEMENT_SIZE: Record<DType, number> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1
};

/** A storage a tensor views; `key` finds its bytes (a zip entry, or a legacy record). */
export interface StorageRef {
  key: string;
  dtype: DType;
  /** Element count the pickle declares; the bytes found must agree. */
  numel: number;
  /** Legacy files may point into a larger storage ("view metadata"), in elements. */
  viewOffset: number;
}

export interface TensorRef {
  storage: StorageRef;
  offset: number;
  shape: number[];
  stride: number[];
}

/**
 * The largest tensor accepted: 2^28 elements is a 1 GiB float32 array, about 200 times
 * Lite-HRNet-30's largest weight. A forged size cannot make the reader allocate more.
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 28;

/** IEEE 754 half precision to a JS number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

type ElementReader = (view: DataView, byte: number) => number;

const READERS: Record<DType, ElementReader> = {
  float32: (v, b) => v.getFloat32(b, true),
  float16: (v, b) => halfToFloat(v.getUint16(b, true)),
  // bfloat16 is the top half of a float32.
  bfloat16: (v, b) => new Float32Array(new Uint32Array([v.getUint16(b, true) << 16]).buffer)[0],
  float64: (v, b) => v.getFloat64(b, true),
  int64: (v, b) => Number(v.getBigInt64(b, true)),
  int32: (v, b) => v.getInt32(b, true),
  int16: (v, b) => v.getInt16(b, true),
  int8: (v, b) => v.getInt8(b),
  uint8: (v, b) => v.getUint8(b),
  bool: (v, b) => (v.getUint8(b) ? 1 : 0)
};

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/**
 * Checks size/stride/offset against the storage before anything is read or allocated. A view
 * may not show more values than its storage holds: that takes repeated elements (stride 0, or
 * strides that overlap), which a weight never has and a forged file uses to ask for gigabytes.
 */
export function checkTensorRef(name: string, t: TensorRef): void {
  const { shape, stride, offset, storage } = t;
  const shown = clip(name);
  if (
    !shape.every(isCount) ||
    !stride.every(isCount) ||
    shape.length !== stride.length ||
    !isCount(offset)
  ) {
    throw new CheckpointError(`${shown} has a malformed size or stride.`);
  }
  const numel = product(shape);
  if (numel > MAX_TENSOR_ELEMENTS) {
    throw new CheckpointError(
      `${shown} claims ${numel} elements, more than the ${MAX_TENSOR_ELEMENTS} a weights tensor may have.`
    );
  }
  if (numel === 0) return;
  if (numel > storage.numel) {
    throw new CheckpointError(
      `${shown} shows ${numel} values from a storage of ${storage.numel}: a view that repeats values (stride 0 or overlapping strides) is refused.`
    );
  }
  const last = offset + shape.reduce((s, d, i) => s + (d - 1) * stride[i], 0);
  if (last >= storage.numel) {
    throw new CheckpointError(
      `${shown} needs elements up to index ${last} of its storage, which holds only ${storage.numel}: the sizes in the file do not match.`
    );
  }
}

/** Row-major (contiguous) strides of a shape, in elements. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

function isContiguous(t: TensorRef): boolean {
  return contiguousStrides(t.shape).every((s, i) => t.shape[i] <= 1 || s === t.stride[i]);
}

/** Calls `visit(k, i)` for the k-th element in row-major order and its storage index i. */
function forEachStrided(t: TensorRef, visit: (k: number, i: number) => void): void {
  const { shape, stride, offset } = t;
  const n = product(shape);
  const index = new Array<number>(shape.length).fill(0);
  let at = offset;
  for (let k = 0; k < n; k++) {
    visit(k, at);
    // Odometer: bump the last axis, carrying into earlier ones.
    for (let d = shape.length - 1; d >= 0; d--) {
      at += stride[d];
      if (++index[d] < shape[d]) break;
      at -= stride[d] * shape[d];
      index[d] = 0;
    }
  }
}

/** The tensor's values as float32, from its storage's raw little-endian bytes. */
export function materialize(name: string, t: TensorRef, storageBytes: Uint8Array): NamedTensor {
  checkTensorRef(name, t);
  const size = ELEMENT_SIZE[t.storage.dtype];
  const view = new DataView(storageBytes.buffer, storageBytes.byteOffset, storageBytes.byteLength);
  const read = READERS[t.storage.dtype];
  const data = new Float32Array(product(t.shape));
  const base = t.storage.viewOffset;
  if (isContiguous(t)) {
    for (let k = 0; k < data.length; k++) data[k] = read(view, (base + t.offset + k) * size);
  } else {
    forEachStrided(t, (k, i) => (data[k] = read(view, (base + i) * size)));
  }
  return { shape: [...t.shape], data };
}

/** The bytes a storage's declaration needs (a legacy view counts from its root's start). */
export function storageByteLength(storage: StorageRef): number {
  return (storage.viewOffset + storage.numel) * ELEMENT_SIZE[storage.dtype];
}

/** The byte length a storage must have, checked against what the file holds. */
export function checkStorageBytes(storage: StorageRef, found: number, where: string): void {
  const expected = storageByteLength(storage);
  if (found < expected) {
    throw new CheckpointError(
      `storage ${clip(storage.key, 40)} should hold ${storage.numel} ${storage.dtype} values (${expected} bytes) but ${where} has ${found} bytes: the sizes in the file do not match.`
    );
  }
}

/** The names of tensors holding NaN or ±Infinity, as a warning (or none). */
export function nonFiniteWarning(tensors: Iterable<[string, NamedTensor]>): string[] {
  const names: string[] = [];
  for (const [name, t] of tensors) if (!t.data.every(Number.isFinite)) names.push(name);
  if (names.length === 0) return [];
  const listed = names.slice(0, 5).join(', ');
  const more = names.length > 5 ? `, and ${names.length - 5} more` : '';
  return [
    `${names.length} ${names.length === 1 ? 'tensor holds' : 'tensors hold'} NaN or infinite values (${listed}${more}): they were loaded, but the heatmaps will likely be NaN.`
  ];
}
