// The shapes the lab's engine runner exchanges: a job (settings and what to record) and its result. Types only, so
// the page's eager code can name them without pulling the engine into its bundle.
import type { Census, CustomerTrace, RunEvent, RunResult, Valuation } from '@sim/index';
import type { LabSettings } from './settings';
import type { MarketLayout } from './marketLayout';

/** Which run a job is for: the learner's current strategy or the pinned baseline (each keeps only its newest job). */
export type RunSlot = 'current' | 'baseline';

export interface RunJob {
  /** Identifies what the result answers (settings query and traced keys): a result whose key is not the newest is dropped. */
  key: string;
  settings: LabSettings;
  /** Customer keys to trace (the picked customer's story). */
  trace: number[];
  /** Record every customer per quarter (the market view); the baseline run does not need it. */
  census: boolean;
}

export interface LabRun {
  key: string;
  run: RunResult;
  census: Census | null;
  /** Every customer's place in the market view (with the census). */
  layout: MarketLayout | null;
  valuation: Valuation;
  traces: CustomerTrace[];
  events: RunEvent[];
  /** Time the engine took, in ms (0 where no clock was given). */
  ms: number;
}

/** Runs jobs somewhere (a worker, or at once in tests) and hands back only the newest result of each slot. */
export interface EngineRunner {
  run(slot: RunSlot, job: RunJob, done: (result: LabRun) => void, failed: (message: string) => void): void;
  /**
   * Computes runs the learner is likely to ask for next (the neighbouring values of the control in use) on a spare
   * worker, one after another; a new list replaces the jobs of the old one not yet started.
   */
  prefetch(jobs: RunJob[], done: (result: LabRun) => void): void;
  dispose(): void;
}
