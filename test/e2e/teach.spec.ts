// Teach end to end, in both locales: a student plays a scenario with charts between rounds and downloads a result
// file named after them; the student's pages never link to the teacher notes; a link with a bad lock says exactly
// what applied; the class board takes the class link, catches a lock removed from it, shows a run once with its
// copies, keeps a 1e308 claim out of the table and ranks beyond the goal; a scenario card opens the link builder
// with its scenario, whose worksheet prints the class's seed and locks. 500 files are checked in workers.
// SCORM from the Teach side: the board verifies an LMS's interactions export (the sample made from the SCORM e2e's
// runs) and catches an edited score; the cards, notes and link builder offer the packages (the class's one set to
// its seed, locks and grading).
// Axe (serious/critical) runs on each state tested.
import { test, expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { readConfig } from '../../src/features/scorm/config';
import { teachControls } from '../../src/features/teach/replay';
import { serializeResultFile, type Decision } from '../../src/features/teach/resultFile';
import { edit, genuineFile, loadScenario, rounds } from '../unit/teach/fixtures';

const SCENARIO = 'expectation-trap';
const locales = ['en', 'zh-cn'] as const;
const strings = Object.fromEntries(
  locales.map((l) => [l, JSON.parse(readFileSync(`src/i18n/strings/${l}.json`, 'utf8')) as Record<string, string>]),
) as Record<(typeof locales)[number], Record<string, string>>;
const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));

async function hydrated(page: Page) {
  await page.locator('astro-island:not([ssr])').first().waitFor();
}

