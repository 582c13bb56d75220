/**
 * The memory guard: before anything runs, the graph's activation peak (memory.ts, which assumes
 * the eager freeing this executor does) is compared with a stated budget, so a config that would
 * exhaust the tab's memory is refused with a sentence instead of crashing the worker.
 */
import type { Graph, MemoryEstimate } from '$lib/model';
import { estimateMemory, formatMiB } from '$lib/model';

/** 256 MiB of float32 activations: room for every official model at every official input. */
export const ACTIVATION_BUDGET_BYTES = 256 * 2 ** 20;

export { formatMiB };

export type BudgetCheck =
  | { ok: true; peakBytes: number; estimate: MemoryEstimate }
  | { ok: false; peakBytes: number; message: string };

export function checkActivationBudget(
  graph: Graph,
  budgetBytes = ACTIVATION_BUDGET_BYTES
): BudgetCheck {
  const estimate = estimateMemory(graph);
  const peakBytes = estimate.peakBytes;
  if (peakBytes <= budgetBytes) return { ok: true, peakBytes, estimate };
  return {
    ok: false,
    peakBytes,
    message:
      `This configuration needs about ${formatMiB(peakBytes)} of activations at its peak, ` +
      `over the live pass's budget of ${formatMiB(budgetBytes)} (MiB = 2^20 bytes). ` +
      `Choose a smaller input size or narrower branches.`
  };
}
