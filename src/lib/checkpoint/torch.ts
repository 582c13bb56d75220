/**
 * Reads a PyTorch checkpoint (`.pth`) into float32 tensors, in both formats torch.save writes
 * (torch/serialization.py): the zip format (the default since 1.6: `<name>/data.pkl` plus one
 * `<name>/data/<key>` entry per storage) and the legacy format
 * (`_use_new_zipfile_serialization=False`: magic number, protocol and sys-info pickles, the data
 * pickle, the sorted storage keys pickle, then each storage as an int64 element count and its
 * raw bytes). No Node-only API: it runs in the page, a worker and Node alike.
 */
import { PyDict, unpickle, type PyOpaque, type PyValue } from './pickle';
import { ELEMENT_SIZE, checkStorageBytes, materialize, type StorageRef } from './tensor';
import {
  TORCH_GLOBALS,
  buildNumpyDtype,
  isTensor,
  storageFromPid,
  tensorRef
} from './torch-globals';
import { CheckpointError, guardAsync, type Result, type TensorMap } from './types';
import { isZip, readZipDirectory, readZipEntry } from './zip';

export type CheckpointFormat = 'torch-zip' | 'torch-legacy';

export interface Checkpoint {
  format: CheckpointFormat;
  /** The state_dict's tensors, keys as saved (a `module.` prefix is kept; matching strips it). */
  tensors: TensorMap;
  /** What was read and what was left aside, for a person (never errors). */
  notes: string[];
}

const PICKLE_OPTIONS = {
  globals: TORCH_GLOBALS,
  persistentLoad: storageFromPid,
  build: buildNumpyDtype
};

/** The state_dict inside mmcv's {'meta', 'state_dict', 'optimizer'}, or the file itself if bare. */
function findStateDict(top: PyValue, notes: string[]): PyDict {
  if (!(top instanceof PyDict)) throw new CheckpointError('it holds no dictionary of weights.');
  const inner = top.get('state_dict');
  if (inner instanceof PyDict) {
    const others = top.keys.filter((k) => k !== 'state_dict').map(String);
    if (others.length) notes.push(`Read its state_dict; left aside: ${others.join(', ')}.`);
    return inner;
  }
  if (top.values.some(isTensor)) return top;
  const keys = top.keys.slice(0, 8).map(String).join(', ');
  throw new CheckpointError(
    `it has no state_dict and no tensors at its top level (its keys: ${keys}).`
  );
}

/** The tensor entries of a state_dict, in order; non-tensor entries are noted and skipped. */
function tensorEntries(dict: PyDict, notes: string[]): Array<[string, PyOpaque]> {
  const entries: Array<[string, PyOpaque]> = [];
  const skipped: string[] = [];
  dict.keys.forEach((key, i) => {
    const value = dict.values[i];
    if (typeof key === 'string' && isTensor(value)) entries.push([key, value]);
    else skipped.push(String(key));
  });
  if (skipped.length)
    notes.push(
      `Skipped ${skipped.length} entries that are not tensors: ${skipped.slice(0, 5).join(', ')}.`
    );
  return entries;
}

/** Tensors from the state dict, each storage's bytes fetched once by `storageBytes`. */
async function collectTensors(
  top: PyValue,
  notes: string[],
  storageBytes: (ref: StorageRef) => Promise<Uint8Array>
): Promise<TensorMap> {
  const tensors: TensorMap = new Map();
  for (const [name, value] of tensorEntries(findStateDict(top, notes), notes)) {
    const ref = tensorRef(value);
    tensors.set(name, materialize(name, ref, await storageBytes(ref.storage)));
  }
  return tensors;
}

async function readZipCheckpoint(bytes: Uint8Array): Promise<Checkpoint> {
  const entries = readZipDirectory(bytes);
  const pkl = [...entries.keys()].filter(
    (n) => n.endsWith('data.pkl') && n.split('/').length === 2
  );
  if (pkl.length !== 1)
    throw new CheckpointError('it is a zip but not a torch.save file (no single <name>/data.pkl).');
  const prefix = pkl[0].slice(0, -'data.pkl'.length);
  const byteorder = entries.get(`${prefix}byteorder`);
  if (
    byteorder &&
    new TextDecoder().decode(await readZipEntry(bytes, byteorder)).trim() !== 'little'
  ) {
    throw new CheckpointError(
      'it was saved on a big-endian machine, which this reader does not support.'
    );
  }
  const { value } = unpickle(await readZipEntry(bytes, entries.get(pkl[0])!), PICKLE_OPTIONS);
  const cache = new Map<string, Uint8Array>();
  const storageBytes = async (ref: StorageRef): Promise<Uint8Array> => {
    const name = `${prefix}data/${ref.key}`;
    let data = cache.get(name);
    if (!data) {
      const entry = entries.get(name);
      if (!entry)
        throw new CheckpointError(`storage ${ref.key} is missing from the zip (${name}).`);
      data = await readZipEntry(bytes, entry);
      cache.set(name, data);
    }
    checkStorageBytes(ref, data.length, `entry ${name}`);
    return data;
  };
  const notes: string[] = [];
  return { format: 'torch-zip', tensors: await collectTensors(value, notes, storageBytes), notes };
}

