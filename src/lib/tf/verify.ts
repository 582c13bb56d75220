/**
 * Verification: the symbolic graph is a claim, the traced pass is the evidence. Per op call:
 * 1. the traced output shape equals the graph's outShape;
 * 2. the trainable elements of the real weight tensors the op made equal its symbolic params
 *    (0 on a module's later calls, which reuse the first call's tensors);
 * 3. the MACs under the paper, mmcv, conv and full conventions, recounted from the traced shapes
 *    (and, for convs, the real filter) with recount.ts's own rule set, not ops.ts's formulas,
 *    equal the symbolic per-op MACs. The counters' conventions (fvcore, ptflops, thop) and the
 *    totals of all of them are checked against the real tools by the oracle fixtures
 *    (tests/oracle), not live.
 * Pure: it reads plain data (shapes, sizes), so it runs anywhere and its failures can be tested.
 */
import type { Graph, GraphCosts, Op, Shape } from '$lib/model';
import { formatInt, formatShape } from '$lib/model';
import type { OpTrace } from './executor';
import type { LiveConvention } from './recount';
import { LIVE_CONVENTIONS, recountCall, torchstatKeeps } from './recount';

export type OpVerdict = { ok: true } | { ok: false; reason: string };

export interface OpCheck {
  id: number;
  name: string;
  kind: Op['kind'];
  call: number;
  tracedShape: Shape;
  symbolicShape: Shape;
  realParams: number;
  symbolicParams: number;
  /** `macs[convention]` = [recounted from the trace, symbolic], for the live-checked conventions. */
  macs: Record<LiveConvention, [traced: number, symbolic: number]>;
  verdict: OpVerdict;
}

export interface VerificationReport {
  checks: OpCheck[];
  /** `verdicts[op.id]`: plain data for the explorer's diagrams to highlight mismatches. */
  verdicts: OpVerdict[];
  verified: number;
  total: number;
  firstMismatch: OpCheck | null;
  totals: {
    params: [real: number, symbolic: number];
    macs: Record<LiveConvention, [traced: number, symbolic: number]>;
  };
  summary: string;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

function checkOp(
  op: Op,
  t: OpTrace,
  realParams: number,
  costs: GraphCosts,
  keptByTorchstat: boolean
): OpCheck {
  const recount = recountCall(op, t);
  const macs = {} as OpCheck['macs'];
  for (const c of LIVE_CONVENTIONS) {
    const traced = c === 'paper' && !keptByTorchstat ? 0 : recount[c];
    macs[c] = [traced, costs.perOp[c][op.id]];
  }
  const reasons: string[] = [];
  if (!sameShape(t.outShape, op.outShape))
    reasons.push(`shape ${formatShape(t.outShape)} ≠ symbolic ${formatShape(op.outShape)}`);
  if (realParams !== op.params)
    reasons.push(`params ${formatInt(realParams)} ≠ symbolic ${formatInt(op.params)}`);
  for (const c of LIVE_CONVENTIONS)
    if (macs[c][0] !== macs[c][1])
      reasons.push(`MACs (${c}) ${formatInt(macs[c][0])} ≠ symbolic ${formatInt(macs[c][1])}`);
  return {
    id: op.id,
    name: op.name,
    kind: op.kind,
    call: op.call,
    tracedShape: t.outShape,
    symbolicShape: op.outShape,
    realParams,
    symbolicParams: op.params,
    macs,
    verdict: reasons.length ? { ok: false, reason: reasons.join('; ') } : { ok: true }
  };
}

function summarize(verified: number, total: number, first: OpCheck | null): string {
  const head = `${verified}/${total} ops verified`;
  if (!first || first.verdict.ok) return head;
  return `${head}; first mismatch: op ${first.id} ${first.name}: ${first.verdict.reason}`;
}

export function verifyTrace(
  graph: Graph,
  costs: GraphCosts,
  trace: readonly OpTrace[],
  createdParams: readonly number[]
): VerificationReport {
  // torchstat's last-call rule, from the order the traced calls ran in (ops never reached are
  // not part of it: they fail as "not executed" anyway).
  const ran = graph.ops.filter((op) => trace[op.id]);
  const kept = new Map(torchstatKeeps(ran).map((keep, i) => [ran[i].id, keep]));
  const checks = graph.ops.map((op) =>
    trace[op.id]
      ? checkOp(op, trace[op.id], createdParams[op.id] ?? 0, costs, kept.get(op.id) ?? false)
      : missing(op, costs)
  );
  const totals = {
    params: [sum(checks.map((c) => c.realParams)), costs.totals.params] as [number, number],
    macs: {} as VerificationReport['totals']['macs']
  };
  for (const c of LIVE_CONVENTIONS)
    totals.macs[c] = [sum(checks.map((k) => k.macs[c][0])), costs.totals.macs[c]];
  const verified = checks.filter((c) => c.verdict.ok).length;
  const firstMismatch = checks.find((c) => !c.verdict.ok) ?? null;
  return {
    checks,
    verdicts: checks.map((c) => c.verdict),
    verified,
    total: graph.ops.length,
    firstMismatch,
    totals,
    summary: summarize(verified, graph.ops.length, firstMismatch)
  };
}

/** An op the pass never reached (it stopped early): a mismatch, never a silent pass. */
function missing(op: Op, costs: GraphCosts): OpCheck {
  const macs = {} as OpCheck['macs'];
  for (const c of LIVE_CONVENTIONS) macs[c] = [0, costs.perOp[c][op.id]];
  return {
    id: op.id,
    name: op.name,
    kind: op.kind,
    call: op.call,
    tracedShape: [0, 0, 0, 0],
    symbolicShape: op.outShape,
    realParams: 0,
    symbolicParams: op.params,
    macs,
    verdict: { ok: false, reason: 'not executed' }
  };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
