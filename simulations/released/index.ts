// Every released model version's engine, each behind its own dynamic import, so that a bundler makes
// it a separate chunk that the class board fetches only when a result file of that version arrives.
// A list only: the frozen copies live in ./<version>/ and are never edited (README.md here).
import type { ModelRelease } from '../release.ts';

export type ReleaseLoaders = Readonly<Record<string, () => Promise<ModelRelease>>>;

export const RELEASED: ReleaseLoaders = {
  '1.0.0': () => import('./1.0.0/index.ts'),
  '1.1.0': () => import('./1.1.0/index.ts'),
};
