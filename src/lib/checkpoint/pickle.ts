/**
 * A pickle reader that executes nothing. Python's pickle is a small stack machine whose GLOBAL
 * and REDUCE opcodes import and call arbitrary functions (`os.system` included); a checkpoint
 * from the internet must never get that power. Here a global resolves only through the
 * caller's allow-list of pure data rebuilders (see torch-globals.ts), anything else is refused
 * by name, and every length is checked against the bytes that remain before anything is
 * allocated. Opcodes are those of protocols 2–5 that torch.save and mmcv write; see CPython's
 * Lib/pickletools.py for their definitions.
 */
import { CheckpointError, clip } from './types';

/** A Python tuple (lists are plain arrays). */
export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/**
 * Python dict keys in a form a Map can hold: equal keys (in Python's sense) give equal text.
 * Strings, numbers, None and bytes map directly; a tuple is written out item by item within
 * MAX_KEY_CHARS, so a tuple sharing its own parts ("billion laughs") is refused after a few
 * thousand characters instead of being expanded. Lists and dicts cannot be keys in Python at
 * all; an object from the allow-list (a tensor) hashes by identity there, and here too.
 */
export const MAX_KEY_CHARS = 4096;

const identities = new WeakMap<object, number>();
let lastIdentity = 0;

function identity(v: object): number {
  let id = identities.get(v);
  if (id === undefined) identities.set(v, (id = ++lastIdentity));
  return id;
}

function scalarKey(key: PyValue): string | null {
  if (typeof key === 'string') return `s${key}`;
  if (key === null) return 'N';
  // Python: True == 1 == 1.0 hash alike.
  if (typeof key === 'boolean') return key ? 'n1' : 'n0';
  if (typeof key === 'number') return Number.isSafeInteger(key) ? `n${key}` : `f${key}`;
  if (typeof key === 'bigint') return `n${key}`;
  if (key instanceof Uint8Array) return `b${latin1.decode(key)}`;
  if (key instanceof PyOpaque) return `o${identity(key)}`;
  return null;
}

function spendKey(budget: { left: number }, n: number): void {
  budget.left -= n;
  if (budget.left < 0)
    throw new CheckpointError(
      `a dict key is a tuple longer than ${MAX_KEY_CHARS} characters written out; a weights file's keys are short names.`
    );
}

function tupleKey(items: readonly PyValue[], budget: { left: number }): string {
  // Charged before going deeper, so a tuple nested 100,000 deep stops after ~2,000 levels.
  spendKey(budget, 2);
  const parts: string[] = [];
  for (const item of items) {
    const text = item instanceof PyTuple ? tupleKey(item.items, budget) : dictKey(item);
    spendKey(budget, text.length);
    parts.push(`${text.length}:${text}`);
  }
  return `t(${parts.join('')})`;
}

export function dictKey(key: PyValue): string {
  const scalar = scalarKey(key);
  if (scalar !== null) return scalar;
  if (key instanceof PyTuple) return tupleKey(key.items, { left: MAX_KEY_CHARS });
  throw new CheckpointError(
    `a dict key is ${describe(key)}, which Python cannot use as a key (a forged file).`
  );
}

/**
 * A Python dict or OrderedDict, keys in insertion order. Text keys (all a state_dict has) are
 * looked up as they are; any other key by its canonical text (`dictKey`), in a map of its own.
 */
export class PyDict {
  private readonly byText = new Map<string, number>();
  private readonly byOther = new Map<string, number>();
  readonly keys: PyValue[] = [];
  readonly values: PyValue[] = [];

  set(key: PyValue, value: PyValue): void {
    const [index, k] = typeof key === 'string' ? [this.byText, key] : [this.byOther, dictKey(key)];
    const at = index.get(k);
    if (at !== undefined) this.values[at] = value;
    else {
      index.set(k, this.keys.length);
      this.keys.push(key);
      this.values.push(value);
    }
  }

  get(key: string): PyValue | undefined {
    const at = this.byText.get(key);
    return at === undefined ? undefined : this.values[at];
  }

