/**
 * Seeded mutations of a valid checkpoint, for fuzzing the reader: bit flips, truncations,
 * overwritten length fields, spliced ranges, and edits inside the pickle of a zip checkpoint
 * (re-zipped with correct CRCs, so they reach the pickle reader instead of the CRC check),
 * including opcodes of pickle protocols 2, 4 and 5.
 */
import { mulberry32 } from '../../src/lib/tf/prng';
import { makeZip } from '../unit/checkpoint/craft';
import { unzip, type UnzippedEntry } from './unzip';

/** The same seed gives the same mutants (the weights' own PRNG, mulberry32). */
export const random = mulberry32;

type Rng = () => number;
const below = (rng: Rng, n: number) => Math.floor(rng() * n);

/**
 * Opcodes worth inserting: containers, memo, protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL,
 * SHORT_BINUNICODE, BINUNICODE8, EMPTY_SET, FROZENSET, NEWOBJ_EX) and protocol 5 (BYTEARRAY8,
 * NEXT_BUFFER, READONLY_BUFFER), plus long-length ones (LONG4, BINBYTES8) and STOP.
 */
const OPCODES = [
  0x28, 0x29, 0x2e, 0x30, 0x31, 0x32, 0x5d, 0x61, 0x62, 0x65, 0x68, 0x6a, 0x6c, 0x71, 0x72, 0x73,
  0x74, 0x75, 0x7d, 0x81, 0x85, 0x86, 0x87, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92,
  0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x52, 0x51
];

const FIELD_VALUES = [0, 1, 0x7fffffff, 0xffffffff, 0x80000000, 0x10000];

function flipBits(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = bytes.slice();
  for (let i = 1 + below(rng, 8); i > 0; i--) out[below(rng, out.length)] ^= 1 << below(rng, 8);
  return out;
}

function truncate(bytes: Uint8Array, rng: Rng): Uint8Array {
  return bytes.slice(0, below(rng, bytes.length));
}

function overwriteField(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = bytes.slice();
  const at = below(rng, Math.max(1, out.length - 4));
  const value = rng() < 0.5 ? FIELD_VALUES[below(rng, FIELD_VALUES.length)] : below(rng, 2 ** 32);
  new DataView(out.buffer).setUint32(at, value >>> 0, true);
  return out;
}

function splice(bytes: Uint8Array, rng: Rng): Uint8Array {
  const from = below(rng, bytes.length);
  const length = below(rng, 64);
  const to = below(rng, bytes.length);
  const out = new Uint8Array(bytes.length + length);
  out.set(bytes.subarray(0, to));
  out.set(bytes.subarray(from, from + length), to);
  out.set(bytes.subarray(to), to + length);
  return out.subarray(0, bytes.length + Math.min(length, bytes.length - from));
}

function insertOpcodes(bytes: Uint8Array, rng: Rng): Uint8Array {
  const ops = Array.from({ length: 1 + below(rng, 4) }, () =>
    rng() < 0.8 ? OPCODES[below(rng, OPCODES.length)] : below(rng, 256)
  );
  const at = below(rng, bytes.length);
  return Uint8Array.from([...bytes.subarray(0, at), ...ops, ...bytes.subarray(at)]);
}

function deleteRange(bytes: Uint8Array, rng: Rng): Uint8Array {
  const at = below(rng, bytes.length);
  const length = 1 + below(rng, 16);
  return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + length)]);
}

const BYTE_MUTATIONS = [flipBits, truncate, overwriteField, splice];
const PICKLE_MUTATIONS = [flipBits, overwriteField, insertOpcodes, deleteRange, splice];

function pick<T>(rng: Rng, list: T[]): T {
  return list[below(rng, list.length)];
}

/** A zip checkpoint whose data.pkl is mutated, re-zipped with correct CRCs. */
function mutatePickle(entries: UnzippedEntry[], rng: Rng): Uint8Array {
  return makeZip(
    entries.map((e) =>
      e.name.endsWith('data.pkl')
        ? { name: e.name, data: pick(rng, PICKLE_MUTATIONS)(e.data, rng) }
        : e
    )
  );
}

/** The `i`-th mutant of a valid file (zip checkpoints also get pickle-level mutants). */
export function mutants(valid: Uint8Array, seed: number): (i: number) => Uint8Array {
  const entries = valid[0] === 0x50 ? unzip(valid) : null;
  return (i) => {
    const rng = random(seed * 100_003 + i);
    if (entries && rng() < 0.6) return mutatePickle(entries, rng);
    return pick(rng, entries ? BYTE_MUTATIONS : [...BYTE_MUTATIONS, insertOpcodes, deleteRange])(
      valid,
      rng
    );
  };
}
