/**
 * "The fusion double-add": the same model with the official fusion sum and with the paper's,
 * and what the fusion layers cost under each convention. The official code seeds output 0's sum
 * with x0 and then adds x0 again (its loop starts at j = 0), in place, so x0's storage holds the
 * pre-ReLU sum S0 = 2·x0 + Σ_{j>0} F0j(xj); every later output applies its branch-0 chain to S0,
 * twice. Those chains run twice: conventions that count every call see it, torchstat does not.
 */
import type { Analysis, ConventionCosts, LiteHRNetConfig } from '$lib/model';
import { analyzeConfig, byCategory, emptyCosts } from '$lib/model';

export interface FusionCosts {
  official: ConventionCosts;
  paper: ConventionCosts;
  /** Whole-network totals under each fusion sum. */
  totals: { official: ConventionCosts; paper: ConventionCosts };
}

function fusionOf(a: Analysis): ConventionCosts {
  return byCategory(a.graph, a.costs).find((g) => g.key === 'fusion')?.macs ?? emptyCosts();
}

/** Null when the config does not build. */
export function fusionCosts(config: LiteHRNetConfig): FusionCosts | null {
  const official = analyzeConfig({ ...config, fusion: 'official' });
  const paper = analyzeConfig({ ...config, fusion: 'paper' });
  if (!official.ok || !paper.ok) return null;
  return {
    official: fusionOf(official),
    paper: fusionOf(paper),
    totals: { official: official.costs.totals.macs, paper: paper.costs.totals.macs }
  };
}
