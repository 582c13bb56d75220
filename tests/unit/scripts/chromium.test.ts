import { describe, expect, it } from 'vitest';
import type { BrowserLookup } from '../../../scripts/chromium';
import { findChromium } from '../../../scripts/chromium';

/** A machine with exactly these files. */
function machine(platform: string, files: string[], env: Record<string, string> = {}, own = '') {
  const l: BrowserLookup = {
    env,
    platform,
    exists: (p) => files.includes(p),
    playwrightBrowser: () => own
  };
  return findChromium(l);
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, when it exists', () => {
    expect(
      machine('linux', ['/opt/c/chrome', '/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/c/chrome' })
    ).toEqual({ found: true, executablePath: '/opt/c/chrome', source: 'CHROMIUM_PATH' });
  });

  it('says so when CHROMIUM_PATH points at nothing, rather than silently using another', () => {
    const r = machine('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/nope' });
    expect(r.found).toBe(false);
    if (!r.found) expect(r.message).toContain('/nope');
  });

  it("uses Debian's /usr/bin/chromium, or a Mac's Chrome", () => {
    expect(machine('linux', ['/usr/bin/chromium'])).toMatchObject({
      executablePath: '/usr/bin/chromium',
      source: 'system'
    });
    expect(
      machine('darwin', ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'])
    ).toMatchObject({ source: 'system' });
  });

  it("falls back to Playwright's own browser, launched without a path", () => {
    const own = '/home/u/.cache/ms-playwright/chromium-1/chrome';
    expect(machine('linux', [own], {}, own)).toEqual({
      found: true,
      executablePath: undefined,
      source: 'playwright'
    });
  });

  it('with none, says in one line what to install on that system', () => {
    for (const [platform, words] of [
      ['linux', 'apt-get install chromium'],
      ['darwin', 'brew install --cask chromium'],
      ['win32', 'Google Chrome']
    ] as const) {
      const r = machine(platform, []);
      expect(r.found).toBe(false);
      if (r.found) continue;
      expect(r.message).toContain(words);
      expect(r.message).toContain('npx playwright install chromium');
      expect(r.message).not.toContain('\n');
    }
  });
});
