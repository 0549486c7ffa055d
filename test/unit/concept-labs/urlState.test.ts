// The concept labs' URL state through the one kit codec: every lab's defaults round-trip, the queries
// lessons pass to <Predict> still read, and old links (v=1, same keys) keep their values.
import { describe, expect, it } from 'vitest';
import { defaults, parseQuery, serializeQuery, type Schema } from '@/kit/urlState';
import { CLV_SCHEMA } from '@/features/concept-labs/clv';
import { EXPECTATIONS_SCHEMA } from '@/features/concept-labs/expectations';
import { LEVEL_MATRIX_SCHEMA } from '@/features/concept-labs/levelMatrix';
import { LIFE_CYCLE_SCHEMA } from '@/features/concept-labs/lifeCycle';
import { PERCEIVED_VALUE_SCHEMA } from '@/features/concept-labs/perceivedValue';
import { miniSchema } from '@/features/concept-labs/marketMini';

const SCHEMAS: Record<string, Schema> = {
  clv: CLV_SCHEMA,
  expectations: EXPECTATIONS_SCHEMA,
  'level-matrix': LEVEL_MATRIX_SCHEMA,
  'life-cycle': LIFE_CYCLE_SCHEMA,
  'perceived-value': PERCEIVED_VALUE_SCHEMA,
  market: miniSchema(),
};

describe('concept-lab URL state', () => {
  it.each(Object.entries(SCHEMAS))('%s: the defaults round-trip silently', (_, schema) => {
    const d = defaults(schema);
    expect(parseQuery(schema, serializeQuery(schema, d))).toMatchObject({ state: d, problems: [], problemCount: 0 });
  });

  it.each([
    { lab: 'clv', query: 'margin=100&retention=0.8&discount=0.1', expected: { margin: 100, retention: 0.8, discount: 0.1 } },
    { lab: 'expectations', query: 'promise=4.5&quality=3.5', expected: { promise: 4.5, quality: 3.5 } },
    { lab: 'level-matrix', query: 'v=1&partnership=2.25&reactive=0.75', expected: { partnership: 2.25, reactive: 0.75 } },
    { lab: 'life-cycle', query: 'v=1&onboarding=45&discount=0.07', expected: { onboarding: 45, discount: 0.07 } },
    {
      lab: 'perceived-value',
      query: 'v=1&scale=1.25&w=1,1,1,2,1,1,1,0.5&basis=objective',
      expected: { scale: 1.25, w: [1, 1, 1, 2, 1, 1, 1, 0.5], basis: 'objective' },
    },
  ])('$lab reads $query', ({ lab, query, expected }) => {
    const r = parseQuery(SCHEMAS[lab], query);
    expect(r.problems).toEqual([]);
    expect(r.state).toMatchObject(expected);
  });

  it('writes a changed lab state with every key, v first, commas readable', () => {
    const s = { ...defaults(PERCEIVED_VALUE_SCHEMA), scale: 1.5 };
    const qs = serializeQuery(PERCEIVED_VALUE_SCHEMA, s);
    expect(qs).toMatch(/^v=1&firm=[\d,]+&ra=[\d,]+&rb=[\d,]+&w=[\d.,]+&scale=1\.5&basis=perceived$/);
    expect(parseQuery(PERCEIVED_VALUE_SCHEMA, qs).state).toEqual(s);
  });
});
