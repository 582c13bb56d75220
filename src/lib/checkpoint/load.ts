/**
 * Weights from the files a person gives: one .pth (either torch.save format), or a .json
 * manifest with its .bin, read for one config. Pure and Node-free, so the page's parsing
 * worker and the CLI share it.
 */
import type { ExpectedTensor } from './expected';
import { readLimits } from './limits';
import { readWeightsManifest } from './manifest';
import { readTorchCheckpoint } from './torch';
import { clip, fail, ok, type ReadTensors, type Result } from './types';

export interface WeightsFile {
  name: string;
  bytes: Uint8Array;
}

export interface LoadedWeights extends ReadTensors {
  /** What the weights are called on screen: the file name(s). */
  label: string;
}

/** mmcv and many training scripts save `.pth.tar`; both are torch.save files. */
const CHECKPOINT_ENDINGS = ['.pth', '.pt', '.ckpt', '.pth.tar'];

const ext = (name: string) => name.toLowerCase().slice(name.lastIndexOf('.'));
const isCheckpoint = (name: string) =>
  CHECKPOINT_ENDINGS.some((e) => name.toLowerCase().endsWith(e));

/**
 * Reads a .pth, or a .json + .bin pair (in any order), for the config whose state_dict is
 * `expected` (see expected.ts): only those tensors are built, and nothing larger than they
 * need is allocated. Anything else is refused in words; never throws.
 */
export async function readWeightsFiles(
  files: WeightsFile[],
  expected: readonly ExpectedTensor[]
): Promise<Result<LoadedWeights>> {
  const pth = files.filter((f) => isCheckpoint(f.name));
  const json = files.filter((f) => ext(f.name) === '.json');
  const bin = files.filter((f) => ext(f.name) === '.bin');
  if (pth.length === 1 && files.length === 1) {
    const read = await readTorchCheckpoint(pth[0].bytes, expected);
    if (!read.ok) return read;
    const { tensors, notes, warnings } = read.value;
    return ok({ label: pth[0].name, tensors, notes, warnings });
  }
  if (json.length === 1 && bin.length === 1 && files.length === 2) {
    const limit = readLimits(expected).manifestBytes;
    if (json[0].bytes.length > limit)
      return fail(
        `These weights were not loaded: ${clip(json[0].name)} has ${json[0].bytes.length} bytes, far more than the ${limit} a manifest for this config needs.`
      );
    const text = new TextDecoder().decode(json[0].bytes);
    const read = readWeightsManifest(text, bin[0].bytes, expected);
    return read.ok ? ok({ ...read.value, label: `${json[0].name} + ${bin[0].name}` }) : read;
  }
  if (json.length === 1 && files.length === 1)
    return fail(`${clip(json[0].name)} is a manifest; choose its .bin file together with it.`);
  const names = files.map((f) => clip(f.name, 60)).join(', ') || 'no file';
  return fail(
    `Choose one .pth checkpoint, or a .json manifest together with its .bin (got ${clip(names, 200)}).`
  );
}
