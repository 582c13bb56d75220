import { describe, expect, it } from 'vitest';
import { presetRows } from '../../../src/lib/components/preset-rows';
import { PRESET_ROWS } from '../../../src/lib/components/preset-rows.data';

// The official README of HRNet/Lite-HRNet ("Results and models"): params exact, FLOPs in M = 2^20.
const README = [
  { id: 'litehrnet_18', input: 'COCO 256x192', params: 1_130_769, paperM: 205.2 },
  { id: 'litehrnet_18', input: 'COCO 384x288', params: 1_130_769, paperM: 461.6 },
  { id: 'litehrnet_30', input: 'COCO 256x192', params: 1_763_717, paperM: 319.2 },
  { id: 'litehrnet_30', input: 'COCO 384x288', params: 1_763_717, paperM: 717.8 },
  { id: 'naive_litehrnet_18', input: 'COCO 256x192', params: 760_365, paperM: 194.8 },
  { id: 'wider_naive_litehrnet_18', input: 'COCO 256x192', params: 1_318_625, paperM: 311.1 },
  { id: 'litehrnet_18', input: 'MPII 256x256', params: 1_130_728, paperM: 273.4 },
  { id: 'litehrnet_30', input: 'MPII 256x256', params: 1_763_676, paperM: 425.3 },
  { id: 'naive_litehrnet_18', input: 'MPII 256x256', params: 760_334, paperM: 259.6 }
];

describe('the official models table (computed at prerender)', () => {
  const rows = presetRows();

  it('has every preset at the three official inputs: 4 × 3 rows', () => {
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => `${r.id} ${r.input}`)).size).toBe(12);
  });

  it.each(README)('$id at $input reproduces the README: $params params, $paperM M', (r) => {
    const row = rows.find((x) => x.id === r.id && x.input === r.input);
    expect(row).toBeDefined();
    expect(row!.params).toBe(r.params);
    expect(row!.paperM.toFixed(1)).toBe(r.paperM.toFixed(1));
  });

  it('is plain data that survives serialisation into the page', () => {
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});

describe('the generated preset-rows.data.ts', () => {
  it('equals a fresh count from the graph (run `npm run gen:page-data` when it does not)', () => {
    expect(PRESET_ROWS).toEqual(presetRows());
  });
});
