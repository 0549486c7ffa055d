// Astro configuration: a static site in two locales with Svelte islands and MDX lessons.
// Formulas are typeset by KaTeX at build time (no client JS). ASTRO_BASE deploys under a sub-path.
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { fileURLToPath } from 'node:url';

const base = process.env.ASTRO_BASE ?? '/';

export default defineConfig({
  // An absolute site URL is optional; with one set, hreflang alternates become absolute.
  site: process.env.ASTRO_SITE || undefined,
  base,
  // Builds of other content folders (the broken-content test) keep their own cache.
  cacheDir: process.env.CRM_CONTENT_DIR ? `./node_modules/.astro-${process.env.CRM_CONTENT_DIR.replace(/\W+/g, '-')}` : undefined,
  trailingSlash: 'always',
  output: 'static',
  i18n: {
    locales: ['en', 'zh-cn'],
    defaultLocale: 'en',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [svelte(), mdx()],
  markdown: {
    // The unified (remark/rehype) processor, because KaTeX typesetting is a rehype plugin.
    processor: unified({
      remarkPlugins: [remarkMath],
      rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml' }]],
    }),
  },
  vite: {
    resolve: {
      alias: {
        '@/': fileURLToPath(new URL('./src/', import.meta.url)),
        '@sim/': fileURLToPath(new URL('./simulations/', import.meta.url)),
      },
    },
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          // Every MDX module carries a harmless "use client"-style directive warning under rolldown.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
