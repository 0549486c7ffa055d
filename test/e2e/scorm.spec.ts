// SCORM 1.2 packages end to end, in both locales: the built package (dist/scorm) is unzipped and launched in
// a same-origin frame of a test LMS page running scorm-again's SCORM 1.2 runtime. Checked: status and score,
// suspend_data within 4,096 characters, resume after a relaunch with the saved data, LMSFinish on leaving;
// and the package opened from an unzipped folder over file:// with no LMS and no network.
import { test, expect, type Page, type FrameLocator } from '@playwright/test';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { seriousViolations } from './axe';
import { answerRight } from './quiz';
import { withClassSettings } from '../../src/features/scorm/pack';
import type { QuizData } from '../../src/features/learn/quiz';

const SCENARIO = 'budget-cut';
/** A quiz of single, multiple, true/false, numeric and matching questions. */
const QUIZ = 'what-is-crm';
const locales = ['en', 'zh-cn'] as const;
type Locale = (typeof locales)[number];
/** teach.play.goalMet in each locale: the player's words for a run that met the goal. */
const GOAL_MET: Record<Locale, string> = { en: 'Goal reached.', 'zh-cn': '目标已达成。' };
/** The student each locale's main run stands for in the sample LMS export (test/fixtures/scorm/make-moodle-export.ts). */
const STUDENT: Record<Locale, { name: string; email: string }> = {
  en: { name: 'Ann Lee', email: 'ann.lee@example.edu' },
  'zh-cn': { name: '李明', email: 'li.ming@example.edu' },
};

function packagePath(locale: Locale, kind = 'scenario', id = SCENARIO): string {
  return `dist/scorm/${locale}/crm-lab-${kind}-${id}-${locale}-scorm12.zip`;
}

async function unzipPackage(locale: Locale, kind = 'scenario', id = SCENARIO): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(await readFile(packagePath(locale, kind, id))));
}

/** Serves the test LMS page, scorm-again's runtime and the unzipped package under /__lms/ on the site's origin. */
async function serveLms(page: Page, files: Record<string, Uint8Array>) {
  const lms = await readFile('test/fixtures/scorm/lms.html');
  const runtime = await readFile('node_modules/scorm-again/dist/scorm12.min.js');
  await page.route('**/__lms/**', async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/__lms\//, '');
    if (path === 'index.html') return route.fulfill({ body: lms, contentType: 'text/html; charset=utf-8' });
    if (path === 'scorm12.min.js') return route.fulfill({ body: runtime, contentType: 'text/javascript' });
    const file = path.startsWith('pkg/') ? files[path.slice(4)] : undefined;
    if (!file) return route.fulfill({ status: 404, body: 'not in the package' });
    const type = path.endsWith('.html')
      ? 'text/html; charset=utf-8'
      : path.endsWith('.xml')
        ? 'application/xml'
        : 'application/octet-stream';
    return route.fulfill({ body: Buffer.from(file), contentType: type });
  });
}

interface LmsData {
  status: string;
  raw: string;
  min: string;
  max: string;
  exit: string;
  suspend: string;
  sessionTime: string;
  interactions: { id: string; type: string; student_response: string; result: string; time: string }[];
  log: string[];
  /** The session times the package sent, in order. */
  sentSessionTimes: string[];
}

/** What the LMS holds now (read from scorm-again's data model, as an LMS would store it). */
async function lmsData(page: Page): Promise<LmsData> {
  return page.evaluate(() => {
    const w = window as unknown as {
      API: { renderCMIToJSONObject(): Record<string, unknown> };
      lmsLog: string[];
      lmsSets: [string, string][];
    };
    const cmi = w.API.renderCMIToJSONObject() as {
      cmi: {
        core: { lesson_status: string; exit: string; session_time: string; score: { raw: string; min: string; max: string } };
        suspend_data: string;
        interactions: Record<string, { id: string; type: string; student_response: string; result: string; time: string }>;
      };
    };
    const c = cmi.cmi;
    return {
      status: c.core.lesson_status,
      raw: c.core.score.raw,
      min: c.core.score.min,
      max: c.core.score.max,
      exit: c.core.exit,
      suspend: c.suspend_data,
      sessionTime: c.core.session_time,
      interactions: Object.values(c.interactions ?? {}).map((i) => ({
        id: i.id,
        type: i.type,
        student_response: i.student_response,
        result: i.result,
        time: i.time,
      })),
      log: [...w.lmsLog],
      sentSessionTimes: w.lmsSets.filter(([e]) => e === 'cmi.core.session_time').map(([, v]) => v),
    };
  });
}

