// The compact market lab behind <Predict lab="market">: the main lab's settings (its URL schema, so "open on its own
// page" opens the same situation), which view to watch and what to compare with; it plans the engine runs a view needs
// and turns their results into the figures the charts and the Predict verdicts read. Pure: no DOM, no strings.
import { LEVELS, type LevelId, type QuarterRow, type RunResult, simulate } from '@sim/index';
import { parseQuery, serializeQuery, MAX_LISTED_PROBLEMS, type Schema, type UrlProblem } from '@/kit/urlState';
import { decodeSettings, encodeSettings, labSchema } from '@/features/market-lab/urlState';
import { defaultSettings, labLimits, marketById } from '@/features/market-lab/limits';
import { toRunOptions, toStrategy } from '@/features/market-lab/strategy';
import { INVESTED_LEVELS, cloneSettings, matchPreset, type InvestmentVector, type LabSettings } from '@/features/market-lab/settings';
import { MARKET_VIEW_KEYS } from './registry';

/**
 * What the mini lab draws. time: retention and equity by quarter; levels: equity at each uniform level; spend: equity
 * and satisfaction against relationship spending; loyalty: defection by satisfaction band (Jones & Sasser); segments:
 * equity by segment; referrals: new customers won by referrals; lost: retention and customers lost by reason.
 */
export const MINI_VIEWS = ['time', 'levels', 'spend', 'loyalty', 'segments', 'referrals', 'lost'] as const;
export type MiniView = (typeof MINI_VIEWS)[number];
/** The run beside the learner's: none, the market's default levels, or every segment at one level. */
export const MINI_COMPARE = ['none', 'default', ...LEVELS] as const;
export type MiniCompare = (typeof MINI_COMPARE)[number];
/** Relationship spending as multiples of the market's default spending (the spend view's x axis). */
export const SPEND_MULTIPLES: readonly number[] = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];

const [WATCH_KEY, COMPARE_KEY] = MARKET_VIEW_KEYS;
/** The mini lab's own keys, read by the same codec as the lab's settings (left out while at their default). */
export const MINI_VIEW_SCHEMA = {
  [WATCH_KEY]: { kind: 'enum', values: MINI_VIEWS, default: 'time', omitDefault: true },
  [COMPARE_KEY]: { kind: 'enum', values: MINI_COMPARE, default: 'none', omitDefault: true },
} as const satisfies Schema;

export interface MiniSetup {
  settings: LabSettings;
  view: MiniView;
  compare: MiniCompare;
}

export interface MiniParse extends MiniSetup {
  problems: UrlProblem[];
  problemCount: number;
}

/** The schema of the whole mini-lab query for a market (the main lab's keys, then watch and vs): for tests and docs. */
export function miniSchema(marketId: string = labLimits.marketIds[0]): Schema {
  return { ...labSchema(labLimits, marketId), ...MINI_VIEW_SCHEMA };
}

/**
 * Reads a lesson's query: the lab's settings exactly as the main lab reads them (v=1 required, bad values reported
 * and kept at their default), plus `watch` and `vs`. Never throws; the problems are listed as the kit lists them.
 */
export function parseMiniQuery(query: string): MiniParse {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const lab = new URLSearchParams();
  const own = new URLSearchParams();
  for (const [key, value] of params) ((MARKET_VIEW_KEYS as readonly string[]).includes(key) ? own : lab).append(key, value);
  const decoded = decodeSettings(lab.toString(), labLimits);
  const view = parseQuery(MINI_VIEW_SCHEMA, own.toString());
  const problems = [...decoded.problems, ...view.problems].slice(0, MAX_LISTED_PROBLEMS);
  return {
    settings: decoded.settings,
    view: view.state[WATCH_KEY],
    compare: view.state[COMPARE_KEY],
    problems,
    problemCount: decoded.problemCount + view.problemCount,
  };
}

/** The query that reproduces a setup: the main lab's query (v=1 first) followed by the view keys that differ from their default. */
export function miniQuery(setup: MiniSetup): string {
  const own = serializeQuery(MINI_VIEW_SCHEMA, { [WATCH_KEY]: setup.view, [COMPARE_KEY]: setup.compare }).replace(/^v=1&?/, '');
  const lab = encodeSettings(setup.settings, labLimits);
  return own ? `${lab}&${own}` : lab;
}

