// What a package sends to the LMS: after each round the suspend data, the run record in cmi.interactions
// and, at the end, status and score from a re-play with the engine the board verifies with; a relaunch
// resumes the same rounds. A quiz sends its best graded attempt against the pass mark.
import { describe, expect, it } from 'vitest';
import { ScormSession } from '@/features/scorm/session';
import { ScenarioBridge } from '@/features/scorm/scenarioBridge';
import { QuizBridge } from '@/features/scorm/quizBridge';
import { MAX_RESPONSE_CHARS, scoreText } from '@/features/scorm/cmi';
import { decisionResponse, runInteractions, setupResponse } from '@/features/scorm/record';
import { readRunRecords } from '@/features/scorm/readRecord';
import { playScenario, replayOutcome } from '@/features/teach/replay';
import { currentRelease } from '@sim/release';
import type { Decision } from '@/features/teach/resultFile';
import type { Scenario } from '@sim/scenario';
import { FakeLms } from './fakeLms';
import { initialRound, longestRound, scenario, scenarios } from './scenarios';

const NOON = () => new Date(2026, 10, 30, 12, 0, 0);
/** A plan known to meet budget-cut's goal (test/unit/teach/scenarios.test.ts). */
const GOOD: Decision = { acquisitionSpendPerQuarter: 20000, 'investment.customers.reactive': 1, 'investment.customers.accountable': 3 };

function connect(lms: FakeLms, s: Scenario) {
  const session = new ScormSession(lms, () => 0);
  const start = session.start()!;
  const bridge = new ScenarioBridge(session, s, 'goal', NOON);
  bridge.begin(start.suspendData, { seed: s.seed, locks: [] });
  return { session, bridge };
}

function play(bridge: ScenarioBridge, s: Scenario, rounds: Decision[]) {
  for (let r = 1; r <= rounds.length; r++) expect(bridge.save({ seed: s.seed, locks: [], decisions: rounds.slice(0, r) })).toBe(true);
}

