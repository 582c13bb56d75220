import { expect, expectNoSeriousAxeViolations, gotoReady, test } from './fixtures';

test('with Execution “fused (fast)”, /verify times the fused plan and says how close it is to op by op', async ({
  page
}) => {
  test.setTimeout(180_000);
  await gotoReady(page, '/verify?v=1&m=litehrnet_18&backend=wasm');
  await expect(page.getByText(/Input: bundled sample/)).toBeVisible();
  const execution = page.getByLabel('Execution');
  await expect(execution).toHaveValue('op-by-op');
  await expect(execution.locator('option')).toHaveText([
    'op by op (verifies every op)',
    'fused (fast)'
  ]);
  await execution.selectOption({ label: 'fused (fast)' });
  // The choice rides in the page's address, as the backend does.
  await expect(page).toHaveURL(/\?v=1&m=litehrnet_18&backend=wasm&ex=fused$/);
  await page.getByLabel('Timed runs').fill('2');
  await page.getByLabel('Warm-up runs').fill('1');
  await page.getByRole('button', { name: 'Run forward pass' }).click();

  const check = page.getByTestId('fused-check');
  await expect(check).toBeVisible({ timeout: 150_000 });
  // "fused output equals op by op within 3.1e-7" (or "exactly"), and no "more than … expected".
  const sentence = (await check.textContent())!.trim();
  const m = /^fused output equals op by op (?:exactly|within (\S+))( \(.*\))?$/.exec(sentence);
  expect(m, sentence).not.toBeNull();
  expect(sentence).not.toContain('expected');
  await expect(check).not.toHaveClass(/bad/);
  await expect(page.getByTestId('execution-used')).toHaveText('fused (fast)');
  await expect(
    page.getByText(/Latency \(fused \(fast\)\) over 2 runs after 1 warm-up/)
  ).toBeVisible();
  await expect(page.getByTestId('latency')).toContainText(/median \d/);
  // The first run is still op by op and verified.
  await expect(page.getByTestId('verify-summary')).toContainText(/(\d+)\/\1 ops verified/);
  await expectNoSeriousAxeViolations(page);
});
