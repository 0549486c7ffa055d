// Frontmatter of a lesson (content/lessons/<locale>/<slug>.mdx); the same slug exists per locale.
import { z } from 'astro/zod';
import { kebabId } from './common';

export const lessonSchema = z.object({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1),
  order: z.number().int().min(1).max(14),
  module: z.number().int().min(1).max(4),
  minutes: z.number().int().positive(),
  objectives: z.array(z.string().trim().min(1)).min(2),
  keyTerms: z.array(kebabId).min(1),
  references: z.array(z.string().trim().min(1)).min(1),
});
export type LessonData = z.infer<typeof lessonSchema>;
