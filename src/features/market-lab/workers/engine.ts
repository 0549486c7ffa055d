// Web Worker: the lab's runs while the learner interacts (one worker per slot: current strategy, baseline).
// Receives a RunJob, posts the LabRun with its census arrays transferred; it keeps no state between jobs.
import { computeRun, transferables } from '../engineJobs';
import type { LabRun, RunJob } from '../runTypes';

export type EngineMessage = { type: 'done'; result: LabRun } | { type: 'error'; key: string; message: string };

const scope = self as unknown as { postMessage(m: EngineMessage, transfer?: Transferable[]): void };

self.onmessage = (ev: MessageEvent<RunJob>) => {
  try {
    const result = computeRun(ev.data, () => performance.now());
    scope.postMessage({ type: 'done', result }, transferables(result));
  } catch (e) {
    // Engine messages name settings, never echo long input; clipped all the same.
    scope.postMessage({ type: 'error', key: ev.data.key, message: (e instanceof Error ? e.message : String(e)).slice(0, 200) });
  }
};
