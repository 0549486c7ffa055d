// What each lesson's <Predict> checks, by its id: the lab it opens and how the verdict is read from what that lab
// computes (the mini market lab's outcome, or the concept lab's pure function at the lesson's setup). A verdict names
// the choice the run supports (or none) and the figures that show it; it never reads a Predict's answer key.
// Pure: no DOM, no strings (the view formats the figures and looks up `labs.predict.fact.<id>`).
import { LEVELS, type LevelId } from '@sim/index';
import { parseQuery } from '@/kit/urlState';
import type { LabId } from '@/features/concept-labs/registry';
import type { MiniOutcome, MiniRun, MiniView } from '@/features/concept-labs/marketMini';
import { EXPECTATIONS_SCHEMA, runAt } from '@/features/concept-labs/expectations';
import { CLV_SCHEMA, clvFigures } from '@/features/concept-labs/clv';
import { LEVEL_MATRIX_SCHEMA, UNIT_COSTS, computeCell, computeMatrix, type CellResult } from '@/features/concept-labs/levelMatrix';
import { LIFE_CYCLE_SCHEMA, actionsFromState, paramsFromState, runCohort, stageAt } from '@/features/concept-labs/lifeCycle';
import { PERCEIVED_VALUE_SCHEMA, evaluateMarket, type OfferId } from '@/features/concept-labs/perceivedValue';

/** A figure of a verdict, tagged with how the view formats it. */
export type Fact =
  | { pct: number }
  | { money: number }
  | { count: number }
  | { decimal: number }
  /** A ratio or a multiple ("4.3 times", "1.5 times the default"), one decimal. */
  | { times: number }
  /** A relative change, shown with its sign (+19 %, −50 %). */
  | { delta: number }
  | { level: LevelId }
  | { segment: string }
  | { stage: string };

export interface Verdict {
  /** Index of the choice the run supports, or null when none of the choices describes it. */
  choice: number | null;
  /** Parameters of the sentence `labs.predict.fact.<id>` (the same names in both languages). */
  facts: Record<string, Fact>;
}

export type PredictCheck =
  | { lab: 'market'; view: MiniView; verdict: (outcome: MiniOutcome) => Verdict }
  | { lab: Exclude<LabId, 'market'>; verdict: (query: string) => Verdict };

const last = (xs: readonly number[]) => xs[xs.length - 1] ?? 0;
const change = (to: number, from: number) => (from === 0 ? 0 : to / Math.abs(from) - 1);
const pick = <T>(map: Partial<Record<string, T>>, key: string): T | null => map[key] ?? null;

function needComparison(o: MiniOutcome): MiniRun {
  if (!o.comparison) throw new Error('this Predict compares two runs: its query must set vs=');
  return o.comparison;
}

/** The segment whose equity changed most in proportion (most negative first), with that change. */
function sharpestChange(run: MiniRun, base: MiniRun): { id: string; change: number } {
  let best = { id: run.equityBySegment[0]?.id ?? '', change: Infinity };
  for (const s of run.equityBySegment) {
    const b = base.equityBySegment.find((x) => x.id === s.id)?.equity ?? 0;
    const c = change(s.equity, b);
    if (c < best.change) best = { id: s.id, change: c };
  }
  return best;
}

/** The segment whose equity fell most in currency units. */
function largestFall(run: MiniRun, base: MiniRun): { id: string; by: number } {
  let best = { id: run.equityBySegment[0]?.id ?? '', by: -Infinity };
  for (const s of run.equityBySegment) {
    const b = base.equityBySegment.find((x) => x.id === s.id)?.equity ?? 0;
    if (b - s.equity > best.by) best = { id: s.id, by: b - s.equity };
  }
  return best;
}

function expectationsState(query: string) {
  return parseQuery(EXPECTATIONS_SCHEMA, query).state;
}

function matrixBest(cells: readonly CellResult[]): Map<string, LevelId> {
  return new Map(cells.map((c) => [`${c.numbers}/${c.margin}`, c.best]));
}

