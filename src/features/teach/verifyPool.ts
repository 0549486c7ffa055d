// Checks the board's dropped files on one Web Worker per core (at most 4), pulling the next file as a worker
// answers, and reports progress. Where workers cannot start (or fail to load) the page checks the rest itself.
// No engine is imported here, so the board page stays small: the workers, or the lazily loaded checker, simulate.
import type { Scenario } from '@sim/scenario';
import type { FileCheck, FileLike } from './checkFile';
import type { VerifyAnswer, VerifyRequest } from './workers/verify';

export interface CheckOptions {
  /** Called after every file with how many are done. */
  onProgress?: (done: number, total: number) => void;
  /** How many workers at most (default: the browser's core count, capped at 4). */
  workers?: number;
}

function coreCount(): number {
  return typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
}

/** Checks each file in the page itself (no workers); yields between files so progress can be drawn. */
export async function checkInPage(
  files: readonly FileLike[],
  scenarios: readonly Scenario[],
  results: (FileCheck | undefined)[],
  onDone: () => void,
): Promise<void> {
  const { makeChecker } = await import('./checkFile');
  const check = makeChecker(scenarios);
  for (let i = 0; i < files.length; i++) {
    if (results[i] !== undefined) continue;
    results[i] = await check(files[i]);
    onDone();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The checks of `files`, in their order. Never rejects. */
export async function checkFiles(
  files: readonly FileLike[],
  scenarios: readonly Scenario[],
  options: CheckOptions = {},
): Promise<FileCheck[]> {
  const total = files.length;
  const results: (FileCheck | undefined)[] = new Array(total);
  let done = 0;
  const tick = () => {
    done += 1;
    options.onProgress?.(done, total);
  };
  if (total === 0) return [];
  const count = Math.max(1, Math.min(options.workers ?? 4, coreCount(), total));
  let pool: Worker[] = [];
  if (typeof Worker !== 'undefined') {
    try {
      pool = Array.from({ length: count }, () => new Worker(new URL('./workers/verify.ts', import.meta.url), { type: 'module' }));
    } catch {
      pool.forEach((w) => w.terminate());
      pool = [];
    }
  }
  if (pool.length > 0) {
    await new Promise<void>((resolve) => {
      let next = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        pool.forEach((w) => w.terminate());
        resolve();
      };
      const feed = (worker: Worker) => {
        if (next >= total) return;
        const id = next++;
        const request: VerifyRequest = { type: 'check', id, file: files[id] };
        worker.postMessage(request);
      };
      // Anything a worker cannot take (a message it cannot receive) ends the pool; the page checks what is left.
      const safely = (job: () => void) => {
        try {
          job();
        } catch {
          finish();
        }
      };
      for (const worker of pool) {
        worker.onmessage = (ev: MessageEvent<VerifyAnswer>) => {
          const { id, check } = ev.data;
          if (results[id] === undefined) {
            results[id] = check;
            tick();
          }
          if (done >= total) finish();
          else safely(() => feed(worker));
        };
        // A worker that cannot load (its chunk missing, offline) ends the pool; the page checks what is left.
        worker.onerror = (event) => {
          event.preventDefault();
          finish();
        };
        const init: VerifyRequest = { type: 'init', scenarios: [...scenarios] };
        safely(() => {
          worker.postMessage(init);
          feed(worker);
        });
      }
    });
  }
  if (done < total) await checkInPage(files, scenarios, results, tick);
  return results as FileCheck[];
}
