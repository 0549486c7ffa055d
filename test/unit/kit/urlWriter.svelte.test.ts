// @vitest-environment jsdom
// The one URL writer: one replaceState after a pause however many changes came before it, path and hash
// kept, no write when nothing changed, silence where replaceState is forbidden, and the reactive sync.
import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { atPageUrl } from './pageUrl';
import { IDLE_TIMEOUT_MS, WRITE_DELAY_MS, cancelQueryWrite, replaceQuery, syncQuery } from '@/kit/urlWriter.svelte';

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

  it('waits for an idle moment after the pause where the browser has one, and can still be cancelled then', () => {
    const spy = vi.spyOn(history, 'replaceState');
    const idle: { run: () => void; timeout?: number }[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (run: () => void, opts?: { timeout?: number }) => idle.push({ run, timeout: opts?.timeout }));
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
    try {
      replaceQuery('v=1&margin=150');
      vi.advanceTimersByTime(WRITE_DELAY_MS);
      // Asked for an idle moment, with a limit so a busy page still gets its link; nothing written yet.
      expect(idle).toHaveLength(1);
      expect(idle[0].timeout).toBe(IDLE_TIMEOUT_MS);
      expect(spy).not.toHaveBeenCalled();
      idle[0].run();
      expect(spy).toHaveBeenCalledTimes(1);
      expect(location.search).toBe('?v=1&margin=150');
      // A newer change while the idle write waits drops that write.
      replaceQuery('v=1&margin=160');
      vi.advanceTimersByTime(WRITE_DELAY_MS);
      replaceQuery('v=1&margin=170');
      expect(cancelled).toEqual([2]);
      cancelQueryWrite();
      vi.advanceTimersByTime(WRITE_DELAY_MS);
      expect(idle).toHaveLength(2);
      expect(location.search).toBe('?v=1&margin=150');
    } finally {
      vi.unstubAllGlobals();
    }
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
