// A lesson quiz inside an LMS: each graded attempt (as the quiz records it) becomes a score, a status
// against the pass mark and one interaction; attempts and the best score live in cmi.suspend_data.
// No DOM; the launch page tells it when the quiz recorded an attempt.
import { quizStatus, interactionValues } from './record';
import { scoreText } from './cmi';
import type { ScormSession } from './session';
import { decodeQuiz, encodeQuiz } from './suspend';

/** The pass mark of a quiz package when the LMS gives no mastery score (the manifest's adlcp:masteryscore). */
export const DEFAULT_PASS_MARK = 0.7;

export class QuizBridge {
  attempts = 0;
  best = 0;

  constructor(
    private readonly session: ScormSession,
    private readonly lesson: string,
    /** 0..1; the LMS's cmi.student_data.mastery_score takes precedence, as SCORM 1.2 asks. */
    public passMark: number,
    private readonly clock: () => Date,
  ) {}

  /** Reads attempts and best score from the suspend data of an earlier session (another quiz's data is ignored). */
  begin(suspendData: string): boolean {
    const decoded = decodeQuiz(suspendData);
    if (!decoded.ok || decoded.value.lesson !== this.lesson) return false;
    this.attempts = decoded.value.attempts;
    this.best = decoded.value.best;
    return true;
  }

  /** A graded attempt ended with `score` (0..1): sends status, score (the best so far) and its interaction. */
  attempt(score: number): boolean {
    this.attempts += 1;
    this.best = Math.max(this.best, score);
    if (!this.session.open) return false;
    const index = this.session.interactionCount();
    const state = this.session.save([
      ['cmi.suspend_data', encodeQuiz({ lesson: this.lesson, attempts: this.attempts, best: this.best })],
      ...quizStatus(this.best, this.passMark),
      ...interactionValues(
        index,
        {
          id: `crm-lab-quiz-attempt${this.attempts}`,
          type: 'performance',
          response: `lesson=${this.lesson};score=${scoreText(score)}`,
          result: score >= this.passMark ? 'correct' : 'wrong',
        },
        this.clock(),
      ),
    ]);
    return state.kind === 'saved';
  }
}
