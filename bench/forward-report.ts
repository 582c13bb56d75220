/**
 * The forward-pass bench's report as data (what `npm run bench:forward -- --json` prints): rows
 * per model, backend and execution mode, the native anchors measured in the same run, and each
 * row's ratio to each anchor. Pure: bench/forward.bench.ts measures, this shapes.
 */

/** How the network is executed: op by op as the graph lists them, or a fused plan. */
export type Execution = 'op-by-op' | 'fused';

export interface BenchRow {
  model: string;
  backend: string;
  execution: Execution;
  /** null when the backend could not run here (the note says why). */
  medianMs: number | null;
  runs: number;
  note: string;
}

export interface Anchor {
  model: string;
  runtime: 'onnxruntime-node' | 'pytorch';
  threads: number;
  /** null when the anchor was skipped (the note says why). */
  medianMs: number | null;
  note?: string;
}

export interface BenchReport {
  machine: { cores: number; loadavg: number[]; loadavgAfter: number[] };
  rows: BenchRow[];
  anchors: Anchor[];
  /**
   * ratios[model][`${backend} ${execution}`][`${runtime} ${threads}t`] = row median ÷ anchor
   * median: how many times slower than the native anchor (2 decimals).
   */
  ratios: Record<string, Record<string, Record<string, number>>>;
  /** The longest main-thread task seen in the page during any run (0: none over 50 ms). */
  longestMainThreadTaskMs: number;
}

export const anchorKey = (a: Anchor): string => `${a.runtime} ${a.threads}t`;
export const rowKey = (r: BenchRow): string => `${r.backend} ${r.execution}`;

export function ratios(
  rows: readonly BenchRow[],
  anchors: readonly Anchor[]
): BenchReport['ratios'] {
  const out: BenchReport['ratios'] = {};
  for (const row of rows) {
    if (row.medianMs === null) continue;
    for (const a of anchors) {
      if (a.model !== row.model || a.medianMs === null || a.medianMs <= 0) continue;
      const byRow = ((out[row.model] ??= {})[rowKey(row)] ??= {});
      byRow[anchorKey(a)] = Math.round((row.medianMs / a.medianMs) * 100) / 100;
    }
  }
  return out;
}

/** The median from the page's latency line ("median 1,234 ms, …", formatMs's style), or null. */
export function parseMedianMs(latency: string): number | null {
  const m = /median ([\d,]+(?:\.\d+)?) ms\b/.exec(latency);
  if (!m) return null;
  const v = Number(m[1]!.replaceAll(',', ''));
  return Number.isFinite(v) ? v : null;
}

/** bench/torch_forward.py's stdout as anchors, or a sentence saying what was wrong. */
export function parseTorchAnchors(stdout: string): Anchor[] | string {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return 'torch_forward.py printed no JSON';
  }
  const rows = (data as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) return 'torch_forward.py printed no rows';
  const ok = rows.every(
    (r) =>
      typeof r?.model === 'string' &&
      Number.isInteger(r?.threads) &&
      typeof r?.medianMs === 'number' &&
      Number.isFinite(r.medianMs)
  );
  if (!ok) return 'torch_forward.py printed a malformed row';
  const version = (data as { torch?: unknown }).torch;
  return rows.map((r) => ({
    model: r.model,
    runtime: 'pytorch' as const,
    threads: r.threads,
    medianMs: r.medianMs,
    note: `PyTorch ${typeof version === 'string' ? version : '?'} CPU, tests/parity/reference.py, median of ${r.runs} runs`
  }));
}
