// The one URL-state codec: every spec kind reads and writes losslessly, bad input keeps the default and is
// reported (a repeated key by name, an unknown key, another version), echoes are capped, and one roundToStep.
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS, clip, defaults, parseQuery, readNumber, roundToStep, serializeQuery, type Schema } from '@/kit/urlState';

const schema = {
  a: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.5 },
  n: { kind: 'integer', min: 0, max: 4294967295, default: 7 },
  mode: { kind: 'enum', values: ['x', 'y'] as const, default: 'x' },
  seed: { kind: 'string', pattern: /^[a-z0-9-]{1,12}$/, default: 'class' },
  list: { kind: 'list', item: { kind: 'number', min: 0, max: 10, step: 1, default: 0 }, length: 3, default: [1, 2, 3] },
  lock: { kind: 'list', item: { kind: 'enum', values: ['p', 'q', 'r'], default: 'p' }, set: true, omitDefault: true, default: [] },
  seg: {
    kind: 'oneOf',
    options: [
      { kind: 'enum', values: ['basic', 'partnership'], default: 'basic' },
      {
        kind: 'tuple',
        items: [
          { kind: 'number', min: 0, max: 10, step: 0.5, default: 0 },
          { kind: 'number', min: 0, max: 100, step: 0.5, default: 0 },
        ],
        default: [0, 0],
      },
    ],
    default: 'basic',
  },
} as const satisfies Schema;

