// A student's saved rounds in localStorage: read back exactly, and anything of another shape (hand-edited,
// hostile, from another version) is dropped and reported rather than trusted. What survives the shape check is
// checked against the scenario by ScenarioRunState.restore (scenarioRunState.svelte.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearProgress, loadProgress, saveProgress } from '@/features/teach/progress';

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
  ])('drops and reports %s', (_, raw) => {
    store.set('crm-lab:teach:demo', raw);
    expect(loadProgress('demo')).toEqual({ ok: false, problem: 'corrupt' });
    expect(store.has('crm-lab:teach:demo')).toBe(false);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
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
