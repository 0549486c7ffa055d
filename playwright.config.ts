// Playwright: end-to-end tests against the built site, served by a plain static server, in
// Debian's Chromium. `dist` is served at the root; `dist-base` under /crm-lab/ (sub-path deploy).
import { defineConfig, type LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

// Two builds of Debian's Chromium 156. The headless shell (package chromium-headless-shell, what Playwright itself
// runs headless by default) is the same engine without the browser around it: the whole suite took 219 s in it
// against 336 s in the full browser, one sitting. The full browser runs what only it does (tests tagged
// @full-chromium: whether the site can be installed as an app) and the lab bench, which times painted frames the
// way a learner's browser paints them. Without the shell package everything runs in the full browser.
export const FULL_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHELL = process.env.CHROMIUM_HEADLESS_SHELL_PATH ?? '/usr/lib/chromium/chromium-headless-shell';
const HEADLESS_SHELL = existsSync(SHELL) ? SHELL : FULL_CHROMIUM;

export function launchOptions(executablePath: string): LaunchOptions {
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  };
}

// Ports are configurable so that a second checkout can run its tests beside another one.
const port = Number(process.env.E2E_PORT ?? 4321);
const basePort = Number(process.env.E2E_BASE_PORT ?? port + 1);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // The built site registers a service worker that precaches every page (≈ 8 MB). Specs that are not about
    // it keep it off, so each fresh context doesn't download the whole site; the offline and embed specs allow it.
    serviceWorkers: 'block',
    trace: 'off',
  },
  projects: [
    { name: 'headless shell', use: { launchOptions: launchOptions(HEADLESS_SHELL) }, grepInvert: /@full-chromium/ },
    { name: 'chromium', use: { launchOptions: launchOptions(FULL_CHROMIUM) }, grep: /@full-chromium/ },
  ],
  webServer: [
    { command: `node test/server.mjs dist ${port} /`, url: `http://127.0.0.1:${port}/en/`, reuseExistingServer: !process.env.CI },
    // The sub-path build exists after `npm run build:base` (npm test always makes it).
    ...(existsSync('dist-base/en/index.html')
      ? [
          {
            command: `node test/server.mjs dist-base ${basePort} /crm-lab/`,
            url: `http://127.0.0.1:${basePort}/crm-lab/en/`,
            reuseExistingServer: !process.env.CI,
          },
        ]
      : []),
  ],
});
