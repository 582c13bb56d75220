/**
 * Writes a state_dict as PyTorch's own `.pth`: what `torch.save(state_dict, f)` writes with the
 * zip format (the default since PyTorch 1.6, torch/serialization.py `_save`), so `torch.load`
 * and `model.load_state_dict(..., strict=True)` take it as it is.
 *
 * The archive, every entry stored (no compression), each entry's data starting on a 64-byte
 * boundary as PyTorchStreamWriter aligns it (a local-header extra field of 'Z's, id "FB"):
 * - `archive/data.pkl`: a protocol-2 pickle of an OrderedDict whose values are
 *   `torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())`, each
 *   storage a persistent id ('storage', torch.FloatStorage | torch.LongStorage, key, 'cpu',
 *   numel) that torch.load resolves to the entry `archive/data/<key>`;
 * - `archive/data/<key>`: the storage's little-endian bytes, one per tensor (keys 0, 1, …);
 * - `archive/version`: the serialization format version, "3".
 * Opcodes are those of CPython's Lib/pickletools.py; the zip layout is PKWARE's APPNOTE.
 * Pure TypeScript, no Node API: the page and a worker can call it.
 */
import { contiguousStrides } from './tensor';
import { crc32 } from './zip';
import type { Result, TensorMap } from './types';

/** PyTorchStreamWriter's kFieldAlignment: every entry's data starts at a multiple of this. */
const ALIGNMENT = 64;
const MAX_ZIP32 = 0xffffffff;

/** The keys saved as int64 (torch.LongStorage): BatchNorm's batch counter. */
export const isInt64Key = (key: string) => key.endsWith('.num_batches_tracked');

const enc = new TextEncoder();

class Pickle {
  private readonly out: number[] = [];

  op(...bytes: number[]): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }

  private u32(n: number): number[] {
    return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  }

  /** GLOBAL 'module\nname\n'. */
  global(module: string, name: string): this {
    return this.op(0x63, ...enc.encode(`${module}\n${name}\n`));
  }

  /** BINUNICODE: a 4-byte length, then UTF-8. */
  text(s: string): this {
    const b = enc.encode(s);
    return this.op(0x58, ...this.u32(b.length), ...b);
  }

  /** BININT1 below 256, BININT (signed 32-bit) otherwise. */
  int(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff)
      throw new RangeError(`${n} does not fit a pickle BININT`);
    return n < 256 ? this.op(0x4b, n) : this.op(0x4a, ...this.u32(n));
  }

  /** MARK ints… TUPLE (an empty tuple too). */
  ints(values: readonly number[]): this {
    this.op(0x28);
    values.forEach((v) => this.int(v));
    return this.op(0x74);
  }

  /** collections.OrderedDict() */
  orderedDict(): this {
    return this.global('collections', 'OrderedDict').op(0x29, 0x52);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

function stateDictPickle(entries: Array<{ name: string; key: string; shape: number[] }>) {
  const p = new Pickle().op(0x80, 2).orderedDict().op(0x28); // PROTO 2, OrderedDict(), MARK
  for (const { name, key, shape } of entries) {
    const numel = shape.reduce((a, b) => a * b, 1);
    p.text(name).global('torch._utils', '_rebuild_tensor_v2').op(0x28);
    p.op(0x28)
      .text('storage')
      .global('torch', isInt64Key(name) ? 'LongStorage' : 'FloatStorage')
      .text(key)
      .text('cpu')
      .int(numel)
      .op(0x74, 0x51); // TUPLE, BINPERSID
    p.int(0).ints(shape).ints(contiguousStrides(shape)).op(0x89); // offset, size, stride, False
    p.orderedDict().op(0x74, 0x52); // backward hooks; TUPLE, REDUCE
  }
  return p.op(0x75, 0x2e).bytes(); // SETITEMS, STOP
}

/** The storage's bytes: float32, or int64 for the counters (values are whole numbers). */
function storageBytes(name: string, data: Float32Array): Uint8Array {
  if (!isInt64Key(name)) {
    const out = new Uint8Array(data.length * 4);
    const v = new DataView(out.buffer);
    data.forEach((x, i) => v.setFloat32(i * 4, x, true));
    return out;
  }
  const out = new Uint8Array(data.length * 8);
  const v = new DataView(out.buffer);
  data.forEach((x, i) => v.setBigInt64(i * 8, BigInt(Math.round(x)), true));
  return out;
}

interface Entry {
  name: Uint8Array;
  data: Uint8Array;
  crc: number;
  offset: number;
}

/** Local header: signature, version 2.0, no flags, stored, no time, CRC, sizes, name, extra. */
function localHeader(e: Entry, extra: number): Uint8Array {
  const b = new Uint8Array(30 + e.name.length + extra);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x04034b50, true);
  v.setUint16(4, 20, true);
  v.setUint32(14, e.crc, true);
  v.setUint32(18, e.data.length, true);
  v.setUint32(22, e.data.length, true);
  v.setUint16(26, e.name.length, true);
  v.setUint16(28, extra, true);
  b.set(e.name, 30);
  if (extra > 0) {
    // Extra field "FB" (0x4246), PyTorch's padding record, its body 'Z's.
    v.setUint16(30 + e.name.length, 0x4246, true);
    v.setUint16(32 + e.name.length, extra - 4, true);
    b.fill(0x5a, 34 + e.name.length);
  }
  return b;
}