export const PREDICT_CHECKS: Readonly<Record<string, PredictCheck>> = {
  // Lesson 1: a few high-margin customers; which uniform level creates the most customer equity?
  'few-high-level': {
    lab: 'market',
    view: 'levels',
    verdict: (o) => {
      const levels = o.levels ?? [];
      const best = levels.reduce((a, b) => (b.equity > a.equity ? b : a));
      const worst = levels.reduce((a, b) => (b.equity < a.equity ? b : a));
      return {
        choice: pick({ basic: 0, reactive: 1, partnership: 2 }, best.level),
        facts: {
          best: { level: best.level },
          bestEquity: { money: best.equity },
          worst: { level: worst.level },
          worstEquity: { money: worst.equity },
        },
      };
    },
  },
  // Lesson 2: which parcel offer wins the largest share when customers weigh image and worry more?
  'courier-share': {
    lab: 'perceived-value',
    verdict: (query) => {
      const s = parseQuery(PERCEIVED_VALUE_SCHEMA, query).state;
      const r = evaluateMarket({ firm: s.firm, rivalA: s.ra, rivalB: s.rb }, s.w, s.scale, s.basis);
      const share = (id: OfferId) => r.offers.find((o) => o.id === id)?.share ?? 0;
      const top = r.offers.reduce((a, b) => (b.share > a.share ? b : a));
      const spread = Math.max(...r.offers.map((o) => o.share)) - Math.min(...r.offers.map((o) => o.share));
      return {
        choice: spread < 0.1 ? 2 : pick({ rivalB: 0, firm: 1 }, top.id),
        facts: { firm: { pct: share('firm') }, rivalB: { pct: share('rivalB') }, rivalA: { pct: share('rivalA') } },
      };
    },
  },
  // Lesson 3: promising more than is delivered, against promising what is delivered.
  'over-promise': {
    lab: 'expectations',
    verdict: (query) => {
      const s = expectationsState(query);
      const high = runAt(s.promise, s.quality);
      const honest = runAt(s.quality, s.quality);
      const moreArrive = high.newCustomers > honest.newCustomers * 1.02;
      const moreDissatisfied = high.satisfactionShare.dissatisfied > honest.satisfactionShare.dissatisfied + 0.05;
      const worse = high.retention < honest.retention - 0.005 && high.customerEquity < honest.customerEquity;
      const sameSatisfaction = Math.abs(high.satisfactionShare.dissatisfied - honest.satisfactionShare.dissatisfied) < 0.02;
      const choice =
        moreArrive && moreDissatisfied && worse
          ? 0
          : moreArrive && sameSatisfaction
            ? 1
            : !moreArrive && high.satisfactionShare.delighted > honest.satisfactionShare.delighted
              ? 2
              : null;
      return {
        choice,
        facts: {
          promise: { decimal: s.promise },
          quality: { decimal: s.quality },
          newHigh: { count: high.newCustomers },
          newHonest: { count: honest.newCustomers },
          dissatisfiedHigh: { pct: high.satisfactionShare.dissatisfied },
          dissatisfiedHonest: { pct: honest.satisfactionShare.dissatisfied },
          retentionHigh: { pct: high.retention },
          retentionHonest: { pct: honest.retention },
          equityHigh: { money: high.customerEquity },
          equityHonest: { money: honest.customerEquity },
        },
      };
    },
  },
  // Lesson 3: relationship spending far beyond the default — satisfaction and customer equity.
  'spend-beyond-default': {
    lab: 'market',
    view: 'spend',
    verdict: (o) => {
      const beyond = (o.spend ?? []).filter((p) => p.multiple >= 1);
      const rising = beyond.every((p, i) => i === 0 || p.satisfaction >= beyond[i - 1]!.satisfaction);
      const falling = last(beyond.map((p) => p.satisfaction)) < (beyond[0]?.satisfaction ?? 0);
      const peak = beyond.reduce((a, b) => (b.equity > a.equity ? b : a));
      const end = beyond[beyond.length - 1]!;
      const interior = peak.multiple > beyond[0]!.multiple && peak.multiple < end.multiple && end.equity < peak.equity;
      return {
        choice: falling ? 2 : rising && interior ? 1 : rising && peak === end ? 0 : null,
        facts: {
          satFrom: { decimal: beyond[0]!.satisfaction },
          satTo: { decimal: end.satisfaction },
          peak: { times: peak.multiple },
          peakEquity: { money: peak.equity },
          end: { times: end.multiple },
          endEquity: { money: end.equity },
        },
      };
    },
  },
  // Lesson 4: in a highly competitive segment, do customers who rate 4 defect like those who rate 5?
  'four-vs-five': {
    lab: 'market',
    view: 'loyalty',
    verdict: (o) => {
      const rate = (band: number) => o.run.bands.find((b) => b.band === band)?.defectionRate ?? null;
      const four = rate(4);
      const five = rate(5);
      if (four === null || five === null || five === 0)
        return { choice: null, facts: { four: { pct: four ?? 0 }, five: { pct: five ?? 0 }, ratio: { times: 0 } } };
      const ratio = four / five;
      return {
        choice: ratio >= 2 ? 2 : ratio >= 0.75 && ratio <= 1.33 ? 0 : ratio < 0.75 ? 1 : null,
        facts: { four: { pct: four }, five: { pct: five }, ratio: { times: ratio } },
      };
    },
  },
  // Lesson 5: along the high-margin row of Kotler's matrix, from many customers to few.
  'high-margin-row': {
    lab: 'level-matrix',
    verdict: (query) => {
      const costs = parseQuery(LEVEL_MATRIX_SCHEMA, query).state;
      const row = (['many', 'medium', 'few'] as const).map((n) => computeCell(n, 'high', costs).best);
      const idx = row.map((l) => LEVELS.indexOf(l));
      const up = idx.every((v, i) => i === 0 || v > idx[i - 1]!);
      const same = idx.every((v) => v === idx[0]);
      const down = idx.every((v, i) => i === 0 || v < idx[i - 1]!);
      return {
        choice: up ? 0 : same ? 1 : down ? 2 : null,
        facts: { many: { level: row[0]! }, medium: { level: row[1]! }, few: { level: row[2]! } },
      };
    },
  },
  // Lesson 6: retention from 80 % to 90 % — what happens to CLV?
  'retention-to-90': {
    lab: 'clv',
    verdict: (query) => {
      const s = parseQuery(CLV_SCHEMA, query).state;
      const from = clvFigures(s).clv;
      const to = clvFigures({ ...s, retention: 0.9 }).clv;
      const ratio = from > 0 ? to / from : 0;
      return {
        choice: ratio < 1.3 ? 0 : ratio < 2.5 ? 1 : 2,
        facts: { retention: { pct: s.retention }, from: { money: from }, to: { money: to }, change: { delta: ratio - 1 } },
      };
    },
  },
  // Lesson 7: re-pricing a loyal low-margin customer (margin doubles, retention falls ten points).
  repricing: {
    lab: 'clv',
    verdict: (query) => {
      const s = parseQuery(CLV_SCHEMA, query).state;
      const from = clvFigures(s).clv;
      const to = clvFigures({ ...s, margin: s.margin * 2, retention: s.retention - 0.1 }).clv;
      const c = change(to, from);
      return {
        choice: c < 0 ? 0 : c < 0.5 ? 1 : c >= 0.8 ? 2 : null,
        facts: { from: { money: from }, to: { money: to }, change: { delta: c } },
      };
    },
  },
  // Lesson 8: in which stage does a cohort's cumulative value per customer turn positive?
  'payback-stage': {
    lab: 'life-cycle',
    verdict: (query) => {
      const s = parseQuery(LIFE_CYCLE_SCHEMA, query).state;
      const q = runCohort(actionsFromState(s), paramsFromState(s)).breakEvenQuarter;
      const stage = q === null ? null : stageAt(q);
      return {
        choice: stage === null ? null : pick({ acquisition: 0, growth: 1, maintenance: 2 }, stage),
        facts: { quarter: { count: q ?? 0 }, stage: { stage: stage ?? 'decline' } },
      };
    },
  },
  // Lesson 9: every segment at the basic level (pure transaction marketing) instead of the default levels.
  'all-basic': {
    lab: 'market',
    view: 'segments',
    verdict: (o) => {
      const base = needComparison(o);
      const c = change(o.run.finalEquity, base.finalEquity);
      const sharpest = sharpestChange(o.run, base);
      return {
        choice: c > 0.05 ? 0 : c >= -0.05 ? 1 : sharpest.id === 'key-accounts' ? 2 : null,
        facts: {
          from: { money: base.finalEquity },
          to: { money: o.run.finalEquity },
          change: { delta: c },
          segment: { segment: sharpest.id },
          segmentChange: { delta: sharpest.change },
        },
      };
    },
  },
  // Lesson 10: a bolder promise that the service still keeps (quality 4, promise 2 → 3.5).
  'bolder-kept-promise': {
    lab: 'expectations',
    verdict: (query) => {
      const s = expectationsState(query);
      const modest = runAt(s.promise, s.quality);
      const bolder = runAt(3.5, s.quality);
      const dRet = bolder.retention - modest.retention;
      const c = change(bolder.customerEquity, modest.customerEquity);
      return {
        choice:
          dRet <= -0.03 && c < 0 ? 0 : Math.abs(dRet) < 0.015 && c >= 0.2 ? 1 : Math.abs(dRet) < 0.015 && Math.abs(c) < 0.05 ? 2 : null,
        facts: {
          delightedFrom: { pct: modest.satisfactionShare.delighted },
          delightedTo: { pct: bolder.satisfactionShare.delighted },
          retentionFrom: { pct: modest.retention },
          retentionTo: { pct: bolder.retention },
          change: { delta: c },
        },
      };
    },
  },
  // Lesson 11: partnership for every customer in every segment instead of matching the level to the segment.
  'all-partnership': {
    lab: 'market',
    view: 'segments',
    verdict: (o) => {
      const base = needComparison(o);
      const c = change(o.run.finalEquity, base.finalEquity);
      const fall = largestFall(o.run, base);
      return {
        choice: c > 0.02 ? 0 : c < -0.02 ? (fall.id === 'consumers' ? 2 : null) : 1,
        facts: {
          from: { money: base.finalEquity },
          to: { money: o.run.finalEquity },
          change: { delta: c },
          segment: { segment: fall.id },
          satFrom: { decimal: base.satisfaction },
          satTo: { decimal: o.run.satisfaction },
        },
      };
    },
  },
  // Lesson 12: a CRM system halves the cost of reactive and accountable work — how does the map of best levels change?
  'cheaper-contact': {
    lab: 'level-matrix',
    verdict: (query) => {
      const costs = parseQuery(LEVEL_MATRIX_SCHEMA, query).state;
      const before = matrixBest(computeMatrix(UNIT_COSTS));
      const after = matrixBest(computeMatrix(costs));
      const moved = [...after].filter(([cell, l]) => before.get(cell) !== l);
      const oneUp = moved.every(([cell, l]) => LEVELS.indexOf(l) === LEVELS.indexOf(before.get(cell)!) + 1);
      const partnership = [...after.values()].filter((l) => l === 'partnership').length;
      const fewHigh = after.get('few/high')!;
      return {
        choice: moved.length === 0 ? 0 : partnership >= 5 ? 2 : oneUp && fewHigh === 'partnership' ? 1 : null,
        facts: { count: { count: moved.length }, fewHigh: { level: fewHigh } },
      };
    },
  },
  // Lesson 13: more delighted customers, the same acquisition spending — what happens to new customers?
  referrals: {
    lab: 'market',
    view: 'referrals',
    verdict: (o) => {
      const base = needComparison(o);
      const c = change(o.run.totalNew, base.totalNew);
      return {
        choice: c > 0.005 && o.run.totalReferrals > base.totalReferrals ? 0 : c < -0.005 ? 1 : Math.abs(c) <= 0.005 ? 2 : null,
        facts: {
          newFrom: { count: base.totalNew },
          newTo: { count: o.run.totalNew },
          refFrom: { count: base.totalReferrals },
          refTo: { count: o.run.totalReferrals },
          delightedFrom: { pct: base.delighted },
          delightedTo: { pct: o.run.delighted },
        },
      };
    },
  },
  // Lesson 14: from the basic to the reactive level everywhere — what happens to retention?
  'basic-to-reactive': {
    lab: 'market',
    view: 'lost',
    verdict: (o) => {
      const base = needComparison(o);
      const d = o.run.meanRetention - base.meanRetention;
      return {
        choice: d >= 0.005 ? 2 : d <= -0.005 ? 0 : 1,
        facts: {
          from: { pct: base.meanRetention },
          to: { pct: o.run.meanRetention },
          competitorFrom: { count: base.lost.competitor },
          competitorTo: { count: o.run.lost.competitor },
          companyFrom: { count: base.lost.company },
          companyTo: { count: o.run.lost.company },
        },
      };
    },
  },
};

export const PREDICT_IDS = Object.keys(PREDICT_CHECKS);

export function isPredictId(id: unknown): id is string {
  return typeof id === 'string' && Object.hasOwn(PREDICT_CHECKS, id);
}
