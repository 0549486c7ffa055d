// What the build packs: every scenario and every lesson quiz in each language, titled in that language,
// with the strings the launch page uses, and no teacher notes in a student's package.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { packageConfigs } from '../../../scripts/scorm';
import { scenarios } from './scenarios';
import { manifest } from '@/features/scorm/pack';
import { validateManifest } from './xsd';

describe('the packages the build makes', async () => {
  const configs = await packageConfigs(null);
  const quizzes = readdirSync('content/quizzes').filter((f) => f.endsWith('.yaml'));

  it('one per scenario and per quiz in each language', () => {
    expect(configs).toHaveLength((scenarios.length + quizzes.length) * 2);
    for (const locale of ['en', 'zh-cn']) {
      const mine = configs.filter((c) => c.locale === locale);
      expect(mine.filter((c) => c.kind === 'scenario').map((c) => c.kind === 'scenario' && c.scenario.id)).toEqual(
        scenarios.map((s) => s.id),
      );
      expect(mine.filter((c) => c.kind === 'quiz')).toHaveLength(quizzes.length);
    }
  });

  it('titled in their language, with every string the launch page and the player need', () => {
    const zhQuiz = configs.find((c) => c.locale === 'zh-cn' && c.kind === 'quiz' && c.quiz.lesson === 'five-levels')!;
    expect(zhQuiz.title).toBe('测验：关系营销的五个层次');
    for (const c of configs) {
      expect(c.title.length).toBeGreaterThan(3);
      for (const key of ['scorm.status.noLms', 'scorm.status.saved', 'scorm.status.notSaved', 'teach.play.advance', 'learn.quiz.check']) {
        expect(c.strings[key as keyof typeof c.strings], `${c.locale} ${key}`).toBeTruthy();
      }
    }
  });

  it('every manifest is valid SCORM 1.2 (titles in both languages included)', async () => {
    for (const c of configs) {
      const result = await validateManifest(manifest(c));
      expect(result.errors, `${c.locale} ${c.title}`).toEqual([]);
    }
  });

  it('a scenario package carries no teacher notes', () => {
    for (const c of configs) {
      if (c.kind !== 'scenario') continue;
      const original = scenarios.find((s) => s.id === c.scenario.id)!;
      const json = JSON.stringify(c);
      for (const note of [...original.teacherNotes.goals, ...original.teacherNotes.lookFor, original.teacherNotes.timing45]) {
        expect(json).not.toContain(JSON.stringify(note.en).slice(1, -1));
      }
      expect(c.scenario.rounds).toBe(original.rounds);
    }
  });
});
