// Unit tests for the board's decision spread and the teacher's link codec (the CSV writer: simulations/csv.test.ts).
import { describe, expect, it } from 'vitest';
import { spread } from '@/features/teach/stats';
import { buildQuery, builderQuery, newSeed, parseBuilderQuery, parseClassLink, parseLink } from '@/features/teach/linkCodec';

describe('spread', () => {
  it('gives min, median and max of odd and even samples', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, n: 3 });
    expect(spread([4, 1, 2, 3])).toEqual({ min: 1, median: 2.5, max: 4, n: 4 });
  });
  it('ignores non-finite values and returns null for none', () => {
    expect(spread([Number.NaN, 5])).toEqual({ min: 5, median: 5, max: 5, n: 1 });
    expect(spread([])).toBeNull();
  });
});

describe('link codec', () => {
  const defaults = { seed: 'class-a', lockable: ['promiseLevel', 'quality', 'mass.proactive'] };

  it('round-trips seed and locks', () => {
    const query = buildQuery({ seed: 'x7k2', locks: ['quality', 'promiseLevel'] });
    const parsed = parseLink(query, defaults);
    expect(parsed.problems).toEqual([]);
    expect(parsed.custom).toBe(true);
    expect(parsed.seedApplied).toBe(true);
    expect(parsed.state).toEqual({ seed: 'x7k2', locks: ['promiseLevel', 'quality'] });
  });

  it('says the seed applied when only a lock was bad', () => {
    const parsed = parseLink('?v=1&seed=room-4&lock=nope', defaults);
    expect(parsed.state).toEqual({ seed: 'room-4', locks: [] });
    expect(parsed.seedApplied).toBe(true);
    expect(parsed.custom).toBe(true);
    expect(parsed.problems).toEqual([{ kind: 'invalid', name: 'lock', value: 'nope' }]);
  });

  it('falls back to the defaults with a problem for each bad value', () => {
    const parsed = parseLink('?v=1&seed=%3Cscript%3E&lock=quality,__proto__,nope', defaults);
    expect(parsed.state).toEqual({ seed: 'class-a', locks: ['quality'] });
    expect(parsed.problems).toEqual([
      { kind: 'invalid', name: 'seed', value: '<script>' },
      { kind: 'invalid', name: 'lock', value: '__proto__' },
      { kind: 'invalid', name: 'lock', value: 'nope' },
    ]);
  });

  it('rejects a link of another version entirely', () => {
    const parsed = parseLink('?v=9&seed=abc', defaults);
    expect(parsed.state.seed).toBe('class-a');
    expect(parsed.problems).toEqual([{ kind: 'version', value: '9' }]);
    expect(parsed.custom).toBe(false);
  });

  it('reports unknown parameters and an over-long seed', () => {
    const parsed = parseLink(`?seed=${'a'.repeat(41)}&x=1`, defaults);
    expect(parsed.problems).toEqual([
      { kind: 'invalid', name: 'seed', value: `${'a'.repeat(40)}…` },
      { kind: 'unknown', name: 'x' },
    ]);
    expect(parsed.custom).toBe(false);
  });

  it('refuses a seed given twice by name (the same rule as every page)', () => {
    const parsed = parseLink('?v=1&seed=a&seed=b&lock=quality', defaults);
    expect(parsed.state).toEqual({ seed: 'class-a', locks: ['quality'] });
    expect(parsed.problems).toEqual([{ kind: 'repeated', name: 'seed' }]);
    expect(parsed.custom).toBe(true);
  });

  it('lists a few of 9,000 unknown parameters and counts them all', () => {
    const parsed = parseLink(`?${Array.from({ length: 9000 }, (_, i) => `p${i}=1`).join('&')}`, defaults);
    expect(parsed.problems).toHaveLength(8);
    expect(parsed.problemCount).toBe(9000);
    expect(JSON.stringify(parsed.problems).length).toBeLessThan(400);
  });

  it('makes seeds that pass its own validation', () => {
    let k = 0;
    const seed = newSeed((n) => Uint8Array.from({ length: n }, () => (k += 37) % 256));
    expect(parseLink(buildQuery({ seed, locks: [] }), defaults).state.seed).toBe(seed);
  });
});

describe('a class link pasted on the board', () => {
  const library = [
    { id: 'budget-cut', seed: 'bc-1', lockable: ['quality', 'promiseLevel'] },
    { id: 'expectation-trap', seed: 'broadband-5', lockable: ['promiseLevel'] },
  ];

  it.each([
    ['https://school.example/crm-lab/en/teach/budget-cut/?v=1&seed=room-7&lock=quality', 'budget-cut', 'room-7', ['quality']],
    ['http://127.0.0.1:4321/zh-cn/teach/expectation-trap/', 'expectation-trap', 'broadband-5', []],
    ['/en/teach/budget-cut/worksheet/?v=1&seed=w1', 'budget-cut', 'w1', []],
  ])('%s', (link, scenarioId, seed, locks) => {
    expect(parseClassLink(link, library)).toEqual({ ok: true, scenarioId, state: { seed, locks }, problems: [], problemCount: 0 });
  });

  it('reports what it could not use, and refuses what is no scenario link', () => {
    expect(parseClassLink('https://x/en/teach/budget-cut/?v=1&seed=<b>&lock=nope', library)).toMatchObject({
      ok: true,
      state: { seed: 'bc-1', locks: [] },
      problemCount: 2,
    });
    expect(parseClassLink('https://x/en/teach/board/', library)).toEqual({ ok: false, problem: 'notScenario' });
    expect(parseClassLink('https://x/en/lab/', library)).toEqual({ ok: false, problem: 'notLink' });
    expect(parseClassLink('http://[', library)).toEqual({ ok: false, problem: 'notLink' });
    expect(parseClassLink(`/en/teach/budget-cut/?${'x=1&'.repeat(100_000)}`, library)).toMatchObject({ ok: true });
  });
});

describe("the link builder's own link", () => {
  it('opens with the scenario of a card, and the first one for anything else', () => {
    const ids = ['a-1', 'b-2'];
    expect(parseBuilderQuery(builderQuery('b-2'), ids)).toEqual({ scenarioId: 'b-2', problems: [], problemCount: 0 });
    expect(parseBuilderQuery('?v=1&scenario=zz', ids)).toMatchObject({ scenarioId: 'a-1', problemCount: 1 });
    expect(parseBuilderQuery('', ids).scenarioId).toBe('a-1');
  });
});
