/**
 * The explorer's first screen: the default network's totals. scripts/page-data.ts counts them
 * once and writes first-screen.data.ts, so a visit shows them before the model's code loads.
 */
import { analyzeConfig, summarize } from '$lib/model/engine';
import type { Summary } from '$lib/model/summary';
import { defaultState } from '$lib/share/state';

export function firstScreen(): Summary {
  const r = analyzeConfig(defaultState().config);
  if (!r.ok) throw new Error(`the default network failed validation: ${r.errors[0].message}`);
  return summarize(r);
}
