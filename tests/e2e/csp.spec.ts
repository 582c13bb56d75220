import { readFileSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import { expect, gotoReady, test } from './fixtures';

/**
 * The Content-Security-Policy (svelte.config.js `kit.csp`) on every page: what it allows, that the
 * site itself runs under it without a single violation, and that an injected inline script is
 * blocked. The shared fixture already fails any test whose console shows an error (a CSP
 * violation is one), so every other e2e test runs under the policy too.
 */

/** Records every securitypolicyviolation the page fires, from before its first script runs. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'}`)
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** The policy a page declares, as directive → sources. */
async function policy(page: Page): Promise<Map<string, string[]>> {
  const content = await page
    .locator('meta[http-equiv="content-security-policy"]')
    .getAttribute('content');
  expect(content, 'a CSP meta tag').toBeTruthy();
  return new Map(
    content!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]): [string, string[]] => [name, sources])
  );
}

const PAGES = ['/', '/learn', '/compare', '/verify', '/train'];

for (const path of PAGES) {
  test(`${path} declares the policy and runs under it with no violation`, async ({ page }) => {
    await recordViolations(page);
    await gotoReady(page, path);
    const p = await policy(page);
    const scripts = p.get('script-src') ?? [];
    expect(scripts[0]).toBe("'self'");
    // Everything else in script-src is a hash of one of the page's own inline scripts.
    for (const s of scripts.slice(1)) expect(s).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
    expect(p.get('worker-src')).toEqual(["'self'"]);
    // https: for Load from URL (a checkpoint from another host); no http:, no data: or blob:.
    expect(p.get('connect-src')).toEqual(["'self'", 'https:']);
    expect(p.get('object-src')).toEqual(["'none'"]);
    for (const sources of p.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'wasm-unsafe-eval'");
    }
    expect(p.get('style-src')).not.toContain("'unsafe-inline'");
    // Bring every lazily loaded part near the screen, so its code and styles load too.
    await page.keyboard.press('End');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(await violations(page)).toEqual([]);
  });
}

// The 404 page a static host serves for an unknown address is build/404.html; `vite preview`
// renders unknown addresses on the fly (sending the policy as a header), and SvelteKit logs
// "Not found", so this test reads the file for its tag and has no console check.
base('the 404 page declares the policy and runs under it', async ({ page }) => {
  const html = readFileSync('build/404.html', 'utf8');
  expect(html).toMatch(
    /<meta http-equiv="content-security-policy" content="[^"]*script-src 'self' 'sha256-/
  );
  await recordViolations(page);
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await violations(page)).toEqual([]);
});

// An injected script logs the browser's refusal as a console error: that is the point here.
base('an inline script injected into the page is blocked and reported', async ({ page }) => {
  await recordViolations(page);
  await gotoReady(page, '/');
  const refused = page.waitForEvent(
    'console',
    (m) => m.type() === 'error' && m.text().includes('Content Security Policy')
  );
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __x?: number };
    const reported = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
        once: true
      })
    );
    const script = document.createElement('script');
    script.textContent = 'window.__x = 1';
    document.body.append(script);
    return { x: w.__x, directive: await reported };
  });
  expect(ran.x).toBeUndefined();
  expect(ran.directive).toMatch(/^script-src/);
  await refused;
  // An inline event handler attribute is refused the same way.
  const handler = await page.evaluate(async () => {
    const w = window as unknown as { __y?: number };
    const reported = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), {
        once: true
      })
    );
    const el = document.createElement('button');
    el.setAttribute('onclick', 'window.__y = 1');
    document.body.append(el);
    el.click();
    return { y: w.__y, directive: await reported };
  });
  expect(handler.y).toBeUndefined();
  expect(handler.directive).toMatch(/^script-src/);
});