async function launch(page: Page, initial: Record<string, unknown> | null, ready = 'play-advance'): Promise<FrameLocator> {
  if (initial) await page.addInitScript((data) => Object.assign(window, data), initial);
  await page.goto('/__lms/index.html');
  const frame = page.frameLocator('#sco');
  await expect(frame.getByTestId(ready)).toBeEnabled();
  return frame;
}

async function playRound(frame: FrameLocator, round: number) {
  await frame.getByTestId('play-advance').click();
  await expect(frame.getByTestId('play-history').locator('tbody tr')).toHaveCount(round);
}

/** Leaves the package the way an LMS does when the student closes it: the frame goes elsewhere. */
async function leave(page: Page) {
  await page.evaluate(() => {
    (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
  });
  await expect.poll(async () => (await lmsData(page)).log).toContain('LMSFinish');
}

for (const locale of locales) {
  test.describe(`SCORM package (${locale})`, () => {
    test('reports to a SCORM 1.2 LMS: saved status, suspend data, resume after relaunch, score and finish', async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const files = await unzipPackage(locale);
      expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html']);
      await serveLms(page, files);

      // First session: two rounds, then the student leaves. The LMS's own query is not taken for a class link.
      let frame = await launch(page, { __lmsPackageQuery: '?lms-token=1' });
      await expect(frame.getByTestId('url-notice')).toHaveCount(0);
      expect(await frame.locator('body').evaluate(() => location.search)).toBe('');
      const status = frame.getByTestId('scorm-status');
      await expect(status).toHaveAttribute('data-state', 'saved');
      expect((await lmsData(page)).status).toBe('incomplete');
      await playRound(frame, 1);
      await playRound(frame, 2);
      await expect(status).toHaveAttribute('data-state', 'saved');
      await expect(status).toContainText(locale === 'en' ? 'Saved in your course' : '保存到课程');
      let data = await lmsData(page);
      expect(data.log.filter((c) => c === 'LMSCommit').length).toBeGreaterThanOrEqual(3);
      expect(data.suspend.length).toBeGreaterThan(0);
      expect(data.suspend.length).toBeLessThanOrEqual(4096);
      expect(data.suspend.startsWith(`C1;${SCENARIO};`)).toBe(true);
      expect(data.interactions.map((i) => i.id)).toEqual(['crm-lab-run1-setup', 'crm-lab-run1-round1', 'crm-lab-run1-round2']);
      expect(data.interactions[0]!.student_response).toMatch(
        new RegExp(`^scenario=${SCENARIO};version=\\d+;model=[\\d.]+;seed=[\\w-]+;locks=$`),
      );
      expect(data.raw).toBe('');
      expect(await seriousViolations(page)).toEqual([]);

      await leave(page);
      data = await lmsData(page);
      const firstSession = data.interactions;
      expect(data.exit).toBe('suspend');
      // Sent as HHHH:MM:SS.SS at every commit and on leaving; the runtime accepted it (it stores its own format).
      expect(data.sentSessionTimes.length).toBeGreaterThanOrEqual(4);
      for (const t of data.sentSessionTimes) expect(t).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d\d$/);
      expect(data.sessionTime).not.toBe('00:00:00');
      console.log(`scorm e2e (${locale}): suspend_data after 2 of 4 rounds is ${data.suspend.length} characters`);

      // Relaunch with what the LMS kept: the package resumes at round 3 with the same rounds.
      const kept = { core: { lesson_status: data.status, entry: 'resume' }, suspend_data: data.suspend };
      await page.close();
      const page2 = await page.context().newPage();
      page2.on('pageerror', (e) => errors.push(String(e)));
      await serveLms(page2, files);
      frame = await launch(page2, { __lmsInitial: kept });
      await expect(frame.getByTestId('scorm-resume')).toContainText(locale === 'en' ? 'round 3' : '第 3 轮');
      await expect(frame.getByTestId('play-history').locator('tbody tr')).toHaveCount(2);
      await expect(frame.locator('#play-decisions')).toContainText(locale === 'en' ? 'round 3' : '第 3 轮');
      await playRound(frame, 3);
      await playRound(frame, 4);
      await expect(frame.getByTestId('play-score')).toBeVisible();
      data = await lmsData(page2);
      const scoreText = await frame.getByTestId('play-score').innerText();
      const goalMet = scoreText.includes(GOAL_MET[locale]);
      expect(data.status).toBe(goalMet ? 'passed' : 'failed');
      expect(data.interactions.at(-1)!.result).toBe(goalMet ? 'correct' : 'wrong');
      // The student reads what the gradebook now holds.
      const sent = { en: goalMet ? 'passed' : 'failed', 'zh-cn': goalMet ? '通过' : '未通过' }[locale];
      await expect(frame.getByTestId('scorm-sent')).toContainText(`${sent}`);
      await expect(frame.getByTestId('scorm-sent')).toContainText(
        locale === 'en' ? `${Number(data.raw)} out of 100` : `得分 ${Number(data.raw)}`,
      );
      expect(Number(data.raw)).toBeGreaterThanOrEqual(0);
      expect(Number(data.raw)).toBeLessThanOrEqual(100);
      expect([data.min, data.max]).toEqual(['0', '100']);
      // The score the student sees (a percent with one decimal at most) is the one the LMS got.
      const shown = Number(/(\d+(?:\.\d)?)\s*%/.exec(scoreText)![1]);
      expect(Math.abs(shown - Number(data.raw))).toBeLessThanOrEqual(0.05);
      expect(data.interactions.map((i) => i.id)).toEqual(['crm-lab-run1-round3', 'crm-lab-run1-round4', 'crm-lab-run1-result']);
      expect(data.interactions.at(-1)).toMatchObject({ type: 'numeric', student_response: data.raw });
      expect(data.suspend.length).toBeLessThanOrEqual(4096);

      // The run as an LMS keeps it (both sessions' interactions in one attempt) is the sample export's student: the
      // board's tests read test/fixtures/scorm/moodle-interactions.* made from these files. SCORM_RECORD_RUNS=1
      // rewrites them (then run make-moodle-export.ts); otherwise this run must still be what the fixture holds.
      const recorded = {
        locale,
        ...STUDENT[locale],
        score: data.raw,
        interactions: [...firstSession, ...data.interactions].map((i) => ({ id: i.id, response: i.student_response, result: i.result })),
      };
      const runFile = `test/fixtures/scorm/e2e-runs/${locale}.json`;
      if (process.env.SCORM_RECORD_RUNS === '1') {
        await mkdir('test/fixtures/scorm/e2e-runs', { recursive: true });
        await writeFile(runFile, `${JSON.stringify(recorded, null, 2)}\n`);
      } else expect(JSON.parse(await readFile(runFile, 'utf8'))).toEqual(recorded);

      // The worksheet is a page of the site, not of the package: the link says so instead of leaving the package.
      await frame.locator('.end a[href*="worksheet"]').click();
      await expect(frame.getByRole('alert')).toContainText(locale === 'en' ? 'not part of this package' : '不在本课件包中');
      await expect(frame.getByTestId('scorm-status')).toBeVisible();

      await leave(page2);
      data = await lmsData(page2);
      expect(data.exit).toBe('');
      expect(errors).toEqual([]);
    });
  });
}

