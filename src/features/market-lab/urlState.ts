// The lab's settings in the URL query (v=1) through the one kit codec: the lab's schema for a market, and
// settings ⇄ query, with the pinned baseline strategy (b=1 and b.* keys) so a shared link reproduces a comparison.
// A segment's levels are written by preset name when they equal one; nothing here touches the DOM.
import { parseQuery, serializeQuery, type NumberSpec, type Schema, type StateOf, type UrlProblem } from '@/kit/urlState';
import {
  INVESTED_LEVELS,
  LEVEL_IDS,
  cloneSettings,
  matchPreset,
  type InvestmentVector,
  type LabLimits,
  type LabSettings,
  type LevelName,
} from './settings';

const SEGMENT_PREFIX = 's.';
/** The baseline's keys: its strategy only (it always runs on the current market, seed and horizon). */
const BASE_PREFIX = 'b.';

export interface DecodeResult {
  settings: LabSettings;
  /** The pinned baseline's settings (market, seed and horizon those of `settings`), or null when none is pinned. */
  baseline: LabSettings | null;
  /** What could not be used (listed ones, shortened for display) and how many problems in all. */
  problems: UrlProblem[];
  problemCount: number;
}

/** A segment's value in the URL: a level preset by name, or the spend in each invested level. */
type SegmentValue = LevelName | number[];

function segmentValue(limits: LabLimits, marketId: string, segmentId: string, inv: InvestmentVector): SegmentValue {
  const preset = matchPreset(limits, marketId, segmentId, inv);
  return preset === 'custom' ? INVESTED_LEVELS.map((l) => inv[l]) : preset;
}

const schemas = new WeakMap<LabLimits, Map<string, Schema>>();

/** The lab's URL schema for one market: scalar settings, then one entry per segment in display order. */
export function labSchema(limits: LabLimits, marketId: string): Schema {
  // Encoding runs on every settings change; a market's schema never changes, so it is built once.
  let byMarket = schemas.get(limits);
  if (!byMarket) schemas.set(limits, (byMarket = new Map()));
  const cached = byMarket.get(marketId);
  if (cached) return cached;
  const d = limits.defaults(marketId);
  const num = (r: { min: number; max: number; step: number }, value: number): NumberSpec => ({ kind: 'number', ...r, default: value });
  const schema: Schema = {
    m: { kind: 'enum', values: limits.marketIds, default: limits.marketIds[0] },
    seed: { kind: 'integer', min: limits.seed.min, max: limits.seed.max, default: d.seed },
    h: { kind: 'integer', min: limits.quarters.min, max: limits.quarters.max, default: d.quarters },
    pr: num(limits.promiseLevel, d.promiseLevel),
    acq: num(limits.acquisitionSpendPerQuarter, d.acquisitionSpendPerQuarter),
    q: num(limits.quality, d.quality),
  };
  const segmentSpec = (segId: string): Schema[string] => ({
    kind: 'oneOf',
    options: [
      { kind: 'enum', values: LEVEL_IDS, default: 'basic' },
      {
        kind: 'tuple',
        items: INVESTED_LEVELS.map((l) => num(limits.investmentRange(marketId, segId, l), 0)),
        default: INVESTED_LEVELS.map(() => 0),
      },
    ],
    default: segmentValue(limits, marketId, segId, d.investment[segId]),
  });
  for (const segId of limits.segmentIds(marketId)) schema[SEGMENT_PREFIX + segId] = segmentSpec(segId);
  // The baseline: written only while one is pinned, each value left out while it equals the market's default.
  schema.b = { kind: 'enum', values: ['0', '1'], default: '0', omitDefault: true };
  schema[BASE_PREFIX + 'pr'] = { ...num(limits.promiseLevel, d.promiseLevel), omitDefault: true };
  schema[BASE_PREFIX + 'acq'] = { ...num(limits.acquisitionSpendPerQuarter, d.acquisitionSpendPerQuarter), omitDefault: true };
  schema[BASE_PREFIX + 'q'] = { ...num(limits.quality, d.quality), omitDefault: true };
  for (const segId of limits.segmentIds(marketId))
    schema[BASE_PREFIX + SEGMENT_PREFIX + segId] = { ...segmentSpec(segId), omitDefault: true };
  byMarket.set(marketId, schema);
  return schema;
}

