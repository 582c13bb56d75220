/**
 * The guided tour on the built site: every step renders with its live number, the stepper and the
 * #step-N hash work, the C slider moves the chart, and the page is accessible in both themes.
 * Expected numbers come from the paper and the README (see tests/unit/learn for derivations).
 */
import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

/** One number each step must show (Lite-HRNet-18, COCO 256x192, the tour's default model). */
const STEP_CHECKS: { title: string; testid: string; text: RegExp }[] = [
  { title: 'Keep the high resolution', testid: 'stream-shapes', text: /40×64×48/ },
  { title: 'The shuffle block', testid: 'naive-totals', text: /760,365 params.*194\.8 M MACs/s },
  { title: 'The bottleneck', testid: 'bottleneck-readout', text: /3,200 MACs.*360 MACs/s },
  { title: 'Conditional channel weighting', testid: 'table2', text: /13,107,200/ },
  {
    title: 'Where the FLOPs go',
    testid: 'spending-summary',
    text: /Fusion between branches takes 58\.2%/
  },
  { title: 'How FLOPs are counted', testid: 'convention-totals', text: /205\.2 M MACs/ },
  { title: 'The fusion double-add', testid: 'fusion-costs', text: /\+47\.0 M MACs/ },
  { title: 'Results in context', testid: 'ablation', text: /1,763,717/ },
  { title: 'FLOPs do not predict speed', testid: 'speed-intro', text: /205\.2 M MACs/ }
];

test('every step renders its live number, reached with Next', async ({ page }) => {
  await gotoReady(page, '/learn');
  for (const [i, step] of STEP_CHECKS.entries()) {
    await expect(page.getByRole('heading', { level: 2, name: step.title })).toBeVisible();
    await expect(page.getByText(`Step ${i + 1} of 9`)).toBeVisible();
    await expect(page.getByTestId(step.testid)).toContainText(step.text);
    await expect(page.getByRole('link', { name: /in the explorer/ }).first()).toHaveAttribute(
      'href',
      /\?v=1&m=/
    );
    if (i < STEP_CHECKS.length - 1) {
      await page.getByRole('button', { name: 'Next →' }).click();
      await expect(page).toHaveURL(new RegExp(`#step-${i + 2}$`));
    }
  }
  await expect(page.getByRole('button', { name: 'Next →' })).toBeDisabled();
});

test('step 1 walks from HRNet-W32 to Lite-HRNet-18, counted live in the chosen convention', async ({
  page
}) => {
  await gotoReady(page, '/learn');
  const table = page.getByTestId('lineage');
  // HRNet-W32: the official pose_hrnet.py in PyTorch (tests/oracle/fixtures/hrnet.json):
  // 28,536,113 params; torchstat 7,692,829,056 MACs = 7,336.5 M (2^20). Naive and Lite-HRNet-18
  // from the official README: 760,365 params, 194.8 M; 1,130,769 params, 205.2 M.
  const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row('HRNet-W32')).toContainText('28,536,113');
  await expect(row('HRNet-W32')).toContainText(/7,?336\.5 M MACs/);
  await expect(row('Naive Lite-HRNet-18')).toContainText(/760,365.*194\.8 M MACs/);
  await expect(row('Lite-HRNet-18')).toContainText(/1,130,769.*205\.2 M MACs/);
  // HRNet's own get_model_summary: 7,645,003,776 MACs = 7,290.8 M (2^20), its README's 7.1 G.
  await page.getByLabel('Count multiply-adds as').selectOption('hrnet');
  await expect(row('HRNet-W32')).toContainText(/7,?290\.8 M MACs/);
  const link = await row('Shuffle blocks').getByRole('link').getAttribute('href');
  expect(link).toMatch(/\?v=1&m=hrnet_w32&stem=32,32,1&st=lite&s2=naive&s3=naive&s4=naive/);
});

