// Which engine re-simulates a result file on the class board: the current engine for files of the
// current MODEL_VERSION, a frozen copy for an earlier released version (simulations/released/),
// fetched as its own chunk only when a file of that version arrives. No DOM, no strings.
import { currentRelease, type ModelRelease } from '@sim/release';
import { RELEASED, type ReleaseLoaders } from '@sim/released/index';
import type { EngineLookup } from './resultCheck';

export class EngineRegistry {
  private readonly ready = new Map<string, ModelRelease>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    readonly current: ModelRelease,
    private readonly loaders: ReleaseLoaders,
  ) {
    this.ready.set(current.MODEL_VERSION, current);
  }

  /**
   * Loads the engines of these versions that are released and not loaded yet (each once, however
   * many files ask). Never rejects: a version whose chunk fails stays "unavailable" and is tried
   * again by the next call.
   */
  async load(versions: Iterable<string>): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const version of new Set(versions)) {
      if (this.ready.has(version) || !Object.hasOwn(this.loaders, version)) continue;
      let job = this.pending.get(version);
      if (!job) {
        job = this.loaders[version]!()
          .then(
            (release) => {
              // A chunk that answers for another version is not this version's engine.
              if (release.MODEL_VERSION === version) this.ready.set(version, release);
            },
            () => undefined,
          )
          .finally(() => this.pending.delete(version));
        this.pending.set(version, job);
      }
      jobs.push(job);
    }
    await Promise.all(jobs);
  }

  lookup(version: string): EngineLookup<ModelRelease> {
    const engine = this.ready.get(version);
    if (engine) return { status: 'ready', engine };
    return Object.hasOwn(this.loaders, version) ? { status: 'unavailable' } : { status: 'unknown' };
  }
}

/** The board's engines: the current one, and every released version on demand. */
export const engines = new EngineRegistry(currentRelease, RELEASED);
