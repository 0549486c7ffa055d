// ESLint (flat config) for TypeScript, Svelte 5 and Astro files; formatting is Prettier's job
// (eslint-config-prettier turns off the rules that would fight it). Run through `npm run lint`.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
  // simulations/released/ holds frozen copies of earlier engines: never edited, so never reformatted.
  { ignores: ['dist/', 'dist-base/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/', 'simulations/released/*/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  ...astro.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // TypeScript checks names itself (types such as BlobPart are not runtime globals).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Tests reshape parsed YAML and JSON fixtures freely to break them on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // The model is pure and seeded: no global random source, no clock, no DOM (PhET bans Math.random the same way).
    files: ['simulations/**/*.ts'],
    ignores: ['simulations/cli.ts', 'simulations/bench.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded draws of simulations/random.ts.' },
        { object: 'Date', property: 'now', message: 'The model has no clock.' },
        { object: 'performance', property: 'now', message: 'The model has no clock.' },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator'],
    },
  },
);
