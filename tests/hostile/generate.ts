/**
 * Hostile weights files, written byte by byte: each case of issue #12 (small files that asked
 * the reader for gigabytes or minutes) and the code-execution attempts that were already
 * refused. Pure functions of their arguments, no Python, so CI and the e2e tests can make them.
 * Every case names the sentence the reader must answer with.
 */
import { constants, deflateRawSync } from 'node:zlib';
import {
  PickleWriter,
  contiguousTensors,
  float32Bytes,
  makeZip,
  stateDictPickle,
  type CraftedTensor
} from '../unit/checkpoint/craft';

export interface ExpectedShape {
  name: string;
  shape: number[];
}

export interface WeightsFileBytes {
  name: string;
  bytes: Uint8Array;
}

export interface HostileCase {
  id: string;
  files: WeightsFileBytes[];
  /** The refusal the reader must give. */
  refusal: RegExp;
}

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Zeros for every storage of a contiguous state dict. */
function zeroStorages(tensors: CraftedTensor[]): Record<string, Uint8Array> {
  return Object.fromEntries(tensors.map((t) => [t.key, new Uint8Array(4 * t.storageNumel)]));
}

function pth(name: string, bytes: Uint8Array): WeightsFileBytes[] {
  return [{ name, bytes }];
}

function zipOf(pickle: Uint8Array, storages: Record<string, Uint8Array>): Uint8Array {
  return makeZip([
    { name: 'archive/data.pkl', data: pickle },
    ...Object.entries(storages).map(([key, data]) => ({ name: `archive/data/${key}`, data }))
  ]);
}

/**
 * A raw DEFLATE stream of `size` zero bytes, about size/1000 long: 1 MiB of zeros compressed
 * with a sync flush (non-final blocks, byte-aligned, so copies can follow one another), repeated,
 * then an empty final block (fixed Huffman: BFINAL=1, BTYPE=01, end-of-block = 0x03 0x00).
 */
export function deflateBomb(size: number): Uint8Array {
  const chunk = deflateRawSync(new Uint8Array(MiB), { finishFlush: constants.Z_SYNC_FLUSH });
  const copies = Math.ceil(size / MiB);
  const out = new Uint8Array(copies * chunk.length + 2);
  for (let i = 0; i < copies; i++) out.set(chunk, i * chunk.length);
  out.set([0x03, 0x00], copies * chunk.length);
  return out;
}

/** A valid zip checkpoint for `expected` whose storages `bombs` inflate to 1 GiB of zeros. */
function zipBomb(expected: ExpectedShape[], bombs: number, declare: 'bomb' | 'storage') {
  const tensors = contiguousTensors(expected);
  const bomb = deflateBomb(GiB);
  const storages = zeroStorages(tensors);
  return makeZip([
    { name: 'archive/data.pkl', data: stateDictPickle(tensors) },
    ...tensors.map((t, i) => {
      const data = storages[t.key];
      if (i >= bombs) return { name: `archive/data/${t.key}`, data };
      // The CRC is that of the declared zeros: the size cap must act before any CRC is known.
      const size = declare === 'bomb' ? GiB : data.length;
      return { name: `archive/data/${t.key}`, data, deflate: bomb, size };
    })
  ]);
}

/** `levels` lists, each holding `width` references to the one before: width^levels leaves. */
function laughs(p: PickleWriter, levels: number, width: number, kind: 'list' | 'tuple'): void {
  p.raw(kind === 'list' ? 0x5d : 0x29).raw(0x94); // EMPTY_LIST or EMPTY_TUPLE, MEMOIZE
  for (let level = 1; level <= levels; level++) {
    p.raw(0x30).mark(); // POP the level below (it stays in the memo), MARK
    for (let i = 0; i < width; i++) p.raw(0x68, level - 1); // BINGET level-1
    p.raw(kind === 'list' ? 0x6c : 0x74).raw(0x94); // LIST or TUPLE, MEMOIZE
  }
}

/** The 833-byte attack: {<a list sharing its own sub-lists 2^100 times>: None}. */
export function billionLaughsKey(kind: 'list' | 'tuple' = 'list'): Uint8Array {
  const p = new PickleWriter().proto().emptyDict();
  laughs(p, 100, 2, kind);
  return p.none().raw(0x73).stop().toBytes(); // SETITEM
}

/** A pickle calling `module.name('echo pwned')`, by GLOBAL or STACK_GLOBAL. */
function callGlobal(p: PickleWriter, module: string, name: string, stack = false): PickleWriter {
  if (stack) p.stackGlobal(module, name);
  else p.global(module, name);
  return p.mark().str('echo pwned').tuple().reduce();
}

