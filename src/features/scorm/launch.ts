// The entry of a package's launch page (bundled into one inline script by scripts/scorm.ts): reads the
// page's configuration, finds the LMS's SCORM 1.2 API, starts the session, resumes a suspended run, mounts
// the page, and finishes the session on pagehide. Outside an LMS the page runs on its own and says so.
import '@/styles/global.css';
import { mount } from 'svelte';
import { buildQuery } from '@/features/teach/linkCodec';
import { findApi, type ApiWindow } from './api';
import { parseScore } from './cmi';
import { CONFIG_ELEMENT_ID, parseConfig } from './config';
import PackagePage from './PackagePage.svelte';
import { DEFAULT_PASS_MARK, QuizBridge } from './quizBridge';
import { ScenarioBridge } from './scenarioBridge';
import { connectScenario } from './scenarioProgress';
import { ScormSession } from './session';

const root = document.getElementById('crm-lab-package-root');
const config = parseConfig(document.getElementById(CONFIG_ELEMENT_ID)?.textContent ?? '');
if (!root || !config) throw new Error('CRM Lab package: the launch page has no readable configuration');

const session = new ScormSession(findApi(window as unknown as ApiWindow), () => performance.now());
const start = session.start();
const clock = () => new Date();

// A first launch marks the attempt as begun, so the gradebook shows "incomplete" rather than nothing.
if (start && (start.lessonStatus === '' || start.lessonStatus === 'not attempted')) {
  session.save([['cmi.core.lesson_status', 'incomplete']]);
}

let scenarioBridge: ScenarioBridge | null = null;
let quizBridge: QuizBridge | null = null;
let resumeRound = 1;

if (config.kind === 'scenario') {
  // The class settings reach the player the way a teacher's link does: as the page's query.
  if (config.seed !== config.scenario.seed || config.locks.length > 0) {
    history.replaceState(history.state, '', buildQuery({ seed: config.seed, locks: config.locks }) + location.hash);
  }
  if (start) {
    scenarioBridge = new ScenarioBridge(session, config.scenario, config.grading, clock);
    scenarioBridge.begin(start.suspendData, { seed: config.seed, locks: config.locks });
    resumeRound = (scenarioBridge.load()?.decisions.length ?? 0) + 1;
    connectScenario(scenarioBridge);
  }
} else if (start) {
  quizBridge = new QuizBridge(session, config.quiz.lesson, parseScore(start.masteryScore) ?? config.passMark ?? DEFAULT_PASS_MARK, clock);
  quizBridge.begin(start.suspendData);
}

mount(PackagePage, {
  target: root,
  props: { config, session, resume: scenarioBridge?.resume ?? 'none', resumeRound, quizBridge, scenarioBridge, clock },
});

// Leaving (closing the LMS's frame, navigating away) ends the session; a scenario not finished is suspended.
// A quiz stays suspended so its attempts and best score are there next time.
addEventListener('pagehide', () => {
  if (config.kind === 'quiz') return session.finish('suspend');
  const played = scenarioBridge?.load()?.decisions.length ?? 0;
  session.finish(played >= config.scenario.rounds ? '' : 'suspend');
});
