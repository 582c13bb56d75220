/**
 * Builders for hand-made (and hostile) pickles and zips, byte by byte, so tests can say exactly
 * what a file contains. Opcode values are those of CPython's Lib/pickletools.py.
 */

const enc = new TextEncoder();

export class PickleWriter {
  private readonly bytes: number[] = [];

  raw(...b: number[]): this {
    this.bytes.push(...b);
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
  const p = new PickleWriter().proto().global('collections', 'OrderedDict').emptyTuple().reduce();
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
  return p.setitems().stop().toBytes();
}

/** A STORED zip of the given entries (CRCs left 0: the reader does not check them). */
export function makeZip(entries: Array<{ name: string; data: Uint8Array }>): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const n = enc.encode(name);
    const local = new Uint8Array(30 + n.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, n.length, true);
    local.set(n, 30);
    const dir = new Uint8Array(46 + n.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint32(20, data.length, true);
    dv.setUint32(24, data.length, true);
    dv.setUint16(28, n.length, true);
    dv.setUint32(42, offset, true);
    dir.set(n, 46);
    parts.push(local, data);
    central.push(dir);
    offset += local.length + data.length;
  }
  const centralSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, end];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function float32Bytes(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

/** A torch.save-style zip: `archive/data.pkl` plus one `archive/data/<key>` per storage. */
export function torchZip(pickle: Uint8Array, storages: Record<string, Uint8Array>): Uint8Array {
  return makeZip([
    { name: 'archive/data.pkl', data: pickle },
    ...Object.entries(storages).map(([key, data]) => ({ name: `archive/data/${key}`, data }))
  ]);
}
