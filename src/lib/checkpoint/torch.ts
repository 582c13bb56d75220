/**
 * Reads a PyTorch checkpoint (`.pth`) into float32 tensors, in both formats torch.save writes
 * (torch/serialization.py): the zip format (the default since 1.6: `<name>/data.pkl` plus one
 * `<name>/data/<key>` entry per storage) and the legacy format
 * (`_use_new_zipfile_serialization=False`: magic number, protocol and sys-info pickles, the data
 * pickle, the sorted storage keys pickle, then each storage as an int64 element count and its
 * raw bytes). No Node-only API: it runs in the page, a worker and Node alike.
 */
import type { ExpectedTensor } from './expected';
import { readLimits, type ReadLimits } from './limits';
import { canonicalKeys, checkFit, extrasNote } from './match';
import { GrowthBudget, PyDict, preview, unpickle, type PyOpaque, type PyValue } from './pickle';
import {
  ELEMENT_SIZE,
  checkStorageBytes,
  checkTensorRef,
  materialize,
  nonFiniteWarning,
  storageByteLength,
  type StorageRef,
  type TensorRef
} from './tensor';
import {
  TORCH_GLOBALS,
  buildNumpyDtype,
  isTensor,
  storageFromPid,
  tensorRef
} from './torch-globals';
import {
  CheckpointError,
  WholeSentenceError,
  clip,
  guardAsync,
  type ReadTensors,
  type Result,
  type TensorMap
} from './types';
import { isZip, readZipDirectory, readZipEntry, type ZipEntry } from './zip';

export type CheckpointFormat = 'torch-zip' | 'torch-legacy';

/**
 * The state_dict's tensors the config needs, keys without a `module.` prefix and with mmpose 1.x's
 * `head.` read as `keypoint_head.`; everything else in the file is left unbuilt (and noted).
 */
export interface Checkpoint extends ReadTensors {
  format: CheckpointFormat;
}

function pickleOptions(growth: GrowthBudget) {
  return {
    globals: TORCH_GLOBALS,
    persistentLoad: storageFromPid,
    build: buildNumpyDtype,
    growth
  };
}

/** A dict key as a person reads it: a name as it is (cut short), anything else described. */
const keyText = (k: PyValue): string => (typeof k === 'string' ? clip(k, 40) : preview(k));

/** The state_dict inside mmcv's {'meta', 'state_dict', 'optimizer'}, or the file itself if bare. */
function findStateDict(top: PyValue, notes: string[]): PyDict {
  if (!(top instanceof PyDict)) throw new CheckpointError('it holds no dictionary of weights.');
  const inner = top.get('state_dict');
  if (inner instanceof PyDict) {
    const others = top.keys.filter((k) => k !== 'state_dict').map(keyText);
    if (others.length)
      notes.push(`Read its state_dict; left aside: ${others.slice(0, 8).join(', ')}.`);
    return inner;
  }
  if (top.values.some(isTensor)) return top;
  const keys = top.keys.slice(0, 8).map(keyText).join(', ');
  throw new CheckpointError(
    `it has no state_dict and no tensors at its top level (its keys: ${keys}).`
  );
}

/**
 * The tensor entries of a state_dict, in order; non-tensor entries are noted and skipped. Keys
 * must be text (module paths): anything else is a forged file.
 */
function tensorEntries(dict: PyDict, notes: string[]): Array<[string, TensorRef]> {
  const entries: Array<[string, TensorRef]> = [];
  const skipped: string[] = [];
  for (const [key, value] of dict.entries()) {
    if (typeof key !== 'string')
      throw new CheckpointError(
        `its state_dict has a key that is ${preview(key)}, not a name; state_dict keys are module paths.`
      );
    if (isTensor(value)) entries.push([key, tensorRef(value as PyOpaque)]);
    else skipped.push(clip(key));
  }
  if (skipped.length)
    notes.push(
      `Skipped ${skipped.length} entries that are not tensors: ${skipped.slice(0, 5).join(', ')}.`
    );
  return entries;
}

/**
 * The storages the kept tensors use may hold, together, only a little more than the config's
 * weights: checked on the declarations, before a byte is read.
 */
