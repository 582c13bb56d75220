/**
 * Verification: the symbolic graph is a claim, the traced pass is the evidence. Per op call:
 * 1. the traced output shape equals the graph's outShape;
 * 2. the trainable elements of the real weight tensors the op made equal its symbolic params
 *    (0 on a module's later calls, which reuse the first call's tensors);
 * 3. the MACs under every convention, recomputed with ops.ts's own rules on an op rebuilt from
 *    the traced shapes (and, for convs, the real filter), equal the symbolic per-op MACs.
 * Pure: it reads plain data (shapes, sizes), so it runs anywhere and its failures can be tested.
 */
import type { Convention, Graph, GraphCosts, Op, Shape } from '$lib/model';
import { CONVENTIONS, countedByPaper, formatInt, formatShape, opCallCost } from '$lib/model';
import type { OpTrace } from './executor';

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
  /** `macs[convention]` = [recomputed from the trace, symbolic]. */
  macs: Record<Convention, [traced: number, symbolic: number]>;
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
    macs: Record<Convention, [traced: number, symbolic: number]>;
  };
  summary: string;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The op as the trace says it ran: shapes from the tensors, and for convs the channel counts
 * from those shapes and kernel, groups and bias from the real filter.
 */
export function rebuildFromTrace(op: Op, t: OpTrace): Op {
  const base = { ...op, inShapes: t.inShapes, outShape: t.outShape };
  if (op.kind === 'conv2d' && t.conv) {
    const inChannels = t.inShapes[0][1];
    const attrs = {
      ...op.attrs,
      inChannels,
      outChannels: t.outShape[1],
      kernel: t.conv.kernel,
      groups: t.conv.depthwise ? inChannels : 1,
      bias: t.conv.bias
    };
    return { ...base, kind: 'conv2d', attrs } as Op;
  }
  if (op.kind === 'batchnorm')
    return { ...base, kind: 'batchnorm', attrs: { ...op.attrs, channels: t.inShapes[0][1] } } as Op;
  return base as Op;
}

function checkOp(op: Op, t: OpTrace, realParams: number, costs: GraphCosts): OpCheck {
  const rebuilt = rebuildFromTrace(op, t);
  const macs = {} as OpCheck['macs'];
  for (const c of CONVENTIONS) {
    const traced = c === 'paper' && !countedByPaper(op) ? 0 : opCallCost(rebuilt, c);
    macs[c] = [traced, costs.perOp[c][op.id]];
  }
  const reasons: string[] = [];
  if (!sameShape(t.outShape, op.outShape))
    reasons.push(`shape ${formatShape(t.outShape)} ≠ symbolic ${formatShape(op.outShape)}`);
  if (realParams !== op.params)
    reasons.push(`params ${formatInt(realParams)} ≠ symbolic ${formatInt(op.params)}`);
  for (const c of CONVENTIONS)
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
  const checks = graph.ops.map((op) =>
    trace[op.id] ? checkOp(op, trace[op.id], createdParams[op.id] ?? 0, costs) : missing(op, costs)
  );
  const totals = {
    params: [sum(checks.map((c) => c.realParams)), costs.totals.params] as [number, number],
    macs: {} as VerificationReport['totals']['macs']
  };
  for (const c of CONVENTIONS)
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
  for (const c of CONVENTIONS) macs[c] = [0, costs.perOp[c][op.id]];
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