describe('parseQuery / serializeQuery', () => {
  it('round-trips every kind, v first and keys in schema order', () => {
    const s = {
      a: 0.37,
      n: 4294967295,
      mode: 'y' as const,
      seed: 'room-4',
      list: [4, 0, 10],
      lock: ['r', 'p'] as ('p' | 'q' | 'r')[],
      seg: [1.5, 99.5],
    };
    const qs = serializeQuery(schema, s);
    expect(qs).toBe('v=1&a=0.37&n=4294967295&mode=y&seed=room-4&list=4,0,10&lock=p,r&seg=1.5,99.5');
    const back = parseQuery(schema, qs);
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual({ ...s, lock: ['p', 'r'] });
    expect(parseQuery(schema, `?${qs}`).state.seg).toEqual([1.5, 99.5]);
    expect(parseQuery(schema, 'seg=partnership').state.seg).toBe('partnership');
  });

  it('leaves out a value marked omitDefault while it is the default, and reads the query without it', () => {
    const qs = serializeQuery(schema, defaults(schema));
    expect(qs).not.toContain('lock');
    expect(parseQuery(schema, qs)).toMatchObject({ state: defaults(schema), problems: [], problemCount: 0 });
  });

  it('reads an empty query silently and reads percent-encoded commas written by older pages', () => {
    expect(parseQuery(schema, '')).toEqual({ state: defaults(schema), problems: [], problemCount: 0, applied: [] });
    expect(parseQuery(schema, 'v=1&list=1%2C2%2C3&seg=2%2C3').state).toMatchObject({ list: [1, 2, 3], seg: [2, 3] });
  });

  it.each([
    { query: 'a=2', problem: { kind: 'invalid', name: 'a', value: '2' } },
    { query: 'a=abc', problem: { kind: 'invalid', name: 'a', value: 'abc' } },
    { query: 'a=0x1', problem: { kind: 'invalid', name: 'a', value: '0x1' } },
    { query: 'a=1e-1', problem: { kind: 'invalid', name: 'a', value: '1e-1' } },
    { query: 'a=Infinity', problem: { kind: 'invalid', name: 'a', value: 'Infinity' } },
    { query: 'n=2.5', problem: { kind: 'invalid', name: 'n', value: '2.5' } },
    { query: 'n=-1', problem: { kind: 'invalid', name: 'n', value: '-1' } },
    { query: 'mode=z', problem: { kind: 'invalid', name: 'mode', value: 'z' } },
    { query: 'seed=%3Cb%3E', problem: { kind: 'invalid', name: 'seed', value: '<b>' } },
    { query: 'list=1,2', problem: { kind: 'invalid', name: 'list', value: '1,2' } },
    { query: 'list=1,2,11', problem: { kind: 'invalid', name: 'list', value: '1,2,11' } },
    { query: 'seg=gold', problem: { kind: 'invalid', name: 'seg', value: 'gold' } },
    { query: 'seg=1,2,3', problem: { kind: 'invalid', name: 'seg', value: '1,2,3' } },
    { query: 'zzz=1', problem: { kind: 'unknown', name: 'zzz' } },
    { query: '__proto__=1', problem: { kind: 'unknown', name: '__proto__' } },
    { query: 'v=2&a=0.1', problem: { kind: 'version', value: '2' } },
    { query: 'v=1&v=1&a=0.1', problem: { kind: 'version', value: '1,1' } },
    { query: 'a=0.1&a=0.2', problem: { kind: 'repeated', name: 'a' } },
    { query: 'mode=y&mode=y', problem: { kind: 'repeated', name: 'mode' } },
  ])('$query keeps the defaults and reports $problem.kind', ({ query, problem }) => {
    const r = parseQuery(schema, query);
    expect(r.problems).toEqual([problem]);
    expect(r.problemCount).toBe(1);
    expect(r.state).toEqual(defaults(schema));
  });

  it('keeps the good parts next to a refused one', () => {
    const r = parseQuery(schema, 'a=0.25&mode=y&mode=x&n=3');
    expect(r.state).toMatchObject({ a: 0.25, mode: 'x', n: 3 });
    expect(r.problems).toEqual([{ kind: 'repeated', name: 'mode' }]);
    expect(r.applied).toEqual(['a', 'n']);
  });

  it('drops bad items of a set one by one and keeps the others', () => {
    const r = parseQuery(schema, 'lock=q,__proto__,q,nope,p');
    expect(r.state.lock).toEqual(['q', 'p']);
    expect(r.problems).toEqual([
      { kind: 'invalid', name: 'lock', value: '__proto__' },
      { kind: 'invalid', name: 'lock', value: 'nope' },
    ]);
  });

  it('treats a query without v as foreign when the page requires the version', () => {
    const r = parseQuery(schema, 'utm_source=x&a=0.2', { versionRequired: true });
    expect(r.state).toEqual(defaults(schema));
    expect(r.problems).toEqual([
      { kind: 'unknown', name: 'utm_source' },
      { kind: 'unknown', name: 'a' },
    ]);
    expect(parseQuery(schema, 'a=0.2').state.a).toBe(0.2);
  });

  it('echoes at most a short, clean piece of a hostile name or value', () => {
    const longName = 'x'.repeat(100_000);
    const r = parseQuery(schema, `${longName}=1&seed=${'%3Cimg%3E'.repeat(5000)}`);
    expect(r.problems).toEqual([
      { kind: 'unknown', name: `${'x'.repeat(24)}…` },
      { kind: 'invalid', name: 'seed', value: `${'<img>'.repeat(8)}…` },
    ]);
    expect(clip('a\u0000b\u202ec\nd', 40)).toBe('a?b?c?d');
    expect(clip('顾客终身价值'.repeat(10), 5)).toBe('顾客终身价…');
  });

  it('lists at most a few of 9,000 unknown keys but counts them all', () => {
    const r = parseQuery(schema, Array.from({ length: 9000 }, (_, i) => `junk${i}=${i}`).join('&'));
    expect(r.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(r.problemCount).toBe(9000);
    expect(r.state).toEqual(defaults(schema));
  });
});

describe('roundToStep', () => {
  it.each([
    { x: 0.1 + 0.2, step: 0.1, base: 0, expected: 0.3 },
    { x: 0.333, step: 0.01, base: 0, expected: 0.33 },
    // A quarter step keeps two decimals (an older copy rounded 2.25 to 2.3).
    { x: 2.25, step: 0.25, base: 0.25, expected: 2.25 },
    { x: 2.3, step: 0.25, base: 0.25, expected: 2.25 },
    { x: 0.031, step: 0.005, base: 0.005, expected: 0.03 },
    // Counted from the minimum, as a range input counts: 1 + 3 × 0.5.
    { x: 2.4, step: 0.5, base: 1, expected: 2.5 },
    { x: 7, step: 5, base: 2, expected: 7 },
    { x: 4.24, step: 0.1, base: 1, expected: 4.2 },
    // Half-way cases round up however the subtraction lands in binary.
    { x: 4.55, step: 0.1, base: 1, expected: 4.6 },
    { x: 0.125, step: 0.25, base: 0, expected: 0.25 },
    { x: 35049, step: 100, base: 0, expected: 35000 },
    { x: 3e-7, step: 1e-7, base: 0, expected: 3e-7 },
  ])('$x by $step from $base → $expected', ({ x, step, base, expected }) => {
    expect(roundToStep(x, step, base)).toBe(expected);
  });
});

describe('readNumber', () => {
  const r = { kind: 'number', min: 1, max: 5, step: 0.1, default: 3 } as const;
  it.each([
    ['3', 3],
    [' 4.25 ', 4.3],
    ['1', 1],
    ['5', 5],
    ['0.9', null],
    ['5.01', null],
    ['', null],
    ['0x3', null],
    ['3,5', null],
    ['+3', null],
  ])('%j → %j', (raw, expected) => {
    expect(readNumber(raw, r)).toBe(expected);
  });
});
