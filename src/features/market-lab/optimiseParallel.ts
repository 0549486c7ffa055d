// "Find the optimum" on several lanes: drives the search (optimise.ts) and hands its segment runs to the lanes of an
// injected part computer — the run the search waits for first, then the ones it will ask for next. It decides nothing
// itself, so the result is the one-lane search's, to the bit. No DOM and no worker globals (tested in Node); the job
// worker runs it with itself and the other job workers as lanes.
import { searchOptimum, type SearchOptions, type SearchProgress, type SearchResult } from './optimise';
import { evaluationFromParts, partKey, searchSpaceFor, type SegmentPart } from './jobs';
import type { InvestmentVector, LabSettings } from './settings';
import type { SegmentSummary } from '@sim/index';

/** Computes segment runs: `lanes` of them at once (one per worker), each lane one run at a time. */
export interface PartComputer {
  readonly lanes: number;
  compute(lane: number, segmentId: string, candidate: Record<string, InvestmentVector>): Promise<SegmentPart>;
}

export interface ParallelResult extends SearchResult {
  /** Segment runs computed, including those computed ahead and never asked for. */
  runs: number;
}

interface Wanted {
  key: string;
  segmentId: string;
  candidate: Record<string, InvestmentVector>;
}

export async function optimiseInParallel(
  settings: LabSettings,
  computer: PartComputer,
  onProgress: (p: SearchProgress) => void = () => {},
  options?: SearchOptions,
): Promise<ParallelResult> {
  const space = searchSpaceFor(settings);
  const parts = new Map<string, SegmentSummary>();
  const started = new Set<string>();
  let discount: Float64Array | null = null;
  let failure: unknown = null;
  let runs = 0;
  let queue: Wanted[] = [];
  const lanes = Math.max(1, computer.lanes);
  const idle = Array.from({ length: lanes }, (_, lane) => lane);
  let wake: (() => void) | null = null;
  /** The runs of the candidate the search waits for. */
  let waitingFor: Wanted[] = [];

  const missing = (candidate: Record<string, InvestmentVector>): Wanted[] =>
    space.segmentIds
      .map((segmentId) => ({ key: partKey(segmentId, candidate[segmentId]), segmentId, candidate }))
      .filter((w) => !parts.has(w.key));
  const pump = () => {
    while (idle.length > 0 && queue.length > 0 && failure === null) {
      const w = queue.shift()!;
      if (started.has(w.key)) continue;
      const lane = idle.shift()!;
      started.add(w.key);
      computer.compute(lane, w.segmentId, w.candidate).then(
        (r) => {
          runs++;
          parts.set(w.key, r.part);
          discount ??= r.discountFactor;
          idle.push(lane);
          // Once the search has what it waits for, it names the next runs itself (the queue may be stale by then).
          if (waitingFor.every((x) => parts.has(x.key))) wake?.();
          else pump();
        },
        (e: unknown) => {
          failure = e ?? new Error('part failed');
          wake?.();
        },
      );
    }
  };

  const gen = searchOptimum(space, options);
  let answer;
  for (;;) {
    const step = gen.next(answer);
    if (step.done) return { ...step.value, runs };
    answer = undefined;
    if (step.value.type === 'progress') {
      onProgress(step.value);
      continue;
    }
    // The runs this candidate needs go first, then the next candidates' (replacing the guesses of the step before).
    const candidate = step.value.candidate;
    const need = missing(candidate);
    waitingFor = need;
    // On one lane a guess would only delay the run asked for.
    queue = lanes > 1 ? [...need, ...step.value.ahead.flatMap(missing)] : [...need];
    pump();
    while (failure === null && need.some((w) => !parts.has(w.key))) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    if (failure !== null) throw failure;
    const ids = space.segmentIds;
    answer = evaluationFromParts(
      settings,
      ids.map((id) => parts.get(partKey(id, candidate[id]))!),
      discount!,
    );
  }
}