function centralHeader(e: Entry): Uint8Array {
  const b = new Uint8Array(46 + e.name.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x02014b50, true);
  v.setUint16(4, 20, true);
  v.setUint16(6, 20, true);
  v.setUint32(16, e.crc, true);
  v.setUint32(20, e.data.length, true);
  v.setUint32(24, e.data.length, true);
  v.setUint16(28, e.name.length, true);
  v.setUint32(42, e.offset, true);
  b.set(e.name, 46);
  return b;
}

/** Padding so the data after a header of `base` bytes at `offset` starts aligned (≥ 4 bytes, or 0). */
function paddingFor(offset: number, base: number): number {
  const rest = (ALIGNMENT - ((offset + base) % ALIGNMENT)) % ALIGNMENT;
  if (rest === 0) return 0;
  return rest < 4 ? rest + ALIGNMENT : rest;
}

function zipStored(files: Array<{ name: string; data: Uint8Array }>): Result<Uint8Array> {
  const parts: Uint8Array[] = [];
  const entries: Entry[] = [];
  let offset = 0;
  for (const f of files) {
    const e: Entry = { name: enc.encode(f.name), data: f.data, crc: crc32(f.data), offset };
    const header = localHeader(e, paddingFor(offset, 30 + e.name.length));
    parts.push(header, f.data);
    entries.push(e);
    offset += header.length + f.data.length;
  }
  const dirStart = offset;
  for (const e of entries) {
    const c = centralHeader(e);
    parts.push(c);
    offset += c.length;
  }
  if (offset > MAX_ZIP32 || entries.length > 0xffff)
    return {
      ok: false,
      error: 'These weights are too large for a .pth written here (over 4 GiB).'
    };
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, entries.length, true);
  v.setUint16(10, entries.length, true);
  v.setUint32(12, offset - dirStart, true);
  v.setUint32(16, dirStart, true);
  parts.push(end);
  const out = new Uint8Array(offset + end.length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { ok: true, value: out };
}

/**
 * The .pth bytes of a state_dict (float32 tensors in PyTorch's layout, keyed by official
 * names; `*.num_batches_tracked` saved as int64). A tensor whose data does not fill its shape
 * is refused in words.
 */
export function writeTorchCheckpoint(state: TensorMap): Result<Uint8Array> {
  const entries: Array<{ name: string; key: string; shape: number[] }> = [];
  const files: Array<{ name: string; data: Uint8Array }> = [];
  for (const [name, t] of state) {
    const numel = t.shape.reduce((a, b) => a * b, 1);
    if (t.data.length !== numel)
      return {
        ok: false,
        error: `The tensor ${name} has ${t.data.length} values but its shape ${t.shape.join('x') || '(scalar)'} needs ${numel}.`
      };
    const key = String(entries.length);
    entries.push({ name, key, shape: [...t.shape] });
    files.push({ name: `archive/data/${key}`, data: storageBytes(name, t.data) });
  }
  return zipStored([
    { name: 'archive/data.pkl', data: stateDictPickle(entries) },
    ...files,
    { name: 'archive/version', data: enc.encode('3\n') }
  ]);
}
