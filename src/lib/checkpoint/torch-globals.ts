/**
 * The only Python globals a checkpoint may name, each replaced by a pure function that builds
 * data: the same idea as torch.load(weights_only=True), smaller. Not allowed, on purpose:
 * torch.storage._load_from_bytes (it runs torch.load on nested bytes), and anything that would
 * import or call code. numpy scalars are here because mmcv runners log them in `meta`
 * (`hook_msgs.best_score`), and a file is read whole or not at all.
 */
import { PyDict, PyOpaque, PyTuple, preview, type AllowedGlobal, type PyValue } from './pickle';
import { DTYPES, type DType, type StorageRef, type TensorRef } from './tensor';
import { CheckpointError } from './types';

/** torch.<Name>Storage class → element type (torch/storage.py's legacy typed storages). */
const STORAGE_TYPES: Record<string, DType> = {
  FloatStorage: 'float32',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  DoubleStorage: 'float64',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool'
};

export const TAG_STORAGE_TYPE = 'a storage type';
export const TAG_STORAGE = 'a storage';
export const TAG_TENSOR = 'a tensor';
const TAG_NUMPY_DTYPE = 'a numpy dtype';

export function isTensor(v: PyValue | undefined): v is PyOpaque {
  return v instanceof PyOpaque && v.tag === TAG_TENSOR;
}

export function tensorRef(v: PyOpaque): TensorRef {
  return v.payload as TensorRef;
}

function ints(v: PyValue, what: string): number[] {
  const items = v instanceof PyTuple ? v.items : Array.isArray(v) ? v : null;
  if (!items || !items.every((x) => typeof x === 'number' && Number.isSafeInteger(x))) {
    throw new CheckpointError(`a tensor's ${what} is not a tuple of integers.`);
  }
  return items as number[];
}

/** torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata]) */
function rebuildTensor(args: PyValue[]): PyValue {
  const [storage, offset] = args;
  if (!(storage instanceof PyOpaque) || storage.tag !== TAG_STORAGE) {
    throw new CheckpointError('a tensor is rebuilt from something that is not a storage.');
  }
  if (typeof offset !== 'number')
    throw new CheckpointError("a tensor's storage offset is not a number.");
  const ref: TensorRef = {
    storage: storage.payload as StorageRef,
    offset,
    shape: ints(args[2], 'size'),
    stride: ints(args[3], 'stride')
  };
  return new PyOpaque(TAG_TENSOR, ref);
}

/** torch._utils._rebuild_parameter(data, requires_grad, hooks): a Parameter is its tensor. */
function rebuildParameter(args: PyValue[]): PyValue {
  if (!isTensor(args[0]))
    throw new CheckpointError('a parameter is rebuilt from something that is not a tensor.');
  return args[0];
}

/** numpy.dtype('f8', False, True) → which scalar type; BUILD later sets its byte order. */
function numpyDtype(args: PyValue[]): PyValue {
  const code = args[0];
  if (typeof code !== 'string' || !/^[fiub][1248]$/.test(code)) {
    throw new CheckpointError(`a numpy dtype ${preview(code)} is not a plain number type.`);
  }
  return new PyOpaque(TAG_NUMPY_DTYPE, { code, littleEndian: true });
}

/** BUILD on a numpy dtype: state (version, byteorder, …); only the byte order matters. */
export function buildNumpyDtype(obj: PyValue, state: PyValue): PyValue {
  if (!(obj instanceof PyOpaque) || obj.tag !== TAG_NUMPY_DTYPE || !(state instanceof PyTuple)) {
    throw new CheckpointError('the pickle sets the state of an object that is not a numpy dtype.');
  }
  const dtype = obj.payload as { code: string; littleEndian: boolean };
  return new PyOpaque(TAG_NUMPY_DTYPE, { ...dtype, littleEndian: state.items[1] !== '>' });
}

