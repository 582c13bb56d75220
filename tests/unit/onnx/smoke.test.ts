import { beforeAll, expect, it } from 'vitest';
import { buildGraph, presetConfig } from '$lib/model';
import { exportOnnx, summaryLine } from '$lib/onnx';
import { inferNchw } from '$lib/tf/infer';
import { uniformArray } from '$lib/tf/prng';
import { useWasm } from '../tf/setup';
import { maxAbsDiff, runOnnx } from './ort';

beforeAll(useWasm);

it('smoke', async () => {
  for (const foldBn of [false, true]) {
    const graph = buildGraph(presetConfig('litehrnet_18', { height: 64, width: 32 }));
    const t0 = performance.now();
    const r = exportOnnx(graph, { weights: { kind: 'seeded', seed: 1 }, foldBn });
    if (!r.ok) throw new Error(r.error);
    console.log(summaryLine(r.value.summary), performance.now() - t0);
    const input = { shape: [...graph.input], data: uniformArray(7, 'input', 3 * 64 * 32, -2, 2) };
    const t1 = performance.now();
    const o = await runOnnx(r.value.bytes, input);
    const t2 = performance.now();
    const tfo = (await inferNchw(graph, { kind: 'seeded', seed: 1 }, input)).get(graph.output)!;
    console.log(o.shape, maxAbsDiff(o.data, tfo.data), t2 - t1, performance.now() - t2);
  }
}, 60000);
