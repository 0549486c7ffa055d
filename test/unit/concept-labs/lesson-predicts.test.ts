// The <Predict> questions of the lessons added in issue 15, answered by the labs they open: each
// lesson's Predict is read from its MDX (both locales must set up the same lab, query and answer),
// its query is loaded with the lab's own URL schema, and the explanation's claims are recomputed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuery } from '@/kit/urlState';
import { EXPECTATIONS_SCHEMA, runAt } from '@/features/concept-labs/expectations';
import { CLV_SCHEMA, clvFigures } from '@/features/concept-labs/clv';
import { LEVEL_MATRIX_SCHEMA, computeMatrix, UNIT_COSTS, type CellResult } from '@/features/concept-labs/levelMatrix';
import { LEVELS } from '@sim/index';

interface PredictTag {
  lab: string;
  query: string;
  answer: number;
  choices: number;
}

/** The single <Predict> of a lesson: its lab, query, answer index and number of choices. */
function predictOf(locale: 'en' | 'zh-cn', slug: string): PredictTag {
  const text = readFileSync(join('content', 'lessons', locale, `${slug}.mdx`), 'utf8');
  const tags = [...text.matchAll(/<Predict\s+lab="([^"]+)"\s+query="([^"]*)"[\s\S]*?choices=\{\[([\s\S]*?)\]\}\s+answer=\{(\d+)\}>/g)];
  expect(tags, `${locale}/${slug}`).toHaveLength(1);
  const [, lab, query, choices, answer] = tags[0]!;
  return { lab: lab!, query: query!, answer: Number(answer), choices: (choices!.match(/"(?:[^"\\]|\\.)*"/g) ?? []).length };
}

/** The Predict of `slug`, checked to be the same question in both locales. */
function predict(slug: string): PredictTag {
  const en = predictOf('en', slug);
  expect(predictOf('zh-cn', slug), slug).toEqual(en);
  return en;
}

describe('relationship-quality: a bolder promise that is still kept', () => {
  const p = predict('relationship-quality');

  it('opens the expectations lab at quality 4 and promise 2, answer "retention barely moves, equity up about two fifths"', () => {
    expect(p.lab).toBe('expectations');
    expect(p.answer).toBe(1);
    const { state, problems } = parseQuery(EXPECTATIONS_SCHEMA, p.query);
    expect(problems).toEqual([]);
    expect(state).toEqual({ promise: 2, quality: 4 });
  });

  it('the model agrees: delight falls, retention hardly moves, equity rises about 40 %; promising above quality undoes it', () => {
    const modest = runAt(2, 4);
    const bolder = runAt(3.5, 4);
    const over = runAt(4.5, 4);
    // "almost nine in ten delighted" → "about a quarter"
    expect(modest.satisfactionShare.delighted).toBeGreaterThan(0.85);
    expect(bolder.satisfactionShare.delighted).toBeGreaterThan(0.2);
    expect(bolder.satisfactionShare.delighted).toBeLessThan(0.33);
    // "retention only slips from about 97 % to about 96 %"
    expect(modest.retention).toBeCloseTo(0.97, 2);
    expect(bolder.retention).toBeCloseTo(0.96, 2);
    expect(modest.retention - bolder.retention).toBeLessThan(0.015);
    // "many more customers", "equity rises by about 40 %"
    expect(bolder.newCustomers).toBeGreaterThan(2 * modest.newCustomers);
    const rise = bolder.customerEquity / modest.customerEquity - 1;
    expect(rise).toBeGreaterThan(0.3);
    expect(rise).toBeLessThan(0.5);
    // a promise above the delivered quality: dissatisfied customers appear, equity drops back
    expect(over.satisfactionShare.dissatisfied).toBeGreaterThan(bolder.satisfactionShare.dissatisfied + 0.05);
    expect(over.customerEquity).toBeLessThan(bolder.customerEquity);
  });
});

describe('customer-profitability: re-pricing a loyal low-margin customer', () => {
  const p = predict('customer-profitability');

  it('opens the CLV lab at margin 20, retention 0.9, discount 0.1, no acquisition cost, answer "rises to about 107"', () => {
    expect(p.lab).toBe('clv');
    expect(p.answer).toBe(1);
    const { state, problems } = parseQuery(CLV_SCHEMA, p.query);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ margin: 20, retention: 0.9, discount: 0.1, acq: 0, timing: 'end' });
  });

  it('the lab’s figures agree: 90 → about 107 (+19 %), break-even retention about 76 %, about 86 at 75 %', () => {
    const at = (margin: number, retention: number) => clvFigures({ margin, retention, discount: 0.1, acq: 0, timing: 'end' });
    expect(at(20, 0.9).clv).toBeCloseTo(90, 6);
    expect(at(40, 0.8).clv).toBeCloseTo(106.67, 2);
    expect(at(40, 0.8).clv / at(20, 0.9).clv - 1).toBeCloseTo(0.19, 2);
    expect(at(40, 0.76).clv).toBeLessThan(90);
    expect(at(40, 0.77).clv).toBeGreaterThan(90);
    expect(at(40, 0.75).clv).toBeCloseTo(85.71, 2);
    // the lab's sliders can reach the values the learner is asked to set
    expect(parseQuery(CLV_SCHEMA, 'margin=40&retention=0.8').problems).toEqual([]);
  });
});

describe('crm-systems: cheaper reactive and accountable work', () => {
  const p = predict('crm-systems');

  it('opens the level-matrix lab with reactive and accountable at half cost, answer "some modest-margin markets move up one level"', () => {
    expect(p.lab).toBe('level-matrix');
    expect(p.answer).toBe(1);
    const { state, problems } = parseQuery(LEVEL_MATRIX_SCHEMA, p.query);
    expect(problems).toEqual([]);
    expect(state).toEqual({ ...UNIT_COSTS, reactive: 0.5, accountable: 0.5 });
  });

  it('the matrix agrees: many/medium and medium/low move from reactive to accountable, nothing else moves, few/high stays partnership', () => {
    const { state } = parseQuery(LEVEL_MATRIX_SCHEMA, p.query);
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
      expect(after.get(cell)).toBe('accountable');
      expect(LEVELS.indexOf(after.get(cell)!)).toBe(LEVELS.indexOf(before.get(cell)!) + 1);
    }
    expect(after.get('few/high')).toBe('partnership');
  });
});