/** The query string (without "?") for the settings (and a pinned baseline): v=1 first, keys in a fixed order. */
export function encodeSettings(settings: LabSettings, limits: LabLimits, baseline: LabSettings | null = null): string {
  const state: StateOf<Schema> = {
    m: settings.marketId,
    seed: settings.seed,
    h: settings.quarters,
    pr: settings.promiseLevel,
    acq: settings.acquisitionSpendPerQuarter,
    q: settings.quality,
  };
  for (const segId of limits.segmentIds(settings.marketId)) {
    const inv = settings.investment[segId];
    if (inv) state[SEGMENT_PREFIX + segId] = segmentValue(limits, settings.marketId, segId, inv);
  }
  if (baseline) {
    state.b = '1';
    state[BASE_PREFIX + 'pr'] = baseline.promiseLevel;
    state[BASE_PREFIX + 'acq'] = baseline.acquisitionSpendPerQuarter;
    state[BASE_PREFIX + 'q'] = baseline.quality;
    for (const segId of limits.segmentIds(settings.marketId)) {
      const inv = baseline.investment[segId];
      if (inv) state[BASE_PREFIX + SEGMENT_PREFIX + segId] = segmentValue(limits, settings.marketId, segId, inv);
    }
  }
  return serializeQuery(labSchema(limits, settings.marketId), state);
}

/**
 * Reads settings from a query. The lab requires `v`: a query without it (tracking parameters, another
 * site's) is not read at all. Anything invalid keeps its default and is reported.
 */
export function decodeSettings(search: string, limits: LabLimits): DecodeResult {
  // The market decides which segments exist, so it is looked at first; the codec then reports it if bad.
  const asked = new URLSearchParams(search).getAll('m');
  const marketId = asked.length === 1 && limits.marketIds.includes(asked[0]) ? asked[0] : limits.marketIds[0];
  const { state, problems, problemCount } = parseQuery(labSchema(limits, marketId), search, { versionRequired: true });
  // A link of another version keeps every default, including the market.
  const market = state.m === marketId ? marketId : limits.marketIds[0];
  const settings = cloneSettings(limits.defaults(market));
  let baseline: LabSettings | null = null;
  const investmentOf = (segId: string, v: SegmentValue): InvestmentVector =>
    typeof v === 'string'
      ? limits.presetInvestment(market, segId, v)
      : (Object.fromEntries(INVESTED_LEVELS.map((l, i) => [l, v[i]])) as InvestmentVector);
  if (market === marketId) {
    settings.seed = state.seed as number;
    settings.quarters = state.h as number;
    settings.promiseLevel = state.pr as number;
    settings.acquisitionSpendPerQuarter = state.acq as number;
    settings.quality = state.q as number;
    for (const segId of limits.segmentIds(market))
      settings.investment[segId] = investmentOf(segId, state[SEGMENT_PREFIX + segId] as SegmentValue);
    if (state.b === '1') {
      baseline = cloneSettings(settings);
      baseline.promiseLevel = state[BASE_PREFIX + 'pr'] as number;
      baseline.acquisitionSpendPerQuarter = state[BASE_PREFIX + 'acq'] as number;
      baseline.quality = state[BASE_PREFIX + 'q'] as number;
      for (const segId of limits.segmentIds(market))
        baseline.investment[segId] = investmentOf(segId, state[BASE_PREFIX + SEGMENT_PREFIX + segId] as SegmentValue);
    }
  }
  return { settings, baseline, problems, problemCount };
}
