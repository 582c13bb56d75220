import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * `test` with an automatic fixture that records console errors and uncaught page errors
 * and fails the test if any were seen.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use();
      expect(errors, 'console errors and page errors').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };

/** Runs axe on the current page and fails on any 'serious' or 'critical' violation. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' '))
    }));
  expect(serious, 'serious/critical axe violations').toEqual([]);
}

/**
 * Opens a page and waits until its app has hydrated and read its address (the page marks its
 * root `data-ready="true"`): the HTML is prerendered, so controls exist before they work.
 */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-ready="true"]').first().waitFor();
}

/** The explorer's views that load as they come near the screen, top to bottom (their classes). */
export const DEFERRED_VIEWS = ['network-view', 'module-view', 'breakdown', 'layer-table'] as const;

/**
 * Scrolls one of the explorer's deferred views into sight, as a reader would, and waits until
 * its code has loaded (its placeholder section is `.waiting`). It scrolls the view's Deferred
 * box, which stays while the placeholder inside it is swapped for the view.
 */
export async function showView(page: Page, cls: (typeof DEFERRED_VIEWS)[number]): Promise<void> {
  const box = page.locator('div.deferred', { has: page.locator(`section.view.${cls}`) });
  await box.first().scrollIntoViewIfNeeded();
  await page.locator(`section.view.${cls}:not(.waiting)`).first().waitFor({ state: 'attached' });
}

export async function showAllViews(page: Page): Promise<void> {
  for (const cls of DEFERRED_VIEWS) await showView(page, cls);
}