function codeExecutionCases(expected: ExpectedShape[]): HostileCase[] {
  const refusal = (g: string) =>
    new RegExp(
      `the Python global ${g.replace(/\./g, '\\.')}, which is not on the list.*nothing was run`
    );
  const top = (module: string, name: string, stack = false) =>
    callGlobal(new PickleWriter().proto(stack ? 4 : 2), module, name, stack)
      .stop()
      .toBytes();
  const inOrderedDict = new PickleWriter()
    .proto()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce();
  callGlobal(inOrderedDict.str(expected[0].name), 'os', 'system').raw(0x73);
  const inMeta = new PickleWriter().proto().emptyDict().str('meta').emptyDict().str('hook');
  callGlobal(inMeta, 'subprocess', 'Popen').raw(0x73).raw(0x73);
  const asState = new PickleWriter()
    .proto()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce();
  callGlobal(asState, 'builtins', 'exec').raw(0x62); // BUILD
  const cases: Array<[string, Uint8Array, string]> = [
    ['os.system', top('os', 'system'), 'os.system'],
    ['posix.system', top('posix', 'system'), 'posix.system'],
    ['builtins.eval by STACK_GLOBAL', top('builtins', 'eval', true), 'builtins.eval'],
    ['builtins.exec', top('builtins', 'exec'), 'builtins.exec'],
    ['subprocess.Popen', top('subprocess', 'Popen'), 'subprocess.Popen'],
    [
      'torch.storage._load_from_bytes',
      top('torch.storage', '_load_from_bytes'),
      'torch.storage._load_from_bytes'
    ],
    ['os.system nested in the OrderedDict', inOrderedDict.stop().toBytes(), 'os.system'],
    ['subprocess.Popen nested in meta', inMeta.stop().toBytes(), 'subprocess.Popen'],
    ['builtins.exec as BUILD state', asState.stop().toBytes(), 'builtins.exec']
  ];
  return cases.map(([id, pickle, g]) => ({
    id,
    files: pth('hostile.pth', zipOf(pickle, {})),
    refusal: refusal(g)
  }));
}

function strideZeroCases(expected: ExpectedShape[]): HostileCase[] {
  const view = (name: string, shape: number[]): CraftedTensor => ({
    name,
    key: '0',
    storageNumel: 1,
    shape,
    stride: shape.map(() => 0)
  });
  const gib = (names: string[]) =>
    zipOf(stateDictPickle(names.map((n) => view(n, [GiB / 4]))), { '0': float32Bytes([1]) });
  const asExpected = zipOf(stateDictPickle(expected.map((t) => view(t.name, t.shape))), {
    '0': float32Bytes([1])
  });
  const names = expected.map((t) => t.name);
  return [
    {
      id: 'a stride-0 1 GiB view',
      files: pth('stride0.pth', gib(names.slice(0, 1))),
      refusal: /does not fit the config/
    },
    {
      id: 'three stride-0 1 GiB views',
      files: pth('stride0x3.pth', gib(names.slice(0, 3))),
      refusal: /does not fit the config/
    },
    {
      id: 'stride-0 views with the shapes the config expects',
      files: pth('stride0-shaped.pth', asExpected),
      refusal: /shows \d+ values from a storage of 1: a view that repeats values/
    }
  ];
}

function zipBombCases(expected: ExpectedShape[]): HostileCase[] {
  const pickleBomb = makeZip([
    { name: 'archive/data.pkl', data: new Uint8Array(0), deflate: deflateBomb(GiB), size: GiB }
  ]);
  return [
    {
      id: 'a 1 MB entry declaring 1 GB',
      files: pth('bomb.pth', zipBomb(expected, 1, 'bomb')),
      refusal: /declares 1073741824 bytes, more than the \d+ its storage declares/
    },
    {
      id: 'three 1 MB entries declaring 1 GB',
      files: pth('bomb3.pth', zipBomb(expected, 3, 'bomb')),
      refusal: /declares 1073741824 bytes/
    },
    {
      id: 'a 1 MB entry inflating to 1 GB past its declared size',
      files: pth('bomb-lying.pth', zipBomb(expected, 1, 'storage')),
      refusal: /inflates to more than the \d+ bytes it declares/
    },
    {
      id: 'a data.pkl inflating to 1 GB',
      files: pth('bomb-pickle.pth', pickleBomb),
      refusal:
        /declares 1073741824 bytes, more than the \d+ a checkpoint of this config's size needs for its pickle/
    }
  ];
}

function manifestCases(expected: ExpectedShape[]): HostileCase[] {
  const manifest = (tensors: Array<{ name: string; shape: number[]; offset: number }>) =>
    new TextEncoder().encode(JSON.stringify({ format: 'lite-hrnet-weights', version: 1, tensors }));
  const region = 16 * MiB; // 64 MiB of float32
  const sixteen = expected.slice(0, 16).map((t) => ({ name: t.name, shape: [region], offset: 0 }));
  const shaped = expected.map((t) => ({ name: t.name, shape: t.shape, offset: 0 }));
  const largest = Math.max(...expected.map((t) => 4 * numel(t.shape)));
  return [
    {
      id: 'a manifest pointing 16 tensors at one 64 MiB region',
      files: [
        { name: 'w.json', bytes: manifest(sixteen) },
        { name: 'w.bin', bytes: new Uint8Array(4 * region) }
      ],
      refusal: /does not fit the config/
    },
    {
      id: 'a manifest pointing every tensor, shaped as expected, at one region',
      files: [
        { name: 'w.json', bytes: manifest(shaped) },
        { name: 'w.bin', bytes: new Uint8Array(largest) }
      ],
      refusal: /overlap in the binary/
    }
  ];
}

