// @vitest-environment jsdom
// The scenario player's two props for its hosts (a SCORM package): `persistence` is where its rounds are read,
// saved and cleared (not this browser's storage), and `worksheetHref` is the worksheet link it shows at the end.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ScenarioPlayer from '@/features/teach/ScenarioPlayer.svelte';
import type { Progress, ProgressStore } from '@/features/teach/progress';
import { forStudents, planDecisions } from '@/features/teach/replay';
import { pickStrings } from '@/i18n';
import { loadScenario } from './fixtures';

const scenario = forStudents(loadScenario('budget-cut'));
const strings = pickStrings('en', 'teach.', 'kit.', 'vocab.', 'lab.', 'common.');

/** A store in memory that says what the player asked of it. */
function memoryStore(saved: Progress | null) {
  const calls: string[] = [];
  let kept = saved;
  const store: ProgressStore = {
    loadProgress: (id) => (calls.push(`load ${id}`), { ok: true, progress: kept }),
    saveProgress: (id, p) => (calls.push(`save ${id} ${p.decisions.length}`), (kept = p), null),
    clearProgress: (id) => (calls.push(`clear ${id}`), (kept = null)),
  };
  return { store, calls, kept: () => kept };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('ScenarioPlayer for a host', () => {
  it('reads, saves and clears its rounds through the store it is given, never the browser storage', async () => {
    const rounds = planDecisions(scenario, {});
    const memory = memoryStore({ seed: scenario.seed, locks: [], decisions: rounds.slice(0, 1) });
    render(ScenarioPlayer, { locale: 'en', strings, scenario, persistence: memory.store });
    await waitFor(() => expect(screen.getByTestId('play-history').querySelectorAll('tbody tr')).toHaveLength(1));
    expect(memory.calls).toEqual([`load ${scenario.id}`]);
    await fireEvent.click(screen.getByTestId('play-advance'));
    await waitFor(() => expect(memory.calls).toContain(`save ${scenario.id} 2`));
    expect(memory.kept()!.decisions).toHaveLength(2);
    expect(localStorage.length).toBe(0);
  });

  it('shows the worksheet link it is given at the end of a run', async () => {
    const memory = memoryStore({ seed: scenario.seed, locks: [], decisions: planDecisions(scenario, {}) });
    render(ScenarioPlayer, { locale: 'en', strings, scenario, persistence: memory.store, worksheetHref: 'https://example.org/sheet' });
    await waitFor(() => expect(screen.getByTestId('play-score')).toBeTruthy());
    const links = [...document.querySelectorAll('a')].filter((a) => a.getAttribute('href') === 'https://example.org/sheet');
    expect(links).toHaveLength(1);
  });
});
