// A glossary term (content/glossary/<id>.yaml), defined once with both languages. The glossary is
// the home of the course vocabulary: `alsoCalled` lists the other names a student meets in other
// textbooks; they may appear only there (test/unit/vocabulary.test.ts enforces it), never in running text.
import { z } from 'astro/zod';
import { kebabId } from './common';

const side = z.object({
  term: z.string().trim().min(1),
  definition: z.string().trim().min(1),
  alsoCalled: z.array(z.string().trim().min(1)).min(1).optional(),
});

export const glossarySchema = z.object({
  en: side,
  zh: side,
  lessons: z.array(kebabId).min(1),
  source: z.string().trim().min(1).optional(),
  related: z.array(kebabId).optional(),
});
export type GlossaryData = z.infer<typeof glossarySchema>;
