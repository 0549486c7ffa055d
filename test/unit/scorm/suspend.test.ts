// cmi.suspend_data: a compact, versioned text that gives back exactly the run it was made from, stays within
// SCORM 1.2's 4,096 characters for every shipped scenario, and refuses (never misreads) anything else.
import { describe, expect, it } from 'vitest';
import { MAX_SUSPEND_CHARS } from '@/features/scorm/cmi';
import { decodeQuiz, decodeScenario, encodeQuiz, encodeScenario, type ScenarioSuspend } from '@/features/scorm/suspend';
import { lockControls } from '@/features/teach/locks';
import { teachControls } from '@/features/teach/replay';
import type { Scenario } from '@sim/scenario';
import { longestRound, scenario, scenarios } from './scenarios';

function openIdsFor(s: Scenario) {
  return (locks: readonly string[]) => {
    const { controls, refused } = lockControls(teachControls(s), locks);
    return refused.length > 0 ? null : controls.filter((c) => !c.locked).map((c) => c.id);
  };
}

function fullRun(s: Scenario): ScenarioSuspend {
  return {
    scenarioId: s.id,
    scenarioVersion: s.version,
    seed: 'a-forty-character-class-seed-0123456789x'.slice(0, 40),
    locks: [],
    run: 999_999,
    decisions: Array.from({ length: s.rounds }, () => longestRound(s)),
  };
}

describe('scenario suspend data', () => {
  it('round-trips a full run of every scenario exactly, within 4,096 characters', () => {
    const sizes: Record<string, number> = {};
    for (const s of scenarios) {
      const data = fullRun(s);
      const text = encodeScenario(data, openIdsFor(s)([])!);
      expect(text, s.id).not.toBeNull();
      sizes[s.id] = text!.length;
      expect(text!.length).toBeLessThanOrEqual(MAX_SUSPEND_CHARS);
      const back = decodeScenario(text!, openIdsFor(s));
      expect(back).toEqual({ ok: true, value: data });
    }
    // The figure quoted in the report: the longest full run of a shipped scenario.
    console.log('suspend_data of a full run (longest values, 40-character seed):', sizes);
    expect(Math.max(...Object.values(sizes))).toBeLessThan(1000);
  });

  it('keeps level names and link locks, and reads a run of fewer rounds', () => {
    const s = scenarios.find((x) => teachControls(x).some((c) => c.kind === 'levelPreset' && !c.locked)) ?? scenarios[0]!;
    const open = openIdsFor(s)([])!;
    const lock = open[0]!;
    const data: ScenarioSuspend = {
      scenarioId: s.id,
      scenarioVersion: s.version,
      seed: 'class-7b',
      locks: [lock],
      run: 2,
      decisions: [{}],
    };
    const rest = openIdsFor(s)([lock])!;
    data.decisions = [Object.fromEntries(rest.map((id) => [id, longestRound(s)[id]!]))];
    const text = encodeScenario(data, rest)!;
    expect(text.startsWith(`C1;${s.id};${s.version};class-7b;${lock};2;`)).toBe(true);
    expect(decodeScenario(text, openIdsFor(s))).toEqual({ ok: true, value: data });
    const none = encodeScenario({ ...data, decisions: [] }, rest)!;
    expect(decodeScenario(none, openIdsFor(s))).toEqual({ ok: true, value: { ...data, decisions: [] } });
  });

  it('returns null instead of a text longer than SCORM 1.2 allows', () => {
    const s = scenario('partnership-temptation');
    // MAX_ROUNDS (100) rounds of long values on the scenario with the longest rounds: about 9,000 characters.
    const data = { ...fullRun(s), decisions: Array.from({ length: 100 }, () => longestRound(s)) };
    expect(encodeScenario(data, openIdsFor(s)([])!)).toBeNull();
  });

  it('refuses empty, foreign and malformed texts without throwing', () => {
    const s = scenario('budget-cut');
    const ids = openIdsFor(s);
    const good = encodeScenario(fullRun(s), ids([])!)!;
    expect(decodeScenario('', ids)).toEqual({ ok: false, problem: 'empty' });
    expect(decodeScenario('viewed=1,2,3|slide=4', ids)).toEqual({ ok: false, problem: 'otherFormat' });
    expect(decodeScenario('C2;x', ids)).toEqual({ ok: false, problem: 'otherFormat' });
    for (const bad of [
      good.replace(/;[^;]*$/, ';1,2'),
      good.replace(';999999;', ';0;'),
      good.replace(`;${s.id};`, ';__proto__;'),
      good.replace(/,[^,/;]*$/, ',Infinity'),
      good.replace(/,[^,/;]*$/, ',~9'),
      `${good};extra`,
      good.replace(';;', ';no-such-control;'),
      'C1' + ';x'.repeat(3000),
    ]) {
      expect(decodeScenario(bad, ids).ok, bad.slice(0, 80)).toBe(false);
    }
  });
});

describe('quiz suspend data', () => {
  it('round-trips attempts and the best score, and refuses other texts', () => {
    const text = encodeQuiz({ lesson: 'five-levels', attempts: 3, best: 0.8333333 });
    expect(text).toBe('Q1;five-levels;3;8333');
    expect(decodeQuiz(text)).toEqual({ ok: true, value: { lesson: 'five-levels', attempts: 3, best: 0.8333 } });
    expect(decodeQuiz('')).toEqual({ ok: false, problem: 'empty' });
    expect(decodeQuiz('C1;x;1;s;;1;')).toEqual({ ok: false, problem: 'otherFormat' });
    expect(decodeQuiz('Q1;five-levels;3;10001').ok).toBe(false);
    expect(decodeQuiz('Q1;Five Levels;3;100').ok).toBe(false);
  });
});