/** numpy.core.multiarray.scalar(dtype, raw bytes) → the number. */
function numpyScalar(args: PyValue[]): PyValue {
  const [dtype, raw] = args;
  if (
    !(dtype instanceof PyOpaque) ||
    dtype.tag !== TAG_NUMPY_DTYPE ||
    !(raw instanceof Uint8Array)
  ) {
    throw new CheckpointError('a numpy scalar is malformed.');
  }
  const { code, littleEndian } = dtype.payload as { code: string; littleEndian: boolean };
  const size = Number(code[1]);
  if (raw.length !== size)
    throw new CheckpointError('a numpy scalar has the wrong number of bytes.');
  const v = new DataView(raw.buffer, raw.byteOffset, size);
  const read: Record<string, () => number | bigint | boolean> = {
    f2: () => v.getUint16(0, littleEndian),
    f4: () => v.getFloat32(0, littleEndian),
    f8: () => v.getFloat64(0, littleEndian),
    i1: () => v.getInt8(0),
    i2: () => v.getInt16(0, littleEndian),
    i4: () => v.getInt32(0, littleEndian),
    i8: () => v.getBigInt64(0, littleEndian),
    u1: () => v.getUint8(0),
    u2: () => v.getUint16(0, littleEndian),
    u4: () => v.getUint32(0, littleEndian),
    u8: () => v.getBigUint64(0, littleEndian),
    b1: () => v.getUint8(0) !== 0
  };
  const reader = read[code];
  if (!reader) throw new CheckpointError(`numpy scalars of type ${code} are not supported.`);
  return reader();
}

/** _codecs.encode(text, 'latin1'): how protocol-2 pickles spell bytes. */
function codecsEncode(args: PyValue[]): PyValue {
  const [text, encoding] = args;
  if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1')) {
    throw new CheckpointError('only latin1 byte strings are accepted from _codecs.encode.');
  }
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

function buildAllowList(): Map<string, AllowedGlobal> {
  const globals = new Map<string, AllowedGlobal>([
    ['collections.OrderedDict', { call: () => new PyDict() }],
    ['torch._utils._rebuild_tensor_v2', { call: rebuildTensor }],
    ['torch._utils._rebuild_parameter', { call: rebuildParameter }],
    ['numpy.dtype', { call: numpyDtype }],
    ['numpy.core.multiarray.scalar', { call: numpyScalar }],
    ['numpy._core.multiarray.scalar', { call: numpyScalar }],
    ['_codecs.encode', { call: codecsEncode }]
  ]);
  for (const [name, dtype] of Object.entries(STORAGE_TYPES)) {
    globals.set(`torch.${name}`, { value: new PyOpaque(TAG_STORAGE_TYPE, dtype) });
  }
  return globals;
}

export const TORCH_GLOBALS: ReadonlyMap<string, AllowedGlobal> = buildAllowList();

/**
 * A storage persistent id: ('storage', <storage type>, key, location, numel[, view_metadata]).
 * The zip format writes five fields; the legacy format adds view metadata (None, or
 * (view_key, offset, size) from old torch versions).
 */
export function storageFromPid(pid: PyValue): PyValue {
  const items = pid instanceof PyTuple ? pid.items : [];
  const [kind, type, key, , numel, view] = items;
  if (kind !== 'storage' || !(type instanceof PyOpaque) || type.tag !== TAG_STORAGE_TYPE) {
    throw new CheckpointError('a persistent id is not a storage reference.');
  }
  if (
    typeof key !== 'string' ||
    typeof numel !== 'number' ||
    !Number.isSafeInteger(numel) ||
    numel < 0
  ) {
    throw new CheckpointError('a storage reference has a malformed key or size.');
  }
  const dtype = type.payload as DType;
  if (!DTYPES.includes(dtype)) throw new CheckpointError(`unknown storage type ${dtype}.`);
  let viewOffset = 0;
  if (view instanceof PyTuple) {
    const at = view.items[1];
    if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0)
      throw new CheckpointError('a storage view has a malformed offset.');
    viewOffset = at;
  }
  const ref: StorageRef = { key, dtype, numel, viewOffset };
  return new PyOpaque(TAG_STORAGE, ref);
}
