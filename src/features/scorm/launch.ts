// What every package's launch page does first and last: read the page's configuration, find the LMS's SCORM
// 1.2 API and start the session (marking a first attempt "incomplete"), mount the page, and finish the
// session on pagehide. The two entries (launchScenario.ts, launchQuiz.ts) add what their kind needs.
import '@/styles/global.css';
import { mount } from 'svelte';
import { findApi, type ApiWindow } from './api';
import { CONFIG_ELEMENT_ID, parseConfig, type PackageConfig } from './config';
import PackagePage from './PackagePage.svelte';
import { ScormSession, type StartInfo } from './session';

type PageProps = Parameters<typeof PackagePage>[1];

export interface Opened<C extends PackageConfig> {
  config: C;
  session: ScormSession;
  /** What the LMS holds; null outside an LMS or when it refused the session. */
  start: StartInfo | null;
  clock: () => Date;
}

/** Reads the configuration of this page (of the kind the entry serves) and starts the SCORM session. */
export function openPackage<K extends PackageConfig['kind']>(kind: K): Opened<Extract<PackageConfig, { kind: K }>> {
  const config = parseConfig(document.getElementById(CONFIG_ELEMENT_ID)?.textContent ?? '');
  if (!config || config.kind !== kind) throw new Error(`CRM Lab package: the launch page has no readable ${kind} configuration`);
  const session = new ScormSession(findApi(window as unknown as ApiWindow), () => performance.now());
  const start = session.start();
  // A first launch marks the attempt as begun, so the gradebook shows "incomplete" rather than nothing.
  if (start && start.lessonMode !== 'review' && (start.lessonStatus === '' || start.lessonStatus === 'not attempted')) {
    session.save([['cmi.core.lesson_status', 'incomplete']]);
  }
  return { config: config as Extract<PackageConfig, { kind: K }>, session, start, clock: () => new Date() };
}

/**
 * Mounts the page, and ends the session when the page goes (the LMS closes its frame, the student navigates
 * away): `exit` says whether the LMS should keep the suspended state for the next launch.
 */
export function showPackage(props: PageProps, exit: () => 'suspend' | ''): void {
  const root = document.getElementById('crm-lab-package-root');
  if (!root) throw new Error('CRM Lab package: the launch page has no root element');
  mount(PackagePage, { target: root, props });
  addEventListener('pagehide', () => props.session.finish(exit()));
}
