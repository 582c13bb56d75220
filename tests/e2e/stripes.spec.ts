/**
 * The channel stripes in the tour, on the built site: stepping moves the stripes where the
 * channel shuffle puts them, reduced motion removes Play and steps at once, labels stay readable
 * on a phone. Page errors fail every test (fixtures.ts).
 */
import type { Locator } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

/** data-channel of each stripe, ordered by where it is on screen, left to right. */
async function onScreenOrder(root: Locator): Promise<number[]> {
  return root.locator('rect[data-channel]').evaluateAll((rects) =>
    rects
      .map((r) => ({
        channel: Number(r.getAttribute('data-channel')),
        x: r.getBoundingClientRect().x
      }))
      .sort((a, b) => a.x - b.x)
      .map((r) => r.channel)
  );
}

// mmpose channel_shuffle on C = 8 with 2 groups: view as rows [0 1 2 3] and [4 5 6 7], transpose
// to pairs (0 4) (1 5) (2 6) (3 7), flatten: 0, 4, 1, 5, 2, 6, 3, 7. Channel 4 is second.
const SHUFFLED = [0, 4, 1, 5, 2, 6, 3, 7];

test('step 2: three presses of Next step put channel 4 second, after the shuffle', async ({
  page
}) => {
  await gotoReady(page, '/learn#step-2');
  const root = page.locator('[data-stripes="shuffle"]');
  await expect(root).toHaveAttribute('data-step', '0');
  expect(await onScreenOrder(root)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  const next = root.getByRole('button', { name: 'Next step' });
  for (let i = 0; i < 3; i++) await next.click();
  await expect(root).toHaveAttribute('data-step', '3');
  await expect(root.locator('figcaption')).toContainText('1, 5′, 2, 6′, 3, 7′, 4, 8′');
  // The stripes slide there (a CSS transition), so wait for them to arrive.
  await expect.poll(() => onScreenOrder(root)).toEqual(SHUFFLED);
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await root.getByRole('button', { name: 'Previous step' }).click();
  await expect(root).toHaveAttribute('data-step', '2');
  await expect.poll(() => onScreenOrder(root)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
});

test('the steps work from the keyboard, and Play runs to the end and offers Replay', async ({
  page
}) => {
  await gotoReady(page, '/learn#step-2');
  const root = page.locator('[data-stripes="shuffle"]');
  await root.getByRole('button', { name: 'Next step' }).focus();
  await page.keyboard.press('Enter');
  await expect(root).toHaveAttribute('data-step', '1');
  await expect(root.locator('figcaption')).toContainText(
    'channels 1–4 (x1) pass untouched; channels 5–8 (x2) go through the convolutions'
  );
  const play = root.getByRole('button', { name: 'Play' });
  await play.click();
  await expect(root.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Two more steps, one every 2.4 s.
  await expect(root).toHaveAttribute('data-step', '3', { timeout: 10_000 });
  await expect(root.getByRole('button', { name: 'Replay' })).toBeVisible();
});

test('step 4: channel weighting dims x2 by its example weights, then shuffles', async ({
  page
}) => {
  await gotoReady(page, '/learn#step-4');
  const root = page.locator('[data-stripes="ccw"]');
  const next = root.getByRole('button', { name: 'Next step' });
  await next.click();
  await next.click();
  await expect(root).toHaveAttribute('data-step', '2');
  await expect(root.locator('figcaption')).toContainText('Cross-resolution weighting H');
  // Example weights H for x2 (channels 4…7): 0.9 − 0.5·k/3 = 0.90, 0.73, 0.57, 0.40.
  await expect(root.locator('.weights text')).toHaveText(['0.90', '0.73', '0.57', '0.40']);
  await expect(root.locator('rect[data-channel="7"]')).toHaveCSS('fill-opacity', '0.4');
  await expect(root.locator('rect[data-channel="0"]')).toHaveCSS('fill-opacity', '1');
  for (let i = 0; i < 4; i++) await next.click();
  await expect(root).toHaveAttribute('data-step', '6');
  await expect.poll(() => onScreenOrder(root)).toEqual(SHUFFLED);
});

test('with reduced motion there is no Play and a step lands at once', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await gotoReady(page, '/learn#step-2');
  const root = page.locator('[data-stripes="shuffle"]');
  await expect(root.getByRole('button', { name: 'Next step' })).toBeVisible();
  await expect(root.getByRole('button', { name: /Play|Replay|Pause/ })).toHaveCount(0);
  const next = root.getByRole('button', { name: 'Next step' });
  for (let i = 0; i < 3; i++) await next.click();
  await expect(root).toHaveAttribute('data-step', '3');
  // No polling: without a transition the stripes are already in place.
  expect(await onScreenOrder(root)).toEqual(SHUFFLED);
  const duration = await root
    .locator('g.stripe')
    .first()
    .evaluate((g) => getComputedStyle(g).transitionDuration);
  // app.css shortens every transition to 0.01 ms under reduced motion (0.7 s otherwise).
  expect(parseFloat(duration)).toBeLessThanOrEqual(0.00001);
});

test('on a 390 px phone the stripes fit and their labels are at least 12 px', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await gotoReady(page, '/learn#step-4');
  const root = page.locator('[data-stripes="ccw"]');
  await root.getByRole('button', { name: 'Next step' }).click();
  await root.getByRole('button', { name: 'Next step' }).click();
  const svg = root.locator('svg');
  const box = (await svg.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const sizes = await svg.locator('text').evaluateAll((texts) =>
    texts
      .filter((t) => t.textContent)
      .map((t) => {
        const m = (t as SVGTextElement).getScreenCTM()!;
        return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      })
  );
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