/** A segment's level preset, or 'custom' when its spends were set one by one (by a link). */
export function segmentLevel(settings: LabSettings, segmentId: string): LevelId | 'custom' {
  const inv = settings.investment[segmentId];
  return inv ? matchPreset(labLimits, settings.marketId, segmentId, inv) : 'custom';
}

/** The same settings with one segment at a level preset. */
export function withSegmentLevel(settings: LabSettings, segmentId: string, level: LevelId): LabSettings {
  const next = cloneSettings(settings);
  next.investment[segmentId] = labLimits.presetInvestment(settings.marketId, segmentId, level);
  return next;
}

/** The market's default settings, keeping the seed and horizon (a change of market in the mini lab). */
export function withMarket(settings: LabSettings, marketId: string): LabSettings {
  return { ...defaultSettings(marketId), seed: settings.seed, quarters: settings.quarters };
}

/** The settings of the comparison run: the learner's settings with every segment's levels replaced; null for none. */
export function comparisonSettings(settings: LabSettings, compare: MiniCompare): LabSettings | null {
  if (compare === 'none') return null;
  const next = cloneSettings(settings);
  const base = defaultSettings(settings.marketId);
  for (const segId of labLimits.segmentIds(settings.marketId)) {
    next.investment[segId] =
      compare === 'default' ? { ...base.investment[segId] } : labLimits.presetInvestment(settings.marketId, segId, compare);
  }
  return next;
}

/** The learner's settings with every segment spending `multiple` times the market's default (spend view). */
export function scaledSpendSettings(settings: LabSettings, multiple: number): LabSettings {
  const next = cloneSettings(settings);
  const base = defaultSettings(settings.marketId);
  for (const segId of labLimits.segmentIds(settings.marketId)) {
    const inv = { ...base.investment[segId] } as InvestmentVector;
    for (const l of INVESTED_LEVELS) inv[l] = inv[l] * multiple;
    next.investment[segId] = inv;
  }
  return next;
}

/** When every segment spends the same multiple of the market's default in every level, that multiple; else null. */
export function spendMultipleOf(settings: LabSettings): number | null {
  const base = defaultSettings(settings.marketId);
  let multiple: number | null = null;
  for (const segId of labLimits.segmentIds(settings.marketId)) {
    for (const l of INVESTED_LEVELS) {
      const d = base.investment[segId][l];
      const v = settings.investment[segId]?.[l] ?? 0;
      if (d === 0) {
        if (v !== 0) return null;
        continue;
      }
      const r = v / d;
      if (multiple === null) multiple = r;
      else if (Math.abs(r - multiple) > 1e-6) return null;
    }
  }
  return multiple;
}

/** The settings with every segment at one level preset (levels view). */
export function uniformLevelSettings(settings: LabSettings, level: LevelId): LabSettings {
  const next = cloneSettings(settings);
  for (const segId of labLimits.segmentIds(settings.marketId)) {
    next.investment[segId] = labLimits.presetInvestment(settings.marketId, segId, level);
  }
  return next;
}

/** One engine run, exactly as the main lab runs these settings (same market, strategy, seed and horizon). */
export function runSettings(settings: LabSettings): RunResult {
  return simulate(marketById(settings.marketId), toStrategy(settings), toRunOptions(settings));
}

