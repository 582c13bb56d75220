/**
 * The oracle fixtures written by tests/oracle/make_fixtures.py from the official Lite-HRNet code
 * and the counters people run (tests/oracle/README.md). Read from disk, not imported: a 2 MB
 * JSON import would make the type checker infer a type for every row.
 */
import { readFileSync } from 'node:fs';
import type { LiteHRNetConfig } from '$lib/model';

/**
 * Tool keys, as in the fixtures. `paper` is torchstat's Flops column (tools/summary_network.py);
 * `hrnet` (HRNet's get_model_summary) is in the hrnet fixture only.
 */
export type OracleKey =
  'paper' | 'mmcv' | 'conv' | 'fvcore' | 'ptflops' | 'ptflops-aten' | 'thop' | 'hrnet';

export interface OracleCall {
  /** Official module path, or `<owner module>#<function>` for a functional op ptflops patches. */
  module: string;
  /** 0-based call index of that module (or of that function within its owner). */
  call: number;
  macs: Partial<Record<OracleKey, number>>;
}

export interface OracleCase {
  id: string;
  config: LiteHRNetConfig;
  params: number;
  /** null when the tool could not run on this config (`notes` says why). */
  macs: Record<OracleKey, number | null>;
  torchstatMAdd: number;
  fvcoreByOperator: Record<string, number> | null;
  fvcoreSkipped: Record<string, number> | null;
  notes?: Record<string, string>;
  calls?: OracleCall[];
}

export interface OracleFixture {
  generatedBy: string;
  sources: Record<string, string>;
  torch: string;
  seed: number | null;
  cases: OracleCase[];
}

export function loadFixture(group: 'presets' | 'random' | 'hrnet'): OracleFixture {
  const url = new URL(`../../oracle/fixtures/${group}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as OracleFixture;
}