for (const locale of locales) {
  test(`a quiz package sends its graded attempt to the LMS, passed at the pass mark (${locale})`, async ({ page }) => {
    const strings = JSON.parse(await readFile(`src/i18n/strings/${locale}.json`, 'utf8')) as Record<string, string>;
    const quiz = parseYaml(await readFile(`content/quizzes/${QUIZ}.yaml`, 'utf8')) as QuizData;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await serveLms(page, await unzipPackage(locale, 'quiz', QUIZ));
    await page.goto('/__lms/index.html');
    const frame = page.frameLocator('#sco');
    await expect(frame.getByTestId('scorm-status')).toHaveAttribute('data-state', 'saved');
    await expect(frame.locator('main')).toContainText(
      strings['scorm.quiz.passMark']!.replace('{percent}', locale === 'en' ? '70%' : '70%'),
    );
    for (const q of quiz.questions) await answerRight(page, q, strings['learn.quiz.check']!, { frame });
    await expect.poll(async () => (await lmsData(page)).status).toBe('passed');
    const data = await lmsData(page);
    expect(data.raw).toBe('100');
    expect(await seriousViolations(page)).toEqual([]);
    expect(data.suspend).toBe(`Q1;${QUIZ};1;10000`);
    expect(data.interactions).toEqual([
      expect.objectContaining({
        id: 'crm-lab-quiz-attempt1',
        type: 'performance',
        student_response: `lesson=${QUIZ};score=100`,
        result: 'correct',
      }),
    ]);
    await leave(page);
    expect((await lmsData(page)).exit).toBe('suspend');
    expect(errors).toEqual([]);
  });
}

test('an LMS that refuses the data: the student reads "not saved" with the LMS\'s error, and keeps playing', async ({ page }) => {
  await serveLms(page, await unzipPackage('en'));
  const frame = await launch(page, { __lmsRefuseCommit: true });
  const status = frame.getByTestId('scorm-status');
  await expect(status).toHaveAttribute('data-state', 'notSaved');
  await playRound(frame, 1);
  await expect(status).toHaveAttribute('data-state', 'notSaved');
  await expect(status).toContainText('Not saved: the LMS refused it (error 101');
  await playRound(frame, 2);
  expect(await seriousViolations(page)).toEqual([]);
  // The line stays in view after the student scrolled down to the next round's button.
  await expect(status).toBeInViewport();
});

