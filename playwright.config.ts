// Playwright: end-to-end tests against the built site, served by a plain static server, in
// Debian's Chromium. `dist` is served at the root; `dist-base` under /crm-lab/ (sub-path deploy).
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
    },
  },
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
