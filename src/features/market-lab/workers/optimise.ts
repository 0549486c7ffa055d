// Web Worker: "what would have been optimal?" for the lab. Receives the settings, posts progress and the result.
// Cancel = the page terminates this worker; the search itself lives in src/features/market-lab (tested without a worker).
import { optimiseSettings } from '../jobs';
import type { LabSettings } from '../settings';
import type { SearchProgress, SearchResult } from '../optimise';

export interface OptimiseRequest {
  settings: LabSettings;
}
export type OptimiseMessage =
  { type: 'progress'; progress: SearchProgress } | { type: 'done'; result: SearchResult } | { type: 'error'; message: string };

const post = (m: OptimiseMessage) => (self as unknown as { postMessage(m: OptimiseMessage): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<OptimiseRequest>) => {
  try {
    const result = optimiseSettings(ev.data.settings, (progress) => post({ type: 'progress', progress }));
    post({ type: 'done', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
