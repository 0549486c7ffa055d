// One run of the lab as the views need it: the engine's rows plus the census, the valuation, the traced customers
// and the run's events, computed by the engine worker (or synchronously in tests). Imports the engine: never import
// this module from the page's eager code (LabState only receives its results); no DOM, no worker globals.
import { simulateObserved } from '@sim/index';
import { marketById } from './limits';
import { toRunOptions, toStrategy } from './strategy';
import type { LabSettings } from './settings';
import type { LabRun, RunJob } from './runTypes';
import { layoutCensus } from './marketLayout';

/** Runs one job: the settings' run with what it asks to record. The valuation is always kept (the waterfall needs it). */
export function computeRun(job: RunJob, now: () => number = () => 0): LabRun {
  const t0 = now();
  const settings: LabSettings = job.settings;
  const observed = simulateObserved(marketById(settings.marketId), toStrategy(settings), toRunOptions(settings), {
    census: job.census,
    valuation: true,
    trace: job.trace,
  });
  return {
    key: job.key,
    run: observed.run,
    census: observed.census,
    layout: observed.census ? layoutCensus(observed.census) : null,
    valuation: observed.valuation!,
    traces: observed.traces,
    events: observed.events,
    ms: now() - t0,
  };
}

/** The typed arrays of a result, handed over to the page without a copy (postMessage's transfer list). */
export function transferables(r: LabRun): Transferable[] {
  const c = r.census;
  const l = r.layout;
  if (!c || !l) return [];
  const arrays = [
    c.start,
    c.key,
    c.segment,
    c.flags,
    c.departStart,
    c.departKey,
    c.departSegment,
    c.departReason,
    c.incidentProbability,
    c.recovery,
  ];
  // Two views may share one buffer; a transfer list must name each buffer once.
  return [...new Set([...arrays, l.capacity, l.slot, l.departSlot].map((a) => a.buffer as ArrayBuffer))];
}