  get size(): number {
    return this.keys.length;
  }

  *entries(): IterableIterator<[PyValue, PyValue]> {
    for (let i = 0; i < this.keys.length; i++) yield [this.keys[i], this.values[i]];
  }
}

/**
 * Something only the allow-list can make: a callable global, or what one returned (a tensor
 * reference, a storage type). `tag` says which; `payload` is the resolver's own data.
 */
export class PyOpaque {
  constructor(
    readonly tag: string,
    readonly payload: unknown
  ) {}
}

export type PyValue =
  null | boolean | number | bigint | string | Uint8Array | PyValue[] | PyTuple | PyDict | PyOpaque;

/** What a global may be: called by REDUCE/NEWOBJ, and given state by BUILD. */
export interface AllowedGlobal {
  call?: (args: PyValue[]) => PyValue;
  /** Returned as the global's own value (a class used as a marker, such as torch.FloatStorage). */
  value?: PyValue;
}

/**
 * One budget for everything the pickle makes the reader keep, in units of about one pointer and
 * a share of an object: every container made (a dict counts DICT_UNITS), every item put into
 * one (TUPLE/LIST/DICT, APPEND(S), SETITEM(S)), every memo entry (PUT, MEMOIZE), every DUP and
 * every value a global returns. The machine's work is linear in the file's length anyway; this
 * bound keeps the *structure* it builds proportional to the model (about 50 bytes of heap a
 * unit at most), so neither memory nor anything that walks it later can be made to blow up.
 */
export class GrowthBudget {
  constructor(public left: number) {}

  spend(n: number): void {
    this.left -= n;
    if (this.left < 0)
      throw new CheckpointError(
        'the pickle builds far more containers and entries than a weights file for this config has (a forged file).'
      );
  }
}

/** An integer longer than this many bytes is refused: checkpoints hold none over 10 bytes. */
export const MAX_LONG_BYTES = 64;

/** A dict's own weight in growth units: a Map and two arrays. */
const DICT_UNITS = 4;

export interface UnpickleOptions {
  /** Shared by every pickle of one file; a generous default when absent. */
  growth?: GrowthBudget;
  /** `module.name` → what it may do. Everything else is refused. */
  globals: ReadonlyMap<string, AllowedGlobal>;
  /** Turns a persistent id (torch's storage reference) into a value. */
  persistentLoad?: (pid: PyValue) => PyValue;
  /** BUILD on an object the reader does not know how to update. */
  build?: (obj: PyValue, state: PyValue) => PyValue;
}

/** Deeper nesting than any checkpoint has (they nest < 10 levels): refuse rather than recurse. */
export const MAX_NESTING = 1000;
/**
 * More pending values than any checkpoint's pickle holds at once (pickle batches SETITEMS and
 * APPENDS by 1,000, so a state dict's stack stays a few thousand deep).
 */
export const MAX_STACK = 100_000;
/** The growth budget when the caller gives none (readers always give one from the config). */
const DEFAULT_GROWTH = 1_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** A cursor over the bytes that refuses to read past their end. */
class Reader {
  pos: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    start: number
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number, what: string): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.bytes.length) {
      const left = this.bytes.length - this.pos;
      throw new CheckpointError(
        `the pickle declares ${what} of ${n} bytes but only ${left} bytes remain (a truncated or forged file).`
      );
    }
  }

  u8(): number {
    this.need(1, 'an opcode argument');
    return this.bytes[this.pos++];
  }

  u16(): number {
    this.need(2, 'a 2-byte integer');
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  i32(): number {
    this.need(4, 'a 4-byte integer');
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u32(): number {
    this.need(4, 'a 4-byte length');
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(): number {
    this.need(8, 'an 8-byte length');
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    // Anything above 2^53 is far beyond the file; `take` reports it as such.
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  f64be(): number {
    this.need(8, 'a float');
    const v = this.view.getFloat64(this.pos, false);
    this.pos += 8;
    return v;
  }

  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw new CheckpointError('a GLOBAL opcode is cut off (no end of line).');
    const text = latin1.decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }
}

/**
 * Two's-complement little-endian integer of LONG1/LONG4, as a number when it fits. Built from
 * hex text in one step (linear), after a length cap.
 */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length > MAX_LONG_BYTES)
    throw new CheckpointError(
      `the pickle holds an integer of ${bytes.length} bytes; a weights file's integers are at most ${MAX_LONG_BYTES} bytes long.`
    );
  if (bytes.length === 0) return 0;
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += bytes[i].toString(16).padStart(2, '0');
  let v = BigInt(`0x${hex}`);
  if (bytes[bytes.length - 1] & 0x80) v -= 1n << BigInt(8 * bytes.length);
  const small = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER);
  return small ? Number(v) : v;
}

