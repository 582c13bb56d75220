/**
 * Forward-pass latency in a real browser: drives the built site (run `npm run build` first) in
 * headless Chromium through the /verify page, and prints the median over the timed runs for
 * Lite-HRNet-18 and -30 at 256x192 on each backend. A backend that cannot start or is too slow
 * headless (webgl without a GPU) is reported, not fatal.
 *
 * Each tfjs backend gets two rows, one per Execution choice on the page: `op-by-op` (every op
 * verified) and `fused` (the fused plan: BatchNorm folded, conv + bias + activation as one
 * kernel); `--only wasm` keeps both.
 *
 * `ort-wasm` rows are ONNX Runtime Web (one thread) on the page's own ONNX export of the same
 * network and seeded weights. The `native` rows run that export with onnxruntime-node in this
 * process, the same job code (src/lib/ort/session.ts) on ORT's native CPU build, one thread, as
 * the floor a deployment on this machine would reach; same warm-up and timed runs as wasm. The
 * `pytorch` anchors run the project's own PyTorch model (tests/parity/reference.py) on the CPU
 * with 1 and 2 threads (bench/torch_forward.py, /usr/bin/python3), when PyTorch is installed.
 *
 * Every row says how it executed the network (`execution`: op by op, or a fused plan), and the
 * page records main-thread tasks over 50 ms (a PerformanceObserver for 'longtask') during runs.
 *
 *   npm run build && npm run bench:forward
 *   npm run bench:forward -- --only wasm,ort-wasm,native,pytorch     (some rows only)
 *   npm run bench:forward -- --json        (one JSON report on stdout, progress on stderr)
 */
import { chromium, type Browser } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './serve';
import config from '../playwright.config';
import {
  parseMedianMs,
  parseTorchAnchors,
  ratios,
  type Anchor,
  type BenchReport,
  type BenchRow,
  type Execution
} from './forward-report';

const MODELS = ['litehrnet_18', 'litehrnet_30'] as const;
const BACKENDS = ['wasm', 'webgpu', 'webgl', 'cpu', 'ort-wasm'] as const;
type Backend = (typeof BACKENDS)[number];
/** The page's Execution choices per backend (ORT runs its own graph: op-by-op only). */
const EXECUTIONS: Record<Backend, readonly Execution[]> = {
  wasm: ['op-by-op', 'fused'],
  webgpu: ['op-by-op', 'fused'],
  webgl: ['op-by-op', 'fused'],
  cpu: ['op-by-op', 'fused'],
  'ort-wasm': ['op-by-op']
};
const ANCHORS = ['native', 'pytorch'] as const;
const TORCH_THREADS = [1, 2];

/** Fewer runs where a run takes seconds; wasm gets the most samples. */
const PLAN: Record<Backend, { warmup: number; runs: number; timeoutMs: number }> = {
  wasm: { warmup: 2, runs: 10, timeoutMs: 120_000 },
  webgpu: { warmup: 2, runs: 10, timeoutMs: 120_000 },
  webgl: { warmup: 1, runs: 5, timeoutMs: 240_000 },
  cpu: { warmup: 1, runs: 3, timeoutMs: 300_000 },
  // tfjs on wasm runs first (the reference), then ORT: both get wasm's runs.
  'ort-wasm': { warmup: 2, runs: 10, timeoutMs: 240_000 }
};

