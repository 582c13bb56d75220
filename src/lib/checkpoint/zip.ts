/**
 * Just enough of the ZIP format (PKWARE APPNOTE 6.3) to read torch.save files: the central
 * directory, STORED entries (what torch writes), DEFLATE entries through the platform's
 * DecompressionStream('deflate-raw') (what a re-zipped file may use), and ZIP64 fields. Every
 * offset and size is checked against the file before use; every entry read is checked against
 * its CRC-32; nothing inflates past the size the caller allows.
 *
 * Why not fflate: the platform's inflater is native and already here (no extra code in the
 * reader's chunk), and the two things a hostile zip needs — a size cap enforced while
 * inflating, and the CRC — are a few lines each. Fed in 4 KiB slices, the inflater holds at most
 * ~4 MiB of output beyond what was asked for at any moment (DEFLATE expands at most 1032:1).
 */
import { CheckpointError, clip } from './types';

export interface ZipEntry {
  name: string;
  /** 0 = STORED, 8 = DEFLATE. */
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed contents, from the central directory. */
  crc32: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64_LOCATOR = 0x07064b50;
const SIG_END64 = 0x06064b50;
const MAX_COMMENT = 0xffff;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  );
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkRange(bytes: Uint8Array, start: number, length: number, what: string): void {
  if (!Number.isSafeInteger(start) || start < 0 || start + length > bytes.length) {
    throw new CheckpointError(
      `the zip's ${clip(what, 100)} points outside the file (a truncated or damaged file).`
    );
  }
}

/** The end-of-central-directory record, searched backwards past an optional comment. */
function findEnd(bytes: Uint8Array): number {
  const v = view(bytes);
  const lowest = Math.max(0, bytes.length - 22 - MAX_COMMENT);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (v.getUint32(at, true) === SIG_END) return at;
  }
  throw new CheckpointError(
    'it starts like a zip but its directory at the end is missing: the file is truncated (an interrupted download?).'
  );
}

/** Where the central directory is and how many entries it has, ZIP64 included. */
function centralDirectory(bytes: Uint8Array): { offset: number; count: number } {
  const v = view(bytes);
  const end = findEnd(bytes);
  let count = v.getUint16(end + 10, true);
  let offset = v.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || v.getUint32(locator, true) !== SIG_END64_LOCATOR) {
      throw new CheckpointError('the zip says it is ZIP64 but has no ZIP64 directory locator.');
    }
    const end64 = Number(v.getBigUint64(locator + 8, true));
    checkRange(bytes, end64, 56, 'ZIP64 directory');
    if (v.getUint32(end64, true) !== SIG_END64)
      throw new CheckpointError('the ZIP64 directory is damaged.');
    count = Number(v.getBigUint64(end64 + 32, true));
    offset = Number(v.getBigUint64(end64 + 48, true));
  }
  return { offset, count };
}