/** What one run contributes to the mini lab's charts and to a verdict. */
export interface MiniRun {
  quarters: number[];
  retention: number[];
  customerEquity: number[];
  newCustomers: number[];
  referrals: number[];
  /** Final customer equity, in all and per segment (in the market's segment order). */
  finalEquity: number;
  equityBySegment: { id: string; equity: number }[];
  /** Mean of the quarterly retention rates over the run. */
  meanRetention: number;
  /** Mean satisfaction (1..5) over the last four quarters. */
  satisfaction: number;
  /** Share of delighted customers over the last four quarters. */
  delighted: number;
  /** Customers lost over the run, by reason. */
  lost: QuarterRow['lost'];
  totalNew: number;
  totalReferrals: number;
  /** Per satisfaction band 1..5 over all segments: customer-quarters and the quarterly defection rate (null without customers). */
  bands: { band: number; customers: number; defectionRate: number | null }[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const tailMean = (rows: readonly QuarterRow[], pick: (r: QuarterRow) => number) => {
  const tail = rows.slice(-4);
  return tail.length ? sum(tail.map(pick)) / tail.length : 0;
};

export function summarise(r: RunResult): MiniRun {
  const rows = r.overall;
  const last = rows[rows.length - 1];
  const bandsCustomers = [0, 0, 0, 0, 0];
  const bandsLost = [0, 0, 0, 0, 0];
  for (const d of Object.values(r.defectionBySatisfaction)) {
    for (let b = 0; b < 5; b++) {
      bandsCustomers[b] += d.customers[b] ?? 0;
      bandsLost[b] += d.lost[b] ?? 0;
    }
  }
  return {
    quarters: rows.map((row) => row.quarter),
    retention: rows.map((row) => row.retentionRate),
    customerEquity: rows.map((row) => row.customerEquity),
    newCustomers: rows.map((row) => row.newCustomers),
    referrals: rows.map((row) => row.referrals),
    finalEquity: last?.customerEquity ?? 0,
    equityBySegment: Object.entries(r.bySegment).map(([id, segRows]) => ({ id, equity: segRows[segRows.length - 1]?.customerEquity ?? 0 })),
    meanRetention: rows.length ? sum(rows.map((row) => row.retentionRate)) / rows.length : 0,
    satisfaction: tailMean(rows, (row) => row.meanSatisfaction),
    delighted: tailMean(rows, (row) => row.satisfactionShare.delighted),
    lost: {
      company: sum(rows.map((row) => row.lost.company)),
      competitor: sum(rows.map((row) => row.lost.competitor)),
      customer: sum(rows.map((row) => row.lost.customer)),
    },
    totalNew: sum(rows.map((row) => row.newCustomers)),
    totalReferrals: sum(rows.map((row) => row.referrals)),
    bands: bandsCustomers.map((customers, b) => ({
      band: b + 1,
      customers,
      defectionRate: customers > 0 ? bandsLost[b] / customers : null,
    })),
  };
}

/** One run a view needs, named so the outcome can be put together from the results in any order. */
export interface PlannedRun {
  id: string;
  settings: LabSettings;
}

/** The runs a setup needs: the learner's run, the comparison, and a view's sweep (levels or spending). */
export function planRuns(setup: MiniSetup): PlannedRun[] {
  const runs: PlannedRun[] = [{ id: 'run', settings: setup.settings }];
  const comparison = comparisonSettings(setup.settings, setup.compare);
  if (comparison) runs.push({ id: 'comparison', settings: comparison });
  if (setup.view === 'levels') for (const l of LEVELS) runs.push({ id: `level:${l}`, settings: uniformLevelSettings(setup.settings, l) });
  if (setup.view === 'spend')
    for (const k of SPEND_MULTIPLES) runs.push({ id: `spend:${k}`, settings: scaledSpendSettings(setup.settings, k) });
  return runs;
}

/** Everything the mini lab shows after a run, and what a Predict's verdict is computed from. */
export interface MiniOutcome {
  setup: MiniSetup;
  run: MiniRun;
  comparison: MiniRun | null;
  /** levels view: final customer equity at each uniform level, in LEVELS order. */
  levels: { level: LevelId; equity: number }[] | null;
  /** spend view: final equity and late satisfaction at each multiple of the default spending. */
  spend: { multiple: number; equity: number; satisfaction: number }[] | null;
  /** spend view: where the learner's own spending sits on that axis (null when it is not a uniform multiple). */
  spendMultiple: number | null;
}

/** Puts the outcome together from the planned runs' summaries (by run id). */
export function assemble(setup: MiniSetup, results: ReadonlyMap<string, MiniRun>): MiniOutcome {
  const get = (id: string) => {
    const r = results.get(id);
    if (!r) throw new Error(`mini lab: run "${id}" is missing`);
    return r;
  };
  return {
    setup,
    run: get('run'),
    comparison: setup.compare === 'none' ? null : get('comparison'),
    levels: setup.view === 'levels' ? LEVELS.map((level) => ({ level, equity: get(`level:${level}`).finalEquity })) : null,
    spend:
      setup.view === 'spend'
        ? SPEND_MULTIPLES.map((multiple) => {
            const r = get(`spend:${multiple}`);
            return { multiple, equity: r.finalEquity, satisfaction: r.satisfaction };
          })
        : null,
    spendMultiple: setup.view === 'spend' ? spendMultipleOf(setup.settings) : null,
  };
}

/** Runs every planned run at once (tests, the command line): the same outcome the lab builds run by run. */
export function computeOutcome(setup: MiniSetup): MiniOutcome {
  const results = new Map<string, MiniRun>();
  for (const p of planRuns(setup)) results.set(p.id, summarise(runSettings(p.settings)));
  return assemble(setup, results);
}
