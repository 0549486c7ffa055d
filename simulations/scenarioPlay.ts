// A parsed classroom scenario played through the engine: its re-simulated run and score (its market and
// starting strategy come from scenarioMarket.ts, re-exported here). No zod here (the schema is scenario.ts): the
// scenario pages and the board's workers import this without shipping the schema. No file-system or DOM access.
import { MarketModel, type RunResult } from './engine.ts';
import type { Scenario } from './scenario.ts';
import { scenarioInitialStrategy, scenarioMarket } from './scenarioMarket.ts';
import { cloneStrategy, validateStrategy, type Strategy } from './strategy.ts';
import type { InvestedLevel } from './market.ts';

export { scenarioInitialStrategy, scenarioMarket };

/** Value of one control id in a strategy (levelPreset ids compare the whole investment). */
function controlValue(st: Strategy, id: string): string {
  const [head, seg, level] = id.split('.');
  if (head === 'investment') return String(st.segments[seg!]?.investment[level as InvestedLevel] ?? 0);
  if (head === 'levelPreset') return JSON.stringify(st.segments[seg!]?.investment ?? null);
  return String(st[head as 'promiseLevel' | 'quality' | 'acquisitionSpendPerQuarter']);
}

/**
 * Re-simulate a played scenario: round k (0-based) runs `quartersPerRound` quarters with
 * decisionsPerRound[k]. Fewer decisions than rounds gives the state after the rounds played.
 * Throws if a decision changes a locked control or there are more decisions than rounds.
 */
export function scenarioRun(s: Scenario, decisionsPerRound: Strategy[]): RunResult {
  if (decisionsPerRound.length > s.rounds)
    throw new RangeError(`Scenario "${s.id}" has ${s.rounds} rounds, got ${decisionsPerRound.length} decisions`);
  const market = scenarioMarket(s);
  const initial = scenarioInitialStrategy(s, market);
  decisionsPerRound.forEach((d, k) => {
    validateStrategy(market, d);
    for (const c of s.controls.locked)
      if (controlValue(d, c) !== controlValue(initial, c))
        throw new RangeError(`Round ${k + 1} of scenario "${s.id}" changes the locked control "${c}"`);
  });
  const model = new MarketModel(market, decisionsPerRound[0] ?? initial, {
    seed: s.seed,
    quarters: s.rounds * s.quartersPerRound,
  });
  decisionsPerRound.forEach((d, k) => {
    if (k > 0) model.setStrategy(cloneStrategy(d));
    for (let q = 0; q < s.quartersPerRound; q++) model.step();
  });
  return model.result();
}

/**
 * Score of a run against the scenario goal: value / target, clamped to [0, 1].
 * The value is read at the last quarter played for customerEquity and cumulativeDiscountedProfit,
 * and averaged over the quarters of the last round for retentionRate and meanSatisfaction
 * (a single quarter of those is noisy).
 */
export function scenarioScore(s: Scenario, result: RunResult): { value: number; target: number; score: number } {
  const rows = result.overall;
  if (rows.length === 0) return { value: 0, target: s.goal.target, score: 0 };
  const metric = s.goal.metric;
  let value: number;
  if (metric === 'customerEquity' || metric === 'cumulativeDiscountedProfit') value = rows[rows.length - 1]![metric];
  else {
    const last = rows.slice(-s.quartersPerRound);
    value = last.reduce((a, r) => a + r[metric], 0) / last.length;
  }
  const score = Math.max(0, Math.min(1, value / s.goal.target));
  return { value, target: s.goal.target, score };
}
