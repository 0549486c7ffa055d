// Web Worker: the current strategy on a share of the band's seeds (the page may start several, one per core).
// Posts progress and the raw series; the page turns them into the 10–90 % band. Cancel = the page terminates it.
import { runSeeds, type SeedSeries } from '../jobs';
import type { LabSettings } from '../settings';

export interface MonteCarloRequest {
  settings: LabSettings;
  seeds: number[];
}
export type MonteCarloMessage =
  { type: 'progress'; done: number } | { type: 'done'; series: SeedSeries } | { type: 'error'; message: string };

const post = (m: MonteCarloMessage) => (self as unknown as { postMessage(m: MonteCarloMessage): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<MonteCarloRequest>) => {
  try {
    const series = runSeeds(ev.data.settings, ev.data.seeds, (done) => post({ type: 'progress', done }));
    post({ type: 'done', series });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
