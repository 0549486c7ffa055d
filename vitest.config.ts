// Vitest: unit and component tests (node by default; component files opt into jsdom).
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';
import { globSync, readFileSync } from 'node:fs';

const ASTRO_BUILDS = 'test/unit/content-schema-build.test.ts';
const DOM = globSync('test/unit/**/*.test.ts').filter((file) => /@vitest-environment\s+jsdom/.test(readFileSync(file, 'utf8')));

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  resolve: {
    alias: {
      '@/': fileURLToPath(new URL('./src/', import.meta.url)),
      '@sim/': fileURLToPath(new URL('./simulations/', import.meta.url)),
    },
  },
  test: {
    testTimeout: 60_000,
    // Two projects: the files that opt into jsdom (a `@vitest-environment jsdom` comment) run one per fresh worker,
    // as the DOM they leave behind would reach the next file; the rest (the model, the parsers, the states) share
    // workers, which spares a worker's start and its imports per file (55 s → 37 s for the suite, one sitting).
    // A third project holds the tests that run `astro build` on broken content, which `npm test` runs in its lane of
    // Astro stages (scripts/test-all.mjs).
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['test/unit/**/*.test.ts'], exclude: [...DOM, ASTRO_BUILDS], environment: 'node', isolate: false },
      },
      { extends: true, test: { name: 'jsdom', include: DOM } },
      { extends: true, test: { name: 'astro build', include: [ASTRO_BUILDS], environment: 'node' } },
    ],
  },
});
