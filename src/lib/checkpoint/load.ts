/**
 * Weights from the files a person gives: one .pth (either torch.save format), or a .json
 * manifest with its .bin. Pure and Node-free, so the page's parsing worker and the CLI share it.
 */
import { readWeightsManifest } from './manifest';
import { readTorchCheckpoint } from './torch';
import { fail, ok, type Result, type TensorMap } from './types';

export interface WeightsFile {
  name: string;
  bytes: Uint8Array;
}

export interface LoadedWeights {
  /** What the weights are called on screen: the file name(s). */
  label: string;
  tensors: TensorMap;
}

const ext = (name: string) => name.toLowerCase().slice(name.lastIndexOf('.'));

/** Reads a .pth, or a .json + .bin pair (in any order); anything else is refused in words. */
export async function readWeightsFiles(files: WeightsFile[]): Promise<Result<LoadedWeights>> {
  const pth = files.filter(
    (f) => ['.pth', '.pt', '.ckpt'].includes(ext(f.name)) || /\.pth\.tar$/i.test(f.name)
  );
  const json = files.filter((f) => ext(f.name) === '.json');
  const bin = files.filter((f) => ext(f.name) === '.bin');
  if (pth.length === 1 && files.length === 1) {
    const read = await readTorchCheckpoint(pth[0].bytes);
    return read.ok ? ok({ label: pth[0].name, tensors: read.value.tensors }) : read;
  }
  if (json.length === 1 && bin.length === 1 && files.length === 2) {
    const text = new TextDecoder().decode(json[0].bytes);
    const read = readWeightsManifest(text, bin[0].bytes);
    return read.ok ? ok({ label: `${json[0].name} + ${bin[0].name}`, tensors: read.value }) : read;
  }
  if (json.length === 1 && files.length === 1)
    return fail(`${json[0].name} is a manifest; choose its .bin file together with it.`);
  const names = files.map((f) => f.name).join(', ') || 'no file';
  return fail(
    `Choose one .pth checkpoint, or a .json manifest together with its .bin (got ${names}).`
  );
}
