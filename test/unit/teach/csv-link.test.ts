// Unit tests for the board's decision spread and the teacher's link codec (the CSV writer: simulations/csv.test.ts).
import { describe, expect, it } from 'vitest';
import { spread } from '@/features/teach/stats';
import { buildQuery, newSeed, parseLink } from '@/features/teach/linkCodec';

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
    expect(parsed.state).toEqual({ seed: 'x7k2', locks: ['promiseLevel', 'quality'] });
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
