// The reactive bridge between the challenge progress in storage (./progress.ts) and the labs' challenge lists: one
// instance per page, read lazily in the browser and kept in step with other tabs. It never throws at a component;
// problems become `status`, which the list turns into a message.
import { browserStorage } from '@/features/learn/progress';
import { NEW_RECORD, type ChallengeRecord } from './core';
import {
  CHALLENGES_KEY,
  emptyChallengeProgress,
  loadChallengeProgress,
  saveChallengeProgress,
  withRecord,
  type ChallengeProgress,
  type ChallengeProgressStatus,
} from './progress';

class ChallengeStore {
  progress = $state<ChallengeProgress>(emptyChallengeProgress());
  status = $state<ChallengeProgressStatus>('ok');
  /** False during server rendering and before the first read in the browser. */
  loaded = $state(false);
  #canWrite = false;

  /** Reads storage once per page; later calls do nothing. */
  load(): void {
    if (this.loaded || typeof window === 'undefined') return;
    const result = loadChallengeProgress(browserStorage());
    this.progress = result.progress;
    this.status = result.status;
    this.#canWrite = result.canWrite;
    this.loaded = true;
    try {
      window.addEventListener('storage', (event) => {
        if (event.key !== CHALLENGES_KEY) return;
        const fresh = loadChallengeProgress(browserStorage());
        if (fresh.status === 'ok') this.progress = fresh.progress;
      });
    } catch {
      // Without the event another tab's progress shows after a reload; nothing breaks.
    }
  }

  record(id: string): ChallengeRecord {
    return this.progress.records[id] ?? NEW_RECORD;
  }

  /** Applies a change to one record and saves; the page keeps it even when saving fails. */
  update(id: string, change: (r: ChallengeRecord) => ChallengeRecord): void {
    this.load();
    const before = this.record(id);
    const next = change(before);
    if (next === before) return;
    this.progress = withRecord(this.progress, id, next);
    if (!this.#canWrite) return;
    const outcome = saveChallengeProgress(browserStorage(), this.progress);
    if (outcome === 'full') this.status = 'full';
    else if (outcome === 'unavailable') this.status = 'unavailable';
    else if (this.status === 'full') this.status = 'ok';
  }
}

export const challengeStore = new ChallengeStore();
