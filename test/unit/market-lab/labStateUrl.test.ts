// @vitest-environment jsdom
// URL writing lives in the LabState bridge: connectUrl() reads the page's query, lists what it could not
// use, and from then on writes the settings back (debounced, one replaceState) until stopped.
import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { atPageUrl } from '../kit/pageUrl';
import { LabState } from '@/features/market-lab/LabState.svelte';
import { createSyncRunner } from '@/features/market-lab/syncRunner';
import { WRITE_DELAY_MS } from '@/kit/urlWriter.svelte';

describe('LabState URL sync', () => {
  atPageUrl('/en/lab/?v=1&seed=31&h=12&q=abc#charts');

  it('reads the page URL and writes every later change back, keeping the hash', () => {
    const lab = new LabState({ runner: createSyncRunner() });
    const stop = lab.connectUrl();
    expect([lab.settings.seed, lab.settings.quarters]).toEqual([31, 12]);
    expect(lab.urlProblems).toEqual([{ kind: 'invalid', name: 'q', value: 'abc' }]);

    const replace = vi.spyOn(history, 'replaceState');
    lab.setScalar('quality', 4.24);
    lab.setPreset('key-accounts', 'partnership');
    flushSync();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(replace).toHaveBeenCalledTimes(1);
    const params = new URLSearchParams(location.search);
    expect([params.get('v'), params.get('seed'), params.get('q'), params.get('s.key-accounts')]).toEqual(['1', '31', '4.2', 'partnership']);
    expect(location.hash).toBe('#charts');
    expect(location.search).toBe(`?${lab.query}`);

    stop();
    lab.setScalar('seed', 99);
    flushSync();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(new URLSearchParams(location.search).get('seed')).toBe('31');
    lab.dispose();
  });
});
