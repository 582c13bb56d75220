/**
 * Shared types of checkpoint reading. Parsing never throws to its caller: every public function
 * returns a `Result`, whose error is a sentence a person can act on.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** One tensor, always as float32 (float16/float64/int64 storages are converted on reading). */
export interface NamedTensor {
  /** PyTorch's size; [] for a scalar such as `num_batches_tracked`. */
  shape: number[];
  data: Float32Array;
}

/** state_dict key (`backbone.stem.conv1.conv.weight`) → tensor, in the file's order. */
export type TensorMap = Map<string, NamedTensor>;

/** A tensor with its name, as it crosses a worker boundary: checked before it is trusted. */
export function isNamedTensorMessage(
  v: unknown
): v is { name: string; shape: number[]; data: Float32Array } {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (
    typeof t.name === 'string' &&
    Array.isArray(t.shape) &&
    t.shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
    t.data instanceof Float32Array
  );
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): Result<T> {
  return { ok: false, error };
}

/** What a read gives besides the tensors: notes for a person, and warnings worth acting on. */
export interface ReadTensors {
  tensors: TensorMap;
  /** What was read and what was left aside (a stripped prefix, unused tensors); never errors. */
  notes: string[];
  /** Loaded, but suspicious: tensors holding NaN or infinite values. */
  warnings: string[];
}

/**
 * Thrown inside the readers only, to unwind from deep in a parse; every public entry point
 * catches it with `guard` and returns it as a `Result`.
 */
export class CheckpointError extends Error {}

/** A refusal that is already a whole sentence (the config-fit list): shown without a context. */
export class WholeSentenceError extends CheckpointError {}

/** Text from a file, cut short for a message: a forged 10 MB name must not become the message. */
export function clip(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Runs a parse, turning a CheckpointError (or any other failure) into `{ ok: false }`. */
export function guard<T>(context: string, parse: () => T): Result<T> {
  try {
    return ok(parse());
  } catch (e) {
    return fail(errorSentence(context, e));
  }
}

export async function guardAsync<T>(context: string, parse: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await parse());
  } catch (e) {
    return fail(errorSentence(context, e));
  }
}

function errorSentence(context: string, e: unknown): string {
  if (e instanceof WholeSentenceError) return e.message;
  if (e instanceof CheckpointError) return `${context}: ${e.message}`;
  const detail = e instanceof Error ? e.message : 'an unknown error';
  return `${context}: the file could not be read (${clip(detail, 200)}).`;
}

export function product(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export { formatShape } from '../model/format';
