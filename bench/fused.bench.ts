/**
 * Op-by-op against fused execution in Node, tfjs on wasm (one thread, as the page's worker): the
 * same graph, seeded weights and input, passes interleaved so both see the same machine load.
 * Prints, per model, the median wall time and the median CPU time of this process per pass (CPU
 * time is steadier on a busy machine), their ratio, and max |fused − op by op| on the output.
 *
 *   npx tsx bench/fused.bench.ts                   (Lite-HRNet-18 and -30 at 256x192, 15 passes)
 *   npx tsx bench/fused.bench.ts litehrnet_18 30   (one model, 30 passes)
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { PRESET_IDS, buildGraph, presetConfig, type PresetId } from '../src/lib/model';
import { runGraph } from '../src/lib/tf/executor';
import { FusedModel } from '../src/lib/tf/fused';
import { WeightStore } from '../src/lib/tf/weights';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Wall and CPU milliseconds of one pass, until the output's values are read. */
function time(pass: () => tf.Tensor): { wall: number; cpu: number; out: Float32Array } {
  const [w0, c0] = [performance.now(), cpuMs()];
  const y = pass();
  const out = y.dataSync() as Float32Array;
  y.dispose();
  return { wall: performance.now() - w0, cpu: cpuMs() - c0, out };
}

function measure(id: PresetId, passes: number): string {
  const graph = buildGraph(presetConfig(id, { height: 256, width: 192 }));
  const weights = new WeightStore(graph, 1);
  const x = tf.randomUniform([1, 256, 192, 3], -2, 2, 'float32', 1) as tf.Tensor4D;
  const fused = new FusedModel(graph, weights);
  const opByOp = () => runGraph(graph, weights, x).outputs.get(graph.output)!;
  const samples = {
    op: [] as number[],
    fused: [] as number[],
    opCpu: [] as number[],
    fusedCpu: [] as number[]
  };
  let diff = 0;
  for (let i = 0; i < passes + 2; i++) {
    const a = time(opByOp);
    const b = time(() => fused.run(x));
    for (let k = 0; k < a.out.length; k++) diff = Math.max(diff, Math.abs(a.out[k] - b.out[k]));
    if (i < 2) continue; // warm-up
    samples.op.push(a.wall);
    samples.fused.push(b.wall);
    samples.opCpu.push(a.cpu);
    samples.fusedCpu.push(b.cpu);
  }
  fused.dispose();
  weights.dispose();
  x.dispose();
  const [op, fu, opC, fuC] = [samples.op, samples.fused, samples.opCpu, samples.fusedCpu].map(
    median
  );
  const steps = `${graph.ops.length} ops → ${fused.plan.steps.length} steps`;
  return `${id.padEnd(14)} op by op ${op.toFixed(1)} ms (CPU ${opC.toFixed(1)}), fused ${fu.toFixed(1)} ms (CPU ${fuC.toFixed(1)}): ${(fu / op).toFixed(2)}x wall, ${(fuC / opC).toFixed(2)}x CPU; ${steps}; max |fused − op by op| ${diff.toExponential(1)}`;
}

async function main(): Promise<void> {
  const [model, n] = process.argv.slice(2);
  if (model && !(PRESET_IDS as readonly string[]).includes(model))
    throw new Error(`Unknown model "${model}"; one of ${PRESET_IDS.join(', ')}.`);
  const passes = n ? Number(n) : 15;
  if (!Number.isInteger(passes) || passes < 1)
    throw new Error('Passes must be a whole number ≥ 1.');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not start');
  await tf.ready();
  const models: PresetId[] = model ? [model as PresetId] : ['litehrnet_18', 'litehrnet_30'];
  console.log(
    `Lite-HRNet at 256x192, tfjs ${tf.version_core} wasm in Node, ${passes} passes each, medians`
  );
  for (const id of models) console.log(measure(id, passes));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
