import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiteHRNetConfig } from '$lib/model';
import { INPUT_ID, analyzeConfig, buildGraph, costGraph, validateConfig } from '$lib/model';
import { mutatedConfig, validConfig } from './arbitraries';

describe('properties over random valid configs', () => {
  it('the generator only makes configs the validator accepts', () => {
    fc.assert(fc.property(validConfig, (c) => validateConfig(c).ok));
  });

  it('layer params sum to the total, and to every module’s weights counted once', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const graph = buildGraph(c);
        const { totals } = costGraph(graph);
        const perName = new Map<string, number>();
        for (const op of graph.ops)
          perName.set(op.name, Math.max(perName.get(op.name) ?? 0, op.params));
        const sum = graph.ops.reduce((t, o) => t + o.params, 0);
        expect(sum).toBe(totals.params);
        expect([...perName.values()].reduce((t, p) => t + p, 0)).toBe(totals.params);
      })
    );
  });

  it('every op’s input shapes equal its producers’ output shapes', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const graph = buildGraph(c);
        for (const op of graph.ops) {
          op.inputs.forEach((i, k) => {
            const produced = i === INPUT_ID ? graph.input : graph.ops[i].outShape;
            expect(op.inShapes[k]).toEqual(produced);
          });
        }
      })
    );
  });

  it('doubling H and W multiplies every conv with output larger than 1x1 by exactly 4; params unchanged', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const doubled: LiteHRNetConfig = {
          ...c,
          input: { height: 2 * c.input.height, width: 2 * c.input.width }
        };
        if (!validateConfig(doubled).ok) return; // past the input-size limit
        const g1 = buildGraph(c);
        const g2 = buildGraph(doubled);
        const k1 = costGraph(g1);
        const k2 = costGraph(g2);
        expect(g2.ops.length).toBe(g1.ops.length);
        expect(k2.totals.params).toBe(k1.totals.params);
        g1.ops.forEach((op, i) => {
          if (op.kind !== 'conv2d' || op.outShape[2] * op.outShape[3] === 1) return;
          expect(k2.perOp.conv[i]).toBe(4 * k1.perOp.conv[i]);
          expect(k2.perOp.mmcv[i]).toBe(4 * k1.perOp.mmcv[i]);
        });
      }),
      { numRuns: 50 }
    );
  });

  it('the conv-only count never exceeds the mmcv or the full count', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const { totals } = costGraph(buildGraph(c));
        expect(totals.macs.conv).toBeLessThanOrEqual(totals.macs.mmcv);
        expect(totals.macs.conv).toBeLessThanOrEqual(totals.macs.full);
      })
    );
  });
});

describe('invalid input gives errors, never exceptions', () => {
  it('for mutated configs', () => {
    fc.assert(
      fc.property(mutatedConfig, (value) => {
        const result = analyzeConfig(value);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 }
    );
  });

  it('for anything at all', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => void analyzeConfig(value)),
      { numRuns: 500 }
    );
  });
});

describe('names and calls', () => {
  it('no two ops share a name and a call index, and calls count up from 0', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const seen = new Map<string, number>();
        for (const op of buildGraph(c).ops) {
          expect(op.call).toBe(seen.get(op.name) ?? 0);
          seen.set(op.name, op.call + 1);
        }
      })
    );
  });

  it('exactly the last call of each name is marked lastCall', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        const ops = buildGraph(c).ops;
        const last = new Map<string, number>();
        for (const op of ops) last.set(op.name, op.id);
        for (const op of ops) expect(op.lastCall).toBe(last.get(op.name) === op.id);
      })
    );
  });
});
