// Stands in for src/features/teach/progress.ts inside a SCORM package (the package build aliases the
// player's import of it here): in an LMS the player's rounds go to the LMS through the ScenarioBridge;
// outside one, to the browser's storage exactly as on the site. Same exports, checked by the type below.
import * as browser from '../teach/progress';
import type { LoadResult, Progress } from '../teach/progress';
import type { ScenarioBridge } from './scenarioBridge';

export type { LoadResult, Progress };

let bridge: ScenarioBridge | null = null;

/** Sends the player's rounds to the LMS from now on (the launch page calls it before mounting the player). */
export function connectScenario(to: ScenarioBridge | null): void {
  bridge = to;
}

export function loadProgress(scenarioId: string): LoadResult {
  if (!bridge) return browser.loadProgress(scenarioId);
  return { ok: true, progress: bridge.load() };
}

/**
 * In an LMS, a refusal is shown by the launch page's status line (naming the LMS's error), so the player's
 * own "this browser would not save" message, which would blame the browser, is not triggered.
 */
export function saveProgress(scenarioId: string, progress: Progress): 'refused' | null {
  if (!bridge) return browser.saveProgress(scenarioId, progress);
  bridge.save(progress);
  return null;
}

export function clearProgress(scenarioId: string): void {
  if (!bridge) {
    browser.clearProgress(scenarioId);
    return;
  }
  bridge.clear();
}

// The player imports these three by name: a change of their signatures on the site fails type-checking here.
const sameShape: Pick<typeof browser, 'loadProgress' | 'saveProgress' | 'clearProgress'> = { loadProgress, saveProgress, clearProgress };
void sameShape;
