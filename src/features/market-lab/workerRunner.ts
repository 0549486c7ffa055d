// The engine runner of the page: one worker per slot, at most one job in flight and one waiting per slot. A job
// that waits is replaced by a newer one (superseded requests are never run); a finished job's result is always
// handed over, since it is newer than what is shown. No engine import here: the engine lives in the worker's chunk.
import type { EngineRunner, LabRun, RunJob, RunSlot } from './runTypes';
import type { EngineMessage } from './workers/engine';

interface Request {
  job: RunJob;
  done: (r: LabRun) => void;
  failed: (message: string) => void;
}
interface Lane {
  worker: Worker;
  inflight: Request | null;
  waiting: Request | null;
}

/** Null when this browser cannot start a module worker (the caller then runs the engine on the page). */
export function createWorkerRunner(make: () => Worker): EngineRunner | null {
  const lanes = new Map<RunSlot, Lane>();
  const start = (lane: Lane, req: Request) => {
    lane.inflight = req;
    lane.worker.postMessage(req.job);
  };
  const open = (slot: RunSlot): Lane => {
    const worker = make();
    const lane: Lane = { worker, inflight: null, waiting: null };
    worker.onmessage = (ev: MessageEvent<EngineMessage>) => {
      const req = lane.inflight;
      lane.inflight = null;
      if (lane.waiting) {
        const next = lane.waiting;
        lane.waiting = null;
        start(lane, next);
      }
      if (!req) return;
      if (ev.data.type === 'done') req.done(ev.data.result);
      else req.failed(ev.data.message);
    };
    worker.onerror = (ev) => {
      ev.preventDefault();
      const req = lane.inflight ?? lane.waiting;
      lane.inflight = null;
      lane.waiting = null;
      req?.failed('worker');
    };
    lanes.set(slot, lane);
    return lane;
  };
  try {
    open('current');
  } catch {
    return null;
  }
  // The spare worker for neighbours: a queue, worked through in order, replaced whole by the next list.
  let spare: Worker | null = null;
  let queue: Request[] = [];
  let busy = false;
  const next = () => {
    const req = queue.shift();
    if (!req || !spare) return;
    busy = true;
    spare.postMessage(req.job);
    spare.onmessage = (ev: MessageEvent<EngineMessage>) => {
      busy = false;
      if (ev.data.type === 'done') req.done(ev.data.result);
      next();
    };
  };
  return {
    run(slot, job, done, failed) {
      const lane = lanes.get(slot) ?? open(slot);
      const req = { job, done, failed };
      if (lane.inflight) lane.waiting = req;
      else start(lane, req);
    },
    prefetch(jobs, done) {
      queue = jobs.map((job) => ({ job, done, failed: () => {} }));
      if (!spare) {
        try {
          spare = make();
        } catch {
          return;
        }
        spare.onerror = (ev) => {
          ev.preventDefault();
          busy = false;
          next();
        };
      }
      if (!busy) next();
    },
    dispose() {
      for (const lane of lanes.values()) lane.worker.terminate();
      lanes.clear();
      spare?.terminate();
      spare = null;
      queue = [];
    },
  };
}
