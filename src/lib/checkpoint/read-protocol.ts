/** The weights reader worker's reply, and its parsing at the page's edge. */
import type { LoadedWeights } from './load';
import { fail, isNamedTensorMessage, ok, type Result, type TensorMap } from './types';

export type WeightsReadReply =
  | {
      ok: true;
      label: string;
      tensors: Array<{ name: string; shape: number[]; data: Float32Array }>;
      notes: string[];
      warnings: string[];
    }
  | { ok: false; error: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isTextList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** The reader's reply as loaded weights, or an error sentence; never throws. */
export function parseWeightsReadReply(data: unknown): Result<LoadedWeights> {
  if (!isRecord(data))
    return fail('The weights reader sent a reply this page does not understand.');
  if (data.ok === false && typeof data.error === 'string') return fail(data.error);
  if (
    data.ok !== true ||
    typeof data.label !== 'string' ||
    !Array.isArray(data.tensors) ||
    !isTextList(data.notes ?? []) ||
    !isTextList(data.warnings ?? [])
  )
    return fail('The weights reader sent a reply this page does not understand.');
  if (!data.tensors.every(isNamedTensorMessage))
    return fail('The weights reader sent a tensor this page does not understand.');
  const tensors: TensorMap = new Map(
    data.tensors.map((t) => [t.name, { shape: t.shape, data: t.data }])
  );
  const notes = (data.notes ?? []) as string[];
  const warnings = (data.warnings ?? []) as string[];
  return ok({ label: data.label, tensors, notes, warnings });
}
