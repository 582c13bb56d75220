/** What a run takes besides the config: its counts and an optional input tensor. Pure. */
import { nchwInputProblem } from '$lib/tf/input';

/** Timed runs: 1 to 100, whole. */
export const validRuns = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 100;
/** Warm-up runs: 0 to 20, whole. */
export const validWarmup = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 20;

/** An NCHW input given as .npy, used instead of the image. */
export interface InputTensor {
  label: string;
  data: Float32Array;
  shape: number[];
}

/** Why the tensor cannot feed a network of this input size (null: it can). */
export function tensorProblem(
  tensor: InputTensor,
  input: { height: number; width: number }
): string | null {
  const unusable = nchwInputProblem(tensor.shape);
  if (unusable) return `The input tensor ${tensor.label} ${unusable}. The image is used instead.`;
  const want = [1, 3, input.height, input.width];
  return tensor.shape.join('x') === want.join('x')
    ? null
    : `The input tensor ${tensor.label} is ${tensor.shape.join('x')}; this network needs ${want.join('x')} (N x C x H x W). The image is used instead.`;
}

/** The image a run starts from: the bundled sample or one the person gave. */
export interface ImageSource {
  img: HTMLImageElement;
  label: string;
}
