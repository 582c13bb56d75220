import { describe, expect, it } from 'vitest';
import {
  parseMedianMs,
  parseTorchAnchors,
  ratios,
  type Anchor,
  type BenchRow
} from '../../../bench/forward-report';

const row = (backend: string, medianMs: number | null): BenchRow => ({
  model: 'litehrnet_18',
  backend,
  execution: 'op-by-op',
  medianMs,
  runs: 10,
  note: ''
});

describe('forward bench report', () => {
  it('divides each row median by each anchor of the same model', () => {
    const anchors: Anchor[] = [
      { model: 'litehrnet_18', runtime: 'onnxruntime-node', threads: 1, medianMs: 14 },
      { model: 'litehrnet_18', runtime: 'pytorch', threads: 2, medianMs: 40 },
      { model: 'litehrnet_30', runtime: 'pytorch', threads: 1, medianMs: 99 }
    ];
    // 35 / 14 = 2.5; 35 / 40 = 0.875 → 0.88 (two decimals); the -30 anchor is another model's.
    expect(ratios([row('wasm', 35)], anchors)).toEqual({
      litehrnet_18: { 'wasm op-by-op': { 'onnxruntime-node 1t': 2.5, 'pytorch 2t': 0.88 } }
    });
  });

  it('leaves out rows and anchors without a median (skipped or failed)', () => {
    const anchors: Anchor[] = [
      { model: 'litehrnet_18', runtime: 'pytorch', threads: 1, medianMs: null, note: 'skipped' }
    ];
    expect(ratios([row('webgpu', null), row('wasm', 30)], anchors)).toEqual({});
  });

  it('reads the page latency line, thousands separators included', () => {
    expect(parseMedianMs('median 31.4 ms, min 29.0 ms, max 40.2 ms')).toBe(31.4);
    expect(parseMedianMs('median 5,210 ms, min 5,003 ms, max 6,100 ms')).toBe(5210);
    expect(parseMedianMs('median – ms')).toBeNull();
  });

  it('reads torch_forward.py output, and says what is wrong with bad output', () => {
    const out = JSON.stringify({
      torch: '1.13.0a0',
      rows: [{ model: 'litehrnet_18', threads: 2, medianMs: 21.5, runs: 10 }]
    });
    const anchors = parseTorchAnchors(out);
    expect(anchors).toMatchObject([
      { model: 'litehrnet_18', runtime: 'pytorch', threads: 2, medianMs: 21.5 }
    ]);
    expect(parseTorchAnchors('Traceback ...')).toBe('torch_forward.py printed no JSON');
    expect(parseTorchAnchors('{"rows":[{"model":"x"}]}')).toBe(
      'torch_forward.py printed a malformed row'
    );
  });
});
