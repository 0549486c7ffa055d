// The course's word rules that are not glossary concepts (content/vocabulary/rules.yaml): for each,
// the canonical word, the alternatives running text must not use, and the fixed phrases allowed.
import { z } from 'astro/zod';
import { kebabId } from './common';

const word = z.object({
  concept: kebabId,
  lang: z.enum(['en', 'zh']),
  canonical: z.string().trim().min(1),
  alternatives: z.array(z.string().trim().min(1)).min(1),
  note: z.string().trim().min(1).optional(),
});

export const vocabularyRulesSchema = z.object({
  words: z.array(word).min(1),
  allowed: z.array(
    z.object({
      phrase: z.string().trim().min(1),
      /** Characters after which the phrase splits differently and is not the fixed term (e.g. after 扩). */
      notAfter: z.array(z.string().min(1)).optional(),
      why: z.string().trim().min(1),
    }),
  ),
});
export type VocabularyRules = z.infer<typeof vocabularyRulesSchema>;
