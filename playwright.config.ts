import { chromium, defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPathOrExit } from './scripts/chromium';

// E2E_PORT lets two checkouts run their end-to-end suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 2,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  webServer: {
    command: `npm run preview -- --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000
  },
  use: {
    baseURL: `http://localhost:${port}`
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          // CHROMIUM_PATH, else the system's Chromium or Chrome, else Playwright's own download.
          executablePath: chromiumPathOrExit(() => chromium.executablePath()),
          args: CHROMIUM_ARGS
        }
      }
    }
  ]
});
