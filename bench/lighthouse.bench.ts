/**
 * Lighthouse (mobile, its default: a Moto G Power-sized screen, simulated slow 4G and a 4x slower
 * CPU) on the built site's four pages; prints the four category scores per page and what keeps
 * any under 95.
 *
 *   npm run build && npm run bench:lighthouse [-- --json] [-- --runs N]
 *
 * Each page is run N times (default 3) and each category's median score is taken, as Lighthouse's
 * own docs advise: one run's performance score moves by several points with the machine's load
 * (the 1-minute load average is printed first; on a busy machine the numbers mean little).
 *
 * Serves build/ with `vite preview` on a free port and runs the `lighthouse` CLI (a dev
 * dependency) in the Chromium the tests use (CHROME_PATH, else scripts/chromium.ts's choice); headless, no sandbox. Needs no
 * network beyond localhost. Exit status 1 when a score is under 95. Builds nothing itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './serve';
import { chromium } from '@playwright/test';
import { chromiumPathOrExit } from '../scripts/chromium';

const PAGES = ['/', '/learn', '/compare', '/verify'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGET = 95;

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
}
interface Report {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
}

function runLighthouse(url: string, out: string, chrome: string): Report {
  const run = spawnSync(
    'node_modules/.bin/lighthouse',
    [
      url,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      '--output=json',
      `--output-path=${out}`,
      '--quiet'
    ],
    { env: { ...process.env, CHROME_PATH: chrome }, encoding: 'utf8', timeout: 180_000 }
  );
  if (run.status !== 0) throw new Error(`lighthouse failed on ${url}: ${run.stderr || run.error}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

/** The scored audits of a category that are not passed, with their values. */
function failing(report: Report, category: string): string[] {
  return report.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((a) => a.scoreDisplayMode !== 'notApplicable' && a.score !== null && a.score < 0.9)
    .map(
      (a) => `${a.id} (${Math.round(a.score! * 100)}${a.displayValue ? `, ${a.displayValue}` : ''})`
    );
}

/** The middle value (the lower middle for an even count: a score must be earned). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
}

async function main(): Promise<void> {
  if (!existsSync('build/index.html')) throw new Error('no build/: run `npm run build` first');
  const chrome =
    process.env.CHROME_PATH ??
    chromiumPathOrExit(() => chromium.executablePath()) ??
    chromium.executablePath();
  if (!existsSync(chrome))
    throw new Error(`no Chromium at ${chrome}: set CHROME_PATH to a Chrome or Chromium binary`);
  const json = process.argv.includes('--json');
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error('--runs takes a whole number of runs, 1 or more');
  const port = await freePort();
  const server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--port', String(port), '--strictPort'],
    { stdio: 'ignore' }
  );
  const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
  try {
    await waitFor(`http://localhost:${port}/`);
    const load = loadavg()[0];
    const rows = PAGES.map((path, i) => {
      const reports = Array.from({ length: runs }, (_, k) =>
        runLighthouse(`http://localhost:${port}${path}`, join(dir, `${i}-${k}.json`), chrome)
      );
      const scoreOf = (r: Report, c: string) => Math.round((r.categories[c].score ?? 0) * 100);
      const scores = Object.fromEntries(
        CATEGORIES.map((c) => [c, median(reports.map((r) => scoreOf(r, c)))])
      ) as Record<(typeof CATEGORIES)[number], number>;
      // Metrics and the audits under target come from the run whose performance is the median.
      const report = reports.find((r) => scoreOf(r, 'performance') === scores.performance)!;
      const metrics = Object.fromEntries(
        [
          'first-contentful-paint',
          'largest-contentful-paint',
          'total-blocking-time',
          'cumulative-layout-shift'
        ].map((id) => [id, report.audits[id].displayValue ?? ''])
      );
      const below = CATEGORIES.filter((c) => scores[c] < TARGET).flatMap((c) =>
        failing(report, c).map((f) => `${c}: ${f}`)
      );
      return { path, scores, metrics, below };
    });
    const pass = rows.every((r) => CATEGORIES.every((c) => r.scores[c] >= TARGET));
    if (json)
      console.log(JSON.stringify({ target: TARGET, runs, load, pass, pages: rows }, null, 2));
    else {
      console.log(
        `Lighthouse mobile, target ${TARGET} in every category; median of ${runs} runs per page (load average ${load.toFixed(1)} at the start)`
      );
      console.log(`${'page'.padEnd(10)}${CATEGORIES.map((c) => c.padStart(16)).join('')}`);
      for (const r of rows) {
        console.log(
          `${r.path.padEnd(10)}${CATEGORIES.map((c) => String(r.scores[c]).padStart(16)).join('')}`
        );
        console.log(
          `${''.padEnd(10)}FCP ${r.metrics['first-contentful-paint']}, LCP ${r.metrics['largest-contentful-paint']}, TBT ${r.metrics['total-blocking-time']}, CLS ${r.metrics['cumulative-layout-shift']}`
        );
        for (const b of r.below) console.log(`${''.padEnd(10)}under ${TARGET}: ${b}`);
      }
      console.log(pass ? 'PASS' : 'FAIL');
    }
    if (!pass) process.exitCode = 1;
  } finally {
    server.kill();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
