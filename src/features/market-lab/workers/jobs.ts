// Web Worker: the lab's long jobs — "what would have been optimal?" and a share of the many-seed band. The page keeps
// a few alive (one per core) and reuses them, so a second job starts warm; cancel = the page terminates them.
// The jobs themselves live in ../jobs (tested without a worker); this only loops, posts progress and the result.
import { optimiseSettings, runSeeds } from '../jobs';
import type { LabSettings } from '../settings';
import type { SearchProgress, SearchResult } from '../optimise';
import type { SeedSeries } from '../montecarlo';

export type JobRequest =
  { type: 'optimise'; id: number; settings: LabSettings } | { type: 'band'; id: number; settings: LabSettings; seeds: number[] };
export type JobMessage =
  | { type: 'progress'; id: number; progress: SearchProgress }
  | { type: 'optimum'; id: number; result: SearchResult }
  | { type: 'bandProgress'; id: number; done: number }
  | { type: 'band'; id: number; series: SeedSeries }
  | { type: 'error'; id: number; message: string };

const post = (m: JobMessage) => (self as unknown as { postMessage(m: JobMessage): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<JobRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'optimise') {
      const result = optimiseSettings(req.settings, (progress) => post({ type: 'progress', id: req.id, progress }));
      post({ type: 'optimum', id: req.id, result });
    } else {
      const series = runSeeds(req.settings, req.seeds, (done) => post({ type: 'bandProgress', id: req.id, done }));
      post({ type: 'band', id: req.id, series });
    }
  } catch (e) {
    post({ type: 'error', id: req.id, message: (e instanceof Error ? e.message : String(e)).slice(0, 200) });
  }
};
