// Every <Predict> of every lesson, read from the MDX in both languages, answered by the lab it opens: the setup is
// read with the lab's own query codec, run through the same code the page runs, and the verdict computed from that
// run must be the lesson's answer key; the figures the explanations quote are recomputed here too.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuery } from '@/kit/urlState';
import { EXPECTATIONS_SCHEMA, runAt } from '@/features/concept-labs/expectations';
import { CLV_SCHEMA, clvFigures } from '@/features/concept-labs/clv';
import { LEVEL_MATRIX_SCHEMA, computeMatrix, UNIT_COSTS, type CellResult } from '@/features/concept-labs/levelMatrix';
import { comparisonSettings, computeOutcome, parseMiniQuery, runSettings, withMarket } from '@/features/concept-labs/marketMini';
import { PREDICT_CHECKS, PREDICT_IDS, type Verdict } from '@/features/learn/predictChecks';
import { LEVELS } from '@sim/index';

interface PredictTag {
  id: string;
  lab: string;
  query: string;
  answer: number;
  choices: number;
}

type Locale = 'en' | 'zh-cn';
const TAG = /<Predict\s+id="([^"]+)"\s+lab="([^"]+)"\s+query="([^"]*)"[\s\S]*?choices=\{\[([\s\S]*?)\]\}\s+answer=\{(\d+)\}>/g;

/** The <Predict>s of a lesson, in order: id, lab, query, answer index and number of choices. */
function predictsOf(locale: Locale, slug: string): PredictTag[] {
  const text = readFileSync(join('content', 'lessons', locale, `${slug}.mdx`), 'utf8');
  const all = (text.match(/<Predict\b/g) ?? []).length;
  const tags = [...text.matchAll(TAG)].map(([, id, lab, query, choices, answer]) => ({
    id: id!,
    lab: lab!,
    query: query!,
    answer: Number(answer),
    choices: (choices!.match(/"(?:[^"\\]|\\.)*"/g) ?? []).length,
  }));
  // Every block must be readable by this test (an id first, then lab, query, prompt, choices, answer).
  expect(tags, `${locale}/${slug}`).toHaveLength(all);
  return tags;
}

const SLUGS = readdirSync(join('content', 'lessons', 'en'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));
const ALL = SLUGS.flatMap((slug) => predictsOf('en', slug).map((p) => ({ slug, ...p })));

/** The verdict a Predict's setup gives, computed exactly as the page computes it. */
function verdictOf(p: PredictTag): Verdict {
  const check = PREDICT_CHECKS[p.id]!;
  return check.lab === 'market' ? check.verdict(computeOutcome(parseMiniQuery(p.query))) : check.verdict(p.query);
}

describe('every Predict of the course', () => {
  it('both languages ask the same questions with the same setups and keys', () => {
    for (const slug of SLUGS) expect(predictsOf('zh-cn', slug), slug).toEqual(predictsOf('en', slug));
  });

  it('has a check for its lab, and no two Predicts share one (so no two ask the same question)', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(15);
    expect(new Set(ALL.map((p) => p.id)).size).toBe(ALL.length);
    expect(ALL.map((p) => p.id).sort()).toEqual([...PREDICT_IDS].sort());
    for (const p of ALL) {
      const check = PREDICT_CHECKS[p.id]!;
      expect(check.lab, p.id).toBe(p.lab);
      expect(p.answer, p.id).toBeLessThan(p.choices);
    }
  });

  it('market setups read cleanly and set the chart the check reads', () => {
    for (const p of ALL.filter((x) => x.lab === 'market')) {
      const setup = parseMiniQuery(p.query);
      expect(setup.problems, p.id).toEqual([]);
      const check = PREDICT_CHECKS[p.id]!;
      expect(check.lab === 'market' && check.view, p.id).toBe(setup.view);
    }
  });

  it('does not let a learner guess by position: no choice position holds more than half of the keys', () => {
    const counts = new Map<number, number>();
    for (const p of ALL) counts.set(p.answer, (counts.get(p.answer) ?? 0) + 1);
    for (const [position, n] of counts) expect(n, `answer ${position}`).toBeLessThanOrEqual(ALL.length / 2);
  });

  it.each(ALL.map((p) => [p.slug, p.id, p] as const))('%s / %s: the run supports the answer key', (_, __, p) => {
    expect(verdictOf(p).choice).toBe(p.answer);
  });
});

/** The Predict with this id. */
const byId = (id: string) => {
  const p = ALL.find((x) => x.id === id);
  if (!p) throw new Error(`no Predict "${id}"`);
  return p;
};

