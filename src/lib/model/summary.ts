/**
 * A network's headline numbers: what the explorer's totals show. Small and plain, so a page can
 * carry them for its first screen (computed when the site is built) and load the model's code
 * only when something needs more.
 */
import type { InputSize } from './config';
import type { Convention } from './conventions';

export interface Summary {
  params: number;
  /** Multiply-adds under every convention (see ops.ts). */
  macs: Record<Convention, number>;
  /** Peak activation memory in bytes (float32, batch 1; memory.ts). */
  peakBytes: number;
  input: InputSize;
}
