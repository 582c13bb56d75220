/**
 * The model's code a page loads on demand: validation, the graph builder and the counters
 * behind one dynamic import (`import('$lib/model/engine')`), so that a first screen showing
 * only settings and carried totals (summary.ts) does not wait for them.
 */
import type { Analysis } from './analysis';
import type { Summary } from './summary';

export { analyzeConfig } from './analysis';
export { validateConfig } from './validate';

export function summarize(a: Analysis): Summary {
  return {
    params: a.costs.totals.params,
    macs: { ...a.costs.totals.macs },
    peakBytes: a.memory.peakBytes,
    input: { ...a.config.input }
  };
}

export type Engine = typeof import('./engine');
