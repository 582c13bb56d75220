/**
 * Per call, for the official presets: what torchstat (paper), mmcv and conv-only hooks
 * attributed to each official module call (tests/oracle/fixtures/presets.json) against the
 * explorer's per-op costs. The explorer's op names are the official module paths and its
 * `call` is the module's 0-based call index, so a row maps to exactly one op.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '$lib/model';
import { buildGraph, costGraph, validateConfig } from '$lib/model';
import type { OracleCall } from './fixtures';
import { loadFixture } from './fixtures';

const KEYS = ['paper', 'mmcv', 'conv'] as const;

describe('per-call costs equal what each tool attributed to that module call', () => {
  for (const c of loadFixture('presets').cases) {
    it(c.id, () => {
      const checked = validateConfig(c.config);
      expect(checked.ok).toBe(true);
      if (!checked.ok) return;
      const graph = buildGraph(checked.config);
      const costs = costGraph(graph);
      const byKey = new Map<string, Op>(graph.ops.map((op) => [`${op.name}@${op.call}`, op]));
      // ptflops's rows for functional ops (`owner#function`) are the counters' business.
      const rows = (c.calls ?? []).filter((r) => !r.module.includes('#'));
      expect(rows.length).toBeGreaterThan(0);

      const mismatches: string[] = [];
      const unmatched: OracleCall[] = [];
      const seen = new Set<number>();
      for (const row of rows) {
        const op = byKey.get(`${row.module}@${row.call}`);
        if (!op) {
          unmatched.push(row);
          continue;
        }
        seen.add(op.id);
        for (const k of KEYS) {
          const theirs = row.macs[k] ?? 0;
          const mine = costs.perOp[k][op.id];
          if (mine !== theirs)
            mismatches.push(`${row.module}@${row.call} ${k}: ${mine} ≠ ${theirs}`);
        }
      }
      expect(mismatches).toEqual([]);
      // The only official leaf the graph has no op for is the keypoint head's nn.Identity
      // (TopDownSimpleHead's absent deconvolutions), which every tool counts as 0.
      expect(unmatched.map((r) => r.module)).toEqual(['keypoint_head.deconv_layers']);
      expect(KEYS.map((k) => unmatched[0].macs[k] ?? 0)).toEqual([0, 0, 0]);
      // Every module call of the graph has its row: torchstat hooks every leaf module.
      const missing = graph.ops
        .filter((op) => op.isModule && !seen.has(op.id))
        .map((op) => op.name);
      expect(missing).toEqual([]);
    });
  }
});

describe('the per-call rows add up to each tool’s total', () => {
  for (const c of loadFixture('presets').cases) {
    it(c.id, () => {
      const keys = ['paper', 'mmcv', 'conv', 'ptflops', 'thop'] as const;
      const sums = Object.fromEntries(
        keys.map((k) => [k, (c.calls ?? []).reduce((t, r) => t + (r.macs[k] ?? 0), 0)])
      );
      expect(sums).toEqual(Object.fromEntries(keys.map((k) => [k, c.macs[k]])));
    });
  }
});
