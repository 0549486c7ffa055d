// "What would have been optimal?": the search, as a pure step-by-step generator over an injected evaluate().
// It never calls the engine or touches the DOM itself, so Vitest can test it and the worker can pause between steps.
import { INVESTED_LEVELS, LEVEL_IDS, type InvestmentVector, type LevelName, type Range } from './settings';
import { snapToRange } from '@/kit/urlState';

export interface SearchSpace {
  segmentIds: readonly string[];
  presetInvestment(segmentId: string, level: LevelName): InvestmentVector;
  investmentRange(segmentId: string, level: (typeof INVESTED_LEVELS)[number]): Range;
}

/** Customer equity of one candidate: the total (maximised) and each segment's share (for the first guess). */
export interface Evaluation {
  total: number;
  bySegment: Record<string, number>;
}
export type Evaluate = (investment: Record<string, InvestmentVector>) => Evaluation;

export interface SearchProgress {
  phase: 'presets' | 'fineTune';
  evaluations: number;
  /** Rough upper bound on evaluations, for a progress bar. */
  budget: number;
  best: number;
}

export interface SearchResult {
  /** The best combination of level presets, one per segment. */
  presetLevels: Record<string, LevelName>;
  presetEquity: number;
  /** The best investment found after fine-tuning around the presets. */
  investment: Record<string, InvestmentVector>;
  equity: number;
  evaluations: number;
}

export interface SearchOptions {
  /** Maximum passes of the coordinate search over presets. */
  presetPasses?: number;
  /** Maximum evaluations spent fine-tuning. */
  fineTuneBudget?: number;
}

function keyOf(inv: Record<string, InvestmentVector>, segIds: readonly string[]): string {
  return segIds.map((s) => INVESTED_LEVELS.map((l) => inv[s][l]).join(',')).join(';');
}

/**
 * 1. Every segment on the same preset, five runs: each segment's best preset by its own equity (segments barely
 *    interact, so this is a strong first guess). 2. Coordinate search over presets on total equity until a pass
 *    brings no gain. 3. Fine-tune each level's investment up and down around the best, halving the step.
 */
export function* searchOptimum(
  space: SearchSpace,
  evaluate: Evaluate,
  options: SearchOptions = {},
): Generator<SearchProgress, SearchResult, void> {
  const segIds = space.segmentIds;
  const presetPasses = options.presetPasses ?? 3;
  const fineTuneBudget = options.fineTuneBudget ?? 48;
  const budget = LEVEL_IDS.length + presetPasses * segIds.length * (LEVEL_IDS.length - 1) + fineTuneBudget;
  const cache = new Map<string, Evaluation>();
  let evaluations = 0;
  let best = -Infinity;

  const evalCached = (inv: Record<string, InvestmentVector>): Evaluation => {
    const k = keyOf(inv, segIds);
    let e = cache.get(k);
    if (!e) {
      e = evaluate(inv);
      cache.set(k, e);
      evaluations++;
    }
    if (e.total > best) best = e.total;
    return e;
  };
  const fromLevels = (levels: Record<string, LevelName>) => {
    const inv: Record<string, InvestmentVector> = {};
    for (const s of segIds) inv[s] = { ...space.presetInvestment(s, levels[s]) };
    return inv;
  };

  // Phase 1: uniform presets, best level per segment by the segment's own equity.
  const bestBySeg: Record<string, { level: LevelName; value: number }> = {};
  for (const level of LEVEL_IDS) {
    const uniform: Record<string, LevelName> = {};
    for (const s of segIds) uniform[s] = level;
    const e = evalCached(fromLevels(uniform));
    for (const s of segIds) {
      const v = e.bySegment[s] ?? -Infinity;
      if (!bestBySeg[s] || v > bestBySeg[s].value) bestBySeg[s] = { level, value: v };
    }
    yield { phase: 'presets', evaluations, budget, best };
  }
  const levels: Record<string, LevelName> = {};
  for (const s of segIds) levels[s] = bestBySeg[s].level;
  let current = evalCached(fromLevels(levels)).total;

  // Phase 2: coordinate search over presets on the total.
  for (let pass = 0; pass < presetPasses; pass++) {
    let improved = false;
    for (const s of segIds) {
      for (const level of LEVEL_IDS) {
        if (level === levels[s]) continue;
        const trial = { ...levels, [s]: level };
        const v = evalCached(fromLevels(trial)).total;
        if (v > current) {
          current = v;
          levels[s] = level;
          improved = true;
        }
      }
      yield { phase: 'presets', evaluations, budget, best };
    }
    if (!improved) break;
  }
  const presetLevels = { ...levels };
  const presetEquity = current;

  // Phase 3: fine-tune each invested level around the best presets.
  const inv = fromLevels(levels);
  const stepOf: Record<string, number> = {};
  for (const s of segIds) {
    const top = space.presetInvestment(s, 'partnership');
    for (const l of INVESTED_LEVELS) {
      const r = space.investmentRange(s, l);
      stepOf[`${s}|${l}`] = Math.max(r.step, 0.25 * Math.max(inv[s][l], top[l], r.step));
    }
  }
  const startEvals = evaluations;
  let round = 0;
  while (evaluations - startEvals < fineTuneBudget && round < 4) {
    let improved = false;
    for (const s of segIds) {
      for (const l of INVESTED_LEVELS) {
        const r = space.investmentRange(s, l);
        const step = stepOf[`${s}|${l}`];
        for (const dir of [1, -1]) {
          if (evaluations - startEvals >= fineTuneBudget) break;
          const v = snapToRange(inv[s][l] + dir * step, r);
          if (v === inv[s][l]) continue;
          const trial = { ...inv, [s]: { ...inv[s], [l]: v } };
          const total = evalCached(trial).total;
          if (total > current) {
            current = total;
            inv[s] = trial[s];
            improved = true;
            break;
          }
        }
      }
      yield { phase: 'fineTune', evaluations, budget, best };
    }
    if (!improved) {
      for (const k of Object.keys(stepOf)) stepOf[k] /= 2;
      round++;
    }
  }
  return { presetLevels, presetEquity, investment: inv, equity: current, evaluations };
}

/** Runs the search to the end in one go (tests, and browsers without workers). */
export function runSearch(space: SearchSpace, evaluate: Evaluate, options?: SearchOptions): SearchResult {
  const gen = searchOptimum(space, evaluate, options);
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}
