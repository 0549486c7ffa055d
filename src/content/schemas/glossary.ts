// A glossary term (content/glossary/<id>.yaml), defined once with both languages.
import { z } from 'astro/zod';
import { kebabId } from './common';

const side = z.object({
  term: z.string().trim().min(1),
  definition: z.string().trim().min(1),
});

export const glossarySchema = z.object({
  en: side,
  zh: side,
  lessons: z.array(kebabId).min(1),
  source: z.string().trim().min(1).optional(),
  related: z.array(kebabId).optional(),
});
export type GlossaryData = z.infer<typeof glossarySchema>;
