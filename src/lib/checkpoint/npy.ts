/**
 * NumPy's .npy format (numpy/lib/format.py), float32 only: the parity fixtures' inputs and
 * expected heatmaps. Magic `\x93NUMPY`, version, header length (2 bytes in 1.0, 4 in 2.0/3.0), a
 * Python dict literal header padded with spaces to a 64-byte boundary, then the raw data.
 */
import { CheckpointError, guard, product, type NamedTensor, type Result } from './types';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function parseHeader(header: string): { littleEndian: boolean; shape: number[] } {
  const descr = /'descr':\s*'([<>|=]?)f4'/.exec(header);
  if (!descr) throw new CheckpointError('only float32 arrays are read (its dtype is not f4).');
  if (/'fortran_order':\s*True/.test(header))
    throw new CheckpointError('Fortran-ordered arrays are not read.');
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!shape) throw new CheckpointError('its header has no shape.');
  const dims = shape[1]
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map(Number);
  if (!dims.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new CheckpointError('its shape is malformed.');
  return { littleEndian: descr[1] !== '>', shape: dims };
}

/** Reads a float32 .npy file. */
export function readNpy(bytes: Uint8Array): Result<NamedTensor> {
  return guard('This .npy file was not read', () => {
    if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b))
      throw new CheckpointError('it is not a .npy file.');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const major = bytes[6];
    const lengthBytes = major === 1 ? 2 : 4;
    const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
    const start = 8 + lengthBytes + headerLength;
    if (start > bytes.length) throw new CheckpointError('its header is cut off.');
    const header = new TextDecoder('latin1').decode(bytes.subarray(8 + lengthBytes, start));
    const { littleEndian, shape } = parseHeader(header);
    const n = product(shape);
    if (start + 4 * n !== bytes.length) {
      throw new CheckpointError(
        `its shape needs ${4 * n} bytes of data, it has ${bytes.length - start}.`
      );
    }
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = view.getFloat32(start + 4 * i, littleEndian);
    return { shape, data };
  });
}

/** Writes a little-endian float32 .npy file, version 1.0, as numpy.save does. */
export function writeNpy(tensor: NamedTensor): Uint8Array {
  const dims = tensor.shape.length === 1 ? `${tensor.shape[0]},` : tensor.shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // numpy pads with spaces so that magic + version + length + header + '\n' is a multiple of 64.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + 4 * tensor.data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  tensor.data.forEach((v, i) => view.setFloat32(total + 4 * i, v, true));
  return out;
}