function decodeText(decoder: TextDecoder, bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new CheckpointError('a string in the pickle is not valid UTF-8 (a damaged file).');
  }
}

/** A value in a few words, never expanded: safe for any value the pickle built. */
export function describe(v: PyValue): string {
  if (v instanceof PyOpaque) return v.tag;
  if (v instanceof PyTuple) return 'a tuple';
  if (v instanceof PyDict) return 'a dict';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'bytes';
  return v === null ? 'None' : typeof v;
}

/** A value as shown in a message: short text and numbers as they are, anything else described. */
export function preview(v: PyValue): string {
  if (typeof v === 'string') return JSON.stringify(clip(v, 60));
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return describe(v);
}

/** The pickle virtual machine's state: a stack, a stack of marks, and the memo. */
class Machine {
  private stack: PyValue[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, PyValue>();
  private readonly growth: GrowthBudget;

  constructor(
    private readonly r: Reader,
    private readonly options: UnpickleOptions
  ) {
    this.growth = options.growth ?? new GrowthBudget(DEFAULT_GROWTH);
  }

  push(v: PyValue): void {
    if (this.stack.length >= MAX_STACK)
      throw new CheckpointError(`the pickle holds more than ${MAX_STACK} pending values.`);
    this.stack.push(v);
  }

  pop(): PyValue {
    if (this.stack.length === 0 || this.stack.length <= this.lastMark())
      throw new CheckpointError('the pickle pops from an empty stack (a corrupt file).');
    return this.stack.pop() as PyValue;
  }

  top(): PyValue {
    if (this.stack.length === 0) throw new CheckpointError('the pickle reads an empty stack.');
    return this.stack[this.stack.length - 1];
  }

  private lastMark(): number {
    return this.marks.length ? this.marks[this.marks.length - 1] : 0;
  }

  mark(): void {
    if (this.marks.length >= MAX_NESTING)
      throw new CheckpointError(`the pickle nests deeper than ${MAX_NESTING} levels.`);
    this.marks.push(this.stack.length);
  }

  popMark(): PyValue[] {
    const at = this.marks.pop();
    if (at === undefined) throw new CheckpointError('the pickle closes a MARK it never opened.');
    return this.stack.splice(at);
  }

  /** Items going into an existing container: charged to the growth budget. */
  grow<T extends PyValue[]>(items: T): T {
    this.growth.spend(items.length);
    return items;
  }

  /** A new container and its items. */
  make<T extends PyValue[]>(items: T, units = 1): T {
    this.growth.spend(units + items.length);
    return items;
  }

  put(index: number): void {
    this.growth.spend(1);
    this.memo.set(index, this.top());
  }

  get(index: number): PyValue {
    const v = this.memo.get(index);
    if (v === undefined)
      throw new CheckpointError(`the pickle reads memo slot ${index}, never written.`);
    return v;
  }

  memoize(): void {
    this.put(this.memo.size);
  }

  resolveGlobal(module: PyValue, name: PyValue): PyValue {
    if (typeof module !== 'string' || typeof name !== 'string')
      throw new CheckpointError(
        `the pickle names a global by ${describe(typeof module === 'string' ? name : module)} instead of text (a forged file).`
      );
    const full = `${module}.${name}`;
    const allowed = this.options.globals.get(full);
    if (!allowed) {
      throw new CheckpointError(
        `it refers to the Python global ${clip(full, 100)}, which is not on the list of data types a weights file may use; it was refused and nothing was run.`
      );
    }
    return allowed.value ?? new PyOpaque(`global ${full}`, allowed);
  }

  call(callable: PyValue, args: PyValue): PyValue {
    const allowed = callable instanceof PyOpaque ? (callable.payload as AllowedGlobal) : null;
    if (!allowed?.call)
      throw new CheckpointError(
        `the pickle calls ${describe(callable)}, which is not callable here.`
      );
    if (!(args instanceof PyTuple))
      throw new CheckpointError('the pickle calls a global without an argument tuple.');
    return allowed.call(args.items);
  }

  build(): void {
    const state = this.pop();
    const obj = this.pop();
    // OrderedDict state_dicts carry `_metadata` (module versions) as instance state: not needed.
    if (obj instanceof PyDict) return this.push(obj);
    if (this.options.build) return this.push(this.options.build(obj, state));
    throw new CheckpointError(
      `the pickle sets the state of ${describe(obj)}, which is not supported.`
    );
  }

  setItems(items: PyValue[]): void {
    const dict = this.top();
    if (!(dict instanceof PyDict))
      throw new CheckpointError(`the pickle sets items on ${describe(dict)}.`);
    // A dict entry weighs more than a list slot: its key is indexed too.
    this.growth.spend(items.length);
    for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i], items[i + 1]);
  }

  append(items: PyValue[]): void {
    const list = this.top();
    if (!Array.isArray(list)) throw new CheckpointError(`the pickle appends to ${describe(list)}.`);
    for (const item of items) list.push(item);
  }

  dictFrom(items: PyValue[]): PyDict {
    this.growth.spend(items.length);
    const d = new PyDict();
    for (let i = 0; i + 1 < items.length; i += 2) d.set(items[i], items[i + 1]);
    return d;
  }

  persistent(pid: PyValue): PyValue {
    if (!this.options.persistentLoad)
      throw new CheckpointError('the pickle refers to outside storage where none is expected.');
    return this.options.persistentLoad(pid);
  }

  /** Runs one opcode; returns true at STOP. */
  step(op: number): boolean {
    const r = this.r;
    switch (op) {
      case 0x80:
        r.u8();
        break; // PROTO
      case 0x95:
        r.u64();
        break; // FRAME: a length hint only
      case 0x2e:
        return true; // STOP
      case 0x28:
        this.mark();
        break; // MARK
      case 0x30:
        this.pop();
        break; // POP
      case 0x31:
        this.popMark();
        break; // POP_MARK
      case 0x32:
        this.growth.spend(1);
        this.push(this.top());
        break; // DUP
      case 0x7d:
        this.push(this.dictFrom(this.make([], DICT_UNITS)));
        break; // EMPTY_DICT
      case 0x5d:
        this.push(this.make([]));
        break; // EMPTY_LIST
      case 0x29:
        this.push(new PyTuple(this.make([])));
        break; // EMPTY_TUPLE
      case 0x64:
        this.push(this.dictFrom(this.make(this.popMark(), DICT_UNITS)));
        break; // DICT
      case 0x6c:
        this.push(this.make(this.popMark()));
        break; // LIST
      case 0x74:
        this.push(new PyTuple(this.make(this.popMark())));
        break; // TUPLE
      case 0x85:
        this.push(new PyTuple(this.make([this.pop()])));
        break; // TUPLE1
      case 0x86: {
        const b = this.pop();
        this.push(new PyTuple(this.make([this.pop(), b])));
        break;
      } // TUPLE2
      case 0x87: {
        const c = this.pop();
        const b = this.pop();
        this.push(new PyTuple(this.make([this.pop(), b, c])));
        break;
      } // TUPLE3
      case 0x4a:
        this.push(r.i32());
        break; // BININT
      case 0x4b:
        this.push(r.u8());
        break; // BININT1
      case 0x4d:
        this.push(r.u16());
        break; // BININT2
      case 0x8a:
        this.push(decodeLong(r.take(r.u8(), 'an integer')));
        break; // LONG1
      case 0x8b:
        this.push(decodeLong(r.take(r.u32(), 'an integer')));
        break; // LONG4
      case 0x47:
        this.push(r.f64be());
        break; // BINFLOAT
      case 0x8c:
        this.push(decodeText(utf8, r.take(r.u8(), 'a string')));
        break; // SHORT_BINUNICODE
      case 0x58:
        this.push(decodeText(utf8, r.take(r.u32(), 'a string')));
        break; // BINUNICODE
      case 0x8d:
        this.push(decodeText(utf8, r.take(r.u64(), 'a string')));
        break; // BINUNICODE8
      case 0x55:
        this.push(latin1.decode(r.take(r.u8(), 'a string')));
        break; // SHORT_BINSTRING
      case 0x54:
        this.push(latin1.decode(r.take(r.u32(), 'a string')));
        break; // BINSTRING
      case 0x43:
        this.push(r.take(r.u8(), 'bytes').slice());
        break; // SHORT_BINBYTES
      case 0x42:
        this.push(r.take(r.u32(), 'bytes').slice());
        break; // BINBYTES
      case 0x8e:
        this.push(r.take(r.u64(), 'bytes').slice());
        break; // BINBYTES8
      case 0x88:
        this.push(true);
        break; // NEWTRUE
      case 0x89:
        this.push(false);
        break; // NEWFALSE
      case 0x4e:
        this.push(null);
        break; // NONE
      case 0x73: {
        const v = this.pop();
        const k = this.pop();
        this.setItems(this.grow([k, v]));
        break;
      } // SETITEM
      case 0x75:
        this.setItems(this.grow(this.popMark()));
        break; // SETITEMS
      case 0x61:
        this.append(this.grow([this.pop()]));
        break; // APPEND
      case 0x65:
        this.append(this.grow(this.popMark()));
        break; // APPENDS
      case 0x71:
        this.put(r.u8());
        break; // BINPUT
      case 0x72:
        this.put(r.u32());
        break; // LONG_BINPUT
      case 0x94:
        this.memoize();
        break; // MEMOIZE
      case 0x68:
        this.push(this.get(r.u8()));
        break; // BINGET
      case 0x6a:
        this.push(this.get(r.u32()));
        break; // LONG_BINGET
      case 0x63: {
        const module = r.line();
        this.push(this.resolveGlobal(module, r.line()));
        break;
      } // GLOBAL
      case 0x93: {
        const name = this.pop();
        const module = this.pop();
        this.push(this.resolveGlobal(module, name));
        break;
      } // STACK_GLOBAL
      case 0x52:
      case 0x81: {
        const args = this.pop();
        // What a global returns (an OrderedDict, a tensor reference) is an object to keep.
        this.growth.spend(DICT_UNITS);
        this.push(this.call(this.pop(), args));
        break;
      } // REDUCE, NEWOBJ
      case 0x62:
        this.build();
        break; // BUILD
      case 0x51:
        this.push(this.persistent(this.pop()));
        break; // BINPERSID
      default:
        throw new CheckpointError(
          `the pickle uses opcode 0x${op.toString(16).padStart(2, '0')} at byte ${r.pos - 1}, which weights files do not use.`
        );
    }
    return false;
  }

  result(): PyValue {
    if (this.stack.length !== 1)
      throw new CheckpointError('the pickle ends with a malformed stack.');
    return this.stack[0];
  }
}

/**
 * Reads one pickle starting at `start`. Returns the value and where the pickle ended (the
 * legacy torch format puts several pickles and raw bytes one after another). Throws
 * CheckpointError; the public readers turn that into a Result.
 */
export function unpickle(
  bytes: Uint8Array,
  options: UnpickleOptions,
  start = 0
): { value: PyValue; end: number } {
  const reader = new Reader(bytes, start);
  const machine = new Machine(reader, options);
  for (;;) {
    if (reader.pos >= bytes.length)
      throw new CheckpointError('the pickle ends before its STOP opcode (a truncated file).');
    if (machine.step(bytes[reader.pos++])) return { value: machine.result(), end: reader.pos };
  }
}
