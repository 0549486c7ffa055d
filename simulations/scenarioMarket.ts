// A parsed classroom scenario's market and starting strategy, without the engine: a scenario page shows its
// controls from these before the engine is loaded (scenarioPlay.ts runs it). No zod, file system or DOM here.
import { INVESTED_LEVELS, getPreset, type Market } from './market.ts';
import type { Scenario } from './scenario.ts';
import { defaultStrategy, levelPresetInvestment, type Strategy } from './strategy.ts';

/** The scenario's market: the preset with its overrides and scheduled events (which act in the engine). */
export function scenarioMarket(s: Scenario): Market {
  const m = getPreset(s.market.preset);
  const o = s.market.overrides;
  if (o?.firm) Object.assign(m.firm, stripUndefined(o.firm));
  if (o?.mechanisms) Object.assign(m.mechanisms, stripUndefined(o.mechanisms));
  if (o?.satisfactionDynamics !== undefined) m.satisfactionDynamics = o.satisfactionDynamics;
  for (const [id, seg] of Object.entries(o?.segments ?? {})) {
    const target = m.segments.find((x) => x.id === id);
    if (!target) throw new Error(`Scenario "${s.id}": unknown segment "${id}"`);
    const { sensitivity, standardInvestment, ...rest } = seg;
    Object.assign(target, stripUndefined(rest));
    if (sensitivity) Object.assign(target.sensitivity, stripUndefined(sensitivity));
    if (standardInvestment) Object.assign(target.standardInvestment, stripUndefined(standardInvestment));
  }
  m.events = s.events.map((e) => ({
    quarter: e.quarter,
    type: e.type,
    magnitude: e.magnitude,
    ...(e.segment !== undefined ? { segment: e.segment } : {}),
    ...(e.durationQuarters !== undefined ? { durationQuarters: e.durationQuarters } : {}),
  }));
  return m;
}

/** The strategy the learner starts from: the market's default plus the scenario's initialStrategy. */
export function scenarioInitialStrategy(s: Scenario, market: Market = scenarioMarket(s)): Strategy {
  const st = defaultStrategy(market);
  const init = s.initialStrategy;
  if (!init) return st;
  if (init.promiseLevel !== undefined) st.promiseLevel = init.promiseLevel;
  if (init.quality !== undefined) st.quality = init.quality;
  if (init.acquisitionSpendPerQuarter !== undefined) st.acquisitionSpendPerQuarter = init.acquisitionSpendPerQuarter;
  for (const [id, seg] of Object.entries(init.segments ?? {})) {
    const inv = seg.level ? levelPresetInvestment(market, id, seg.level) : st.segments[id]!.investment;
    for (const l of INVESTED_LEVELS) {
      const v = seg.investment?.[l];
      if (v !== undefined) inv[l] = v;
    }
    st.segments[id] = { investment: inv };
  }
  return st;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
