// Test-wise cues in the quizzes written to issue 15's rules: true/false answers balanced, the right
// single-choice option not usually the longest, no giveaway absolutes. Reads the YAML files directly;
// it judges form only, never whether an answer is right (content.test.ts checks validity).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { quizSchema, type Question } from '../../src/content/schemas/quiz';

/** Quizzes held to these rules (the three lessons added in issue 15). */
const QUIZZES = ['relationship-quality', 'customer-profitability', 'crm-systems'] as const;
const LANGS = ['en', 'zh'] as const;

/** Words that let a test-wise student guess a true/false item or rule out an option without knowing the topic. */
const ABSOLUTES: Record<(typeof LANGS)[number], RegExp> = {
  en: /\b(always|never|all|none|every|everything|nothing|only|impossible|guaranteed)\b/i,
  zh: /总是|从不|从来|绝不|永远|一切|全部|所有|一定|只有|不可能/,
};

const questions: { quiz: string; q: Question }[] = QUIZZES.flatMap((slug) => {
  const quiz = quizSchema.parse(parse(readFileSync(join('content', 'quizzes', `${slug}.yaml`), 'utf8')));
  return quiz.questions.map((q) => ({ quiz: slug, q }));
});

describe('quiz balance (issue 15 quizzes)', () => {
  it('each quiz has 8 to 10 questions', () => {
    for (const slug of QUIZZES) {
      const n = questions.filter((x) => x.quiz === slug).length;
      expect(n, slug).toBeGreaterThanOrEqual(8);
      expect(n, slug).toBeLessThanOrEqual(10);
    }
  });

  it('true/false answers are between 40 % and 60 % true', () => {
    const tf = questions.flatMap(({ q }) => (q.type === 'truefalse' ? [q.answer] : []));
    expect(tf.length).toBeGreaterThanOrEqual(4);
    const share = tf.filter(Boolean).length / tf.length;
    expect(share).toBeGreaterThanOrEqual(0.4);
    expect(share).toBeLessThanOrEqual(0.6);
  });

  it.each(LANGS)('%s: the right option is the longest in at most a third of single-choice items', (lang) => {
    const singles = questions.flatMap(({ q }) => (q.type === 'single' ? [q] : []));
    const longestRight = singles.filter((q) => {
      const len = (id: string) => [...q.options.find((o) => o.id === id)!.text[lang]].length;
      const right = len(q.answer);
      return q.options.every((o) => o.id === q.answer || len(o.id) < right);
    });
    expect(singles.length).toBeGreaterThanOrEqual(6);
    expect(longestRight.length / singles.length, longestRight.map((q) => q.id).join(', ')).toBeLessThanOrEqual(1 / 3);
  });

  it.each(LANGS)('%s: no giveaway absolutes in true/false statements or answer options', (lang) => {
    const offending: string[] = [];
    for (const { quiz, q } of questions) {
      const texts =
        q.type === 'truefalse' ? [q.prompt[lang]] : q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.text[lang]) : [];
      for (const t of texts) if (ABSOLUTES[lang].test(t)) offending.push(`${quiz}/${q.id}: ${t}`);
    }
    expect(offending).toEqual([]);
  });
});
