// Plain data shapes that learn pages hand to their islands (page language only, so the islands
// stay small), and the pure helpers that build them. No astro:content here: unit tests load it.

import { loc, type QuizLang, type QuizQuestion } from './quiz';

export interface OverviewLesson {
  slug: string;
  order: number;
  title: string;
  description: string;
  minutes: number;
  href: string;
}
export interface OverviewModule {
  n: number;
  title: string;
  lessons: OverviewLesson[];
}

/** A glossary term as the flashcards need it, in the page language. */
export interface TermCardSource {
  id: string;
  term: string;
  /** The term in the other language. */
  other: string;
  definition: string;
  href: string;
}

/** A quiz question as a flashcard needs it, in the page language. */
export interface QuestionCardSource {
  lesson: string;
  lessonTitle: string;
  prompt: string;
  answer: string[];
  explanation: string;
  href: string;
}

/**
 * The right answer of a question as short lines of text (the back of a "missed question" card).
 * `labels` are the page's words for true and false.
 */
export function answerLines(q: QuizQuestion, lang: QuizLang, labels: { true: string; false: string }): string[] {
  switch (q.type) {
    case 'single':
      return q.options.filter((o) => o.id === q.answer).map((o) => loc(o.text, lang));
    case 'multiple':
      return q.options.filter((o) => q.answer.includes(o.id)).map((o) => loc(o.text, lang));
    case 'truefalse':
      return [q.answer ? labels.true : labels.false];
    case 'numeric':
      return [q.unit ? `${q.answer} ${loc(q.unit, lang)}` : String(q.answer)];
    case 'ordering':
      return q.items.map((item, i) => `${i + 1}. ${loc(item.text, lang)}`);
    case 'matching':
      return q.pairs.map((p) => `${loc(p.left, lang)} → ${loc(p.right, lang)}`);
  }
}

/** Why the answer is right: the question's explanation, or the right option's explanation. */
export function answerExplanation(q: QuizQuestion, lang: QuizLang): string {
  if (q.type === 'single' || q.type === 'multiple') {
    const right = q.type === 'single' ? [q.answer] : q.answer;
    return q.options
      .filter((o) => right.includes(o.id))
      .map((o) => loc(o.explanation, lang))
      .join(' ');
  }
  return loc(q.explanation, lang);
}

/** Lower-cased, width-normalised text for the glossary filter (full-width Latin → ASCII). */
export function searchable(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
