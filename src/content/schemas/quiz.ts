// A lesson quiz (content/quizzes/<lesson-slug>.yaml), both languages in one file so that the
// right answers cannot drift apart between locales.
import { z } from 'astro/zod';
import { kebabId, loc } from './common';

const optionId = z.string().regex(/^[a-z0-9_-]+$/i, 'must be a short id');

const option = z.object({ id: optionId, text: loc, explanation: loc });
/**
 * Every question may carry a `hint` (shown after a wrong check, before the key) and a `section`: the id of the lesson
 * section to reread (`s-3`, `s-3-2`: headings numbered by position). Without them the quiz derives a hint from the
 * question (how many options are right, how many items are in place, too high or too low) and points to the section
 * whose text is closest to the question.
 */
const base = {
  id: optionId,
  prompt: loc,
  hint: loc.optional(),
  section: z
    .string()
    .regex(/^s-\d{1,3}(?:-\d{1,3}){0,2}$/, 'must be a section id such as s-3 or s-3-2')
    .optional(),
};

const single = z.object({
  ...base,
  type: z.literal('single'),
  options: z.array(option).min(2).max(6),
  answer: optionId,
});
const multiple = z.object({
  ...base,
  type: z.literal('multiple'),
  options: z.array(option).min(2).max(8),
  answer: z.array(optionId).min(1),
});
const truefalse = z.object({ ...base, type: z.literal('truefalse'), answer: z.boolean(), explanation: loc });
const numeric = z.object({
  ...base,
  type: z.literal('numeric'),
  answer: z.number(),
  tolerance: z.number().nonnegative(),
  unit: loc.optional(),
  explanation: loc,
});
const ordering = z.object({
  ...base,
  type: z.literal('ordering'),
  items: z.array(z.object({ id: optionId, text: loc })).min(2).max(8),
  explanation: loc,
});
const matching = z.object({
  ...base,
  type: z.literal('matching'),
  pairs: z.array(z.object({ id: optionId, left: loc, right: loc })).min(2).max(8),
  explanation: loc,
});

export const questionSchema = z
  .discriminatedUnion('type', [single, multiple, truefalse, numeric, ordering, matching])
  .superRefine((q, ctx) => {
    if (q.type === 'single' || q.type === 'multiple') {
      const ids = new Set(q.options.map((o) => o.id));
      const answers = q.type === 'single' ? [q.answer] : q.answer;
      for (const a of answers) {
        if (!ids.has(a)) ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer "${a}" is not an option id` });
      }
    }
  });

export const quizSchema = z.object({
  lesson: kebabId,
  questions: z.array(questionSchema).min(6).max(10),
});
export type QuizData = z.infer<typeof quizSchema>;
export type Question = z.infer<typeof questionSchema>;
