/**
 * Builders for hand-made (and hostile) pickles and zips, byte by byte, so tests can say exactly
 * what a file contains. Opcode values are those of CPython's Lib/pickletools.py.
 */
import { crc32, deflateRawSync } from 'node:zlib';

const enc = new TextEncoder();

export class PickleWriter {
  private readonly bytes: number[] = [];

  raw(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }

  /** Many bytes at once (a spread of a megabyte would overflow the call stack). */
  append(b: Uint8Array): this {
    for (const x of b) this.bytes.push(x);
    return this;
  }

  private u32(n: number): number[] {
    return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  }

  proto(n = 2): this {
    return this.raw(0x80, n);
  }

  /** GLOBAL 'module\nname\n' (protocol 2, as torch.save writes). */
  global(module: string, name: string): this {
    return this.raw(0x63, ...enc.encode(`${module}\n${name}\n`));
  }

  /** STACK_GLOBAL (protocol 4): module and name as strings on the stack. */
  stackGlobal(module: string, name: string): this {
    return this.str(module).str(name).raw(0x93);
  }

  str(s: string): this {
    const b = enc.encode(s);
    return this.raw(0x58, ...this.u32(b.length), ...b);
  }

  int(n: number): this {
    return this.raw(0x4a, ...this.u32(n));
  }

  float(x: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, x, false);
    return this.raw(0x47, ...b);
  }

  mark(): this {
    return this.raw(0x28);
  }

  tuple(): this {
    return this.raw(0x74);
  }

  emptyTuple(): this {
    return this.raw(0x29);
  }

  emptyDict(): this {
    return this.raw(0x7d);
  }

  emptyList(): this {
    return this.raw(0x5d);
  }

  reduce(): this {
    return this.raw(0x52);
  }

  setitems(): this {
    return this.raw(0x75);
  }

  appends(): this {
    return this.raw(0x65);
  }

  none(): this {
    return this.raw(0x4e);
  }

  bool(v: boolean): this {
    return this.raw(v ? 0x88 : 0x89);
  }

  stop(): this {
    return this.raw(0x2e);
  }

  ints(values: number[]): this {
    this.mark();
    values.forEach((v) => this.int(v));
    return this.tuple();
  }

  toBytes(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export interface CraftedTensor {
  name: string;
  storageType?: string;
  key: string;
  storageNumel: number;
  offset?: number;
  shape: number[];
  stride: number[];
}

/** OrderedDict of tensors, pickled the way torch.save's zip format does it. */
export function stateDictPickle(tensors: CraftedTensor[]): Uint8Array {
  return writeStateDict(new PickleWriter().proto(), tensors).stop().toBytes();
}

/**
 * mmcv's / mmengine's checkpoint: `{'meta': {}, 'state_dict': OrderedDict(…)}` (the real files
 * also hold optimizer and message_hub entries, which the reader leaves aside the same way).
 */
export function wrappedStateDictPickle(tensors: CraftedTensor[]): Uint8Array {
  const p = new PickleWriter().proto().emptyDict().mark().str('meta').emptyDict();
  p.str('state_dict');
  return writeStateDict(p, tensors).setitems().stop().toBytes();
}

function writeStateDict(p: PickleWriter, tensors: CraftedTensor[]): PickleWriter {
  p.global('collections', 'OrderedDict').emptyTuple().reduce();
  p.mark();
  for (const t of tensors) {
    p.str(t.name).global('torch._utils', '_rebuild_tensor_v2').mark();
    p.mark()
      .str('storage')
      .global('torch', t.storageType ?? 'FloatStorage')
      .str(t.key)
      .str('cpu')
      .int(t.storageNumel)
      .tuple()
      .raw(0x51); // BINPERSID
    p.int(t.offset ?? 0)
      .ints(t.shape)
      .ints(t.stride)
      .bool(false);
    p.global('collections', 'OrderedDict').emptyTuple().reduce();
    p.tuple().reduce();
  }
  return p.setitems();
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** DEFLATE the data (true), or store these bytes as its raw DEFLATE stream. */
  deflate?: boolean | Uint8Array;
  /** The uncompressed size the headers declare (default: the data's length). */
  size?: number;
  /** The CRC-32 the headers declare (default: node:zlib's CRC-32 of the data). */
  crc?: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function header(length: number, fill: (v: DataView) => void): Uint8Array {
  const b = new Uint8Array(length);
  fill(new DataView(b.buffer));
  return b;
}

const MAX32 = 0xffffffff;

/**
 * A zip of the given entries (PKWARE APPNOTE 6.3), STORED unless asked to DEFLATE, with real
 * CRC-32s from node:zlib. `zip64` writes every size and offset in ZIP64 fields, as writers do
 * for files over 4 GiB.
 */
export function makeZip(entries: ZipInput[], options: { zip64?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const n = enc.encode(e.name);
    const stored =
      e.deflate instanceof Uint8Array ? e.deflate : e.deflate ? deflateRawSync(e.data) : e.data;
    const method = e.deflate ? 8 : 0;
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const z64 = options.zip64 === true;
    const extra = z64
      ? header(28, (v) => {
          v.setUint16(0, 1, true);
          v.setUint16(2, 24, true);
          v.setBigUint64(4, BigInt(size), true);
          v.setBigUint64(12, BigInt(stored.length), true);
          v.setBigUint64(20, BigInt(offset), true);
        })
      : new Uint8Array();
    const local = header(30 + n.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(8, method, true);
      v.setUint32(14, crc, true);
      v.setUint32(18, stored.length, true);
      v.setUint32(22, size, true);
      v.setUint16(26, n.length, true);
    });
    local.set(n, 30);
    const dir = header(46 + n.length + extra.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(6, z64 ? 45 : 20, true);
      v.setUint16(10, method, true);
      v.setUint32(16, crc, true);
      v.setUint32(20, z64 ? MAX32 : stored.length, true);
      v.setUint32(24, z64 ? MAX32 : size, true);
      v.setUint16(28, n.length, true);
      v.setUint16(30, extra.length, true);
      v.setUint32(42, z64 ? MAX32 : offset, true);
    });
    dir.set(n, 46);
    dir.set(extra, 46 + n.length);
    parts.push(local, stored);
    central.push(dir);
    offset += local.length + stored.length;
  }
  const centralSize = central.reduce((s, c) => s + c.length, 0);
  const tail: Uint8Array[] = [];
  if (options.zip64) {
    const end64At = offset + centralSize;
    tail.push(
      header(56, (v) => {
        v.setUint32(0, 0x06064b50, true);
        v.setBigUint64(4, 44n, true);
        v.setUint16(12, 45, true);
        v.setUint16(14, 45, true);
        v.setBigUint64(24, BigInt(entries.length), true);
        v.setBigUint64(32, BigInt(entries.length), true);
        v.setBigUint64(40, BigInt(centralSize), true);
        v.setBigUint64(48, BigInt(offset), true);
      }),
      header(20, (v) => {
        v.setUint32(0, 0x07064b50, true);
        v.setBigUint64(8, BigInt(end64At), true);
        v.setUint32(16, 1, true);
      })
    );
  }
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, options.zip64 ? 0xffff : entries.length, true);
    v.setUint16(10, options.zip64 ? 0xffff : entries.length, true);
    v.setUint32(12, options.zip64 ? MAX32 : centralSize, true);
    v.setUint32(16, options.zip64 ? MAX32 : offset, true);
  });
  return concat([...parts, ...central, ...tail, end]);
}

