/**
 * Forward-pass latency in a real browser: drives the built site (run `npm run build` first) in
 * headless Chromium through the /verify page, and prints the median over the timed runs for
 * Lite-HRNet-18 and -30 at 256x192 on each backend. A backend that cannot start or is too slow
 * headless (webgl without a GPU) is reported, not fatal.
 *
 * Each tfjs backend gets two rows, one per Execution choice on the page: `wasm` (op by op, every
 * op verified) and `wasm fused` (the fused plan: BatchNorm folded, conv + bias + activation as one
 * kernel); `--only wasm` keeps both.
 *
 * `ort-wasm` rows are ONNX Runtime Web (one thread) on the page's own ONNX export of the same
 * network and seeded weights. The `native` rows run that export with onnxruntime-node in this
 * process, the same job code (src/lib/ort/session.ts) on ORT's native CPU build, one thread, as
 * the floor a deployment on this machine would reach; same warm-up and timed runs as wasm.
 *
 *   npm run build && npm run bench:forward
 *   npm run bench:forward -- --only wasm,ort-wasm,native     (some rows only)
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './serve';
import config from '../playwright.config';

const MODELS = ['litehrnet_18', 'litehrnet_30'] as const;
const BACKENDS = ['wasm', 'webgl', 'cpu', 'ort-wasm'] as const;
type Backend = (typeof BACKENDS)[number];

/** Fewer runs where a run takes seconds; wasm gets the most samples. */
const PLAN: Record<Backend, { warmup: number; runs: number; timeoutMs: number }> = {
  wasm: { warmup: 2, runs: 10, timeoutMs: 120_000 },
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

/** The page's Execution choices; ORT rows have no such choice. */
const EXECUTIONS = ['op-by-op', 'fused'] as const;
type Execution = (typeof EXECUTIONS)[number];

interface Outcome {
  model: string;
  backend: Backend | 'native' | `${Backend} fused`;
  median: string;
  note: string;
}

async function measure(
  browser: Browser,
  base: string,
  model: string,
  backend: Backend,
  execution: Execution = 'op-by-op'
): Promise<Outcome> {
  const plan = PLAN[backend];
  const row = execution === 'fused' ? (`${backend} fused` as const) : backend;
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
    if (await page.getByTestId('forward-error').isVisible())
      return {
        model,
        backend: row,
        median: '–',
        note: (await page.getByTestId('forward-error').textContent()) ?? ''
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
    const median = /median ([\d.]+ ms)/.exec(latency)?.[1] ?? '?';
    const tasks = await page.evaluate(
      (n) => (window as unknown as { __longTasks: number[] }).__longTasks.slice(n),
      before
    );
    const longest = tasks.length ? `${Math.round(Math.max(...tasks))} ms` : 'none over 50 ms';
    return {
      model,
      backend: row,
      median,
      note: `${ortDiff}${fusedCheck}${summary}; ${latency.trim()}; ${used}; longest main-thread task during the run: ${longest}`
    };
  } catch (e) {
    return {
      model,
      backend: row,
      median: '–',
      note: `no result: ${(e as Error).message.split('\n')[0]}`
    };
  } finally {
    await page.close();
  }
}

/** The same network and seeded weights, exported and run by native ONNX Runtime here. */
async function measureNative(model: (typeof MODELS)[number]): Promise<Outcome> {
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
    backend: 'native',
    median: ms(t.medianMs),
    note: `onnxruntime-node (native CPU, 1 thread, graph optimisation all); first run ${ms(t.firstRunMs)}; median ${ms(t.medianMs)}, min ${ms(t.minMs)}, max ${ms(t.maxMs)} over ${runs} runs after ${warmup} warm-up`
  };
}

/** `--only a,b` keeps those backends' rows (native included); all rows by default. */
function onlyRows(argv: readonly string[]): Set<string> | null {
  const i = argv.indexOf('--only');
  if (i < 0) return null;
  const names = (argv[i + 1] ?? '').split(',').filter(Boolean);
  const known = [...BACKENDS, 'native'];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length || names.length === 0)
    throw new Error(
      `--only takes a comma list of ${known.join(', ')}; got "${argv[i + 1] ?? ''}".`
    );
  return new Set(names);
}

function print(r: Outcome): void {
  console.log(
    `${r.model.padEnd(14)} ${r.backend.padEnd(11)} median ${r.median.padStart(9)}   ${r.note}`
  );
}

async function main(): Promise<void> {
  const only = onlyRows(process.argv.slice(2));
  const wanted = (b: string) => !only || only.has(b);
  if (!existsSync('build/verify.html')) throw new Error('No build/: run `npm run build` first.');
  const launchOptions = config.projects?.[0]?.use?.launchOptions ?? {};
  const port = await freePort();
  const preview = await startPreview(port);
  const browser = await chromium.launch(launchOptions);
  try {
    console.log(`Forward pass at 256x192, headless Chromium, served on :${port}`);
    for (const model of MODELS) {
      for (const backend of BACKENDS.filter(wanted)) {
        const executions = backend === 'ort-wasm' ? (['op-by-op'] as const) : EXECUTIONS;
        for (const execution of executions)
          print(await measure(browser, `http://localhost:${port}`, model, backend, execution));
      }
    }
    if (wanted('native')) for (const model of MODELS) print(await measureNative(model));
  } finally {
    await browser.close();
    preview.kill();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