test('Previous goes back, focus lands on the step heading, the list marks the current step', async ({
  page
}) => {
  await gotoReady(page, '/learn#step-3');
  await expect(page.getByRole('heading', { level: 2, name: 'The bottleneck' })).toBeVisible();
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(page).toHaveURL(/#step-2$/);
  const heading = page.getByRole('heading', { level: 2, name: 'The shuffle block' });
  await expect(heading).toBeFocused();
  await expect(
    page.getByRole('navigation', { name: 'Tour steps' }).getByRole('link', { name: /shuffle/ })
  ).toHaveAttribute('aria-current', 'step');
  await page
    .getByRole('navigation', { name: 'Tour steps' })
    .getByRole('link', { name: /Results in context/ })
    .click();
  await expect(page).toHaveURL(/#step-8$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Results in context' })).toBeVisible();
});

test('“Open in the explorer” links carry the step’s config in the explorer’s link format', async ({
  page
}) => {
  await gotoReady(page, '/learn#step-2');
  const href = await page
    .getByRole('link', { name: 'Open this block in the explorer →' })
    .getAttribute('href');
  expect(href).toMatch(/\?v=1&m=naive_litehrnet_18/);
  expect(href).toContain('at=stage0.0.0');
  await gotoReady(page, '/learn#step-7');
  const paper = await page.getByRole('link', { name: /the paper’s fusion/ }).getAttribute('href');
  expect(paper).toContain('fu=paper');
  expect(paper).toContain('cv=mmcv');
});

test('the fusion step sets HRNet’s loop beside the official Lite-HRNet one', async ({ page }) => {
  await gotoReady(page, '/learn#step-7');
  const loops = page.getByTestId('fusion-loops');
  await expect(loops).toContainText('HRNet (pose_hrnet.py): each branch once');
  await expect(loops).toContainText('for j in 1 … n−1:');
  await expect(loops).toContainText('for j in 0 … n−1:');
});

test('the results step recounts Table 3 under one convention', async ({ page }) => {
  await gotoReady(page, '/learn#step-8');
  const table = page.getByTestId('table3-recount');
  // HRNet-W32 256x192: 7,692,829,056 / 2^30 = 7.16 (torchstat), 7,645,003,776 / 2^30 = 7.12
  // (get_model_summary), 7,703,924,736 / 10^9 = 7.70 (mmcv); tests/oracle/fixtures/hrnet.json.
  await expect(table.getByRole('row', { name: /^HRNetV1-W32/ })).toContainText(
    /28,536,113.*7\.1.*7\.16.*7\.12.*7\.70/s
  );
  // Ratios W32 / Lite-18: printed 7.1 / 0.2; torchstat 7,692,829,056 / 215,202,112; conv-only
  // 7,645,003,776 / 242,345,088; mmcv 7,703,924,736 / 265,996,992.
  await expect(page.getByTestId('recount-ratio')).toContainText(
    /35\.5× Lite-HRNet-18.*35\.7× with torchstat.*31\.5× with convolutions only.*29\.0× with mmcv/s
  );
});

test('a step link opened fresh shows that step; a bad hash shows step 1', async ({ page }) => {
  await gotoReady(page, '/learn#step-6');
  await expect(
    page.getByRole('heading', { level: 2, name: 'How FLOPs are counted' })
  ).toBeVisible();
  await gotoReady(page, '/learn#step-99');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Keep the high resolution' })
  ).toBeVisible();
});

test('the C slider moves the chart and the readout, by keyboard too', async ({ page }) => {
  await gotoReady(page, '/learn#step-3');
  const slider = page.getByLabel(/Channels C the block works on/);
  const rule = page.locator('svg.chart g.current line');
  const x0 = await rule.getAttribute('x1');
  await slider.fill('5');
  // 2·5² = 50 against 9·5 = 45: just past the crossing at 4.5.
  await expect(page.getByTestId('bottleneck-readout')).toContainText('50 MACs');
  await expect(page.getByTestId('bottleneck-readout')).toContainText('45 MACs');
  expect(await rule.getAttribute('x1')).not.toBe(x0);
  await slider.focus();
  await page.keyboard.press('ArrowLeft');
  // C = 4: 2·16 = 32 against 36: the depthwise conv costs more.
  await expect(page.getByTestId('bottleneck-readout')).toContainText(
    'the depthwise conv costs more'
  );
});

test('Table 2 follows edited widths and says plainly when they cannot build', async ({ page }) => {
  await gotoReady(page, '/learn#step-4');
  await expect(page.getByTestId('table2')).toContainText('12.50M');
  await page.getByLabel('Stage 2, branch 1 width').fill('32');
  await page.getByLabel('Stage 2, branch 2 width').fill('64');
  // 4096·32² + 1024·64² = 8,388,608 = 8.00M
  await expect(page.getByTestId('table2')).toContainText('8,388,608');
  await page.getByLabel('Stage 2, branch 1 width').fill('0');
  await expect(page.getByRole('alert')).toContainText('do not make a network');
});

test('changing the tour model moves the marker on the results chart', async ({ page }) => {
  await gotoReady(page, '/learn#step-8');
  await expect(page.getByTestId('your-marker')).toContainText('0.20 GFLOPs');
  await page.getByLabel('Model', { exact: true }).selectOption('litehrnet_30');
  // README: Lite-HRNet-30 at 256x192 is 319.2M = 0.31 GFLOPs (÷2^10 again), 1.76M params
  await expect(page.getByTestId('your-marker')).toContainText('0.31 GFLOPs');
  await expect(page.getByTestId('your-marker')).toContainText('1.76 M params');
});

// One test per step and scheme: an axe pass takes seconds of a busy core, and one test is one
// time budget (nine passes in one test outgrew it on a loaded machine).
for (const scheme of ['light', 'dark'] as const)
  for (let i = 1; i <= 9; i++)
    test(`step ${i} is free of serious accessibility problems (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await gotoReady(page, `/learn#step-${i}`);
      await expect(page.getByText(`Step ${i} of 9`)).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    });

test('the tour’s model rides in its link with the step, and a bad one is explained', async ({
  page
}) => {
  await gotoReady(page, '/learn#step-8');
  await page.getByLabel('Model', { exact: true }).selectOption('litehrnet_30');
  await expect(page).toHaveURL(/\/learn\?v=1&m=litehrnet_30#step-8$/);
  const fresh = await page.context().newPage();
  await gotoReady(fresh, page.url());
  await expect(fresh.getByTestId('your-marker')).toContainText('0.31 GFLOPs');
  await gotoReady(fresh, '/learn?v=1&m=litehrnet_30&w=1,zz#step-8');
  await expect(fresh.getByRole('alert')).toContainText('w:');
  await expect(fresh.getByTestId('your-marker')).toContainText('Lite-HRNet-30');
  await fresh.close();
});

test('the last step measures: a quick sweep explains where Lite-HRNet-18’s time went', async ({
  page
}) => {
  test.setTimeout(240_000);
  await gotoReady(page, '/learn#step-9');
  await expect(page.getByTestId('speed-explained')).toHaveCount(0);
  await page.getByLabel('Networks').selectOption('quick');
  await page.getByLabel('Run the sweep on').selectOption('wasm');
  await page.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(page.locator('[data-sweep-status="done"]')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('sweep-fit')).toContainText(/R² = [01]\.\d\d over 3 configs/);
  await expect(page.getByTestId('speed-explained')).toContainText(
    /Lite-HRNet-18 .*memory-bound ops took \d+\.\d% of the time for \d+\.\d% of the FLOPs/s
  );
});
