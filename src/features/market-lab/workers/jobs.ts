// Web Worker: the lab's long jobs — "what would have been optimal?" (this worker runs the search and its runs, helped
// by the other job workers through message ports) and a share of the many-seed band. The page keeps one per core warm
// and reuses them; cancel = the page terminates them. The jobs live in ../jobs and ../optimiseParallel (tested
// without a worker); this only wires the lanes, loops and posts what it computed.
import { runPart, runSeeds, warmUp, type SegmentPart } from '../jobs';
import { optimiseInParallel, type PartComputer } from '../optimiseParallel';
import type { InvestmentVector, LabSettings } from '../settings';
import type { SearchProgress, SearchResult } from '../optimise';
import type { SeedSeries } from '../montecarlo';

export type JobRequest =
  /** A small run, so that the first job finds the engine compiled (no answer). */
  | { type: 'warm'; id: number; settings: LabSettings }
  /** Runs the search here; each port reaches a helper worker that computes segment runs ahead. */
  | { type: 'optimise'; id: number; settings: LabSettings; helpers: MessagePort[] }
  /** Serves segment runs on `port` to the worker running the search. */
  | { type: 'help'; id: number; port: MessagePort }
  | { type: 'band'; id: number; settings: LabSettings; seeds: number[] };
export type JobMessage =
  | { type: 'progress'; id: number; progress: SearchProgress }
  | { type: 'optimum'; id: number; result: SearchResult & { runs: number } }
  /** The runs of the band finished since the last message (the page draws the band as they come). */
  | { type: 'bandRuns'; id: number; series: SeedSeries }
  | { type: 'band'; id: number }
  | { type: 'error'; id: number; message: string };
/** Between the searching worker and a helper: one segment run asked for, and its answer. */
type PartRequest = { settings: LabSettings; segmentId: string; candidate: Record<string, InvestmentVector> };
type PartAnswer = { type: 'part'; result: SegmentPart } | { type: 'error'; message: string };

const post = (m: JobMessage) => (self as unknown as { postMessage(m: JobMessage): void }).postMessage(m);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 200);

/** Runs of the band sent together: often enough for the page to draw the band growing, few enough messages. */
const BAND_CHUNK = 2;

/** Resolves after the messages already queued for this worker (a helper's answers) have been handled. */
const tick = (() => {
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
})();

async function optimise(req: Extract<JobRequest, { type: 'optimise' }>): Promise<void> {
  // One run in flight per helper: the answer on a port settles that lane's promise.
  const waiting: ({ resolve: (r: SegmentPart) => void; reject: (e: unknown) => void } | null)[] = req.helpers.map(() => null);
  req.helpers.forEach((port, k) => {
    port.onmessage = (ev: MessageEvent<PartAnswer>) => {
      const w = waiting[k];
      waiting[k] = null;
      if (ev.data.type === 'part') w?.resolve(ev.data.result);
      else w?.reject(new Error(ev.data.message));
    };
  });
  const computer: PartComputer = {
    lanes: 1 + req.helpers.length,
    compute: (lane, segmentId, candidate) => {
      // Lane 0 is this worker: it lets the helpers' answers in first, so they get their next run without waiting.
      if (lane === 0) return tick().then(() => runPart(req.settings, candidate, segmentId));
      return new Promise((resolve, reject) => {
        waiting[lane - 1] = { resolve, reject };
        req.helpers[lane - 1].postMessage({ settings: req.settings, segmentId, candidate } satisfies PartRequest);
      });
    },
  };
  try {
    const result = await optimiseInParallel(req.settings, computer, (progress) => post({ type: 'progress', id: req.id, progress }));
    post({ type: 'optimum', id: req.id, result });
  } finally {
    for (const port of req.helpers) port.close();
  }
}

self.onmessage = (ev: MessageEvent<JobRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'warm') {
      warmUp(req.settings);
    } else if (req.type === 'optimise') {
      optimise(req).catch((e: unknown) => post({ type: 'error', id: req.id, message: messageOf(e) }));
    } else if (req.type === 'help') {
      req.port.onmessage = (m: MessageEvent<PartRequest>) => {
        let answer: PartAnswer;
        try {
          answer = { type: 'part', result: runPart(m.data.settings, m.data.candidate, m.data.segmentId) };
        } catch (e) {
          answer = { type: 'error', message: messageOf(e) };
        }
        req.port.postMessage(answer);
      };
    } else {
      for (let i = 0; i < req.seeds.length; i += BAND_CHUNK) {
        post({ type: 'bandRuns', id: req.id, series: runSeeds(req.settings, req.seeds.slice(i, i + BAND_CHUNK)) });
      }
      post({ type: 'band', id: req.id });
    }
  } catch (e) {
    post({ type: 'error', id: req.id, message: messageOf(e) });
  }
};
