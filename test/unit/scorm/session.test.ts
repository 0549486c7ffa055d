// The session's "saved / not saved" comes from the LMS's answers: return values and LMSGetLastError,
// never assumed. Errors from the LMS are clipped before they are shown.
import { describe, expect, it } from 'vitest';
import { ScormSession } from '@/features/scorm/session';
import { FakeLms } from './fakeLms';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ScormSession', () => {
  it('outside an LMS is in the noLms state and sends nothing', () => {
    const s = new ScormSession(null, () => 0);
    expect(s.state.kind).toBe('noLms');
    expect(s.start()).toBeNull();
    expect(s.save([['cmi.core.lesson_status', 'incomplete']]).kind).toBe('noLms');
    s.finish('suspend');
    expect(s.inLms).toBe(false);
  });

  it('initializes, reads what it needs, saves with the session time and commits', () => {
    const lms = new FakeLms({ 'cmi.core.entry': 'resume', 'cmi.suspend_data': 'x', 'cmi.core.lesson_status': 'incomplete' });
    const c = clock(1000);
    const s = new ScormSession(lms, c.now);
    expect(s.start()).toEqual({ entry: 'resume', lessonStatus: 'incomplete', suspendData: 'x', masteryScore: '', lessonMode: '' });
    c.advance(61_500);
    const states: string[] = [];
    s.onchange = (st) => states.push(st.kind);
    expect(s.save([['cmi.core.score.raw', '50']]).kind).toBe('saved');
    expect(lms.data.get('cmi.core.session_time')).toBe('0000:01:01.50');
    expect(lms.calls.slice(-3)).toEqual(['set cmi.core.score.raw=50', 'set cmi.core.session_time=0000:01:01.50', 'LMSCommit']);
    expect(states).toEqual(['saved']);
    expect(s.reported).toBeNull();
    s.save([
      ['cmi.core.lesson_status', 'failed'],
      ['cmi.core.score.raw', '42.5'],
    ]);
    expect(s.reported).toEqual({ status: 'failed', raw: '42.5' });
    lms.refuseCommit = true;
    s.save([
      ['cmi.core.lesson_status', 'passed'],
      ['cmi.core.score.raw', '90'],
    ]);
    expect(s.reported, 'what the LMS refused is not reported as recorded').toEqual({ status: 'failed', raw: '42.5' });
  });

  it('is "not saved" when a value is refused, naming the first error', () => {
    const lms = new FakeLms();
    const s = new ScormSession(lms, () => 0);
    s.start();
    lms.refuse.add('cmi.suspend_data');
    const st = s.save([
      ['cmi.suspend_data', 'x'],
      ['cmi.core.lesson_status', 'incomplete'],
    ]);
    expect(st).toEqual({ kind: 'notSaved', code: '405', message: 'Incorrect data type' });
    // The other values and the commit were still sent.
    expect(lms.data.get('cmi.core.lesson_status')).toBe('incomplete');
    lms.refuse.clear();
    expect(s.save([['cmi.suspend_data', 'y']]).kind).toBe('saved');
  });

  it('is "not saved" when the commit fails, or returns "true" with an error code; the LMS text is clipped', () => {
    const lms = new FakeLms();
    const s = new ScormSession(lms, () => 0);
    s.start();
    lms.refuseCommit = true;
    const st = s.save([]);
    expect(st.kind).toBe('notSaved');
    if (st.kind === 'notSaved') expect(st.message.length).toBeLessThanOrEqual(121);
    lms.refuseCommit = false;
    lms.lieOnCommit = true;
    expect(s.save([]).kind).toBe('notSaved');
  });

  it('reports a refused LMSInitialize and sends nothing after it', () => {
    const lms = new FakeLms();
    lms.refuseInitialize = true;
    const s = new ScormSession(lms, () => 0);
    expect(s.start()).toBeNull();
    expect(s.state.kind).toBe('refused');
    s.save([['cmi.core.lesson_status', 'passed']]);
    expect(lms.calls).toEqual(['LMSInitialize']);
  });

  it('an API that throws counts as a failed call', () => {
    const lms = new FakeLms();
    const s = new ScormSession(lms, () => 0);
    s.start();
    lms.LMSSetValue = () => {
      throw new Error('LMS script broke');
    };
    expect(s.save([['cmi.core.lesson_status', 'incomplete']]).kind).toBe('notSaved');
  });

  it('in review mode reads what the LMS holds and sends nothing but LMSFinish', () => {
    const lms = new FakeLms({ 'cmi.core.lesson_mode': 'review', 'cmi.suspend_data': 'C1;x', 'cmi.core.lesson_status': 'passed' });
    const s = new ScormSession(lms, () => 0);
    expect(s.start()).toMatchObject({ lessonMode: 'review', suspendData: 'C1;x' });
    expect(s.state.kind).toBe('review');
    expect(s.save([['cmi.core.lesson_status', 'failed']]).kind).toBe('review');
    s.finish('suspend');
    expect(lms.calls.filter((c) => c.startsWith('set') || c === 'LMSCommit')).toEqual([]);
    expect(lms.calls.at(-1)).toBe('LMSFinish');
    expect(lms.data.get('cmi.core.lesson_status')).toBe('passed');
  });

  it('finishes once, with the exit mode, and closes the session', () => {
    const lms = new FakeLms();
    const s = new ScormSession(lms, () => 0);
    s.start();
    s.finish('suspend');
    s.finish('suspend');
    expect(lms.calls.filter((c) => c === 'LMSFinish')).toHaveLength(1);
    expect(lms.data.get('cmi.core.exit')).toBe('suspend');
    expect(s.state.kind).toBe('finished');
    expect(s.open).toBe(false);
    expect(s.save([['cmi.core.lesson_status', 'passed']]).kind).toBe('finished');
  });
});
