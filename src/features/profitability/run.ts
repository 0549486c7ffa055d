// The engine side of the profitability interactive: the lab's default settings for a market, seed and horizon
// (with one segment moved to another level), run with per-customer values and analysed. The worker calls it.
import { LEVELS } from '@sim/index';
import { customerValues } from '@sim/customerValue';
import { LAB_MARKET_IDS, defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { matchPreset, type LabSettings } from '@/features/market-lab/settings';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { analyse, type Analysis, type AnalysisRequest } from './profitability';

/** The lab's default settings for the request, with its change applied; a RangeError names what the lab lacks. */
export function requestSettings(request: AnalysisRequest): LabSettings {
  if (!(LAB_MARKET_IDS as readonly string[]).includes(request.marketId)) throw new RangeError('unknown market');
  const settings = { ...defaultSettings(request.marketId), seed: request.seed, quarters: request.quarters };
  const change = request.change;
  if (change) {
    if (!labLimits.segmentIds(request.marketId).includes(change.segment)) throw new RangeError('unknown segment');
    if (!LEVELS.includes(change.level)) throw new RangeError('unknown level');
    settings.investment = {
      ...settings.investment,
      [change.segment]: labLimits.presetInvestment(request.marketId, change.segment, change.level),
    };
  }
  return settings;
}

/** Runs the lab's market for the request and analyses it (the worker's job; tests call it directly). */
export function runAnalysis(request: AnalysisRequest): Analysis {
  const settings = requestSettings(request);
  const market = marketById(settings.marketId);
  const { run, values } = customerValues(market, toStrategy(settings), toRunOptions(settings));
  const levels = values.segments.map((id) => matchPreset(labLimits, settings.marketId, id, settings.investment[id]!));
  return analyse(request, values, run.overall[run.overall.length - 1]?.customerEquity ?? 0, levels);
}
