/**
 * A minimal zip reader for building test files out of the committed fixtures, written apart
 * from the reader under test (central directory, STORED or DEFLATE through node:zlib), so a
 * fixture can be taken apart and rebuilt with one thing changed.
 */
import { inflateRawSync } from 'node:zlib';

export interface UnzippedEntry {
  name: string;
  data: Uint8Array;
}

export function unzip(zip: Uint8Array): UnzippedEntry[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (v.getUint32(end, true) !== 0x06054b50) end--;
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const out: UnzippedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = v.getUint16(at + 10, true);
    const compressed = v.getUint32(at + 20, true);
    const nameLength = v.getUint16(at + 28, true);
    const skip = nameLength + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    const local = v.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const raw = zip.subarray(start, start + compressed);
    out.push({ name, data: method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw.slice() });
    at += 46 + skip;
  }
  return out;
}
