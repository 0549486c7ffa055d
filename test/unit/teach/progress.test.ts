// @vitest-environment jsdom
// A student's saved rounds: read back as saved, and an unreadable value is set aside (kept under an unreadable key),
// never deleted; with no room to keep a copy it stays where it was and the player is told not to save over it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNREADABLE_SLOTS, loadProgress, saveProgress, unreadableKey } from '@/features/teach/progress';

const KEY = 'crm-lab:teach:budget-cut';

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('teach progress', () => {
  it('reads back what was saved', () => {
    expect(saveProgress('budget-cut', { seed: 'abc', locks: [], decisions: [] })).toBeNull();
    expect(loadProgress('budget-cut')).toEqual({ ok: true, progress: { seed: 'abc', locks: [], decisions: [] } });
  });

  it('sets a corrupt value aside instead of deleting it, and reports it once', () => {
    localStorage.setItem(KEY, '{"seed":');
    expect(loadProgress('budget-cut')).toEqual({ ok: false, problem: 'corrupt', setAside: true });
    expect(localStorage.getItem(unreadableKey('budget-cut', 0))).toBe('{"seed":');
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(loadProgress('budget-cut')).toEqual({ ok: true, progress: null });
  });

  it('a second, different corrupt value goes to the next slot; the first is kept', () => {
    localStorage.setItem(KEY, 'first');
    loadProgress('budget-cut');
    localStorage.setItem(KEY, 'second');
    expect(loadProgress('budget-cut')).toMatchObject({ ok: false, setAside: true });
    expect(localStorage.getItem(unreadableKey('budget-cut', 0))).toBe('first');
    expect(localStorage.getItem(unreadableKey('budget-cut', 1))).toBe('second');
  });

  it('with every slot taken or storage full, the value stays in place and is not saved over', () => {
    for (let slot = 0; slot < UNREADABLE_SLOTS; slot++) localStorage.setItem(unreadableKey('budget-cut', slot), `old ${slot}`);
    localStorage.setItem(KEY, 'newest');
    expect(loadProgress('budget-cut')).toEqual({ ok: false, problem: 'corrupt', setAside: false });
    expect(localStorage.getItem(KEY)).toBe('newest');
    localStorage.clear();
    localStorage.setItem(KEY, 'broken');
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(loadProgress('budget-cut')).toEqual({ ok: false, problem: 'corrupt', setAside: false });
    expect(localStorage.getItem(KEY)).toBe('broken');
  });
});
