// Content collections, read from the top-level content/ folder. A file that breaks its schema
// fails `astro build` with the file and the field named. CRM_CONTENT_DIR points the collections
// at another folder (the test that proves a broken file fails the build uses it).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './content/schemas/lesson';
import { glossarySchema } from './content/schemas/glossary';
import { quizSchema } from './content/schemas/quiz';
import { scenarioSchema } from '../simulations/scenario';

const root = process.env.CRM_CONTENT_DIR ?? './content';

const lessons = defineCollection({
  loader: glob({ base: `${root}/lessons`, pattern: '**/*.mdx' }),
  schema: lessonSchema,
});
const glossary = defineCollection({
  loader: glob({ base: `${root}/glossary`, pattern: '*.yaml' }),
  schema: glossarySchema,
});
const quizzes = defineCollection({
  loader: glob({ base: `${root}/quizzes`, pattern: '*.yaml' }),
  schema: quizSchema,
});
const scenarios = defineCollection({
  loader: glob({ base: `${root}/scenarios`, pattern: '*.yaml' }),
  schema: scenarioSchema,
});

export const collections = { lessons, glossary, quizzes, scenarios };
