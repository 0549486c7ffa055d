// The expectations lab reads the engine: its figures equal a direct simulate() run, and the sweep
// shows the expectation trap (equity peaks near, not above, the delivered quality).
import { describe, expect, it } from 'vitest';
import { defaultStrategy, getPreset, simulate } from '@sim/index';
import { bestPromise, EXPECTATIONS_RUN, runAt, sweep } from '@/features/concept-labs/expectations';

describe('expectations lab', () => {
  it('a point equals a direct engine run', () => {
    const m = getPreset('default');
    const r = simulate(m, { ...defaultStrategy(m), promiseLevel: 4.5, quality: 3.5 }, { ...EXPECTATIONS_RUN });
    const p = runAt(4.5, 3.5);
    expect(p.customerEquity).toBe(r.overall.at(-1)!.customerEquity);
    expect(p.newCustomers).toBe(r.overall.reduce((a, row) => a + row.newCustomers, 0));
    expect(p.satisfactionShare).toEqual(r.overall.at(-1)!.satisfactionShare);
  });

  it('over-promising attracts more customers but disappoints them', () => {
    const low = runAt(2, 4);
    const high = runAt(5, 4);
    expect(high.newCustomers).toBeGreaterThan(low.newCustomers);
    expect(high.satisfactionShare.dissatisfied).toBeGreaterThan(low.satisfactionShare.dissatisfied);
  });

  it('equity peaks at a promise at or a little under the delivered quality', () => {
    const quality = 4;
    const points = sweep(quality);
    const best = bestPromise(points);
    expect(best.promise).toBeLessThanOrEqual(quality);
    expect(best.promise).toBeGreaterThanOrEqual(quality - 1.5);
    expect(best.customerEquity).toBeGreaterThan(points[0].customerEquity);
    expect(best.customerEquity).toBeGreaterThan(points.at(-1)!.customerEquity);
  });
});