function checkStorageBudget(kept: Array<[string, TensorRef]>, limits: ReadLimits): void {
  const sizes = new Map<string, number>();
  for (const [, ref] of kept) {
    const values = ref.storage.viewOffset + ref.storage.numel;
    sizes.set(ref.storage.key, Math.max(sizes.get(ref.storage.key) ?? 0, values));
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  if (total > limits.storageElements)
    throw new CheckpointError(
      `its storages declare ${total} values, more than the ${limits.storageElements} this config's weights need (${limits.elements}, plus a margin): a forged or padded file.`
    );
}

/** Fetches a storage's bytes; `release` says no later tensor needs them. */
interface StorageSource {
  bytes(ref: StorageRef): Promise<Uint8Array>;
  release(key: string): void;
}

/**
 * The config's tensors out of the state dict. Names and shapes are checked against the config,
 * then every view against its storage and the storages against the budget; only then is
 * anything read or allocated, and a storage's bytes are dropped once its last tensor is built.
 */
async function buildTensors(
  top: PyValue,
  limits: ReadLimits,
  source: StorageSource
): Promise<ReadTensors> {
  const notes: string[] = [];
  const entries = tensorEntries(findStateDict(top, notes), notes);
  const named = canonicalKeys(entries, notes, limits.expected);
  const fit = checkFit(new Map(named.map(([n, r]) => [n, r.shape])), limits.expected);
  if (!fit.ok) throw new WholeSentenceError(fit.error);
  if (fit.value.extras.length) notes.push(extrasNote(fit.value.extras));
  const refs = new Map(named);
  const kept = fit.value.present.map((t): [string, TensorRef] => [t.name, refs.get(t.name)!]);
  kept.forEach(([name, ref]) => checkTensorRef(name, ref));
  checkStorageBudget(kept, limits);
  const uses = new Map<string, number>();
  for (const [, ref] of kept) uses.set(ref.storage.key, (uses.get(ref.storage.key) ?? 0) + 1);
  const tensors: TensorMap = new Map();
  for (const [name, ref] of kept) {
    tensors.set(name, materialize(name, ref, await source.bytes(ref.storage)));
    const left = uses.get(ref.storage.key)! - 1;
    uses.set(ref.storage.key, left);
    if (left === 0) source.release(ref.storage.key);
  }
  return { tensors, notes, warnings: nonFiniteWarning(tensors) };
}

/** Reads zip entries within the limits: a running total of inflated bytes, one budget. */
class ZipSource implements StorageSource {
  private readonly cache = new Map<string, Uint8Array>();
  private inflatedLeft: number;

  constructor(
    private readonly file: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    private readonly prefix: string,
    limits: ReadLimits
  ) {
    this.inflatedLeft = limits.inflatedBytes;
  }

  async entry(entry: ZipEntry, maxBytes: number, what: string): Promise<Uint8Array> {
    const data = await readZipEntry(this.file, entry, Math.min(maxBytes, this.inflatedLeft), what);
    this.inflatedLeft -= data.length;
    return data;
  }

  async bytes(ref: StorageRef): Promise<Uint8Array> {
    const name = `${this.prefix}data/${ref.key}`;
    let data = this.cache.get(name);
    if (!data) {
      const entry = this.entries.get(name);
      if (!entry)
        throw new CheckpointError(
          `storage ${clip(ref.key, 40)} is missing from the zip (${clip(name)}).`
        );
      data = await this.entry(entry, storageByteLength(ref), 'its storage declares');
      this.cache.set(name, data);
    }
    checkStorageBytes(ref, data.length, `entry ${clip(name)}`);
    return data;
  }

  release(key: string): void {
    this.cache.delete(`${this.prefix}data/${key}`);
  }
}

async function readZipCheckpoint(bytes: Uint8Array, limits: ReadLimits): Promise<Checkpoint> {
  const entries = readZipDirectory(bytes);
  const pkl = [...entries.keys()].filter(
    (n) => n.endsWith('data.pkl') && n.split('/').length === 2
  );
  if (pkl.length !== 1)
    throw new CheckpointError('it is a zip but not a torch.save file (no single <name>/data.pkl).');
  const prefix = pkl[0].slice(0, -'data.pkl'.length);
  const source = new ZipSource(bytes, entries, prefix, limits);
  const byteorder = entries.get(`${prefix}byteorder`);
  if (
    byteorder &&
    new TextDecoder().decode(await source.entry(byteorder, 16, 'a byte order needs')).trim() !==
      'little'
  ) {
    throw new CheckpointError(
      'it was saved on a big-endian machine, which this reader does not support.'
    );
  }
  const pickle = await source.entry(
    entries.get(pkl[0])!,
    limits.pickleBytes,
    "a checkpoint of this config's size needs for its pickle"
  );
  const { value } = unpickle(pickle, pickleOptions(new GrowthBudget(limits.pickleGrowth)));
  return { format: 'torch-zip', ...(await buildTensors(value, limits, source)) };
}

/** torch/serialization.py MAGIC_NUMBER and PROTOCOL_VERSION of the legacy format. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL = 1001;

type PickleOptions = ReturnType<typeof pickleOptions>;

/** Checks the three header pickles; returns where the data pickle starts. */
function readLegacyHeader(bytes: Uint8Array, options: PickleOptions): number {
  const magic = unpickle(bytes, options);
  if (magic.value !== LEGACY_MAGIC)
    throw new CheckpointError('it is a pickle but not a torch.save file (wrong magic number).');
  const protocol = unpickle(bytes, options, magic.end);
  if (protocol.value !== LEGACY_PROTOCOL)
    throw new CheckpointError(
      `it uses torch legacy protocol ${preview(protocol.value)}, not 1001.`
    );
  const sysInfo = unpickle(bytes, options, protocol.end);
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
    const shown = clip(key, 40);
    if (!ref) throw new CheckpointError(`storage ${shown} is listed but no tensor uses it.`);
    if (at + 8 > bytes.length)
      throw new CheckpointError(`storage ${shown} is cut off: the file is truncated.`);
    const count = view.getBigInt64(at, true);
    const length = Number(count) * ELEMENT_SIZE[ref.dtype];
    if (count < 0n || at + 8 + length > bytes.length) {
      throw new CheckpointError(
        `storage ${shown} declares ${count} values, more than the file holds: the file is truncated or forged.`
      );
    }
    records.set(key, bytes.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return records;
}

async function readLegacyCheckpoint(bytes: Uint8Array, limits: ReadLimits): Promise<Checkpoint> {
  const options = pickleOptions(new GrowthBudget(limits.pickleGrowth));
  const refs = new Map<string, StorageRef>();
  const persistentLoad = (pid: PyValue): PyValue => {
    const storage = storageFromPid(pid) as PyOpaque;
    const ref = storage.payload as StorageRef;
    refs.set(ref.key, ref);
    return storage;
  };
  const data = unpickle(bytes, { ...options, persistentLoad }, readLegacyHeader(bytes, options));
  const keyList = unpickle(bytes, options, data.end);
  if (!Array.isArray(keyList.value) || !keyList.value.every((k) => typeof k === 'string')) {
    throw new CheckpointError('its list of storages is malformed.');
  }
  const records = readLegacyStorages(bytes, keyList.end, keyList.value as string[], refs);
  const source: StorageSource = {
    bytes: async (ref) => {
      const record = records.get(ref.key);
      if (!record)
        throw new CheckpointError(`storage ${clip(ref.key, 40)} is missing from the file.`);
      checkStorageBytes(ref, record.length, `its record`);
      return record;
    },
    // Records are views into the file: nothing to free.
    release: () => {}
  };
  return { format: 'torch-legacy', ...(await buildTensors(data.value, limits, source)) };
}

/**
 * Reads a `.pth` file for a config: zip or legacy format, an mmcv checkpoint or a bare
 * state_dict. Only the config's `expected` tensors are built, after their names and shapes are
 * checked, within budgets set by the config's size (limits.ts). Never throws; a refused file
 * comes back with a sentence saying why.
 */
export function readTorchCheckpoint(
  bytes: Uint8Array,
  expected: readonly ExpectedTensor[]
): Promise<Result<Checkpoint>> {
  return guardAsync('This checkpoint was not loaded', async () => {
    const limits = readLimits(expected);
    if (isZip(bytes)) return readZipCheckpoint(bytes, limits);
    if (bytes.length > 2 && bytes[0] === 0x80) return readLegacyCheckpoint(bytes, limits);
    throw new CheckpointError('it is neither a torch.save zip nor a legacy torch.save pickle.');
  });
}
