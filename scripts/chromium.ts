/**
 * Which Chromium the end-to-end tests, the benchmarks and the screenshot scripts drive: the
 * `CHROMIUM_PATH` environment variable, else a system Chromium or Chrome, else the browser
 * Playwright downloads (`npx playwright install chromium`). When there is none, one line says
 * what to install on this operating system.
 */
import { existsSync } from 'node:fs';

/** Headless Chromium's flags, the same for the e2e tests and the benches. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

/** Where systems put Chromium or Chrome, most likely first. */
export const SYSTEM_BROWSERS: Readonly<Record<string, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable'
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files\\Chromium\\Application\\chrome.exe'
  ]
};

const INSTALL: Readonly<Record<string, string>> = {
  linux: 'install one with your package manager (Debian/Ubuntu: sudo apt-get install chromium)',
  darwin: 'install one (brew install --cask chromium, or Google Chrome)',
  win32: 'install Google Chrome'
};

export interface BrowserLookup {
  env: Record<string, string | undefined>;
  platform: string;
  exists: (path: string) => boolean;
  /** Playwright's own download, if it has one ('' or a missing file when it has not). */
  playwrightBrowser: () => string;
}

export type BrowserChoice =
  | { found: true; executablePath: string | undefined; source: string }
  | { found: false; message: string };

export function findChromium(l: BrowserLookup): BrowserChoice {
  const fromEnv = l.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (l.exists(fromEnv)) return { found: true, executablePath: fromEnv, source: 'CHROMIUM_PATH' };
    return {
      found: false,
      message: `CHROMIUM_PATH is ${fromEnv}, but there is no browser there: point it at Chromium or Chrome, or unset it.`
    };
  }
  const system = (SYSTEM_BROWSERS[l.platform] ?? []).find((p) => l.exists(p));
  if (system) return { found: true, executablePath: system, source: 'system' };
  let own: string;
  try {
    own = l.playwrightBrowser();
  } catch {
    own = ''; // Playwright may throw when it has no browser of its own
  }
  // Playwright's own browser: launch without a path and Playwright finds it.
  if (own && l.exists(own)) return { found: true, executablePath: undefined, source: 'playwright' };
  const install = INSTALL[l.platform] ?? 'install Chromium or Chrome';
  return {
    found: false,
    message: `No Chromium found: ${install}, or run \`npx playwright install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`
  };
}

/** The executable for `launchOptions.executablePath` here, or a thrown one-line message. */
export function chromiumPath(playwrightBrowser: () => string): string | undefined {
  const choice = findChromium({
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    playwrightBrowser
  });
  if (!choice.found) throw new Error(choice.message);
  return choice.executablePath;
}

/** As chromiumPath, but when there is no browser prints the one line and exits (for CLIs). */
export function chromiumPathOrExit(playwrightBrowser: () => string): string | undefined {
  try {
    return chromiumPath(playwrightBrowser);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
