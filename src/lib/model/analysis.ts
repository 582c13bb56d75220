/**
 * One call from a config (of unknown origin) to everything the views need: validation, graph,
 * costs and memory. Invalid input comes back as errors, never as an exception.
 */
import type { LiteHRNetConfig } from './config';
import type { Graph } from './graph';
import type { GraphCosts } from './cost';
import type { MemoryEstimate } from './memory';
import type { ValidationError } from './validate';
import { buildGraph } from './build';
import { costGraph } from './cost';
import { estimateMemory } from './memory';
import { validateConfig } from './validate';

export interface Analysis {
  config: LiteHRNetConfig;
  graph: Graph;
  costs: GraphCosts;
  memory: MemoryEstimate;
}

export type AnalysisResult = ({ ok: true } & Analysis) | { ok: false; errors: ValidationError[] };

export function analyzeConfig(value: unknown): AnalysisResult {
  const checked = validateConfig(value);
  if (!checked.ok) return checked;
  const graph = buildGraph(checked.config);
  return {
    ok: true,
    config: checked.config,
    graph,
    costs: costGraph(graph),
    memory: estimateMemory(graph)
  };
}
