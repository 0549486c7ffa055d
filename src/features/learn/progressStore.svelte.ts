// The reactive bridge between the progress store (./progress.ts) and the learn islands: one shared
// instance per page, loaded lazily in the browser, kept in sync across tabs. It never throws at a
// component; problems become `status`, which the islands turn into a message.

import { STORAGE_KEY, browserStorage, emptyProgress, loadProgress, saveProgress, type Progress, type ProgressStatus } from './progress';

class ProgressStore {
  progress = $state<Progress>(emptyProgress());
  status = $state<ProgressStatus>('ok');
  /** False during server rendering and before the first read in the browser. */
  loaded = $state(false);
  private canWrite = false;

  /** Reads localStorage once per page; later calls are no-ops. Safe to call from any island. */
  load(): void {
    if (this.loaded || typeof window === 'undefined') return;
    const result = loadProgress(browserStorage());
    this.progress = result.progress;
    this.status = result.status;
    this.canWrite = result.canWrite;
    this.loaded = true;
    try {
      window.addEventListener('storage', (event) => {
        if (event.key !== STORAGE_KEY) return;
        const fresh = loadProgress(browserStorage());
        if (fresh.status === 'ok') this.progress = fresh.progress;
      });
    } catch {
      // Without the event, another tab's changes show after a reload; nothing breaks.
    }
  }

  /** Applies a pure update and saves it; the page keeps the new state even when saving fails. */
  update(change: (p: Progress) => Progress): void {
    this.load();
    const next = change(this.progress);
    if (next === this.progress) return;
    this.progress = next;
    if (!this.canWrite) return;
    const outcome = saveProgress(browserStorage(), next);
    if (outcome === 'full') this.status = 'full';
    else if (outcome === 'unavailable') this.status = 'unavailable';
    else if (this.status === 'full') this.status = 'ok';
  }

  /** Replaces the state after a successful import or a restore (the old value goes to backup). */
  replace(next: Progress): void {
    this.update(() => next);
  }
}

export const progressStore = new ProgressStore();
