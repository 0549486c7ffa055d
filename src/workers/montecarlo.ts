// Web Worker: the current strategy over many seeds, for the lab's 10–90 % band. Posts progress and the bands.
// Cancel = the page terminates this worker; seeds and quantiles live in src/lib/mainlab (tested without a worker).
import { bandForSettings, type BandMetric } from '../lib/mainlab/jobs';
import type { LabSettings } from '../lib/mainlab/settings';
import type { Band } from '../lib/mainlab/montecarlo';

export interface MonteCarloRequest {
  settings: LabSettings;
  seeds: number;
}
export type MonteCarloMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; bands: Record<BandMetric, Band> }
  | { type: 'error'; message: string };

const post = (m: MonteCarloMessage) => (self as unknown as { postMessage(m: MonteCarloMessage): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<MonteCarloRequest>) => {
  try {
    const bands = bandForSettings(ev.data.settings, ev.data.seeds, (done, total) => post({ type: 'progress', done, total }));
    post({ type: 'done', bands });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
