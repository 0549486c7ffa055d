// The scenario player's store inside a SCORM package (launchScenario.ts passes it as the player's `persistence`):
// in an LMS the player's rounds go to the LMS through the ScenarioBridge; outside one, to the browser's storage
// exactly as on the site. It never decides a score (the bridge does).
import * as browser from '../teach/progress';
import type { LoadResult, Progress, ProgressStore } from '../teach/progress';
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

/** The store the package hands the player. */
export const packageProgress: ProgressStore = { loadProgress, saveProgress, clearProgress };