/** How far the page is wider than its window (0 when nothing sticks out sideways). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

const trap = loadScenario(SCENARIO);
const acquisition = teachControls(trap).find((c) => c.id === 'acquisitionSpendPerQuarter')!;
const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

for (const locale of locales) {
  const s = strings[locale];
  test.describe(`teach (${locale})`, () => {
    test('a student plays with charts between rounds and hands in a file named after them', async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`/${locale}/teach/`);
      await expect(page.locator('[data-scenario]')).toHaveCount(10);

      await page.goto(`/${locale}/teach/${SCENARIO}/?v=1&seed=e2e-${locale}`);
      await hydrated(page);
      await expect(page.getByTestId('play-seed')).toContainText(`e2e-${locale}`);
      // The student's page links to the lesson and the worksheet, never to the teacher notes; nor does its source
      // (the island's props) carry the notes' plan that reaches the goal.
      await expect(page.locator('a[href*="/notes/"]')).toHaveCount(0);
      const source = await page.content();
      for (const text of Object.values(trap.teacherNotes.plan!.why)) expect(source).not.toContain(text.slice(0, 40));
      await expect(page.locator('[data-control="quality"] input[type="number"]')).toBeDisabled();

      // The page starts with the controls only: the engine is fetched when the first round is played.
      const engine: string[] = [];
      page.on('request', (r) => {
        if (/\/_astro\/playEngine\.[^/]*\.js$/.test(new URL(r.url()).pathname)) engine.push(r.url());
      });
      const promise = page.locator('[data-control="promiseLevel"] input[type="number"]');
      await promise.fill('3');
      await promise.press('Enter');
      expect(engine).toEqual([]);
      const advance = page.getByTestId('play-advance');
      await advance.click();
      const history = page.getByTestId('play-history').locator('tbody tr');
      await expect(history).toHaveCount(1);
      const firstRound = await history.first().textContent();

      // Between rounds: customers, retention and customer equity so far, with the round boundaries marked.
      const charts = page.getByTestId('run-charts');
      await expect(charts.locator('[data-chart]')).toHaveCount(3);
      for (const id of ['customers', 'retention', 'equity']) {
        const chart = charts.locator(`[data-chart="${id}"]`);
        await expect(chart.locator('[data-marker="round-2"]')).toHaveCount(1);
        await expect(chart.locator('[data-marker="round-4"]')).toHaveCount(1);
      }
      await advance.click();
      await expect(history).toHaveCount(2);
      // Figures with every digit, so that two rounds never read the same; axis ticks never repeat either.
      const equityCells = await page.getByTestId('play-history').locator('tbody tr td:last-child').allTextContents();
      for (const cell of equityCells) expect(cell).toMatch(/^−?-?\d{1,3}(,\d{3})+$/);
      expect(new Set(equityCells).size).toBe(2);
      for (const id of ['customers', 'equity']) {
        const ticks = await charts.locator(`[data-chart="${id}"] text.tick[text-anchor="end"]`).allTextContents();
        expect(ticks.length).toBeGreaterThan(1);
        expect(new Set(ticks).size).toBe(ticks.length);
      }
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
      expect(engine).toHaveLength(1);

      // A reload continues the game: the saved rounds are replayed once the engine is back.
      await page.reload();
      await hydrated(page);
      await expect(history).toHaveCount(2);
      await expect(history.first()).toHaveText(firstRound ?? '');

      // On a phone the tables and charts stay inside the page.
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await page.setViewportSize({ width: 1280, height: 800 });
      await promise.fill('2.6');
      await promise.press('Enter');
      while (await advance.isVisible()) await advance.click();
      await expect(history).toHaveCount(4);
      await expect(history.first()).toHaveText(firstRound ?? '');
      await expect(page.getByTestId('play-end')).toBeVisible();
      await expect(page.locator('#play-end')).toBeFocused();
      await expect(charts.locator('[data-chart]')).toHaveCount(4);

      // The name is asked before the file is made.
      await page.getByTestId('play-download').click();
      await expect(page.getByTestId('play-name-missing')).toHaveText(s['teach.play.nameMissing']);
      await expect(page.getByTestId('play-name')).toBeFocused();
      const name = locale === 'en' ? 'Li Lei' : '王小明';
      await page.getByTestId('play-name').fill(name);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('play-download').click()]);
      const slug = locale === 'en' ? 'li-lei' : '王小明';
      expect(download.suggestedFilename()).toMatch(new RegExp(`^crm-lab-${SCENARIO}-${slug}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.json$`));
      const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
      expect(saved.name).toBe(name);
      expect(saved.seed).toBe(`e2e-${locale}`);
      expect(saved.decisions.map((d: Decision) => d.promiseLevel)).toEqual([3, 3, 2.6, 2.6]);
      expect(saved.claimed.equity).toHaveLength(12);
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);

      // The worksheet reached from the game carries the class's seed, and links to no notes either.
      await page.getByRole('link', { name: s['teach.play.worksheetLink'] }).click();
      await expect(page.locator('[data-sheet-seed]')).toHaveText(fill(s['teach.sheet.seedFromLink'], { seed: `e2e-${locale}` }));
      await expect(page.locator('a[href*="/notes/"]')).toHaveCount(0);
      expect(errors).toEqual([]);
    });

    test('a valid seed with a bad lock says exactly what applied', async ({ page }) => {
      await page.goto(`/${locale}/teach/${SCENARIO}/?v=1&seed=room-4&lock=nope`);
      await hydrated(page);
      await expect(page.getByTestId('play-seed')).toContainText('room-4');
      await expect(page.getByTestId('play-applied')).toHaveText(fill(s['teach.play.linkSeedOnly'], { seed: 'room-4' }));
      await expect(page.getByTestId('url-notice')).toContainText('nope');
      await page.goto(`/${locale}/teach/${SCENARIO}/?v=1&lock=acquisitionSpendPerQuarter`);
      await hydrated(page);
      await expect(page.getByTestId('play-applied')).toContainText(trap.seed);
      await expect(page.locator('[data-control="acquisitionSpendPerQuarter"] input[type="number"]')).toBeDisabled();
    });

    test('the class board judges files against the class link, shows a run once and never a claimed figure', async ({ page }) => {
      const seed = trap.seed;
      const locks = ['acquisitionSpendPerQuarter'];
      const underLock = (promise: number) => rounds(trap, { promiseLevel: promise }).map(({ acquisitionSpendPerQuarter: _, ...d }) => d);
      const ann = genuineFile(trap, seed, underLock(3), { locks, name: 'Ann' });
      const bo = genuineFile(trap, seed, underLock(4), { locks, name: 'Bo' });
      // Cy deleted `lock=…` from the link and moved the locked control: the file says no lock at all.
      const moved = acquisition.initial === acquisition.min ? acquisition.max : acquisition.min;
      const cy = genuineFile(trap, seed, rounds(trap, { promiseLevel: 3, acquisitionSpendPerQuarter: moved }), { name: 'Cy' });
      const mallory = edit(ann, (o) => {
        o.claimed.equity[o.claimed.equity.length - 1] = 1e308;
        o.name = 'Mallory';
      });
      const olu = genuineFile(trap, 'elsewhere', underLock(3), { locks, name: 'Olu' });

      const frozenChunks: string[] = [];
      page.on('request', (r) => {
        if (/\/_astro\/\d+\.\d+\.\d+[^/]*\.js$/.test(new URL(r.url()).pathname)) frozenChunks.push(r.url());
      });
      await page.goto(`/${locale}/teach/board/`);
      await hydrated(page);
      await expect(page.getByTestId('board-cap')).toContainText('2,000');
      await page
        .getByTestId('board-link')
        .fill(`https://school.example/crm-lab/${locale}/teach/${SCENARIO}/?v=1&seed=${seed}&lock=${locks[0]}`);
      await page.getByTestId('board-link-use').click();
      await expect(page.getByTestId('board-scenario')).toHaveValue(SCENARIO);
      await expect(page.getByTestId('board-seed')).toHaveValue(seed);
      await expect(page.locator(`[data-lock="${locks[0]}"]`)).toBeChecked();
      await page
        .getByTestId('board-files')
        .setInputFiles([
          file('bo.json', serializeResultFile(bo)),
          file('cy.json', serializeResultFile(cy)),
          file('ann.json', serializeResultFile(ann)),
          file('huge.json', serializeResultFile(mallory)),
          file('ann (1).json', serializeResultFile(ann)),
          file('olu.json', serializeResultFile(olu)),
          file('Ann-final.json', serializeResultFile(ann)),
          file('evil.json', '{"__proto__":{"x":1}}'),
        ]);
      const rows = page.getByTestId('board-ranking').locator('tbody tr');
      await expect(rows).toHaveCount(5);
      // Ann's run, dropped three times under three names, is one row with its copies named.
      await expect(rows.nth(0)).toHaveAttribute('data-copies', '3');
      await expect(rows.nth(0)).toContainText('ann (1).json');
      await expect(rows.nth(0)).toContainText('Ann-final.json');
      await expect(rows.nth(0).locator('td').first()).toHaveText('1');
      // The ranking goes on beyond the goal: the score is not capped at 100 %.
      const score = Number.parseFloat((await rows.nth(0).locator('td').nth(5).textContent())!.replace(/[^\d.]/g, ''));
      expect(score).toBeGreaterThan(100);
      await expect(rows.nth(1)).toContainText('Bo');
      await expect(rows.nth(1).locator('td').first()).toHaveText('2');
      await expect(page.getByTestId('board-rule')).toHaveText(s['teach.board.rankingRule']);
      // The lock removed from the link is caught, and the run is not ranked.
      const broke = page.locator('tr[data-status="brokeLock"]');
      await expect(broke).toContainText('Cy');
      await expect(broke.locator('td').first()).toHaveText('—');
      await expect(page.locator('tr[data-status="otherSeed"]')).toContainText('Olu');
      await expect(page.getByTestId('board-other-seeds')).toContainText('elsewhere');
      // The edited file shows its re-simulated figures (Ann's run), never its claim, and the table keeps its width.
      const huge = page.locator('tr[data-status="tampered"]');
      await expect(huge).toContainText('Mallory');
      await expect(huge.locator('td').nth(7)).toHaveText((await rows.nth(0).locator('td').nth(7).textContent())!);
      await expect(page.getByTestId('board-ranking')).not.toContainText(/e\+?308|E308|∞/);
      const region = page.getByTestId('board-ranking').locator('xpath=..');
      expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      await expect(page.getByTestId('board-rejected')).toContainText('evil.json');
      // The spread of decisions leaves out the control the class locked.
      await expect(page.getByTestId('board-spread').locator('tbody tr')).toHaveCount(trap.rounds);
      await expect(page.getByTestId('run-charts').locator('[data-chart]')).toHaveCount(2);
      expect(frozenChunks).toEqual([]);

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('board-csv').click()]);
      const lines = (await readFile(await csv.path(), 'utf8')).split('\n').filter(Boolean);
      expect(lines).toHaveLength(6);
      expect(lines[1]).toContain('Ann');
      expect(lines[1]).toContain('ann (1).json');
      expect(lines.join('\n')).not.toMatch(/e\+308/);
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);

      // Clearing the board keeps keyboard focus on the page: it goes back to the file picker.
      await page.getByRole('button', { name: s['teach.board.clear'] }).click();
      await expect(page.getByTestId('board-files')).toBeFocused();
    });

    test('a scenario card opens the link builder with its scenario; the worksheet prints the seed and locks', async ({ page }) => {
      await page.goto(`/${locale}/teach/`);
      await page.locator('[data-scenario="tea-members"] a[data-link="class-link"]').click();
      await hydrated(page);
      await expect(page.getByTestId('link-scenario')).toHaveValue('tea-members');
      await page.getByTestId('link-seed').fill(`sheet-${locale}`);
      const lock = page.locator('.locks input[type="checkbox"]').first();
      await lock.check();
      const lockLabel = (await lock.locator('xpath=..').textContent())!.trim();
      await expect(page.getByTestId('link-output')).toContainText(`/${locale}/teach/tea-members/?v=1&seed=sheet-${locale}&lock=`);
      await expect(page).toHaveURL(/\?v=1&scenario=tea-members$/);
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);

      await page.getByTestId('link-worksheet').click();
      await expect(page.locator('[data-sheet-seed]')).toHaveText(fill(s['teach.sheet.seedFromLink'], { seed: `sheet-${locale}` }));
      await expect(page.locator('[data-sheet-locks]')).toContainText(fill(s['teach.sheet.lockClass'], { control: lockLabel }));
      await expect(page.locator('a[href*="/notes/"]')).toHaveCount(0);
      // Printed, every header of the results table fits its column.
      await page.emulateMedia({ media: 'print' });
      const overflowing = await page
        .locator('table.rounds th')
        .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
      expect(overflowing).toEqual([]);
      await page.emulateMedia({ media: 'screen' });
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
    });

    test('the class board verifies an LMS interactions export and catches an edited score in it', async ({ page }) => {
      const txt = readFileSync('test/fixtures/scorm/moodle-interactions.txt', 'utf8');
      const csv = readFileSync('test/fixtures/scorm/moodle-interactions.csv', 'utf8');
      const zhLine = csv.split('\n')[2]!;
      const score = (JSON.parse(readFileSync('test/fixtures/scorm/e2e-runs/zh-cn.json', 'utf8')) as { score: string }).score;
      // The second student's claimed score raised in the export (interaction, score and gradebook columns alike).
      const edited = csv.replace(
        zhLine,
        zhLine.replace(new RegExp(`(^|,)${score.replace('.', '\\.')}(?=,|/100,)`, 'g'), (_, before: string) => `${before}99.5`),
      );
      expect(edited).not.toBe(csv);
      await page.goto(`/${locale}/teach/board/`);
      await hydrated(page);
      await page.getByTestId('board-scenario').selectOption('budget-cut');
      await page.getByTestId('board-files').setInputFiles([
        { name: 'moodle-interactions.txt', mimeType: 'text/plain', buffer: Buffer.from(txt) },
        { name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) },
        { name: 'not-an-export.txt', mimeType: 'text/plain', buffer: Buffer.from(`<b>${'x'.repeat(5000)}</b>\tQuestion 1\n`) },
        { name: 'report.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not read') },
      ]);
      const rows = page.getByTestId('board-ranking').locator('tbody tr');
      await expect(rows).toHaveCount(2);
      await expect(page.getByTestId('board-status')).toContainText(fill(s['teach.board.readCount.other'], { count: 4, rejected: 2 }));
      // Both students of the text export and the first of the CSV: one run (same decisions, same seed), three copies.
      const verified = page.locator('tr[data-status="verified"]');
      await expect(verified).toHaveAttribute('data-copies', '3');
      await expect(verified).toContainText('Ann Lee');
      await expect(verified).toContainText('李明');
      await expect(verified).toContainText(fill(s['teach.board.exportCopy'], { file: 'moodle-interactions.txt', line: 3, run: 1 }));
      await expect(verified.locator('td').first()).toHaveText('1');
      // The edited run is flagged, never ranked, and its claimed 99.5 is not shown.
      const tampered = page.locator('tr[data-status="tampered"]');
      await expect(tampered).toContainText(fill(s['teach.board.status.tampered'], { what: s['teach.board.what.score'] }));
      await expect(tampered).toContainText(fill(s['teach.board.exportCopy'], { file: 'edited.csv', line: 3, run: 1 }));
      await expect(tampered.locator('td').first()).toHaveText('—');
      await expect(page.getByTestId('board-ranking')).not.toContainText('99.5');
      // A text file that is no export: one bounded message, the file's content not echoed.
      await expect(page.getByTestId('board-rejected').locator('li')).toHaveText([
        fill(s['teach.board.reject.noRuns'], { file: 'not-an-export.txt' }),
        fill(s['teach.board.reject.spreadsheet'], { file: 'report.xlsx' }),
      ]);
      await expect(page.getByTestId('board-rejected')).not.toContainText('xxxx');
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
    });

    test('the Teach side offers SCORM packages: cards, quizzes, notes, and a class package from the link builder', async ({ page }) => {
      await page.goto(`/${locale}/teach/`);
      // Every card's package and every lesson quiz's package is a file the build wrote.
      const hrefs = [
        ...(await page.locator('[data-scenario] a[data-link="scorm"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))),
        ...(await page.locator('[data-testid="lms-packages"] a[download]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))),
      ];
      const quizzes = readdirSync('content/quizzes').filter((f) => f.endsWith('.yaml'));
      expect(hrefs.length).toBe(10 + quizzes.length);
      for (const href of hrefs) expect(existsSync(`dist${href}`), href).toBe(true);
      await page.goto(`/${locale}/teach/budget-cut/notes/`);
      expect(existsSync(`dist${await page.getByTestId('notes-scorm').locator('a[download]').getAttribute('href')}`)).toBe(true);
      await page.getByTestId('notes-scorm').locator('a:not([download])').click();
      await hydrated(page);
      await expect(page.getByTestId('link-scenario')).toHaveValue('budget-cut');
      await page.getByTestId('link-seed').fill(`lms-${locale}`);
      await page.locator('[data-lock="acquisitionSpendPerQuarter"]').check();
      await page.getByTestId('link-grading').selectOption('completion');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('link-scorm').click()]);
      expect(download.suggestedFilename()).toBe(`crm-lab-scenario-budget-cut-${locale}-scorm12.zip`);
      const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
      expect(Object.keys(files).sort()).toEqual(['imsmanifest.xml', 'index.html']);
      const config = readConfig(strFromU8(files['index.html']!));
      expect(config).toMatchObject({
        kind: 'scenario',
        locale,
        seed: `lms-${locale}`,
        locks: ['acquisitionSpendPerQuarter'],
        grading: 'completion',
      });
      expect(strFromU8(files['imsmanifest.xml']!)).toContain(`lms-${locale}`);
      await expect(page.getByTestId('link-scorm-status')).toHaveText(
        fill(s['teach.link.scormDone'], { file: `crm-lab-scenario-budget-cut-${locale}-scorm12.zip` }),
      );
      await expect(page.getByTestId('link-scorm')).toBeFocused();
      expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
    });
  });
}

test('a class of 500 files is checked in workers, on every core, with progress', async ({ page }) => {
  test.setTimeout(180_000);
  // 500 different runs of one class: every student a different promise and acquisition spend.
  const files = Array.from({ length: 500 }, (_, i) => {
    const promise = 1 + (i % 41) / 10;
    const spend = acquisition.min + (Math.floor(i / 41) + 1) * acquisition.step * 5;
    const f = genuineFile(trap, 'big-class', rounds(trap, { promiseLevel: promise, acquisitionSpendPerQuarter: spend }), { name: `S${i}` });
    return file(`student-${i}.json`, serializeResultFile(f));
  });
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/en/teach/board/');
  await hydrated(page);
  await page.getByTestId('board-seed').fill('big-class');
  // Record every progress text the page shows while it works.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid="board-progress"]');
      if (p?.textContent && seen[seen.length - 1] !== p.textContent) seen.push(p.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('board-files').setInputFiles(files);
  await expect(page.getByTestId('board-status')).toContainText('500 files checked in', { timeout: 150_000 });
  const status = (await page.getByTestId('board-status').textContent())!.replace(/\s+/g, ' ').trim();
  test.info().annotations.push({ type: 'time to check 500 files', description: status });
  console.log(`teach board: ${status}`);
  await expect(page.locator('tr[data-status="verified"]')).toHaveCount(500);
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen.length).toBeGreaterThan(1);
  expect(seen[seen.length - 1]).toMatch(/of 500 files checked/);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  expect(workers.length).toBe(Math.max(1, Math.min(4, cores)));
});

test('9,000 unknown parameters on a scenario page give a short notice, not a 269,000-character one', async ({ page }) => {
  // The test server (like many hosts) refuses request lines this long; the browser gets the page's own HTML instead.
  await page.route(/\/en\/teach\/[a-z-]+\/\?/, async (route) => {
    const response = await route.fetch({ url: new URL(`/en/teach/${SCENARIO}/`, route.request().url()).href });
    await route.fulfill({ response });
  });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/en/teach/${SCENARIO}/?${Array.from({ length: 9000 }, (_, i) => `param${i}=${'x'.repeat(20)}`).join('&')}`);
  await hydrated(page);
  const notice = page.getByTestId('url-notice');
  await expect(notice).toContainText('8992 more not listed.');
  expect((await notice.textContent())!.length).toBeLessThan(1000);
  expect(await sideways(page)).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('play-seed')).toContainText('broadband-5');
});

test('an engine that cannot be fetched is said, plays no round and keeps the focus', async ({ page }) => {
  await page.route(/\/_astro\/playEngine\.[^/]*\.js$/, (route) => route.abort());
  await page.goto(`/en/teach/${SCENARIO}/`);
  await hydrated(page);
  const advance = page.getByTestId('play-advance');
  await advance.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('play-engine-failed')).toHaveText(strings.en['teach.play.engineLoadFailed']);
  await expect(advance).toBeFocused();
  await expect(page.getByTestId('play-history')).toHaveCount(0);
  await expect(advance).toHaveText(fill(strings.en['teach.play.advance'], { round: 1 }));
  expect(await seriousViolations(page, { include: 'main' })).toEqual([]);
});

test('a bad seed in the URL shows a notice and falls back to the scenario seed', async ({ page }) => {
  await page.goto(`/en/teach/${SCENARIO}/?v=1&seed=%3Cb%3Ebad%3C%2Fb%3E`);
  await hydrated(page);
  await expect(page.getByTestId('url-notice')).toBeVisible();
  await expect(page.getByTestId('url-notice')).toContainText('“<b>bad</b>” is not a valid value for “seed”');
  await expect(page.getByTestId('url-notice').locator('b')).toHaveCount(0);
  await expect(page.getByTestId('play-seed')).toContainText('broadband-5');
});

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: the board and the link builder fit a 360 px phone (a long scenario title in the select)`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['teach/board/', 'teach/link/']) {
      await page.goto(`/${locale}/${path}`);
      await hydrated(page);
      expect(await sideways(page), path).toBeLessThanOrEqual(0);
    }
  });
}
