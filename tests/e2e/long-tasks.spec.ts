/**
 * The page stays responsive through a whole forward pass: no main-thread task over 50 ms (the
 * Long Tasks API's threshold) from the click to the last drawn view. The pass itself runs in a
 * worker; what could still block the page is receiving and checking the result, Svelte updating
 * the views, drawing the heatmaps and stage maps, and laying out the op-by-op table (paged, 25
 * rows), which the panel reveals one step per frame.
 *
 * The Long Tasks API measures wall time, so on a busy machine (this one has 2 cores shared with
 * other jobs) a 15 ms task can be stretched past 50 ms while the OS runs something else. The test
 * therefore measures each main-thread task's own CPU time, from a Chromium trace (`tdur` of each
 * RunTask on the renderer's main thread), which preemption does not inflate; the wall-clock long
 * tasks the page saw are attached to the report. `npm run bench:forward` reports the wall-clock
 * figure as `longestMainThreadTaskMs`.
 */
import type { Page } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Each main-thread task's [CPU ms, wall ms] in a trace of the page's renderer. */
function mainThreadTasks(trace: Buffer): [number, number][] {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  );
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`))
    .map((e) => [(e.tdur ?? e.dur ?? 0) / 1000, (e.dur ?? 0) / 1000]);
}

async function wallClockLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    // One more frame and task, so the last drawing task has ended and been recorded.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const w = window as unknown as {
      __longTasks: number[];
      __longTaskObserver: PerformanceObserver;
    };
    for (const e of w.__longTaskObserver.takeRecords()) w.__longTasks.push(e.duration);
    return w.__longTasks.map(Math.round);
  });
}

test('a Lite-HRNet-18 forward pass on /verify runs no main-thread task over 50 ms', async ({
  page,
  browser
}) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as {
      __longTasks: number[];
      __longTaskObserver: PerformanceObserver;
    };
    w.__longTasks = [];
    w.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    });
  });
  await gotoReady(page, '/verify');
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();
  await page.getByLabel('Backend').selectOption('wasm');
  await page.getByLabel('Warm-up runs').fill('1');
  await page.getByLabel('Timed runs').fill('3');
  // Loading and hydrating the page are not part of the run: observe and trace from the click on.
  await page.evaluate(() =>
    (window as unknown as { __longTaskObserver: PerformanceObserver }).__longTaskObserver.observe({
      type: 'longtask'
    })
  );
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline']
  });
  let trace: Buffer;
  try {
    await page.getByRole('button', { name: 'Run forward pass' }).click();
    await expect(page.getByTestId('verify-summary')).toBeVisible({ timeout: 150_000 });
    // The last revealed steps: the op-by-op table and the pose drawn over the input.
    await expect(page.getByRole('heading', { name: 'Op by op' })).toBeVisible();
    await expect(page.getByRole('figure').filter({ hasText: 'left ankle' })).toBeVisible();
  } finally {
    trace = await browser.stopTracing();
  }
  const wall = await wallClockLongTasks(page);
  const tasks = mainThreadTasks(trace);
  expect(tasks.length, 'main-thread tasks in the trace').toBeGreaterThan(10);
  const longest = tasks.reduce((a, b) => (b[0] > a[0] ? b : a));
  test.info().annotations.push({
    type: 'main thread',
    description: `${tasks.length} tasks; longest ${longest[0].toFixed(1)} ms of CPU (${longest[1].toFixed(1)} ms wall); wall-clock long tasks: ${wall.length ? wall.join(', ') + ' ms' : 'none'}`
  });
  const over = tasks.filter(([cpu]) => cpu > 50).map(([cpu]) => Math.round(cpu));
  expect(over, 'main-thread tasks over 50 ms of CPU during the run (ms)').toEqual([]);
});
