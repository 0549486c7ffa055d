// Pieces shared by the content schemas: a text in both languages, and slugs.
import { z } from 'astro/zod';

/** A text that must exist, non-empty, in both languages. */
export const loc = z.object({
  en: z.string().trim().min(1, 'English text is empty'),
  zh: z.string().trim().min(1, 'Chinese text is empty'),
});
export type Loc = z.infer<typeof loc>;

export const kebabId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id');
