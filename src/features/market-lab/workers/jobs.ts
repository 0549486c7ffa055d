// Web Worker: the lab's long jobs — segment runs for "what would have been optimal?" and a share of the many-seed
// band. The page keeps one per core warm and reuses them; cancel = the page terminates them.
// The jobs themselves live in ../jobs (tested without a worker); this only loops and posts what it computed.
import { runPart, runSeeds, warmUp, type SegmentPart } from '../jobs';
import type { InvestmentVector, LabSettings } from '../settings';
import type { SeedSeries } from '../montecarlo';

export type JobRequest =
  | { type: 'warm'; id: number; settings: LabSettings }
  | { type: 'part'; id: number; settings: LabSettings; segmentId: string; candidate: Record<string, InvestmentVector> }
  | { type: 'band'; id: number; settings: LabSettings; seeds: number[] };
export type JobMessage =
  | { type: 'warm'; id: number }
  | { type: 'part'; id: number; result: SegmentPart }
  /** The runs of the band finished since the last message (the page draws the band as they come). */
  | { type: 'bandRuns'; id: number; series: SeedSeries }
  | { type: 'band'; id: number }
  | { type: 'error'; id: number; message: string };

const post = (m: JobMessage) => (self as unknown as { postMessage(m: JobMessage): void }).postMessage(m);

/** Runs of the band sent together: often enough for the page to draw the band growing, few enough messages. */
const BAND_CHUNK = 2;

self.onmessage = (ev: MessageEvent<JobRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'warm') {
      warmUp(req.settings);
      post({ type: 'warm', id: req.id });
    } else if (req.type === 'part') {
      post({ type: 'part', id: req.id, result: runPart(req.settings, req.candidate, req.segmentId) });
    } else {
      for (let i = 0; i < req.seeds.length; i += BAND_CHUNK) {
        post({ type: 'bandRuns', id: req.id, series: runSeeds(req.settings, req.seeds.slice(i, i + BAND_CHUNK)) });
      }
      post({ type: 'band', id: req.id });
    }
  } catch (e) {
    post({ type: 'error', id: req.id, message: (e instanceof Error ? e.message : String(e)).slice(0, 200) });
  }
};
