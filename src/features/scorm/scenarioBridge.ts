// A played scenario inside an LMS: turns the player's saved rounds into SCORM values (suspend data, run
// record, status, score) and reads a suspended run back. The score is re-played here with the engine the
// board verifies with (replay.ts), never taken from the page. No DOM; the session does the API calls.
import { currentRelease, type ModelRelease } from '@sim/release';
import type { Scenario } from '@sim/scenario';
import { checkDecisions, replayOutcome, teachControls } from '@/features/teach/replay';
import { lockControls } from '@/features/teach/locks';
import type { Progress } from '@/features/teach/progress';
import { interactionValues, runInteractions, scenarioStatus, type Grading } from './record';
import type { CmiValues, ScormSession } from './session';
import { decodeScenario, encodeScenario, type ScenarioSuspend } from './suspend';

/** What became of the suspended run the LMS handed back. */
export type ResumeOutcome = 'none' | 'resumed' | 'otherMarket' | 'unreadable';

export class ScenarioBridge {
  private run = 1;
  /** Rounds of the current run already in the LMS's interactions. */
  private recorded = 0;
  private saved: Progress | null = null;
  resume: ResumeOutcome = 'none';
  /** True when the suspend text could not be written (longer than SCORM 1.2 allows). */
  tooLong = false;

  constructor(
    private readonly session: ScormSession,
    private readonly scenario: Scenario,
    private readonly grading: Grading,
    private readonly clock: () => Date,
    private readonly release: ModelRelease = currentRelease,
  ) {}

  /** The open controls for a set of link locks, in the scenario's order (null if a lock is not allowed). */
  openIds(locks: readonly string[]): string[] | null {
    const { controls, refused } = lockControls(teachControls(this.scenario, this.release), locks);
    return refused.length > 0 ? null : controls.filter((c) => !c.locked).map((c) => c.id);
  }

  /**
   * Reads cmi.suspend_data at the start of a session. A run of another scenario, version or market (the
   * package's seed and locks), or decisions the scenario does not allow, are not resumed: the player starts
   * afresh and the reason is kept in `resume`.
   */
  begin(suspendData: string, market: { seed: string; locks: readonly string[] }): void {
    const decoded = decodeScenario(suspendData, (locks) => this.openIds(locks));
    if (!decoded.ok) {
      this.resume = decoded.problem === 'empty' ? 'none' : 'unreadable';
      return;
    }
    const s = decoded.value;
    // Whatever happens to the old run, a new one gets the next number, so interaction ids never repeat.
    this.run = s.run + 1;
    const sameLocks = s.locks.length === market.locks.length && s.locks.every((id) => market.locks.includes(id));
    if (s.scenarioId !== this.scenario.id || s.scenarioVersion !== this.scenario.version || s.seed !== market.seed || !sameLocks) {
      this.resume = 'otherMarket';
      return;
    }
    if (checkDecisions(this.scenario, s.decisions, s.locks, this.release) !== null) {
      this.resume = 'unreadable';
      return;
    }
    this.run = s.run;
    this.recorded = s.decisions.length;
    this.saved = { seed: s.seed, locks: s.locks, decisions: s.decisions };
    this.resume = 'resumed';
  }

  /** The suspended run for the player (which checks it belongs to its seed and locks before continuing). */
  load(): Progress | null {
    return this.saved;
  }

  /** The values for the rounds played so far; `save` sends them. Exposed for tests. */
  values(progress: Progress, interactionBase: number): CmiValues {
    const data: ScenarioSuspend = {
      scenarioId: this.scenario.id,
      scenarioVersion: this.scenario.version,
      seed: progress.seed,
      locks: progress.locks,
      run: this.run,
      decisions: progress.decisions,
    };
    const open = this.openIds(progress.locks) ?? [];
    const suspend = encodeScenario(data, open);
    this.tooLong = suspend === null;
    const finished = progress.decisions.length >= this.scenario.rounds;
    const outcome =
      progress.decisions.length > 0 ? replayOutcome(this.scenario, progress.seed, progress.decisions, progress.locks, this.release) : null;
    const result = finished && outcome ? { score: outcome.score, goalMet: outcome.goalMet } : null;
    const interactions = runInteractions(
      {
        scenarioId: this.scenario.id,
        scenarioVersion: this.scenario.version,
        modelVersion: this.release.MODEL_VERSION,
        seed: progress.seed,
        locks: progress.locks,
        run: this.run,
      },
      progress.decisions,
      Math.min(this.recorded, progress.decisions.length),
      result,
    );
    const at = this.clock();
    return [
      ...(suspend === null ? [] : ([['cmi.suspend_data', suspend]] as const)),
      ...scenarioStatus(finished, result, this.grading),
      ...interactions.flatMap((it, i) => interactionValues(interactionBase + i, it, at)),
    ];
  }

  /** After each round: everything in one batch and one LMSCommit. Returns whether the LMS recorded it. */
  save(progress: Progress): boolean {
    if (!this.session.open) return false;
    const state = this.session.save(this.values(progress, this.session.interactionCount()));
    if (state.kind !== 'saved') return false;
    // Only a restart (clear) starts the count again; a repeated save never records a round twice.
    this.recorded = Math.max(this.recorded, progress.decisions.length);
    this.saved = progress;
    return !this.tooLong;
  }

  /** Play again: the next run starts at round 1 (the last finished run's status and score stay in the LMS). */
  clear(): void {
    if (this.saved === null && this.recorded === 0) return;
    const next = this.saved ?? { seed: this.scenario.seed, locks: [], decisions: [] };
    this.run += 1;
    this.recorded = 0;
    this.save({ ...next, decisions: [] });
  }
}
