// The page's engine runner over (fake) workers: one job in flight per slot, a waiting job replaced by a newer one
// (superseded requests never run), a finished job's result always handed over, slots on their own workers, and a
// browser that cannot start a worker reported so the lab can run the engine on the page.
import { describe, expect, it } from 'vitest';
import { createWorkerRunner } from '@/features/market-lab/workerRunner';
import type { LabRun, RunJob } from '@/features/market-lab/runTypes';
import { defaultSettings } from '@/features/market-lab/limits';

class FakeWorker {
  static made: FakeWorker[] = [];
  posted: RunJob[] = [];
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.made.push(this);
  }
  postMessage(job: RunJob) {
    this.posted.push(job);
  }
  terminate() {
    this.terminated = true;
  }
  /** The worker finishes its oldest job not yet answered. */
  finish(i: number) {
    const job = this.posted[i];
    this.onmessage?.({ data: { type: 'done', result: { key: job.key } as LabRun } } as MessageEvent);
  }
}

const job = (key: string): RunJob => ({ key, settings: defaultSettings('default'), trace: [], census: true });

describe('createWorkerRunner', () => {
  it('runs the newest job of a slot and drops the ones it superseded', () => {
    FakeWorker.made = [];
    const runner = createWorkerRunner(() => new FakeWorker() as unknown as Worker)!;
    const got: string[] = [];
    const done = (r: LabRun) => got.push(r.key);
    runner.run('current', job('a'), done, () => {});
    runner.run('current', job('b'), done, () => {});
    runner.run('current', job('c'), done, () => {});
    const w = FakeWorker.made[0];
    // Only the first went to the worker; b waits and is replaced by c.
    expect(w.posted.map((j) => j.key)).toEqual(['a']);
    w.finish(0);
    expect(got).toEqual(['a']);
    expect(w.posted.map((j) => j.key)).toEqual(['a', 'c']);
    w.finish(1);
    expect(got).toEqual(['a', 'c']);
    runner.dispose();
    expect(w.terminated).toBe(true);
  });

  it('gives the baseline its own worker, so both runs are computed at once', () => {
    FakeWorker.made = [];
    const runner = createWorkerRunner(() => new FakeWorker() as unknown as Worker)!;
    runner.run(
      'current',
      job('a'),
      () => {},
      () => {},
    );
    runner.run(
      'baseline',
      job('b'),
      () => {},
      () => {},
    );
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1].posted.map((j) => j.key)).toEqual(['b']);
  });

  it('runs neighbours ahead on a spare worker, one after another, a new list replacing the jobs not yet started', () => {
    FakeWorker.made = [];
    const runner = createWorkerRunner(() => new FakeWorker() as unknown as Worker)!;
    const kept: string[] = [];
    runner.prefetch([job('n1'), job('n2')], (r) => kept.push(r.key));
    const spare = FakeWorker.made[1];
    expect(spare.posted.map((j) => j.key)).toEqual(['n1']);
    runner.prefetch([job('m1'), job('m2')], (r) => kept.push(r.key));
    spare.finish(0);
    expect(spare.posted.map((j) => j.key)).toEqual(['n1', 'm1']);
    spare.finish(1);
    spare.finish(2);
    expect(kept).toEqual(['n1', 'm1', 'm2']);
    runner.dispose();
    expect(spare.terminated).toBe(true);
  });

  it('reports a failed job and is null where no worker can start', () => {
    FakeWorker.made = [];
    const runner = createWorkerRunner(() => new FakeWorker() as unknown as Worker)!;
    const failed: string[] = [];
    runner.run(
      'current',
      job('a'),
      () => {},
      (m) => failed.push(m),
    );
    FakeWorker.made[0].onmessage?.({ data: { type: 'error', key: 'a', message: 'too large' } } as MessageEvent);
    expect(failed).toEqual(['too large']);
    expect(
      createWorkerRunner(() => {
        throw new Error('module workers are not allowed here');
      }),
    ).toBeNull();
  });
});
