// @vitest-environment jsdom
// The concept labs' one bridge: it reads the start state from the page URL (own page) or the lesson's query
// (inside <Predict>), clamps and rounds what controls set, keeps the page URL in step only on the lab's own
// page, and forgets the link's problems on reset.
import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { atPageUrl } from '../kit/pageUrl';
import { ConceptLabState } from '@/features/concept-labs/ConceptLabState.svelte';
import { CLV_SCHEMA } from '@/features/concept-labs/clv';
import { PERCEIVED_VALUE_SCHEMA } from '@/features/concept-labs/perceivedValue';
import { defaults } from '@/kit/urlState';
import { WRITE_DELAY_MS } from '@/kit/urlWriter.svelte';

describe('ConceptLabState', () => {
  atPageUrl('/en/lab/clv/?v=1&retention=0.9&margin=abc');

  it('on its own page: reads the URL, reports the bad part, and writes changes back after a pause', () => {
    const lab = new ConceptLabState(CLV_SCHEMA);
    expect(lab.embedded).toBe(false);
    const stop = lab.connect();
    expect(lab.ready).toBe(true);
    expect(lab.state.retention).toBe(0.9);
    expect(lab.state.margin).toBe(CLV_SCHEMA.margin.default);
    expect(lab.problems).toEqual([{ kind: 'invalid', name: 'margin', value: 'abc' }]);

    expect(lab.set('retention', 0.934)).toBe(0.93);
    expect(lab.set('margin', 5000)).toBe(1000);
    flushSync();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    const params = new URLSearchParams(location.search);
    expect(params.get('v')).toBe('1');
    expect(params.get('retention')).toBe('0.93');
    expect(params.get('margin')).toBe('1000');

    lab.reset();
    expect(lab.state).toEqual(defaults(CLV_SCHEMA));
    expect([lab.problems, lab.problemCount]).toEqual([[], 0]);
    stop();
  });

  it('inside <Predict>: reads the lesson query and never touches the page URL', () => {
    const replace = vi.spyOn(history, 'replaceState');
    const lab = new ConceptLabState(CLV_SCHEMA, () => 'margin=120&discount=0.12');
    expect(lab.embedded).toBe(true);
    const stop = lab.connect();
    expect([lab.state.margin, lab.state.discount, lab.state.retention]).toEqual([120, 0.12, CLV_SCHEMA.retention.default]);
    expect(lab.problems).toEqual([]);
    lab.set('margin', 300);
    flushSync();
    vi.advanceTimersByTime(WRITE_DELAY_MS * 2);
    expect(replace).not.toHaveBeenCalled();
    stop();
  });

  it('sets one position of a list by the list item spec', () => {
    const lab = new ConceptLabState(PERCEIVED_VALUE_SCHEMA, () => '');
    lab.connect();
    expect(lab.setItem('w', 3, 1.26)).toBe(1.3);
    expect(lab.setItem('firm', 0, 12)).toBe(10);
    expect(lab.state.w[3]).toBe(1.3);
    expect(lab.state.firm[0]).toBe(10);
    expect(() => lab.setItem('basis', 0, 1)).toThrow(/not a list of numbers/);
  });
});
