// The engine runner without workers: runs each job at once on the calling thread. For Node and jsdom tests, and for
// browsers that refuse module workers (then loaded lazily, so the page's eager bundle never carries the engine).
import { computeRun } from './engineJobs';
import type { EngineRunner } from './runTypes';

export function createSyncRunner(): EngineRunner {
  return {
    run(_slot, job, done, failed) {
      let result;
      try {
        result = computeRun(job, () => performance.now());
      } catch (e) {
        failed((e instanceof Error ? e.message : String(e)).slice(0, 200));
        return;
      }
      done(result);
    },
    prefetch(jobs, done) {
      for (const job of jobs) {
        try {
          done(computeRun(job, () => performance.now()));
        } catch {
          // A neighbour that cannot run is simply not kept; asking for it later reports the problem.
        }
      }
    },
    dispose() {},
  };
}
