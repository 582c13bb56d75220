import { expect, expectNoSeriousAxeViolations, test } from './fixtures';

test('home page loads with heading, site shell and no accessibility problems', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Lite-HRNet Explorer' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' })
  ).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('contentinfo')).toContainText('Yu et al., CVPR 2021');
  await expectNoSeriousAxeViolations(page);
});

test('home page is also accessible in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

test('home page is prerendered: content and current nav link are in the HTML', async ({
  request
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('<h1>Lite-HRNet Explorer</h1>');
  expect(html).toMatch(/<a [^>]*aria-current="page"[^>]*>Explorer<\/a>/);
});
