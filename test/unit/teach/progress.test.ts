// A student's saved rounds in localStorage: read back exactly, and anything of another shape (hand-edited, hostile,
// from another version) is set aside (kept under an unreadable key, never deleted) and reported rather than trusted;
// with no room to keep a copy it stays where it was. What survives the shape check is checked against the scenario by
// ScenarioRunState.restore (scenarioRunState.svelte.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNREADABLE_SLOTS, clearProgress, loadProgress, saveProgress, unreadableKey } from '@/features/teach/progress';

const KEY = 'crm-lab:teach:demo';
let store: Map<string, string>;
beforeEach(() => {
  store = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

const good = { seed: 'class-7', locks: ['quality'], decisions: [{ promiseLevel: 3, 'levelPreset.customers': 'proactive' as const }] };

describe('saved rounds', () => {
  it('round-trip', () => {
    expect(saveProgress('demo', good)).toBeNull();
    expect(loadProgress('demo')).toEqual({ ok: true, progress: good });
    clearProgress('demo');
    expect(loadProgress('demo')).toEqual({ ok: true, progress: null });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['an extra field', JSON.stringify({ ...good, extra: 1 })],
    ['a bad seed', JSON.stringify({ ...good, seed: '<b>' })],
    ['a hostile key', '{"seed":"s","locks":[],"decisions":[{"__proto__":{"x":1}}]}'],
    ['a reserved control part', JSON.stringify({ ...good, decisions: [{ 'a.constructor': 1 }] })],
    ['a value that is no number or level', JSON.stringify({ ...good, decisions: [{ promiseLevel: 'high' }] })],
    ['an infinite value', '{"seed":"s","locks":[],"decisions":[{"promiseLevel":1e999}]}'],
    ['too many rounds', JSON.stringify({ ...good, decisions: Array.from({ length: 101 }, () => ({ p: 1 })) })],
  ])('sets aside and reports %s', (_, raw) => {
    store.set(KEY, raw);
    expect(loadProgress('demo')).toEqual({ ok: false, problem: 'corrupt', setAside: true });
    expect(store.has(KEY)).toBe(false);
    expect(store.get(unreadableKey('demo', 0))).toBe(raw);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // Reported once: the next visit starts afresh.
    expect(loadProgress('demo')).toEqual({ ok: true, progress: null });
  });

  it('a second, different unreadable value goes to the next slot; the first is kept', () => {
    store.set(KEY, 'first');
    loadProgress('demo');
    store.set(KEY, 'second');
    expect(loadProgress('demo')).toMatchObject({ ok: false, setAside: true });
    expect(store.get(unreadableKey('demo', 0))).toBe('first');
    expect(store.get(unreadableKey('demo', 1))).toBe('second');
  });

  it('with every slot taken, or storage full, the value stays in place (not saved over)', () => {
    for (let slot = 0; slot < UNREADABLE_SLOTS; slot++) store.set(unreadableKey('demo', slot), `old ${slot}`);
    store.set(KEY, 'newest');
    expect(loadProgress('demo')).toEqual({ ok: false, problem: 'corrupt', setAside: false });
    expect(store.get(KEY)).toBe('newest');

    store = new Map([[KEY, 'broken']]);
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: (k: string) => void store.delete(k),
    });
    expect(loadProgress('demo')).toEqual({ ok: false, problem: 'corrupt', setAside: false });
    expect(store.get(KEY)).toBe('broken');
  });

  it('reports a browser that refuses to store', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    });
    expect(saveProgress('demo', good)).toBe('refused');
  });
});
