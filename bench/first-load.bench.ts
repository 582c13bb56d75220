/**
 * How much JavaScript the first visit to `/` loads, gzipped, against the 60 KB budget.
 *
 *   npm run build && npm run bench:first-load [-- --json]
 *
 * Serves build/ with `vite preview` on a free port, opens `/` in headless Chromium at a phone
 * (390×844) and a desktop (1440×900) viewport, records every script the page fetches until it is
 * ready and the network is idle, gzips each (node:zlib, level 9) and prints per-file and total
 * KB (1024 bytes). The explorer's views load their code when they come near the screen, so the
 * first load depends on the screen: the budget is judged on the phone's first screen (what
 * Lighthouse's mobile run loads); the desktop figure, with the network diagram and the views
 * near it drawn at once, is printed beside it. Exit status 1 on FAIL. Builds nothing itself.
 */
import { FIRST_LOAD_BUDGET_KB, kb, measureFirstLoad, type FirstLoad } from './first-load-measure';
import { withBuiltSite } from './serve';

/** The first is the one the budget is judged on. */
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1440, height: 900 }
] as const;

function printLoad(viewport: string, load: FirstLoad): void {
  console.log(`/ at ${viewport}: ${load.scripts.length} scripts`);
  for (const s of load.scripts)
    console.log(
      `  ${kb(s.gzipBytes).toFixed(1).padStart(6)} KB gzip  ${kb(s.bytes).toFixed(1).padStart(6)} KB raw  ${s.path}`
    );
  console.log(
    `  ${kb(load.totalGzipBytes).toFixed(1).padStart(6)} KB gzip  ${kb(load.totalBytes).toFixed(1).padStart(6)} KB raw  total`
  );
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  await withBuiltSite(async (browser, site) => {
    const url = `${site}/`;
    const results: { viewport: string; load: FirstLoad }[] = [];
    for (const v of VIEWPORTS) {
      const context = await browser.newContext({
        viewport: { width: v.width, height: v.height }
      });
      const load = await measureFirstLoad(await context.newPage(), url);
      await context.close();
      results.push({ viewport: `${v.name} ${v.width}×${v.height}`, load });
    }
    const judgedKb = kb(results[0].load.totalGzipBytes);
    const pass = judgedKb <= FIRST_LOAD_BUDGET_KB;
    if (json) {
      console.log(
        JSON.stringify(
          {
            page: '/',
            budgetKb: FIRST_LOAD_BUDGET_KB,
            judgedOn: results[0].viewport,
            totalKb: Number(judgedKb.toFixed(2)),
            pass,
            viewports: results.map(({ viewport, load }) => ({
              viewport,
              totalGzipBytes: load.totalGzipBytes,
              totalBytes: load.totalBytes,
              scripts: load.scripts
            }))
          },
          null,
          2
        )
      );
    } else {
      for (const r of results) printLoad(r.viewport, r.load);
      console.log(
        `${pass ? 'PASS' : 'FAIL'}: first load of / on a ${results[0].viewport} screen is ${judgedKb.toFixed(1)} KB gzip of JS (budget ${FIRST_LOAD_BUDGET_KB} KB); ${results[1].viewport}: ${kb(results[1].load.totalGzipBytes).toFixed(1)} KB`
      );
    }
    if (!pass) process.exitCode = 1;
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
