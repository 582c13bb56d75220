import type { Analysis, PresetId } from '../../../src/lib/model';
import { analyzeConfig, presetConfig } from '../../../src/lib/model';
import type { LiteHRNetConfig } from '../../../src/lib/model';

/** A real analysis (no mocks): the graph the page would show. */
export function analysisOf(config: LiteHRNetConfig | PresetId): Analysis {
  const r = analyzeConfig(typeof config === 'string' ? presetConfig(config) : config);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r;
}