describe('what the explanations say is what the model shows', () => {
  it('few-high-level: in a market of many low-margin customers partnership destroys value', () => {
    const setup = parseMiniQuery(byId('few-high-level').query);
    expect(setup.settings.marketId).toBe('kotler-few-high');
    const manyLow = computeOutcome({ ...setup, settings: withMarket(setup.settings, 'kotler-many-low') });
    const equity = Object.fromEntries(manyLow.levels!.map((l) => [l.level, l.equity]));
    expect(equity.partnership).toBeLessThan(0);
    expect(equity.partnership).toBeLessThan(equity.basic!);
  });

  it('spend-beyond-default: the lesson spends three times the default; equity peaks at about one and a half times', () => {
    const o = computeOutcome(parseMiniQuery(byId('spend-beyond-default').query));
    expect(o.spendMultiple).toBeCloseTo(3, 9);
    const peak = o.spend!.reduce((a, b) => (b.equity > a.equity ? b : a));
    expect(peak.multiple).toBe(1.5);
  });

  it('four-vs-five: several times as often where rivals are strong; in the near-monopoly the gap almost disappears', () => {
    const setup = parseMiniQuery(byId('four-vs-five').query);
    const rate = (run: ReturnType<typeof computeOutcome>, band: number) => run.run.bands[band - 1]!.defectionRate!;
    const competitive = computeOutcome(setup);
    expect(rate(competitive, 4) / rate(competitive, 5)).toBeGreaterThan(3);
    const monopoly = computeOutcome({ ...setup, settings: withMarket(setup.settings, 'monopoly') });
    expect(rate(monopoly, 4) / rate(monopoly, 5)).toBeLessThan(1.2);
  });

  it('all-basic: first-quarter profit rises, retention falls in every segment, equity about halved', () => {
    const setup = parseMiniQuery(byId('all-basic').query);
    const basic = runSettings(setup.settings);
    const o = computeOutcome(setup);
    const base = runSettings(comparisonSettings(setup.settings, 'default')!);
    expect(basic.overall[0]!.profit).toBeGreaterThan(base.overall[0]!.profit);
    const meanRetention = (rows: readonly { retentionRate: number }[]) => rows.reduce((a, r) => a + r.retentionRate, 0) / rows.length;
    for (const seg of Object.keys(base.bySegment)) {
      expect(meanRetention(basic.bySegment[seg]!), seg).toBeLessThan(meanRetention(base.bySegment[seg]!));
    }
    const ratio = o.run.finalEquity / o.comparison!.finalEquity;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
    const change = (id: string) =>
      o.run.equityBySegment.find((s) => s.id === id)!.equity / o.comparison!.equityBySegment.find((s) => s.id === id)!.equity;
    expect(change('consumers')).toBeGreaterThan(change('small-business'));
    expect(change('small-business')).toBeGreaterThan(change('key-accounts'));
  });

  it('all-partnership: satisfaction rises; the consumers turn negative, the key accounts gain', () => {
    const o = computeOutcome(parseMiniQuery(byId('all-partnership').query));
    expect(o.run.satisfaction).toBeGreaterThan(o.comparison!.satisfaction);
    const seg = (r: typeof o.run, id: string) => r.equityBySegment.find((s) => s.id === id)!.equity;
    expect(seg(o.run, 'consumers')).toBeLessThan(0);
    expect(seg(o.run, 'key-accounts')).toBeGreaterThan(seg(o.comparison!, 'key-accounts'));
  });

  it('referrals: the share of delighted customers roughly quadruples, and referrals rise with it', () => {
    const o = computeOutcome(parseMiniQuery(byId('referrals').query));
    const delighted = o.run.delighted / o.comparison!.delighted;
    expect(delighted).toBeGreaterThan(3);
    expect(delighted).toBeLessThan(5.5);
    expect(o.run.totalReferrals).toBeGreaterThan(3 * o.comparison!.totalReferrals);
  });

  it('basic-to-reactive: losses to rivals fall most, company losses fall, own-reason losses rise', () => {
    const o = computeOutcome(parseMiniQuery(byId('basic-to-reactive').query));
    const base = o.comparison!;
    const competitorFall = base.lost.competitor - o.run.lost.competitor;
    const companyFall = base.lost.company - o.run.lost.company;
    expect(companyFall).toBeGreaterThan(0);
    expect(competitorFall).toBeGreaterThan(companyFall);
    expect(o.run.lost.customer).toBeGreaterThan(base.lost.customer);
  });

  it('high-margin-row: accountable, proactive, partnership along the high-margin row', () => {
    const cells = computeMatrix(UNIT_COSTS);
    const best = (n: string) => cells.find((c) => c.numbers === n && c.margin === 'high')!.best;
    expect([best('many'), best('medium'), best('few')]).toEqual(['accountable', 'proactive', 'partnership']);
  });

  it('over-promise: the lab opens at promise 4.5 and quality 3.5', () => {
    expect(parseQuery(EXPECTATIONS_SCHEMA, byId('over-promise').query)).toMatchObject({
      state: { promise: 4.5, quality: 3.5 },
      problems: [],
    });
  });

  it('retention-to-90: 267 → 450; a 10 % margin gain would only reach about 293', () => {
    const { state, problems } = parseQuery(CLV_SCHEMA, byId('retention-to-90').query);
    expect(problems).toEqual([]);
    expect(clvFigures(state).clv).toBeCloseTo(266.67, 2);
    expect(clvFigures({ ...state, retention: 0.9 }).clv).toBeCloseTo(450, 6);
    expect(clvFigures({ ...state, margin: 110 }).clv).toBeCloseTo(293.33, 2);
  });

  it('bolder-kept-promise: delight falls, retention hardly moves, equity rises about 40 %; promising above quality undoes it', () => {
    const { state, problems } = parseQuery(EXPECTATIONS_SCHEMA, byId('bolder-kept-promise').query);
    expect(problems).toEqual([]);
    expect(state).toEqual({ promise: 2, quality: 4 });
    const modest = runAt(2, 4);
    const bolder = runAt(3.5, 4);
    const over = runAt(4.5, 4);
    expect(modest.satisfactionShare.delighted).toBeGreaterThan(0.85);
    expect(bolder.satisfactionShare.delighted).toBeGreaterThan(0.2);
    expect(bolder.satisfactionShare.delighted).toBeLessThan(0.33);
    expect(modest.retention).toBeCloseTo(0.97, 2);
    expect(bolder.retention).toBeCloseTo(0.96, 2);
    expect(bolder.newCustomers).toBeGreaterThan(2 * modest.newCustomers);
    const rise = bolder.customerEquity / modest.customerEquity - 1;
    expect(rise).toBeGreaterThan(0.3);
    expect(rise).toBeLessThan(0.5);
    expect(over.satisfactionShare.dissatisfied).toBeGreaterThan(bolder.satisfactionShare.dissatisfied + 0.05);
    expect(over.customerEquity).toBeLessThan(bolder.customerEquity);
  });

  it('repricing: 90 → about 107 (+19 %), break-even retention about 76 %, about 86 at 75 %', () => {
    const { state, problems } = parseQuery(CLV_SCHEMA, byId('repricing').query);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ margin: 20, retention: 0.9, discount: 0.1, acq: 0, timing: 'end' });
    const at = (margin: number, retention: number) => clvFigures({ margin, retention, discount: 0.1, acq: 0, timing: 'end' });
    expect(at(20, 0.9).clv).toBeCloseTo(90, 6);
    expect(at(40, 0.8).clv).toBeCloseTo(106.67, 2);
    expect(at(40, 0.76).clv).toBeLessThan(90);
    expect(at(40, 0.77).clv).toBeGreaterThan(90);
    expect(at(40, 0.75).clv).toBeCloseTo(85.71, 2);
    expect(parseQuery(CLV_SCHEMA, 'margin=40&retention=0.8').problems).toEqual([]);
  });

  it('cheaper-contact: many/medium and medium/low move from reactive to accountable, nothing else moves, few/high stays partnership', () => {
    const { state, problems } = parseQuery(LEVEL_MATRIX_SCHEMA, byId('cheaper-contact').query);
    expect(problems).toEqual([]);
    expect(state).toEqual({ ...UNIT_COSTS, reactive: 0.5, accountable: 0.5 });
    const key = (c: CellResult) => `${c.numbers}/${c.margin}`;
    const before = new Map(computeMatrix(UNIT_COSTS).map((c) => [key(c), c.best]));
    const after = new Map(computeMatrix(state).map((c) => [key(c), c.best]));
    const moved = [...after]
      .filter(([cell, best]) => before.get(cell) !== best)
      .map(([cell]) => cell)
      .sort();
    expect(moved).toEqual(['many/medium', 'medium/low']);
    for (const cell of moved) {
      expect(before.get(cell)).toBe('reactive');
      expect(LEVELS.indexOf(after.get(cell)!)).toBe(LEVELS.indexOf(before.get(cell)!) + 1);
    }
    expect(after.get('few/high')).toBe('partnership');
  });
});