test('in review mode (an attempt reopened by the LMS) the package shows the run and changes nothing in the LMS', async ({ page }) => {
  await serveLms(page, await unzipPackage('en'));
  // Two rounds at the scenario's starting values, as the first session of the main test leaves them.
  const first = await page.context().newPage();
  await serveLms(first, await unzipPackage('en'));
  const f = await launch(first, null);
  await playRound(f, 1);
  await playRound(f, 2);
  const saved = (await lmsData(first)).suspend;
  await first.close();

  const frame = await launch(page, {
    __lmsInitial: { core: { lesson_mode: 'review', lesson_status: 'incomplete', entry: 'resume' }, suspend_data: saved },
  });
  await expect(frame.getByTestId('scorm-status')).toHaveAttribute('data-state', 'review');
  await expect(frame.getByTestId('play-history').locator('tbody tr')).toHaveCount(2);
  await playRound(frame, 3);
  const data = await lmsData(page);
  expect(data.suspend).toBe(saved);
  expect(data.interactions).toEqual([]);
  expect(data.log).not.toContain('LMSCommit');
});

test('a package set to a class (seed and a lock) plays that market and records it', async ({ page }) => {
  const prebuilt = new Uint8Array(await readFile(packagePath('zh-cn')));
  const { bytes } = withClassSettings(prebuilt, { seed: 'class-7b', locks: ['acquisitionSpendPerQuarter'] });
  await serveLms(page, unzipSync(bytes));
  // The LMS launches with a query of its own: the package replaces it with the class's, and nothing is listed as unusable.
  const frame = await launch(page, { __lmsPackageQuery: '?token=abc123&endpoint=x' });
  await expect(frame.getByTestId('play-seed')).toContainText('class-7b');
  expect(await frame.locator('body').evaluate(() => location.search)).toBe('?v=1&seed=class-7b&lock=acquisitionSpendPerQuarter');
  await expect(frame.getByTestId('url-notice')).toHaveCount(0);
  await expect(frame.locator('[data-control="acquisitionSpendPerQuarter"] input[type="number"]')).toBeDisabled();
  await expect(frame.locator('h1')).toContainText('· class-7b');
  await playRound(frame, 1);
  const data = await lmsData(page);
  expect(data.interactions[0]!.student_response).toMatch(/;seed=class-7b;locks=acquisitionSpendPerQuarter$/);
  expect(data.interactions[1]!.student_response).not.toContain('acquisitionSpendPerQuarter');
  expect(data.suspend).toMatch(/^C1;budget-cut;\d+;class-7b;acquisitionSpendPerQuarter;1;/);
});

test('unzipped packages (a scenario, a quiz) open from their folder over file:// with no LMS and no network', async ({ browser }) => {
  const dir = await mkdtemp(join(tmpdir(), 'crm-lab-scorm-'));
  for (const locale of locales) {
    const files = await unzipPackage(locale);
    await mkdir(join(dir, locale), { recursive: true });
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, locale, name), bytes);
  }
  const problems: string[] = [];
  for (const locale of locales) {
    // A fresh browser profile each time: both pages share the file:// origin and its saved rounds otherwise.
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request ${r.url()}`);
    });
    expect(existsSync(join(dir, locale, 'index.html'))).toBe(true);
    await page.goto(`file://${join(dir, locale, 'index.html')}`);
    await expect(page.getByTestId('scorm-status')).toHaveAttribute('data-state', 'noLms');
    await expect(page.getByTestId('scorm-status')).toContainText(locale === 'en' ? 'Not in an LMS' : '不在 LMS 中');
    await page.getByTestId('play-advance').click();
    await expect(page.getByTestId('play-history').locator('tbody tr')).toHaveCount(1);
    // A quiz package too (its own, smaller runtime).
    await mkdir(join(dir, locale, 'quiz'), { recursive: true });
    for (const [name, bytes] of Object.entries(await unzipPackage(locale, 'quiz', QUIZ)))
      await writeFile(join(dir, locale, 'quiz', name), bytes);
    await page.goto(`file://${join(dir, locale, 'quiz', 'index.html')}`);
    await expect(page.getByTestId('scorm-status')).toHaveAttribute('data-state', 'noLms');
    await expect(page.locator(`[data-quiz="${QUIZ}"] [data-question]`).first()).toBeVisible();
    await context.close();
  }
  const manifest = strFromU8((await unzipPackage('en'))['imsmanifest.xml']!);
  expect(manifest).toContain('adlcp:scormtype="sco" href="index.html"');
  expect(problems).toEqual([]);
});
