/**
 * How long a control change takes to reach every view, on the built site in headless Chromium.
 *
 *   npm run build && npm run bench:explorer
 *
 * Serves build/ with `vite preview` on a free port, opens Lite-HRNet-30 with a module drilled
 * into (so all five views draw), then makes 20 control changes of five kinds. Each is timed in
 * the page from the event to the end of the update (Svelte's flush, D3 drawing, and a forced
 * style and layout), and the median is printed. Builds nothing itself.
 */
import { withBuiltSite } from './serve';

/** One change: which control, which value; `kind` picks the DOM event Svelte listens to. */
interface Change {
  selector: string;
  value: string;
  kind: 'select' | 'number' | 'radio';
}

const CHANGES: Change[] = [
  { selector: '#stage1-modules', value: '7', kind: 'number' },
  { selector: '#stage0-block', value: 'naive', kind: 'select' },
  { selector: '#conv-mmcv', value: '', kind: 'radio' },
  { selector: '#stage2-width3', value: '256', kind: 'number' },
  { selector: '#stage1-blocks', value: '3', kind: 'number' },
  { selector: '#stage1-modules', value: '8', kind: 'number' },
  { selector: '#stage0-block', value: 'lite', kind: 'select' },
  { selector: '#conv-paper', value: '', kind: 'radio' },
  { selector: '#stage2-width3', value: '320', kind: 'number' },
  { selector: '#stage1-blocks', value: '2', kind: 'number' }
];

async function main(): Promise<void> {
  await withBuiltSite(async (browser, site) => {
    const url = `${site}/`;
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(url);
    await page.selectOption('#preset', 'litehrnet_30');
    await page.getByRole('button', { name: /^Stage 3, module 2:/ }).click();
    await page.waitForSelector('svg.ops .node');
    const times: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const c of CHANGES) {
        const before = await page.getByTestId('total-cost').innerText();
        const ms = await page.evaluate(async (change: Change) => {
          const el = document.querySelector(change.selector) as HTMLInputElement;
          const t0 = performance.now();
          if (change.kind === 'radio') el.click();
          else {
            el.value = change.value;
            el.dispatchEvent(
              new Event(change.kind === 'select' ? 'change' : 'input', { bubbles: true })
            );
          }
          // Svelte flushes in a microtask; a macrotask later the DOM and the SVGs are updated.
          await new Promise((r) => setTimeout(r, 0));
          void document.body.offsetHeight; // force style and layout into the measurement
          return performance.now() - t0;
        }, c);
        const after = await page.getByTestId('total-cost').innerText();
        if (after === before && c.kind !== 'radio')
          throw new Error(`${c.selector} = ${c.value} did not change the total (${after})`);
        times.push(ms);
        if (process.env.BENCH_VERBOSE)
          console.log(`  ${c.selector} = ${c.value}: ${ms.toFixed(1)} ms`);
      }
    times.sort((a, b) => a - b);
    const median = (times[(times.length - 1) >> 1] + times[times.length >> 1]) / 2;
    console.log(`control change → all views updated, Lite-HRNet-30, ${times.length} changes`);
    console.log(
      `  median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`
    );
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
