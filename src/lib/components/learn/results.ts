/**
 * Step 8's data: paper Table 3 as points (cost against COCO AP) and the reader's models as cost
 * markers, in the paper's units (GFLOPs = torchstat MACs ÷ 2^30; params in millions).
 */
import type { Analysis } from '$lib/model';
import { COCO_VAL } from '$lib/paper';
import type { CostMarker, ParetoPoint } from '$lib/viz/pareto-layout';

export type ResultAxis = 'gflops' | 'params';

/** Most rows are at 256x192: on the chart only the others say their input size. */
const CHART_INPUT = '256x192';

/** One point per Table 3 row; the key is the row's index in COCO_VAL. */
export function table3Points(axis: ResultAxis): ParetoPoint[] {
  return COCO_VAL.map((r, i) => ({
    key: `${i}`,
    label: `${r.model === 'Lite-HRNet' ? r.backbone : r.model} ${r.input.height}x${r.input.width}`,
    short: `${r.model === 'Lite-HRNet' ? r.backbone : r.model}${
      `${r.input.height}x${r.input.width}` === CHART_INPUT
        ? ''
        : ` ${r.input.height}x${r.input.width}`
    }`,
    cost: axis === 'gflops' ? r.gflops : r.paramsM,
    ap: r.ap,
    highlight: r.preset !== undefined
  }));
}

/** Where a built model sits on the cost axis (its AP is unknown: it was never trained here). */
export function costMarker(key: string, label: string, a: Analysis, axis: ResultAxis): CostMarker {
  const cost =
    axis === 'gflops' ? a.costs.totals.macs.paper / 2 ** 30 : a.costs.totals.params / 1e6;
  return { key, label, cost };
}