/** torch/serialization.py MAGIC_NUMBER and PROTOCOL_VERSION of the legacy format. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

/** Checks the three header pickles; returns where the data pickle starts. */
function readLegacyHeader(bytes: Uint8Array): number {
  const magic = unpickle(bytes, PICKLE_OPTIONS);
  if (magic.value !== LEGACY_MAGIC)
    throw new CheckpointError('it is a pickle but not a torch.save file (wrong magic number).');
  const protocol = unpickle(bytes, PICKLE_OPTIONS, magic.end);
  if (protocol.value !== LEGACY_PROTOCOL)
    throw new CheckpointError(`it uses torch legacy protocol ${String(protocol.value)}, not 1001.`);
  const sysInfo = unpickle(bytes, PICKLE_OPTIONS, protocol.end);
  if (!(sysInfo.value instanceof PyDict) || sysInfo.value.get('little_endian') !== true) {
    throw new CheckpointError(
      'it was saved on a big-endian machine, which this reader does not support.'
    );
  }
  return sysInfo.end;
}

/** Each storage record: int64 element count, then the elements (torch's _write_file). */
function readLegacyStorages(
  bytes: Uint8Array,
  start: number,
  keys: string[],
  refs: Map<string, StorageRef>
): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records = new Map<string, Uint8Array>();
  let at = start;
  for (const key of keys) {
    const ref = refs.get(key);
    if (!ref) throw new CheckpointError(`storage ${key} is listed but no tensor uses it.`);
    if (at + 8 > bytes.length)
      throw new CheckpointError(`storage ${key} is cut off: the file is truncated.`);
    const count = view.getBigInt64(at, true);
    const length = Number(count) * ELEMENT_SIZE[ref.dtype];
    if (count < 0n || at + 8 + length > bytes.length) {
      throw new CheckpointError(
        `storage ${key} declares ${count} values, more than the file holds: the file is truncated or forged.`
      );
    }
    records.set(key, bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return records;
}

async function readLegacyCheckpoint(bytes: Uint8Array): Promise<Checkpoint> {
  const refs = new Map<string, StorageRef>();
  const persistentLoad = (pid: PyValue): PyValue => {
    const storage = storageFromPid(pid) as PyOpaque;
    const ref = storage.payload as StorageRef;
    refs.set(ref.key, ref);
    return storage;
  };
  const data = unpickle(bytes, { ...PICKLE_OPTIONS, persistentLoad }, readLegacyHeader(bytes));
  const keyList = unpickle(bytes, PICKLE_OPTIONS, data.end);
  if (!Array.isArray(keyList.value) || !keyList.value.every((k) => typeof k === 'string')) {
    throw new CheckpointError('its list of storages is malformed.');
  }
  const records = readLegacyStorages(bytes, keyList.end, keyList.value as string[], refs);
  const storageBytes = async (ref: StorageRef): Promise<Uint8Array> => {
    const record = records.get(ref.key);
    if (!record) throw new CheckpointError(`storage ${ref.key} is missing from the file.`);
    checkStorageBytes(ref, record.length, `its record`);
    return record;
  };
  const notes: string[] = [];
  return {
    format: 'torch-legacy',
    tensors: await collectTensors(data.value, notes, storageBytes),
    notes
  };
}

/**
 * Reads a `.pth` file: zip or legacy format, an mmcv checkpoint or a bare state_dict. Never
 * throws; a refused file comes back with a sentence saying why.
 */
export function readTorchCheckpoint(bytes: Uint8Array): Promise<Result<Checkpoint>> {
  return guardAsync('This checkpoint was not loaded', async () => {
    if (isZip(bytes)) return readZipCheckpoint(bytes);
    if (bytes.length > 2 && bytes[0] === 0x80) return readLegacyCheckpoint(bytes);
    throw new CheckpointError('it is neither a torch.save zip nor a legacy torch.save pickle.');
  });
}