/** ZIP64 extra field (id 1): 8-byte values for whichever 32-bit fields are 0xffffffff. */
function applyZip64(entry: ZipEntry, extra: DataView): void {
  for (let at = 0; at + 4 <= extra.byteLength;) {
    const id = extra.getUint16(at, true);
    const len = extra.getUint16(at + 2, true);
    if (id === 1) {
      let p = at + 4;
      const next = (): number => {
        if (p + 8 > at + 4 + len) throw new CheckpointError('a ZIP64 field is too short.');
        const x = Number(extra.getBigUint64(p, true));
        p += 8;
        return x;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    }
    at += 4 + len;
  }
}

const utf8 = new TextDecoder();

/** All entries of the central directory, by name. */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const v = view(bytes);
  const { offset, count } = centralDirectory(bytes);
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    checkRange(bytes, at, 46, 'directory entry');
    if (v.getUint32(at, true) !== SIG_CENTRAL)
      throw new CheckpointError('the zip directory is damaged.');
    if (v.getUint16(at + 8, true) & 1) throw new CheckpointError('the zip is encrypted.');
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    checkRange(bytes, at + 46, nameLength + extraLength, 'directory entry name');
    const entry: ZipEntry = {
      name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: v.getUint16(at + 10, true),
      crc32: v.getUint32(at + 16, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localHeaderOffset: v.getUint32(at + 42, true)
    };
    applyZip64(
      entry,
      new DataView(bytes.buffer, bytes.byteOffset + at + 46 + nameLength, extraLength)
    );
    entries.set(entry.name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's stored bytes (still compressed if it is DEFLATE). */
function rawData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const v = view(bytes);
  checkRange(bytes, entry.localHeaderOffset, 30, `entry ${entry.name}`);
  if (v.getUint32(entry.localHeaderOffset, true) !== SIG_LOCAL) {
    throw new CheckpointError(`the zip entry ${clip(entry.name)} is damaged.`);
  }
  const nameLength = v.getUint16(entry.localHeaderOffset + 26, true);
  const extraLength = v.getUint16(entry.localHeaderOffset + 28, true);
  const start = entry.localHeaderOffset + 30 + nameLength + extraLength;
  checkRange(bytes, start, entry.compressedSize, `entry ${entry.name}`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** CRC-32 (ISO 3309, the reflected polynomial 0xEDB88320) as zip uses it. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Compressed bytes handed to the inflater at a time: bounds what it produces per step. */
const INFLATE_SLICE = 4096;

function tooLarge(name: string, size: number): CheckpointError {
  return new CheckpointError(
    `entry ${clip(name)} inflates to more than the ${size} bytes it declares.`
  );
}

/** Feeds `data` to the inflater slice by slice; each write waits until the output is read. */
async function feed(writer: WritableStreamDefaultWriter<Uint8Array>, data: Uint8Array) {
  try {
    for (let at = 0; at < data.length; at += INFLATE_SLICE)
      await writer.write(data.subarray(at, at + INFLATE_SLICE));
    await writer.close();
  } catch {
    // Cancelled, or the data is invalid: the reading side reports it.
  }
}

/** Inflates raw DEFLATE data, refusing to produce more than the entry declares (a zip bomb). */
async function inflateRaw(data: Uint8Array, size: number, name: string): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new CheckpointError(
      `entry ${clip(name)} is compressed (DEFLATE) and this browser cannot decompress it; re-save the checkpoint with torch.save, which stores entries uncompressed.`
    );
  }
  const stream = new DecompressionStream('deflate-raw') as unknown as TransformStream<
    Uint8Array,
    Uint8Array
  >;
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = feed(writer, data);
  const out = new Uint8Array(size);
  let filled = 0;
  let failure: CheckpointError | null = null;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (filled + chunk.value.length > size) {
        failure = tooLarge(name, size);
        break;
      }
      out.set(chunk.value, filled);
      filled += chunk.value.length;
    }
  } catch {
    failure = new CheckpointError(
      `entry ${clip(name)} is not valid DEFLATE data (a damaged file).`
    );
  }
  if (failure) {
    await Promise.allSettled([reader.cancel(), writer.abort()]);
    await feeding;
    throw failure;
  }
  await feeding;
  if (filled !== size)
    throw new CheckpointError(
      `entry ${clip(name)} inflates to ${filled} bytes, not the ${size} it declares.`
    );
  return out;
}

function checkCrc(entry: ZipEntry, data: Uint8Array): Uint8Array {
  if (crc32(data) !== entry.crc32)
    throw new CheckpointError(
      `the zip entry ${clip(entry.name)} fails its CRC-32 check: the file is damaged (a bad download or disk?).`
    );
  return data;
}

/**
 * An entry's contents, at most `maxBytes` of them: a larger declared size is refused before
 * anything is inflated, and inflation stops as soon as the output passes the declared size.
 */
export async function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  maxBytes: number,
  what: string
): Promise<Uint8Array> {
  if (entry.size > maxBytes)
    throw new CheckpointError(
      `the zip entry ${clip(entry.name)} declares ${entry.size} bytes, more than the ${maxBytes} ${what}.`
    );
  const data = rawData(bytes, entry);
  if (entry.method === 0) {
    if (entry.size !== entry.compressedSize)
      throw new CheckpointError(`the zip entry ${clip(entry.name)} has inconsistent sizes.`);
    return checkCrc(entry, data);
  }
  if (entry.method === 8) return checkCrc(entry, await inflateRaw(data, entry.size, entry.name));
  throw new CheckpointError(
    `entry ${clip(entry.name)} uses zip compression method ${entry.method}; only STORED and DEFLATE are read.`
  );
}
