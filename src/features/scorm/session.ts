// One SCORM 1.2 session of a package page: LMSInitialize, batches of values each followed by LMSCommit,
// LMSFinish once. Its `state` says whether the LMS recorded the last batch, from the API's return values
// and LMSGetLastError (never assumed). Pure: the API and the clock are passed in; no DOM, no strings.
import { clip } from '@sim/text';
import type { Scorm12Api } from './api';
import { sessionTime } from './cmi';

/** What the page tells the student about recording ("saved / not saved"). */
export type SaveState =
  /** No SCORM API was found: the page runs on its own. */
  | { kind: 'noLms' }
  /** Connected; nothing sent yet. */
  | { kind: 'connected' }
  | { kind: 'saved' }
  /** The LMS refused a value or the commit: its error code and text (clipped, they come from the LMS). */
  | { kind: 'notSaved'; code: string; message: string }
  /** LMSInitialize failed: nothing will be recorded. */
  | { kind: 'refused'; code: string; message: string }
  /** The LMS opened the package to review a finished attempt (cmi.core.lesson_mode "review"): nothing is sent. */
  | { kind: 'review' }
  | { kind: 'finished' };

/** What the LMS holds about this learner and package when the session starts. */
export interface StartInfo {
  /** `cmi.core.entry`: 'resume' after a suspended session, 'ab-initio' on the first launch, '' otherwise. */
  entry: string;
  lessonStatus: string;
  suspendData: string;
  /** `cmi.student_data.mastery_score` as text ('' when the package or LMS set none). */
  masteryScore: string;
  /** `cmi.core.lesson_mode`: 'normal', 'browse' or 'review'. */
  lessonMode: string;
}

export type CmiValues = ReadonlyArray<readonly [element: string, value: string]>;

/** Error texts from an LMS are shown to the student: never more than this many characters. */
const MAX_ERROR_CHARS = 120;

export class ScormSession {
  private started = false;
  private reviewing = false;
  private closed = false;
  private readonly startedAt: number;
  state: SaveState;
  /** The lesson status and score the LMS last accepted (what the gradebook shows), once there is one. */
  reported: { status: string; raw: string } | null = null;
  /** Called whenever `state` changes (the status line listens). */
  onchange: (state: SaveState) => void = () => {};

  constructor(
    private readonly api: Scorm12Api | null,
    /** Milliseconds on a monotonic clock (performance.now in the page). */
    private readonly now: () => number,
  ) {
    this.startedAt = now();
    this.state = api ? { kind: 'connected' } : { kind: 'noLms' };
  }

  get inLms(): boolean {
    return this.api !== null;
  }

  /** True while values can still be sent (started, not finished, LMS found and willing). */
  get open(): boolean {
    return this.started && !this.closed;
  }

  /** LMSInitialize and the reads a package needs; null outside an LMS or when the LMS refused. */
  start(): StartInfo | null {
    const api = this.api;
    if (!api || this.started || this.closed) return null;
    if (!this.succeeded(call(() => api.LMSInitialize('')))) {
      this.setState({ kind: 'refused', ...this.lastError() });
      this.closed = true;
      return null;
    }
    this.started = true;
    const info: StartInfo = {
      entry: this.get('cmi.core.entry'),
      lessonStatus: this.get('cmi.core.lesson_status'),
      suspendData: this.get('cmi.suspend_data'),
      masteryScore: this.get('cmi.student_data.mastery_score'),
      lessonMode: this.get('cmi.core.lesson_mode'),
    };
    // SCORM 1.2: a review must not change the learner's record; the saved run is still read, to show it.
    if (info.lessonMode === 'review') {
      this.reviewing = true;
      this.setState({ kind: 'review' });
    }
    return info;
  }

  /** A value from the LMS, '' when it has none or refused. */
  get(element: string): string {
    const api = this.api;
    if (!api || !this.open) return '';
    const value = call(() => api.LMSGetValue(element));
    return typeof value === 'string' ? value : '';
  }

  /** How many interactions the LMS holds (new ones are appended after them). */
  interactionCount(): number {
    const n = Number(this.get('cmi.interactions._count'));
    return Number.isInteger(n) && n >= 0 ? n : 0;
  }

  /**
   * Sends the values, then cmi.core.session_time, then LMSCommit. The state becomes 'saved' only when every
   * call returned "true" and LMSGetLastError said "0"; otherwise the first failure is kept. Returns the state.
   */
  save(values: CmiValues): SaveState {
    const api = this.api;
    if (!api || !this.open || this.reviewing) return this.state;
    let failure: { code: string; message: string } | null = null;
    for (const [element, value] of [...values, ['cmi.core.session_time', this.elapsed()] as const]) {
      if (!this.succeeded(call(() => api.LMSSetValue(element, value))) && failure === null) failure = this.lastError();
    }
    if (!this.succeeded(call(() => api.LMSCommit(''))) && failure === null) failure = this.lastError();
    if (failure === null) {
      const value = (element: string) => values.find(([e]) => e === element)?.[1];
      const status = value('cmi.core.lesson_status');
      const raw = value('cmi.core.score.raw');
      if (status !== undefined && raw !== undefined) this.reported = { status, raw };
    }
    this.setState(failure === null ? { kind: 'saved' } : { kind: 'notSaved', ...failure });
    return this.state;
  }

  /**
   * Ends the session (on pagehide): `exit` tells the LMS whether to keep the suspended state ('suspend') or
   * not (''), then the session time, LMSCommit and LMSFinish. Safe to call more than once.
   */
  finish(exit: 'suspend' | ''): void {
    const api = this.api;
    if (!api || !this.open) return;
    const state = this.reviewing ? this.state : this.save([['cmi.core.exit', exit]]);
    this.closed = true;
    const finished = this.succeeded(call(() => api.LMSFinish('')));
    if (!finished) this.setState({ kind: 'notSaved', ...this.lastError() });
    else if (state.kind === 'saved' || state.kind === 'review') this.setState({ kind: 'finished' });
  }

  /** The time since the page started, as CMITimespan. */
  elapsed(): string {
    return sessionTime(this.now() - this.startedAt);
  }

  private succeeded(result: unknown): boolean {
    if (result !== 'true' && result !== true) return false;
    const code = this.errorCode();
    return code === '0' || code === '';
  }

  private errorCode(): string {
    const api = this.api;
    if (!api) return '';
    const code = call(() => api.LMSGetLastError());
    return typeof code === 'string' ? clip(code, 12) : '';
  }

  private lastError(): { code: string; message: string } {
    const api = this.api;
    const code = this.errorCode() || '?';
    const text = api ? call(() => api.LMSGetErrorString(code)) : '';
    return { code, message: typeof text === 'string' ? clip(text, MAX_ERROR_CHARS) : '' };
  }

  private setState(state: SaveState): void {
    this.state = state;
    this.onchange(state);
  }
}

/** An API call that may throw (a broken LMS script, a frame being torn down) counts as a failed call. */
function call(fn: () => unknown): unknown {
  try {
    return fn();
  } catch {
    return 'false';
  }
}
