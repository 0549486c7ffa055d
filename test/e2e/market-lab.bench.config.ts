// Playwright config for the lab benchmark only: the shared config, but matching market-lab.bench.ts (not a *.spec.ts).
// The web servers keep their commands and run from the repository root, as with the shared config.
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import base from '../../playwright.config';

const root = fileURLToPath(new URL('../..', import.meta.url));
const servers = Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : [];

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'market-lab.bench.ts',
  workers: 1,
  fullyParallel: false,
  webServer: servers.map((s) => ({ ...s, cwd: root })),
});
