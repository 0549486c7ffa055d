// Playwright config for the lab benchmark only: the shared config, but matching market-lab.bench.ts (not a *.spec.ts),
// in the full Chromium.
// The web servers keep their commands and run from the repository root, as with the shared config.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base, { FULL_CHROMIUM, launchOptions } from '../../playwright.config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const servers = Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : [];

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'market-lab.bench.ts',
  workers: 1,
  fullyParallel: false,
  // The full browser, as a learner's: its frames are what the bench times (the suite runs in the headless shell).
  projects: [{ name: 'chromium', use: { launchOptions: launchOptions(FULL_CHROMIUM) } }],
  webServer: servers.map((s) => ({ ...s, cwd: root })),
});
