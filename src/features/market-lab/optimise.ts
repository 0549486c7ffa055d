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
  type: 'progress';
  phase: 'presets' | 'fineTune';
  evaluations: number;
  /** Rough upper bound on evaluations, for a progress bar. */
  budget: number;
  best: number;
}

/**
 * The search asks for a candidate it has not evaluated yet; the caller answers with gen.next(evaluation). `ahead`
 * lists the candidates the search will ask for next if this one brings no gain, nearest first, so a caller with
 * spare workers can compute them meanwhile (a guess that only ever saves time: the search decides as alone).
 */
export interface SearchNeed {
  type: 'need';
  candidate: Record<string, InvestmentVector>;
  ahead: Record<string, InvestmentVector>[];
}
export type SearchStep = SearchProgress | SearchNeed;

/**
 * How many upcoming candidates a need names: enough to keep a second worker busy, few enough to waste little (a guess
 * is wrong whenever a trial brings a gain; naming six instead of two shortens the search by under 1 % and costs more runs).
 */
const AHEAD = 2;

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
 * Every candidate not seen before is asked of the caller (a `need` step); the decisions depend only on the answers,
 * so any caller that answers with the same evaluations gets the same result, whatever it computes ahead.
 */
export function* searchOptimum(
  space: SearchSpace,
  options: SearchOptions = {},
): Generator<SearchStep, SearchResult, Evaluation | undefined> {
  const segIds = space.segmentIds;
  const presetPasses = options.presetPasses ?? 3;
  const fineTuneBudget = options.fineTuneBudget ?? 48;
  const budget = LEVEL_IDS.length + presetPasses * segIds.length * (LEVEL_IDS.length - 1) + fineTuneBudget;
  const cache = new Map<string, Evaluation>();
  let evaluations = 0;
  let best = -Infinity;
  const progress = (phase: SearchProgress['phase']): SearchProgress => ({ type: 'progress', phase, evaluations, budget, best });

  function* evalCached(inv: Record<string, InvestmentVector>, ahead: () => Record<string, InvestmentVector>[]) {
    const k = keyOf(inv, segIds);
    let e = cache.get(k);
    if (!e) {
      const upcoming = ahead()
        .filter((c) => !cache.has(keyOf(c, segIds)))
        .slice(0, AHEAD);
      e = yield { type: 'need', candidate: inv, ahead: upcoming } satisfies SearchNeed;
      if (!e) throw new Error('searchOptimum: a need was answered without an evaluation');
      cache.set(k, e);
      evaluations++;
    }
    if (e.total > best) best = e.total;
    return e;
  }
  const fromLevels = (levels: Record<string, LevelName>) => {
    const inv: Record<string, InvestmentVector> = {};
    for (const s of segIds) inv[s] = { ...space.presetInvestment(s, levels[s]) };
    return inv;
  };
  const uniform = (level: LevelName) => fromLevels(Object.fromEntries(segIds.map((s) => [s, level])));

  // Phase 1: uniform presets, best level per segment by the segment's own equity.
  const bestBySeg: Record<string, { level: LevelName; value: number }> = {};
  for (const [i, level] of LEVEL_IDS.entries()) {
    const e = yield* evalCached(uniform(level), () => LEVEL_IDS.slice(i + 1).map(uniform));
    for (const s of segIds) {
      const v = e.bySegment[s] ?? -Infinity;
      if (!bestBySeg[s] || v > bestBySeg[s].value) bestBySeg[s] = { level, value: v };
    }
    yield progress('presets');
  }
  const levels: Record<string, LevelName> = {};
  for (const s of segIds) levels[s] = bestBySeg[s].level;
  let current = (yield* evalCached(fromLevels(levels), () => [])).total;

  // Phase 2: coordinate search over presets on the total.
  for (let pass = 0; pass < presetPasses; pass++) {
    let improved = false;
    for (const s of segIds) {
      for (const level of LEVEL_IDS) {
        if (level === levels[s]) continue;
        const trial = { ...levels, [s]: level };
        const v = (yield* evalCached(fromLevels(trial), () => [])).total;
        if (v > current) {
          current = v;
          levels[s] = level;
          improved = true;
        }
      }
      yield progress('presets');
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
  /** The trial of one level and direction from the current point, or null when the step leaves the value as it is. */
  const trialAt = (s: string, l: (typeof INVESTED_LEVELS)[number], dir: number) => {
    const v = snapToRange(inv[s][l] + dir * stepOf[`${s}|${l}`], space.investmentRange(s, l));
    return v === inv[s][l] ? null : { ...inv, [s]: { ...inv[s], [l]: v } };
  };
  /** The trials of the rest of this pass after (segment, level, direction) if none of them brings a gain. */
  const restOfPass = (si: number, li: number, di: number) => {
    const out: Record<string, InvestmentVector>[] = [];
    for (let a = si; a < segIds.length && out.length < 2 * AHEAD; a++) {
      for (let b = a === si ? li : 0; b < INVESTED_LEVELS.length; b++) {
        for (let c = a === si && b === li ? di + 1 : 0; c < 2; c++) {
          const t = trialAt(segIds[a], INVESTED_LEVELS[b], c === 0 ? 1 : -1);
          if (t) out.push(t);
        }
      }
    }
    return out;
  };
  const startEvals = evaluations;
  let round = 0;
  while (evaluations - startEvals < fineTuneBudget && round < 4) {
    let improved = false;
    for (const [si, s] of segIds.entries()) {
      for (const [li, l] of INVESTED_LEVELS.entries()) {
        for (const [di, dir] of [1, -1].entries()) {
          if (evaluations - startEvals >= fineTuneBudget) break;
          const trial = trialAt(s, l, dir);
          if (!trial) continue;
          const total = (yield* evalCached(trial, () => restOfPass(si, li, di))).total;
          if (total > current) {
            current = total;
            inv[s] = trial[s];
            improved = true;
            break;
          }
        }
      }
      yield progress('fineTune');
    }
    if (!improved) {
      for (const k of Object.keys(stepOf)) stepOf[k] /= 2;
      round++;
    }
  }
  return { presetLevels, presetEquity, investment: inv, equity: current, evaluations };
}

/** Runs the search to the end in one go, answering each need with `evaluate` (tests, and browsers without workers). */
export function runSearch(
  space: SearchSpace,
  evaluate: Evaluate,
  options?: SearchOptions,
  onProgress: (p: SearchProgress) => void = () => {},
): SearchResult {
  const gen = searchOptimum(space, options);
  let answer: Evaluation | undefined;
  for (;;) {
    const r = gen.next(answer);
    if (r.done) return r.value;
    answer = undefined;
    if (r.value.type === 'need') answer = evaluate(r.value.candidate);
    else onProgress(r.value);
  }
}
