// The labs' URL state: validation, defaults on bad input, version, and a lossless round trip.
import { describe, expect, it } from 'vitest';
import { defaults, parseState, roundToStep, serializeState, type Schema } from '@/features/concept-labs/urlState';
import { PERCEIVED_VALUE_SCHEMA } from '@/features/concept-labs/perceivedValue';
import { LIFE_CYCLE_SCHEMA } from '@/features/concept-labs/lifeCycle';

const schema = {
  a: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.5 },
  mode: { kind: 'enum', values: ['x', 'y'] as const, default: 'x' },
  list: { kind: 'list', length: 3, min: 0, max: 10, step: 1, default: [1, 2, 3] },
} as const satisfies Schema;

describe('urlState', () => {
  it('round-trips a state through the query string', () => {
    const s = { a: 0.37, mode: 'y' as const, list: [4, 0, 10] };
    const qs = serializeState(schema, s);
    expect(qs.startsWith('v=1&')).toBe(true);
    expect(parseState(schema, qs)).toEqual({ state: s, invalid: [] });
    expect(parseState(schema, `?${qs}`).state).toEqual(s);
  });
  it.each([
    ['a=2', 'a'],
    ['a=abc', 'a'],
    ['a=0x1', 'a'],
    ['mode=z', 'mode'],
    ['list=1,2', 'list'],
    ['list=1,2,11', 'list'],
    ['v=2', 'v'],
    ['zzz=1', 'zzz'],
  ])('reports %s as invalid and keeps the default', (qs, key) => {
    const r = parseState(schema, qs);
    expect(r.invalid).toEqual([key]);
    expect(r.state).toEqual(defaults(schema));
  });
  it('rounds to the step', () => {
    expect(parseState(schema, 'a=0.333').state.a).toBe(0.33);
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
  });
  it('round-trips every lab default', () => {
    for (const sc of [PERCEIVED_VALUE_SCHEMA, LIFE_CYCLE_SCHEMA] as Schema[]) {
      const d = defaults(sc);
      expect(parseState(sc, serializeState(sc, d)).state).toEqual(d);
    }
  });
});