export function float32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

/** A torch.save-style zip: `archive/data.pkl` plus one `archive/data/<key>` per storage. */
export function torchZip(
  pickle: Uint8Array,
  storages: Record<string, Uint8Array>,
  options: { deflate?: boolean; zip64?: boolean } = {}
): Uint8Array {
  return makeZip(
    [
      { name: 'archive/data.pkl', data: pickle, deflate: options.deflate },
      ...Object.entries(storages).map(([key, data]) => ({
        name: `archive/data/${key}`,
        data,
        deflate: options.deflate
      }))
    ],
    { zip64: options.zip64 }
  );
}

/** A state_dict entry for each expected tensor, all float32 and contiguous, one storage each. */
export function contiguousTensors(
  expected: ReadonlyArray<{ name: string; shape: number[] }>
): CraftedTensor[] {
  return expected.map((t, i) => ({
    name: t.name,
    key: String(i),
    storageNumel: t.shape.reduce((a, b) => a * b, 1),
    shape: t.shape,
    stride: contiguousStride(t.shape)
  }));
}

export function contiguousStride(shape: number[]): number[] {
  const stride = shape.map(() => 1);
  for (let i = shape.length - 2; i >= 0; i--) stride[i] = stride[i + 1] * shape[i + 1];
  return stride;
}

/** An expected state_dict written by hand (name → shape), as expectedTensors gives a config's. */
export function expecting(
  shapes: Record<string, number[]>
): Array<{ name: string; shape: number[]; optional: boolean; op: string }> {
  return Object.entries(shapes).map(([name, shape]) => ({
    name,
    shape,
    optional: false,
    op: name
  }));
}
