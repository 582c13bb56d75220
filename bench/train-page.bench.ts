/**
 * Training speed in the page: the built /train page in headless Chromium trains tiny-lite (64x48,
 * batch 16) on each backend the page offers here, and the page's own median step time is read
 * (`data-median-step-ms`: every step's time in the worker, evaluations excluded; the median
 * shrugs off the first step's warm-up and shader compiles).
 *
 *   npm run build && npm run bench:train-page          (-- --steps N: steps per backend, default 20)
 *   npm run --silent bench:train-page -- --json
 *
 * webgl and webgpu run on whatever the browser has: without a GPU that is SwiftShader, a
 * software renderer, and its numbers say nothing about a real GPU. A backend that does not start
 * is reported as such. Builds nothing itself.
 */
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { withBuiltSite } from './serve';

const BACKENDS = ['wasm', 'cpu', 'webgl'] as const;
const BATCH = 16;

interface Row {
  backend: string;
  steps: number;
  medianStepMs: number | null;
  stepsPerSecond: number | null;
  note: string;
}

async function timeBackend(page: Page, url: string, backend: string, steps: number): Promise<Row> {
  await page.goto(`${url}/train`);
  await page.locator('.train[data-ready="true"]').waitFor();
  await page.locator('#train-backend').selectOption(backend);
  await page.locator('#train-steps').fill(String(steps));
  await page.locator('#train-batch').fill(String(BATCH));
  await page.getByTestId('start').click();
  const root = page.locator('.train');
  await root.and(page.locator('[data-state="done"], [data-state="failed"]')).waitFor({
    timeout: 900_000
  });
  if ((await root.getAttribute('data-state')) === 'failed')
    return {
      backend,
      steps,
      medianStepMs: null,
      stepsPerSecond: null,
      note: (await page.getByTestId('status').textContent()) ?? 'failed'
    };
  const speed = page.getByTestId('steps-per-second');
  const ms = Number(await speed.getAttribute('data-median-step-ms'));
  const ran = (await page.getByTestId('backend').textContent())?.trim() ?? '';
  return { backend, steps, medianStepMs: ms, stepsPerSecond: 1000 / ms, note: ran };
}

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const steps = Number(argv[argv.indexOf('--steps') + 1]) || 20;
  await withBuiltSite(async (browser, url) => {
    const rows: Row[] = [];
    for (const backend of BACKENDS) {
      if (!json) process.stderr.write(`training on ${backend}…\n`);
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      // cpu takes seconds a step: fewer of them keep the bench short.
      rows.push(
        await timeBackend(page, url, backend, backend === 'cpu' ? Math.min(steps, 8) : steps)
      );
      await page.close();
    }
    const load = loadavg()[0];
    if (json) {
      process.stdout.write(
        JSON.stringify({ model: 'tiny-lite', batch: BATCH, loadAverage: load, rows }) + '\n'
      );
      return;
    }
    process.stdout.write(
      `training step in the page (headless Chromium, worker), tiny-lite 64x48, batch ${BATCH}; median step (load average ${load.toFixed(1)})\n`
    );
    for (const r of rows)
      process.stdout.write(
        r.medianStepMs === null
          ? `${r.backend.padEnd(6)} did not train: ${r.note}\n`
          : `${r.backend.padEnd(6)} ${r.medianStepMs.toFixed(0).padStart(6)} ms  ${r.stepsPerSecond!.toFixed(2)} steps/s  (${r.steps} steps; ${r.note})\n`
      );
  });
}

await main(process.argv.slice(2));
