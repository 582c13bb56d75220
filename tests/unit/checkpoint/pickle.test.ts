import { describe, expect, it } from 'vitest';
import { MAX_NESTING, PyDict, PyTuple, unpickle } from '../../../src/lib/checkpoint/pickle';
import { TORCH_GLOBALS } from '../../../src/lib/checkpoint/torch-globals';
import { readTorchCheckpoint } from '../../../src/lib/checkpoint';
import { PickleWriter } from './craft';

const options = { globals: TORCH_GLOBALS };

describe('unpickle', () => {
  it('reads the containers and scalars checkpoints use', () => {
    // {'a': [1, 2.5, 'x', None, True], 'b': (7, -3)}
    const bytes = new PickleWriter()
      .proto()
      .emptyDict()
      .mark()
      .str('a')
      .emptyList()
      .mark()
      .int(1)
      .float(2.5)
      .str('x')
      .none()
      .bool(true)
      .appends()
      .str('b')
      .mark()
      .int(7)
      .int(-3)
      .tuple()
      .setitems()
      .stop()
      .toBytes();
    const { value, end } = unpickle(bytes, options);
    expect(end).toBe(bytes.length);
    expect(value).toBeInstanceOf(PyDict);
    const dict = value as PyDict;
    expect(dict.keys).toEqual(['a', 'b']);
    expect(dict.get('a')).toEqual([1, 2.5, 'x', null, true]);
    expect((dict.get('b') as PyTuple).items).toEqual([7, -3]);
  });

  it('reads LONG1 integers, negative ones and those beyond 2^53', () => {
    // LONG1 0xff → -1; LONG1 of torch's legacy magic number 0x1950a86a20f9469cfc6c.
    const minusOne = new PickleWriter().proto().raw(0x8a, 1, 0xff).stop().toBytes();
    expect(unpickle(minusOne, options).value).toBe(-1);
    const magic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
    const big = new PickleWriter()
      .proto()
      .raw(0x8a, 10, ...magic)
      .stop()
      .toBytes();
    expect(unpickle(big, options).value).toBe(0x1950a86a20f9469cfc6cn);
  });

  it('resolves memo slots written by BINPUT and MEMOIZE', () => {
    // ['s', <memo 0>] with 's' memoized at slot 0 by BINPUT.
    const bytes = new PickleWriter()
      .proto()
      .emptyList()
      .mark()
      .str('s')
      .raw(0x71, 0) // BINPUT 0
      .raw(0x68, 0) // BINGET 0
      .appends()
      .stop()
      .toBytes();
    expect(unpickle(bytes, options).value).toEqual(['s', 's']);
  });

  it('refuses os.system by name and runs nothing', () => {
    // The classic payload: os.system('echo pwned') via GLOBAL + REDUCE.
    const bytes = new PickleWriter()
      .proto()
      .global('os', 'system')
      .mark()
      .str('echo pwned')
      .tuple()
      .reduce()
      .stop()
      .toBytes();
    expect(() => unpickle(bytes, options)).toThrow(/os\.system/);
  });

  it('refuses builtins.eval reached through STACK_GLOBAL', () => {
    const bytes = new PickleWriter()
      .proto(4)
      .stackGlobal('builtins', 'eval')
      .mark()
      .str('1+1')
      .tuple()
      .reduce()
      .stop()
      .toBytes();
    expect(() => unpickle(bytes, options)).toThrow(/builtins\.eval/);
  });

  it('refuses torch.storage._load_from_bytes, which would run torch.load on nested bytes', () => {
    const bytes = new PickleWriter()
      .proto()
      .global('torch.storage', '_load_from_bytes')
      .stop()
      .toBytes();
    expect(() => unpickle(bytes, options)).toThrow(/torch\.storage\._load_from_bytes/);
  });

  it(`refuses nesting deeper than ${MAX_NESTING} levels`, () => {
    const p = new PickleWriter().proto();
    for (let i = 0; i < MAX_NESTING + 1; i++) p.mark();
    expect(() => unpickle(p.stop().toBytes(), options)).toThrow(/nests deeper than 1000/);
  });

  it('refuses a string that claims more bytes than the file holds, before allocating', () => {
    // BINUNICODE8 with a length of 2^40.
    const bytes = new PickleWriter().proto(4).raw(0x8d, 0, 0, 0, 0, 0, 1, 0, 0).stop().toBytes();
    expect(() => unpickle(bytes, options)).toThrow(/declares a string of 1099511627776 bytes/);
  });

  it('refuses a pickle cut off before STOP, and an unknown opcode', () => {
    expect(() => unpickle(new PickleWriter().proto().emptyDict().toBytes(), options)).toThrow(
      /before its STOP/
    );
    expect(() => unpickle(new PickleWriter().proto().raw(0x69).toBytes(), options)).toThrow(
      /opcode 0x69/
    );
  });

  it('reaches the page as a refusal, not an exception', async () => {
    const hostile = new PickleWriter()
      .proto()
      .global('os', 'system')
      .mark()
      .str('rm -rf /')
      .tuple()
      .reduce()
      .stop()
      .toBytes();
    const result = await readTorchCheckpoint(hostile, []);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe(
        'This checkpoint was not loaded: it refers to the Python global os.system, which is not on the list of data types a weights file may use; it was refused and nothing was run.'
      );
    }
  });
});
