// The values a package sends to the LMS: lesson status, score, exit and the run record in cmi.interactions
// (the fields are documented below; readRecord.ts reads them back). Pure: it builds element/value pairs from
// a run; session.ts sends them.
import { MAX_RESPONSE_CHARS, clockTime, scoreText } from './cmi';
import type { CmiValues } from './session';
import type { Decision, DecisionValue } from '@/features/teach/resultFile';
import type { RunRecord } from '@/features/teach/runRecord';

/**
 * The run record in cmi.interactions (SCORM 1.2, RTE 3.4.2.7). For run k of a package (1, then 2 after a
 * restart), the package appends:
 *
 * | interaction id          | type        | student_response                                                       | result                |
 * | ----------------------- | ----------- | ---------------------------------------------------------------------- | --------------------- |
 * | `crm-lab-run<k>-setup`  | performance | `scenario=<id>;version=<n>;model=<MODEL_VERSION>;seed=<seed>;locks=<a,b>` | `neutral`             |
 * | `crm-lab-run<k>-round<r>` | performance | round r's decisions, `<control id>=<value>` joined by `,` (a level by its name) | `neutral`   |
 * | `crm-lab-run<k>-result` | numeric     | the score 0–100 (two decimals, as cmi.core.score.raw)                 | `correct` goal met, `wrong` missed |
 *
 * and `time` (CMITime, the learner's clock) on each. Seed, locks, model and scenario versions sit in the
 * setup row; the decisions per round in the round rows; the claimed score in the result row.
 * A quiz attempt k appends `crm-lab-quiz-attempt<k>` (performance, `lesson=<slug>;score=<0–100>`,
 * `correct` at or above the pass mark, else `wrong`).
 */
/** What the setup row holds: a run record without its rounds, and the package's number of the run. */
export type RunSetup = Omit<RunRecord, 'decisions' | 'locks'> & { locks: readonly string[]; run: number };

/** A decision as the round row's student_response. */
export function decisionResponse(d: Decision): string {
  return Object.keys(d)
    .sort()
    .map((id) => `${id}=${valueText(d[id]!)}`)
    .join(',');
}

function valueText(value: DecisionValue): string {
  return String(value);
}

export function setupResponse(r: RunSetup): string {
  return `scenario=${r.scenarioId};version=${r.scenarioVersion};model=${r.modelVersion};seed=${r.seed};locks=${[...r.locks].sort().join(',')}`;
}

export interface Interaction {
  id: string;
  type: 'performance' | 'numeric';
  response: string;
  result: 'neutral' | 'correct' | 'wrong';
}

/** The elements of interaction `index` (id first: the spec wants it before the other fields). */
export function interactionValues(index: number, it: Interaction, at: Date): CmiValues {
  if (it.response.length > MAX_RESPONSE_CHARS) throw new RangeError(`interaction ${it.id}: response longer than ${MAX_RESPONSE_CHARS}`);
  const base = `cmi.interactions.${index}`;
  return [
    [`${base}.id`, it.id],
    [`${base}.type`, it.type],
    [`${base}.student_response`, it.response],
    [`${base}.result`, it.result],
    [`${base}.time`, clockTime(at)],
  ];
}

/** The interactions for rounds `from`+1 … decisions.length of a run, and its result row when finished. */
export function runInteractions(
  record: RunSetup,
  decisions: readonly Decision[],
  from: number,
  result: { score: number; goalMet: boolean } | null,
): Interaction[] {
  const prefix = `crm-lab-run${record.run}`;
  const out: Interaction[] = [];
  if (from === 0 && decisions.length > 0)
    out.push({ id: `${prefix}-setup`, type: 'performance', response: setupResponse(record), result: 'neutral' });
  for (let r = from; r < decisions.length; r++) {
    out.push({ id: `${prefix}-round${r + 1}`, type: 'performance', response: decisionResponse(decisions[r]!), result: 'neutral' });
  }
  if (result)
    out.push({ id: `${prefix}-result`, type: 'numeric', response: scoreText(result.score), result: result.goalMet ? 'correct' : 'wrong' });
  return out;
}

/** How the LMS grades a finished scenario run: against its goal (passed / failed), or completion only. */
export type Grading = 'goal' | 'completion';

/** cmi.core.lesson_status, score and exit for a scenario run (score only once finished). */
export function scenarioStatus(finished: boolean, outcome: { score: number; goalMet: boolean } | null, grading: Grading): CmiValues {
  if (!finished || !outcome) return [['cmi.core.exit', 'suspend']];
  const status = grading === 'completion' ? 'completed' : outcome.goalMet ? 'passed' : 'failed';
  return [
    ['cmi.core.lesson_status', status],
    ['cmi.core.score.raw', scoreText(outcome.score)],
    ['cmi.core.score.min', '0'],
    ['cmi.core.score.max', '100'],
    ['cmi.core.exit', ''],
  ];
}

/** A quiz's status and score after a graded attempt: passed at or above the pass mark (best attempt counts). */
export function quizStatus(best: number, passMark: number): CmiValues {
  return [
    ['cmi.core.lesson_status', best >= passMark ? 'passed' : 'failed'],
    ['cmi.core.score.raw', scoreText(best)],
    ['cmi.core.score.min', '0'],
    ['cmi.core.score.max', '100'],
  ];
}
