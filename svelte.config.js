// Svelte preprocessing shared by Astro, svelte-check and Vitest (TypeScript in components).
import { vitePreprocess } from '@astrojs/svelte';

export default { preprocess: vitePreprocess() };