function pickleCases(): HostileCase[] {
  const long4 = new PickleWriter()
    .proto()
    .raw(0x8b, 0, 0, 0x10, 0)
    .append(new Uint8Array(MiB))
    .stop()
    .toBytes();
  const setitems = new PickleWriter()
    .proto()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce();
  for (let i = 0; i < 200_000; i += 1000) {
    setitems.mark();
    for (let k = i; k < i + 1000; k++) setitems.str(`k${k}`).none();
    setitems.setitems();
  }
  const deepTuple = new PickleWriter().proto().emptyDict().emptyTuple();
  for (let i = 0; i < 100_000; i++) deepTuple.raw(0x85); // TUPLE1
  return [
    {
      id: 'a 700-byte billion-laughs list key',
      files: pth('laughs.pth', zipOf(billionLaughsKey('list'), {})),
      refusal: /a dict key is a list, which Python cannot use as a key/
    },
    {
      id: 'a billion-laughs tuple key',
      files: pth('laughs-tuple.pth', zipOf(billionLaughsKey('tuple'), {})),
      refusal: /a dict key is a tuple longer than 4096 characters/
    },
    {
      id: 'a tuple key nested 100,000 deep',
      files: pth('deep-key.pth', zipOf(deepTuple.none().raw(0x73).stop().toBytes(), {})),
      refusal: /a dict key is a tuple longer than 4096 characters|far more containers/
    },
    {
      id: 'a LONG4 of 1 MB',
      files: pth('long4.pth', zipOf(long4, {})),
      refusal: /an integer of 1048576 bytes/
    },
    {
      id: '200,000 SETITEMs',
      files: pth('setitems.pth', zipOf(setitems.stop().toBytes(), {})),
      refusal: /far more containers and entries|no state_dict and no tensors/
    }
  ];
}

/** A legacy-format file whose one storage record declares 2^62 values. */
function legacyCases(expected: ExpectedShape[]): HostileCase[] {
  const p = new PickleWriter();
  const header = [
    // LONG1 magic, protocol 1001, {'little_endian': True}
    ...new PickleWriter()
      .proto()
      .raw(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)
      .stop()
      .toBytes(),
    ...new PickleWriter().proto().int(1001).stop().toBytes(),
    ...new PickleWriter()
      .proto()
      .emptyDict()
      .str('little_endian')
      .bool(true)
      .raw(0x73)
      .stop()
      .toBytes()
  ];
  const t = contiguousTensors(expected.slice(0, 1))[0];
  const data = stateDictPickle([t]);
  const keys = p.proto().emptyList().str(t.key).raw(0x61).stop().toBytes();
  const record = new Uint8Array(8);
  new DataView(record.buffer).setBigInt64(0, 2n ** 62n, true);
  const bytes = Uint8Array.from([...header, ...data, ...keys, ...record]);
  return [
    {
      id: 'a legacy storage record declaring 2^62 values',
      files: pth('legacy.pth', bytes),
      refusal: /declares 4611686018427387904 values, more than the file holds/
    }
  ];
}

/** Every hostile case, for a config whose state_dict is `expected`. */
export function hostileCases(expected: ExpectedShape[]): HostileCase[] {
  return [
    ...strideZeroCases(expected),
    ...zipBombCases(expected),
    ...manifestCases(expected),
    ...pickleCases(),
    ...codeExecutionCases(expected),
    ...legacyCases(expected)
  ];
}

/** A valid checkpoint for `expected` whose meta holds a 2^100-leaf shared list: must load. */
export function laughsInMeta(expected: ExpectedShape[], values: (i: number) => number): Uint8Array {
  const tensors = contiguousTensors(expected);
  const p = new PickleWriter().proto().emptyDict().str('meta');
  laughs(p, 100, 2, 'list');
  const state = stateDictPickle(tensors);
  // stateDictPickle writes PROTO … STOP: splice its body in as the 'state_dict' value.
  p.raw(0x73) // SETITEM meta
    .str('state_dict')
    .append(state.subarray(2, state.length - 1))
    .raw(0x73) // SETITEM state_dict
    .stop();
  const storages = Object.fromEntries(
    tensors.map((t, i) => [
      t.key,
      float32Bytes(Array.from({ length: t.storageNumel }, (_, k) => values(i + k)))
    ])
  );
  return zipOf(p.toBytes(), storages);
}
