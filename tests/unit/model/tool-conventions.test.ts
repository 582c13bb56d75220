/**
 * The fvcore, ptflops (both backends) and thop conventions against what those tools print for the
 * official code. The numbers come from tests/oracle/fixtures/*.json, written by
 * tests/oracle/make_fixtures.py, which runs the unedited official Lite-HRNet (HRNet/Lite-HRNet
 * 7b9049d) through each tool in PyTorch: an outside source, not our formulas.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Convention, Op } from '$lib/model';
import { CONVENTIONS, analyzeConfig, fvcoreByOperator, opCosts } from '$lib/model';

interface FixtureCall {
  module: string;
  call: number;
  macs: Partial<Record<Convention, number>>;
}

interface FixtureCase {
  id: string;
  config: unknown;
  params: number;
  macs: Partial<Record<Convention, number | null>>;
  fvcoreByOperator?: Record<string, number> | null;
  calls?: FixtureCall[];
}

const DIR = join(import.meta.dirname, '../../oracle/fixtures');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
const cases: FixtureCase[] = files.flatMap(
  (f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')).cases as FixtureCase[]
);
const TOOLS = ['fvcore', 'ptflops', 'ptflops-aten', 'thop'] as const;

function analysis(c: FixtureCase) {
  const a = analyzeConfig(c.config);
  if (!a.ok) throw new Error(`${c.id}: ${a.errors[0].message}`);
  return a;
}

/**
 * The op a fixture row names. Modules are named by their official path, as our ops are; a
 * functional call is `<owner>#<function>` plus its call number within the owner's forward, which
 * is the position among our ops named `<owner>#<function>` or `<owner>#<function>.<n>`, in
 * execution order.
 */
function opOfRow(ops: Op[], row: FixtureCall): Op | undefined {
  if (!row.module.includes('#'))
    return ops.find((o) => o.name === row.module && o.call === row.call);
  const same = ops.filter((o) => o.name === row.module || o.name.startsWith(`${row.module}.`));
  return same[row.call];
}

describe('the presets and official variants cover every tool', () => {
  it('the fixtures hold the official presets at their inputs, with a count for every tool', () => {
    const ids = cases.map((c) => c.id);
    for (const id of ['litehrnet_18@256x192', 'litehrnet_30@384x288', 'naive_litehrnet_18@256x192'])
      expect(ids).toContain(id);
    for (const c of cases.filter((x) => x.calls))
      for (const t of TOOLS) expect(c.macs[t]).toEqual(expect.any(Number));
  });
});

describe.each(cases.map((c) => [c.id, c] as const))('%s', (_, c) => {
  const a = analysis(c);

  it('each tool’s total equals what the tool prints, to the unit', () => {
    for (const key of CONVENTIONS) {
      const expected = c.macs[key];
      if (expected === undefined || expected === null) continue;
      expect({ key, macs: a.costs.totals.macs[key] }).toEqual({ key, macs: expected });
    }
  });

  if (c.fvcoreByOperator)
    it('fvcore’s by_operator() split matches, operator by operator', () => {
      expect(Object.fromEntries(fvcoreByOperator(a.graph, a.costs))).toEqual(c.fvcoreByOperator);
    });

  // Per-call rows exist for the presets only (the random cases record totals).
  if (c.calls)
    it('every per-call row the tools attribute matches our op call', () => {
      const mismatches: string[] = [];
      for (const row of c.calls!) {
        const op = opOfRow(a.graph.ops, row);
        const counted = Object.entries(row.macs).filter(([, v]) => v !== 0);
        if (!op) {
          // A module with no op of ours must be one the tools saw do nothing (mmpose's empty
          // deconv_layers): a zero row.
          if (counted.length) mismatches.push(`${row.module}@${row.call}: no such op`);
          continue;
        }
        const ours = opCosts(a.costs, op.id);
        for (const [key, v] of Object.entries(row.macs))
          if (ours[key as Convention] !== v)
            mismatches.push(
              `${row.module}@${row.call} ${key}: ours ${ours[key as Convention]}, tool ${v}`
            );
      }
      expect(mismatches).toEqual([]);
    });
});