describe('ScenarioBridge', () => {
  const s = scenario('budget-cut');

  it('commits at each round: suspend data and the run record; status and score only at the end', () => {
    const lms = new FakeLms();
    const { bridge } = connect(lms, s);
    const rounds = Array.from({ length: s.rounds }, () => ({ ...initialRound(s), ...GOOD }));
    play(bridge, s, rounds.slice(0, 2));
    expect(lms.calls.filter((c) => c === 'LMSCommit')).toHaveLength(2);
    expect(lms.data.get('cmi.core.exit')).toBe('suspend');
    expect(lms.data.has('cmi.core.score.raw')).toBe(false);
    expect(lms.interactions.map((i) => i.id)).toEqual(['crm-lab-run1-setup', 'crm-lab-run1-round1', 'crm-lab-run1-round2']);
    expect(lms.interactions[0]).toMatchObject({
      type: 'performance',
      student_response: `scenario=budget-cut;version=${s.version};model=${currentRelease.MODEL_VERSION};seed=${s.seed};locks=`,
      result: 'neutral',
      time: '12:00:00',
    });
    expect(lms.interactions[2]!.student_response).toBe(decisionResponse(rounds[1]!));

    play(bridge, s, rounds);
    const truth = playScenario(s, s.seed, rounds, []);
    expect(truth.goalMet).toBe(true);
    expect(lms.data.get('cmi.core.lesson_status')).toBe('passed');
    expect(Number(lms.data.get('cmi.core.score.raw'))).toBeCloseTo(truth.score * 100, 2);
    expect(lms.data.get('cmi.core.score.min')).toBe('0');
    expect(lms.data.get('cmi.core.score.max')).toBe('100');
    expect(lms.data.get('cmi.core.exit')).toBe('');
    // Each round once, however often the player saves.
    expect(lms.interactions.map((i) => i.id)).toEqual([
      'crm-lab-run1-setup',
      ...rounds.map((_, r) => `crm-lab-run1-round${r + 1}`),
      'crm-lab-run1-result',
    ]);
    expect(lms.interactions.at(-1)).toMatchObject({
      type: 'numeric',
      result: 'correct',
      student_response: lms.data.get('cmi.core.score.raw'),
    });
  });

  it('records "failed" when the goal is missed, "completed" when the package grades completion only', () => {
    const rounds = Array.from({ length: s.rounds }, () => initialRound(s));
    expect(playScenario(s, s.seed, rounds, []).goalMet).toBe(false);
    const lms = new FakeLms();
    play(connect(lms, s).bridge, s, rounds);
    expect(lms.data.get('cmi.core.lesson_status')).toBe('failed');
    expect(lms.interactions.at(-1)!.result).toBe('wrong');

    const lms2 = new FakeLms();
    const session = new ScormSession(lms2, () => 0);
    session.start();
    play(new ScenarioBridge(session, s, 'completion', NOON), s, rounds);
    expect(lms2.data.get('cmi.core.lesson_status')).toBe('completed');
  });

  it('a relaunch with the saved suspend data resumes the same rounds, and goes on recording after them', () => {
    const lms = new FakeLms();
    const rounds = Array.from({ length: s.rounds }, () => initialRound(s));
    play(connect(lms, s).bridge, s, rounds.slice(0, 2));
    const again = connect(lms, s);
    expect(again.bridge.resume).toBe('resumed');
    expect(again.bridge.load()).toEqual({ seed: s.seed, locks: [], decisions: rounds.slice(0, 2) });
    again.bridge.save({ seed: s.seed, locks: [], decisions: rounds.slice(0, 3) });
    expect(lms.interactions.map((i) => i.id).slice(-1)).toEqual(['crm-lab-run1-round3']);
  });

  it('does not resume a run of another market, version or a tampered one; a restart starts run 2', () => {
    const lms = new FakeLms();
    const rounds = [initialRound(s)];
    play(connect(lms, s).bridge, s, rounds);
    const saved = lms.data.get('cmi.suspend_data')!;

    const other = new ScenarioBridge(new ScormSession(new FakeLms(), () => 0), s, 'goal', NOON);
    other.begin(saved, { seed: 'class-9', locks: [] });
    expect(other.resume).toBe('otherMarket');
    expect(other.load()).toBeNull();
    other.begin(saved.replace(`;${s.version};`, `;${s.version + 1};`), { seed: s.seed, locks: [] });
    expect(other.resume).toBe('otherMarket');
    other.begin(saved.replace(/;[^;]*$/, ';1,2'), { seed: s.seed, locks: [] });
    expect(other.resume).toBe('unreadable');

    const { bridge } = connect(lms, s);
    bridge.clear();
    bridge.save({ seed: s.seed, locks: [], decisions: rounds });
    expect(lms.interactions.map((i) => i.id).slice(-2)).toEqual(['crm-lab-run2-setup', 'crm-lab-run2-round1']);
  });

  it('refuses decisions out of range in saved data (the player could not have made them)', () => {
    const lms = new FakeLms();
    play(connect(lms, s).bridge, s, [initialRound(s)]);
    const saved = lms.data.get('cmi.suspend_data')!;
    const huge = saved.replace(/;([^;]*)$/, (_, r: string) => `;${r.replace(/^[^,]*/, '1e12')}`);
    const b = new ScenarioBridge(new ScormSession(new FakeLms(), () => 0), s, 'goal', NOON);
    b.begin(huge, { seed: s.seed, locks: [] });
    expect(b.resume).toBe('unreadable');
  });

  it('every run record of every scenario fits the 255 characters of student_response', () => {
    for (const sc of scenarios) {
      const record = {
        scenarioId: sc.id,
        scenarioVersion: sc.version,
        modelVersion: '99.99.99-long',
        seed: 'x'.repeat(40),
        locks: [],
        run: 99,
      };
      const its = runInteractions(record, [longestRound(sc)], 0, { score: 0.123456, goalMet: true });
      for (const it of its) {
        expect(it.response.length, `${sc.id} ${it.id}`).toBeLessThanOrEqual(MAX_RESPONSE_CHARS);
        // Nothing an LMS report escapes (Moodle's s() turns & < > " ' into entities) or a CSV or TSV export splits on.
        expect(it.response, `${sc.id} ${it.id}`).toMatch(/^[A-Za-z0-9=;,.+_-]*$/);
      }
      expect(setupResponse({ ...record, locks: Object.keys(longestRound(sc)) }).length).toBeLessThanOrEqual(MAX_RESPONSE_CHARS);
    }
  });
});

describe('QuizBridge', () => {
  it('sends the best graded attempt as score, passed or failed against the pass mark, one interaction each', () => {
    const lms = new FakeLms();
    const session = new ScormSession(lms, () => 0);
    session.start();
    const quiz = new QuizBridge(session, 'five-levels', 0.7, NOON);
    expect(quiz.begin('')).toBe(false);
    quiz.attempt(0.5);
    expect(lms.data.get('cmi.core.lesson_status')).toBe('failed');
    expect(lms.data.get('cmi.core.score.raw')).toBe('50');
    quiz.attempt(0.9);
    quiz.attempt(0.6);
    expect(lms.data.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.data.get('cmi.core.score.raw')).toBe('90');
    expect(lms.data.get('cmi.suspend_data')).toBe('Q1;five-levels;3;9000');
    expect(lms.interactions.map((i) => [i.id, i.student_response, i.result])).toEqual([
      ['crm-lab-quiz-attempt1', 'lesson=five-levels;score=50', 'wrong'],
      ['crm-lab-quiz-attempt2', 'lesson=five-levels;score=90', 'correct'],
      ['crm-lab-quiz-attempt3', 'lesson=five-levels;score=60', 'wrong'],
    ]);
    const next = new QuizBridge(session, 'five-levels', 0.7, NOON);
    expect(next.begin(lms.data.get('cmi.suspend_data')!)).toBe(true);
    expect([next.attempts, next.best]).toEqual([3, 0.9]);
    expect(new QuizBridge(session, 'crm-systems', 0.7, NOON).begin(lms.data.get('cmi.suspend_data')!)).toBe(false);
  });
});

