/**
 * The README's pictures of each view ("Reading the diagrams"), taken from the built site:
 *   npm run build && npx vite preview --port 4173 &   then   npx tsx scripts/diagram-shots.ts
 * Writes docs/diagrams/*.png, with the Chromium the tests use (scripts/chromium.ts).
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumPathOrExit } from './chromium';

const site = process.env.SITE ?? 'http://localhost:4173';
const out = 'docs/diagrams';

async function ready(page: Page, path: string): Promise<void> {
  await page.goto(site + path);
  await page.locator('[data-ready="true"]').first().waitFor();
  const panes = page.locator('[data-zoom-pane]');
  for (let i = 0; i < (await panes.count()); i++)
    await panes.nth(i).and(page.locator('[data-zoom-ready="true"]')).waitFor();
}

const browser = await chromium.launch({
  executablePath: chromiumPathOrExit(() => chromium.executablePath()),
  args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage({ viewport: { width: 1440, height: 2000 } });
await ready(page, '/?v=1&m=litehrnet_18');
await page.locator('.network-view').screenshot({ path: `${out}/network.png` });
await ready(page, '/?v=1&m=litehrnet_18&at=stage0.0.0');
const panes = page.locator('.module-view [data-zoom-pane]');
for (const [i, name] of [
  [0, 'block-ccw'],
  [1, 'fusion']
] as const) {
  await panes.nth(i).getByRole('button', { name: 'Fit' }).click();
  await panes.nth(i).screenshot({ path: `${out}/${name}.png` });
}
// The stripes after the cross-resolution weighting H (step 3 of 7), under reduced motion.
await page.emulateMedia({ reducedMotion: 'reduce' });
const stripes = page.locator('.module-view [data-stripes]');
for (let i = 0; i < 2; i++) await stripes.getByRole('button', { name: 'Next step' }).click();
await stripes.screenshot({ path: `${out}/stripes.png` });
await ready(page, '/compare');
await page.locator('.compare-nets').screenshot({ path: `${out}/compare.png` });
await browser.close();
