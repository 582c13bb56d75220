/**
 * Median time to build and cost each official model (graph + all four conventions), and the
 * largest config the validator accepts. Run: npm run bench (bundled with esbuild first, so it
 * times the code as the site ships it, not a TypeScript loader's module wrappers).
 */
import type { LiteHRNetConfig } from '../src/lib/model';
import {
  LIMITS,
  PRESET_IDS,
  PRESETS,
  buildGraph,
  costGraph,
  presetConfig,
  validateConfig
} from '../src/lib/model';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median of `rounds` timings, each the mean of `inner` calls (timer resolution is coarse). */
function time(fn: () => void, rounds = 31, inner = 20): number {
  for (let i = 0; i < 50; i++) fn(); // warm up the JIT
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    samples.push((performance.now() - t0) / inner);
  }
  return median(samples);
}

function largestAccepted(): LiteHRNetConfig {
  const config = presetConfig('litehrnet_30');
  const branches = LIMITS.branches.max;
  const widths = Array.from({ length: branches }, (_, b) => 40 * 2 ** Math.min(b, 4));
  config.stages = Array.from({ length: LIMITS.stages.max }, () => ({
    modules: LIMITS.modules.max,
    blocks: LIMITS.blocks.max,
    block: 'lite' as const,
    fuse: true,
    reduceRatio: 8,
    widths,
    fusionConv: 'separable' as const
  }));
  config.input = { height: 4 * 2 ** (branches - 1) * 4, width: 4 * 2 ** (branches - 1) * 3 };
  const checked = validateConfig(config);
  if (!checked.ok) throw new Error(checked.errors[0].message);
  return checked.config;
}

const rows: Array<[string, number, number]> = [];
for (const id of PRESET_IDS) {
  const config = presetConfig(id);
  const ops = buildGraph(config).ops.length;
  rows.push([`${PRESETS[id].label} (256x192)`, ops, time(() => costGraph(buildGraph(config)))]);
}
const big = largestAccepted();
rows.push([
  'largest accepted config',
  buildGraph(big).ops.length,
  time(() => costGraph(buildGraph(big)), 7, 2)
]);

console.log('build + cost (all four conventions), median:');
for (const [name, ops, ms] of rows)
  console.log(`  ${name.padEnd(36)} ${String(ops).padStart(6)} ops  ${ms.toFixed(3)} ms`);
