// @vitest-environment jsdom
// The launch page around the site's quiz: it shows what the session reports (not in an LMS / saved / not
// saved), sends each graded attempt the quiz records to the LMS, and explains links that would leave the package.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import PackagePage from '@/features/scorm/PackagePage.svelte';
import Quiz from '@/features/learn/Quiz.svelte';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, type PackageConfig } from '@/features/scorm/config';
import { ScormSession } from '@/features/scorm/session';
import { QuizBridge } from '@/features/scorm/quizBridge';
import { progressStore } from '@/features/learn/progressStore.svelte';
import { recordQuizAttempt } from '@/features/learn/progress';
import { pickStrings } from '@/i18n';
import type { QuizData } from '@/features/learn/quiz';
import { FakeLms } from './fakeLms';

const quiz = parse(readFileSync('content/quizzes/what-is-crm.yaml', 'utf8')) as QuizData;

function config(siteUrl: string | null): PackageConfig {
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    locale: 'en',
    title: 'Quiz: What is CRM?',
    strings: pickStrings('en', 'learn.quiz.', 'learn.status.', 'scorm.'),
    siteUrl,
    kind: 'quiz',
    quiz,
    passMark: 0.7,
  };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('PackagePage', () => {
  it('outside an LMS says so, and a link out of the package explains itself', () => {
    render(PackagePage, { config: config(null), session: new ScormSession(null, () => 0), QuizView: Quiz });
    expect(screen.getByTestId('scorm-status').textContent).toContain('Not in an LMS');
    const link = document.createElement('a');
    link.href = '/en/learn/flashcards/';
    link.textContent = 'Open flashcards';
    document.querySelector('main')!.append(link);
    link.click();
    flushSync();
    expect(screen.getByRole('alert').textContent).toContain('not part of this package');
  });

  it('with the site known, the link opens that page of the site in a new tab', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    render(PackagePage, { config: config('https://example.org/crm-lab/'), session: new ScormSession(null, () => 0), QuizView: Quiz });
    const link = document.createElement('a');
    link.setAttribute('href', '/en/learn/flashcards/');
    document.querySelector('main')!.append(link);
    link.click();
    expect(open).toHaveBeenCalledWith('https://example.org/crm-lab/en/learn/flashcards/', '_blank', 'noopener');
  });

  it('sends a graded attempt the quiz records to the LMS and shows "saved", then "not saved" when refused', () => {
    const lms = new FakeLms();
    const session = new ScormSession(lms, () => 0);
    session.start();
    const bridge = new QuizBridge(session, quiz.lesson, 0.7, () => new Date(2026, 10, 30, 10, 0, 0));
    render(PackagePage, {
      config: config(null),
      session,
      quizBridge: bridge,
      clock: () => new Date(2026, 10, 30, 10, 0, 0),
      QuizView: Quiz,
    });
    expect(document.querySelector('[data-quiz]')).not.toBeNull();
    expect(screen.getByText(/Pass mark: 70%/)).toBeTruthy();
    flushSync();
    progressStore.update((p) => recordQuizAttempt(p, quiz.lesson, 0.8, [], '2026-11-30T10:00:00.000Z'));
    flushSync();
    expect(lms.data.get('cmi.core.lesson_status')).toBe('passed');
    expect(lms.data.get('cmi.core.score.raw')).toBe('80');
    expect(screen.getByTestId('scorm-status').textContent).toContain('Saved in your course (LMS) at 10:00:00.');
    expect(screen.getByTestId('scorm-sent').textContent).toBe('In your course’s gradebook: passed, with a score of 80 out of 100.');

    lms.refuseCommit = true;
    progressStore.update((p) => recordQuizAttempt(p, quiz.lesson, 0.5, [], '2026-11-30T10:01:00.000Z'));
    flushSync();
    expect(lms.interactions).toHaveLength(2);
    const status = screen.getByTestId('scorm-status');
    expect(status.dataset.state).toBe('notSaved');
    expect(status.textContent).toContain('error 101');
  });
});