describe('readRunRecords', () => {
  const s = scenario('budget-cut');
  const rows = (its: ReturnType<typeof runInteractions>) => its.map((i) => ({ id: i.id, response: i.response, result: i.result }));
  const record = {
    scenarioId: s.id,
    scenarioVersion: s.version,
    modelVersion: currentRelease.MODEL_VERSION,
    seed: 'class-7b',
    locks: ['quality'],
    run: 1,
  };

  it('reads back exactly the run the package recorded: market, versions, decisions per round, claimed score', () => {
    const decisions = [longestRound(s), initialRound(s), { ...initialRound(s), ...GOOD }, initialRound(s)];
    const written = rows(runInteractions(record, decisions, 0, { score: 0.87654, goalMet: true }));
    // An LMS may list them in any order, and other packages' rows beside them.
    const shuffled = [written[3]!, { id: 'Question14_1', response: 'HTH', result: 'wrong' }, ...written.slice(0, 3), ...written.slice(4)];
    expect(readRunRecords(shuffled)).toEqual({
      runs: [
        {
          run: 1,
          scenarioId: s.id,
          scenarioVersion: s.version,
          modelVersion: currentRelease.MODEL_VERSION,
          seed: 'class-7b',
          locks: ['quality'],
          decisions,
          result: { score: 87.65, goalMet: true },
        },
      ],
      problems: [],
    });
  });

  it('keeps runs apart, reads an unfinished run, and names (without echoing) what does not read', () => {
    const run1 = rows(runInteractions(record, [initialRound(s)], 0, null));
    const run2 = rows(runInteractions({ ...record, run: 2 }, [initialRound(s), initialRound(s)], 0, null));
    const { runs } = readRunRecords([...run1, ...run2, ...run1]);
    expect(runs.map((r) => [r.run, r.decisions.length, r.result])).toEqual([
      [1, 1, null],
      [2, 2, null],
    ]);
    const gap = readRunRecords(run2.filter((r) => !r.id.endsWith('round1')));
    expect(gap).toEqual({ runs: [], problems: ['run 2: rounds missing'] });
    const evil = run1.map((r) => (r.id.endsWith('round1') ? { ...r, response: 'constructor=1' } : r));
    expect(readRunRecords(evil).problems).toEqual(['run 1: a round does not read']);
    const edited = [...run1, { ...run1[1]!, response: 'acquisitionSpendPerQuarter=1' }];
    expect(readRunRecords(edited).problems).toEqual(['run 1: round1 differs between its copies']);
    expect(readRunRecords(run1.slice(1)).problems).toEqual(['run 1: no readable setup row']);
    const badScore = rows(runInteractions(record, [initialRound(s)], 0, { score: 0.5, goalMet: false })).map((r) =>
      r.id.endsWith('result') ? { ...r, response: '1e3' } : r,
    );
    expect(readRunRecords(badScore).problems).toEqual(['run 1: the result row does not read']);
  });

  it('is enough to re-simulate: what a package recorded replays to its claimed score, and an edited score does not', () => {
    const lms = new FakeLms();
    const { bridge } = connect(lms, s);
    const rounds = Array.from({ length: s.rounds }, (_, r) => ({ ...initialRound(s), ...(r % 2 === 0 ? GOOD : {}) }));
    play(bridge, s, rounds);
    const rowsOf = (list: Record<string, string>[]) => list.map((i) => ({ id: i.id!, response: i.student_response!, result: i.result! }));
    const check = (run: ReturnType<typeof readRunRecords>['runs'][number]) => {
      const truth = replayOutcome(s, run.seed, run.decisions, run.locks);
      return run.result !== null && Number(scoreText(truth.score)) === run.result.score && truth.goalMet === run.result.goalMet;
    };
    const [run] = readRunRecords(rowsOf(lms.interactions)).runs;
    expect(run!.modelVersion).toBe(currentRelease.MODEL_VERSION);
    expect(check(run!)).toBe(true);
    const edited = lms.interactions.map((i) => (i.id!.endsWith('-result') ? { ...i, student_response: '99.5' } : i));
    expect(check(readRunRecords(rowsOf(edited)).runs[0]!)).toBe(false);
  });
});
