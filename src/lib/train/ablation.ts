/**
 * What the page makes of finished runs: each side's loss band over its seeds, and the final
 * table's rows (params, cost, latency, PCK and AP with their spread over seeds). Pure.
 */
import type { LossSeries } from '../viz/loss-layout';
import { bandOf, smoothCurve, spreadOf, type CurvePoint, type Spread } from './spread';
import type { Evaluation } from './train-protocol';

export interface RunRecord {
  side: 'A' | 'B';
  seed: number;
  params: number;
  losses: CurvePoint[];
  evaluations: Omit<Evaluation, 'preview'>[];
  stepsPerSecond: number;
  /** Each step's own time (ms), in order. */
  stepMs: number[];
  elapsedMs: number;
  /** Median forward pass of one image, once the run has ended. */
  latencyMs: number | null;
}

/** Steps averaged per point of a drawn curve: about 60 points over the run. */
export function smoothingWindow(steps: number): number {
  return Math.max(1, Math.floor(steps / 60));
}

/** One series per side present: mean loss over its seeds and a min–max band. */
export function lossSeries(
  runs: readonly RunRecord[],
  steps: number,
  labels: Record<'A' | 'B', string>
): LossSeries[] {
  const window = smoothingWindow(steps);
  return (['A', 'B'] as const)
    .map((side) => {
      const curves = runs.filter((r) => r.side === side).map((r) => smoothCurve(r.losses, window));
      return { key: side, label: labels[side], points: bandOf(curves) };
    })
    .filter((s) => s.points.length > 0);
}

export interface SideSummary {
  side: 'A' | 'B';
  /** Runs that finished (reached their last evaluation). */
  runs: number;
  params: number;
  latencyMs: Spread | null;
  pck: Spread | null;
  ap: Spread | null;
  baselinePck: Spread | null;
  stepsPerSecond: Spread | null;
}

/** A side's finished runs summarised; a run counts once it has its latency (it ended). */
export function sideSummary(runs: readonly RunRecord[], side: 'A' | 'B'): SideSummary | null {
  const done = runs.filter((r) => r.side === side && r.latencyMs !== null && r.evaluations.length);
  if (done.length === 0) return null;
  const last = (r: RunRecord) => r.evaluations[r.evaluations.length - 1];
  return {
    side,
    runs: done.length,
    params: done[0].params,
    latencyMs: spreadOf(done.map((r) => r.latencyMs!)),
    pck: spreadOf(done.map((r) => last(r).pck)),
    ap: spreadOf(done.map((r) => last(r).ap)),
    baselinePck: spreadOf(done.map((r) => last(r).baselinePck)),
    stepsPerSecond: spreadOf(done.map((r) => r.stepsPerSecond))
  };
}

/** "0.412 ± 0.031 (0.380–0.447)": mean ± sample sd, then min–max; one value alone as is. */
export function formatSpread(s: Spread | null, digits = 3, unit = ''): string {
  if (!s) return '–';
  const f = (v: number) => `${v.toFixed(digits)}${unit}`;
  if (s.n === 1) return f(s.mean);
  return `${f(s.mean)} ± ${s.sd.toFixed(digits)} (${f(s.min)}–${f(s.max)})`;
}
