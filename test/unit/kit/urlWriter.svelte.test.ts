// @vitest-environment jsdom
// The one URL writer: one replaceState after a pause however many changes came before it, path and hash
// kept, no write when nothing changed, silence where replaceState is forbidden, and the reactive sync.
import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { atPageUrl } from './pageUrl';
import { WRITE_DELAY_MS, replaceQuery, syncQuery } from '@/kit/urlWriter.svelte';

describe('replaceQuery', () => {
  atPageUrl('/en/lab/clv/?v=1&margin=100#results');

  it('writes once after the pause, keeping path and hash', () => {
    const spy = vi.spyOn(history, 'replaceState');
    replaceQuery('v=1&margin=101');
    replaceQuery('v=1&margin=102');
    replaceQuery('v=1&margin=103');
    expect(spy).not.toHaveBeenCalled();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/en/lab/clv/?v=1&margin=103#results');
  });

  it('does not touch history when the query is unchanged', () => {
    const spy = vi.spyOn(history, 'replaceState');
    replaceQuery('v=1&margin=100');
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(spy).not.toHaveBeenCalled();
  });

  it('stays silent where replaceState is forbidden (a sandboxed iframe)', () => {
    vi.spyOn(history, 'replaceState').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    replaceQuery('v=1&margin=5');
    expect(() => vi.advanceTimersByTime(WRITE_DELAY_MS)).not.toThrow();
  });

  it('follows a reactive query until stopped', () => {
    const state = $state({ margin: 100 });
    const stop = syncQuery(() => `v=1&margin=${state.margin}`);
    state.margin = 120;
    flushSync();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(location.search).toBe('?v=1&margin=120');
    stop();
    state.margin = 130;
    flushSync();
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(location.search).toBe('?v=1&margin=120');
  });
});
