import { expect, gotoReady, test } from './fixtures';

// Reference numbers from the official README (params exact, paper "FLOPs" = MACs ÷ 2^20):
// Lite-HRNet-18 at 256x192: 1,130,769 params, 205.2M; Lite-HRNet-30: 1,763,717, 319.2M.
const total = (page: import('@playwright/test').Page) => page.getByTestId('total-cost');
const params = (page: import('@playwright/test').Page) => page.getByTestId('total-params');

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await gotoReady(page, '/');
});

test('typing 9 branches shows the validator’s sentence and changes nothing else', async ({
  page
}) => {
  const branches = page.locator('#stage0-branches');
  await branches.fill('9');
  // validate.ts's sentence, with the README's limit of 1–5 branches.
  await expect(page.locator('#stage0-branches-err')).toHaveText(
    'Stage 2: the number of branches must be between 1 and 5; it is 9.'
  );
  await expect(branches).toHaveValue('9');
  await expect(branches).toHaveAttribute('aria-invalid', 'true');
  await expect(params(page)).toHaveText('1,130,769 params');
  await expect(total(page)).toHaveText('205.2 M MACs');
  // No branch was added: Stage 2 still has two width fields.
  await expect(page.locator('input[id^="stage0-width"]')).toHaveCount(2);
  await branches.fill('2');
  await expect(page.locator('#stage0-branches-err')).toHaveCount(0);
});

test('an invalid config marks the views stale; the summary does not say “Same as”', async ({
  page
}) => {
  await expect(page.locator('.summary .baseline')).toContainText('Same as the official');
  // Stage 4's last width: at the bottom of the panel, so the panel scrolls to it.
  await page.locator('#stage2-width3').fill('41');
  await expect(page.getByTestId('stale-banner')).toContainText('last valid network');
  await expect(page.locator('.explorer .views')).toHaveClass(/\bstale\b/);
  await expect(page.locator('.summary .baseline')).not.toContainText('Same as');
  await expect(page.getByTestId('summary-stale')).toContainText('1 problem');
  await expect(params(page)).toHaveText('1,130,769 params');
  // The problem list stays in view at the top of the sticky panel.
  const problems = page.getByTestId('problems');
  await expect(problems).toContainText('Stage 4, branch 4: width 41 must be even');
  await expect(problems).toBeInViewport();
  await page.locator('#stage2-width3').fill('320');
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await expect(page.locator('.summary .baseline')).toContainText('Same as the official');
});

test('Back after two discrete edits returns to the first', async ({ page }) => {
  await page.getByLabel('Preset').selectOption('litehrnet_30');
  await expect(total(page)).toHaveText('319.2 M MACs');
  // Straight after, with no pause: the kind of edit decides, not the clock.
  await page.getByLabel('Stage 2 block type').selectOption('naive');
  await expect(total(page)).not.toHaveText('319.2 M MACs');
  // The address shows the second edit once the link code (loaded on first need) has written
  // both, in order; Back before that would leave the page, as it would for a person.
  await expect(page).toHaveURL(/m=litehrnet_30.*s2=naive/);
  await page.goBack();
  await expect(total(page)).toHaveText('319.2 M MACs');
  await expect(page.getByLabel('Stage 2 block type')).toHaveValue('lite');
  await page.goBack();
  await expect(total(page)).toHaveText('205.2 M MACs');
});

test('typing a width is one Back step, and its invalid keystrokes never reach the link', async ({
  page
}) => {
  const width = page.locator('#stage0-width0');
  await width.selectText();
  await width.pressSequentially('56'); // "5" is odd (invalid), then "56"
  await expect(width).toHaveValue('56');
  await expect(page).toHaveURL(/w2=56/);
  await width.press('Enter');
  await page.goBack();
  await expect(width).toHaveValue('40');
  await expect(params(page)).toHaveText('1,130,769 params');
});

test('the help for “Reduce ratio” opens on keyboard focus and closes on Escape', async ({
  page
}) => {
  const tip = page.locator('#stage0-reduce-help');
  await expect(tip).toBeHidden();
  await page.locator('#stage0-branches').focus();
  await page.keyboard.press('Tab'); // the next stop is the "?" beside "Reduce ratio"
  const button = page.getByRole('button', { name: 'About Reduce ratio' }).first();
  await expect(button).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Reduce ratio');
  await expect(tip).toContainText('sum of half widths');
  // The button and the field itself are described by the same text, which is in the page's
  // HTML before anything opens (a hidden paragraph still gives its text as a description).
  for (const described of [button, page.locator('#stage0-reduce')]) {
    const ids = (await described.getAttribute('aria-describedby'))!.split(' ');
    const texts = await Promise.all(ids.map((id) => page.locator(`#${id}`).textContent()));
    expect(texts.join(' ')).toContain('sum of half widths');
  }
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await button.blur();
  await button.hover();
  await expect(tip).toBeVisible();
});

test('every description a control points at is in the page, with words in it', async ({ page }) => {
  // Help texts are HTML written into the page once (glossary-html.ts), not script: a broken id
  // would leave a control silently undescribed.
  const missing = await page.evaluate(() =>
    [...document.querySelectorAll('.panel [aria-describedby]')].flatMap((el) =>
      el
        .getAttribute('aria-describedby')!
        .split(/\s+/)
        .filter((id) => id && !document.getElementById(id)?.textContent?.trim())
        .map((id) => `${el.id || el.textContent?.trim()} → #${id}`)
    )
  );
  expect(missing).toEqual([]);
  // …and the texts are the glossary's: the reduce ratio names its sum of half widths.
  await expect(page.locator('#glossary-reduceRatio')).toContainText('sum of half widths');
});