async function startPreview(port: number): Promise<ChildProcess> {
  const child = spawn(
    'node_modules/.bin/vite',
    ['preview', '--port', String(port), '--strictPort'],
    {
      stdio: 'ignore'
    }
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/verify`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`vite preview did not answer on port ${port}`);
}

/** A row plus the longest main-thread task its page saw (0: none over 50 ms). */
interface Measured {
  row: BenchRow;
  longestTaskMs: number;
}

async function measure(
  browser: Browser,
  base: string,
  model: string,
  backend: Backend,
  execution: Execution
): Promise<Measured> {
  const plan = PLAN[backend];
  const row = (medianMs: number | null, note: string): BenchRow => ({
    model,
    backend,
    execution,
    medianMs,
    runs: plan.runs,
    note
  });
  const page = await browser.newPage();
  // Main-thread tasks over 50 ms (the Long Tasks API's threshold) while the pass runs: the page
  // must stay responsive, so the worker does the work and results are drawn in small steps.
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const longTasks = () =>
    page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
  let longestTaskMs = 0;
  try {
    await page.goto(`${base}/verify`);
    await page.getByText(/Input: bundled sample/).waitFor();
    await page.getByLabel('Model').selectOption(model);
    await page.getByLabel('Backend').selectOption(backend);
    await page.getByLabel('Execution').selectOption(execution);
    await page.getByLabel('Warm-up runs').fill(String(plan.warmup));
    await page.getByLabel('Timed runs').fill(String(plan.runs));
    const before = await longTasks();
    await page.getByRole('button', { name: 'Run forward pass' }).click();
    const done = page.getByTestId('verify-summary').or(page.getByTestId('forward-error'));
    await done.waitFor({ timeout: plan.timeoutMs });
    if (backend === 'ort-wasm')
      await page
        .getByTestId('ort-diff')
        .or(page.getByTestId('forward-error'))
        .waitFor({ timeout: plan.timeoutMs });
    const tasks = await page.evaluate(
      (n) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(n),
      before
    );
    longestTaskMs = tasks.length ? Math.round(Math.max(...tasks)) : 0;
    if (await page.getByTestId('forward-error').isVisible())
      return {
        row: row(null, (await page.getByTestId('forward-error').textContent()) ?? ''),
        longestTaskMs
      };
    const ort = backend === 'ort-wasm';
    const latency = (await page.getByTestId(ort ? 'ort-latency' : 'latency').textContent()) ?? '';
    const ortDiff = ort ? `${(await page.getByTestId('ort-diff').textContent())?.trim()}; ` : '';
    const fusedCheck =
      execution === 'fused'
        ? `${(await page.getByTestId('fused-check').textContent())?.trim()}; `
        : '';
    const summary = ((await page.getByTestId('verify-summary').textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const used = (await page.getByTestId('backend').textContent()) ?? '';
    const longest = longestTaskMs ? `${longestTaskMs} ms` : 'none over 50 ms';
    return {
      row: row(
        parseMedianMs(latency),
        `${ortDiff}${fusedCheck}${summary}; ${latency.trim()}; ${used}; longest main-thread task during the run: ${longest}`
      ),
      longestTaskMs
    };
  } catch (e) {
    return { row: row(null, `no result: ${(e as Error).message.split('\n')[0]}`), longestTaskMs };
  } finally {
    await page.close();
  }
}

/** The same network and seeded weights, exported and run by native ONNX Runtime here. */
async function measureNative(model: (typeof MODELS)[number]): Promise<Anchor> {
  const [ort, { runOrtJob }, { presetConfig }] = await Promise.all([
    import('onnxruntime-node'),
    import('../src/lib/ort/session'),
    import('../src/lib/model')
  ]);
  const { warmup, runs } = PLAN.wasm;
  const config = presetConfig(model, { height: 256, width: 192 });
  const image = { height: 256, width: 192, data: new Uint8ClampedArray(256 * 192 * 4).fill(128) };
  const r = await runOrtJob(
    ort as unknown as Parameters<typeof runOrtJob>[0],
    { type: 'run', jobId: 1, provider: 'wasm', config, image, seed: 1, warmup, runs },
    { kind: 'seeded', seed: 1 },
    () => {},
    'cpu'
  );
  const t = r.timing;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return {
    model,
    runtime: 'onnxruntime-node',
    threads: 1,
    medianMs: Math.round(t.medianMs * 100) / 100,
    note: `native CPU, graph optimisation all; first run ${ms(t.firstRunMs)}; min ${ms(t.minMs)}, max ${ms(t.maxMs)} over ${runs} runs after ${warmup} warm-up`
  };
}

const PYTHON = '/usr/bin/python3';

/** PyTorch CPU on the project's reference model, 1 and 2 threads; skipped rows say why. */
async function measureTorch(models: readonly (typeof MODELS)[number][]): Promise<Anchor[]> {
  const skipped = (why: string): Anchor[] =>
    models.flatMap((model) =>
      TORCH_THREADS.map((threads) => ({
        model,
        runtime: 'pytorch' as const,
        threads,
        medianMs: null,
        note: `skipped: ${why}`
      }))
    );
  if (!existsSync(PYTHON)) return skipped(`${PYTHON} is not installed`);
  const { presetConfig } = await import('../src/lib/model');
  const dir = mkdtempSync(join(tmpdir(), 'torch-forward-'));
  try {
    const args = ['bench/torch_forward.py', '--threads', TORCH_THREADS.join(',')];
    args.push('--warmup', String(PLAN.wasm.warmup), '--runs', String(PLAN.wasm.runs));
    for (const model of models) {
      const path = join(dir, `${model}.json`);
      writeFileSync(path, JSON.stringify(presetConfig(model, { height: 256, width: 192 })));
      args.push('--config', `${model}=${path}`);
    }
    const out = await new Promise<{ stdout: string; stderr: string; code: number }>((ok) =>
      execFile(PYTHON, args, { timeout: 900_000 }, (e, stdout, stderr) =>
        ok({ stdout, stderr, code: e ? Number(e.code ?? 1) : 0 })
      )
    );
    if (out.code !== 0) return skipped(out.stderr.trim().split('\n').at(-1) || `exit ${out.code}`);
    const anchors = parseTorchAnchors(out.stdout);
    return typeof anchors === 'string' ? skipped(anchors) : anchors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `--only a,b` keeps those backends' rows and anchors; all by default. */
function onlyRows(argv: readonly string[]): Set<string> | null {
  const i = argv.indexOf('--only');
  if (i < 0) return null;
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const known: string[] = [...BACKENDS, ...ANCHORS];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length || names.length === 0)
    throw new Error(
      `--only takes a comma list of ${known.join(', ')}; got "${argv[i + 1] ?? ''}".`
    );
  return new Set(names);
}

const showMs = (ms: number | null) => (ms === null ? '–' : `${ms} ms`);

function printRow(r: BenchRow): void {
  console.log(
    `${r.model.padEnd(14)} ${r.backend.padEnd(8)} ${r.execution.padEnd(8)} median ${showMs(r.medianMs).padStart(10)}   ${r.note}`
  );
}

function printAnchor(a: Anchor): void {
  const name = `${a.runtime} ${a.threads}t`;
  console.log(
    `${a.model.padEnd(14)} ${name.padEnd(17)} median ${showMs(a.medianMs).padStart(10)}   ${a.note ?? ''}`
  );
}

function printRatios(report: BenchReport): void {
  for (const [model, rows] of Object.entries(report.ratios))
    for (const [row, byAnchor] of Object.entries(rows)) {
      const parts = Object.entries(byAnchor).map(([a, r]) => `${r}x ${a}`);
      console.log(`${model.padEnd(14)} ${row.padEnd(17)} ${parts.join(', ')}`);
    }
}

async function browserRows(
  wanted: (name: string) => boolean,
  progress: (r: BenchRow) => void
): Promise<{ rows: BenchRow[]; longest: number }> {
  const rows: BenchRow[] = [];
  let longest = 0;
  if (!BACKENDS.some(wanted)) return { rows, longest };
  const launchOptions = config.projects?.[0]?.use?.launchOptions ?? {};
  const port = await freePort();
  const preview = await startPreview(port);
  const browser = await chromium.launch(launchOptions);
  try {
    for (const model of MODELS)
      for (const backend of BACKENDS.filter(wanted))
        for (const execution of EXECUTIONS[backend]) {
          const m = await measure(browser, `http://localhost:${port}`, model, backend, execution);
          rows.push(m.row);
          longest = Math.max(longest, m.longestTaskMs);
          progress(m.row);
        }
  } finally {
    await browser.close();
    preview.kill();
  }
  return { rows, longest };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const only = onlyRows(argv);
  const wanted = (b: string) => !only || only.has(b);
  if (!existsSync('build/verify.html')) throw new Error('No build/: run `npm run build` first.');
  // With --json, stdout carries the report alone; progress goes to stderr.
  const log = json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const startLoad = loadavg().map((v) => Math.round(v * 100) / 100);
  log(
    `Forward pass at 256x192, headless Chromium; ${cpus().length} cores, load average ${startLoad.join(' ')}`
  );
  const { rows, longest } = await browserRows(wanted, (r) =>
    json ? log(`${r.model} ${r.backend} ${r.execution}: ${showMs(r.medianMs)}`) : printRow(r)
  );
  const anchors: Anchor[] = [];
  if (wanted('native')) for (const model of MODELS) anchors.push(await measureNative(model));
  if (wanted('pytorch')) anchors.push(...(await measureTorch(MODELS)));
  const report: BenchReport = {
    machine: {
      cores: cpus().length,
      loadavg: startLoad,
      loadavgAfter: loadavg().map((v) => Math.round(v * 100) / 100)
    },
    rows,
    anchors,
    ratios: ratios(rows, anchors),
    longestMainThreadTaskMs: longest
  };
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  anchors.forEach(printAnchor);
  printRatios(report);
  console.log(
    `Longest main-thread task during any run: ${longest ? `${longest} ms` : 'none over 50 ms'}`
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
