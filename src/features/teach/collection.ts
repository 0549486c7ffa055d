// Build-time access to the scenario collection and to lesson titles for the teach pages.
// Only Astro pages import this (it uses astro:content); islands get plain props instead.
import { getCollection } from 'astro:content';
import type { Scenario } from '@sim/scenario';
import { locales, type Locale } from '@/i18n';
import { resolveLesson } from '@/features/learn/lessons';
import { forStudents, scenarioInfo } from './replay';

/** Every scenario, ordered by its lesson's place in the course, then by id. */
export async function getScenarios(): Promise<Scenario[]> {
  const entries = await getCollection('scenarios');
  const lessons = await getCollection('lessons');
  const order = new Map<string, number>();
  for (const l of lessons) order.set(l.id.split('/').slice(1).join('/'), l.data.order);
  return entries
    .map((e) => e.data as Scenario)
    .sort((a, b) => {
      const ia = scenarioInfo(a);
      const ib = scenarioInfo(b);
      return (order.get(ia.lesson) ?? 99) - (order.get(ib.lesson) ?? 99) || ia.id.localeCompare(ib.id);
    });
}

/** A lesson as a scenario page links to it: its title in the page's language (or the other one) and its path. */
export interface LessonRef {
  title: string;
  path: string;
}

/** The lesson's title in the page's language (or the other one) and its URL path; null if not written. */
export async function lessonRef(slug: string, locale: Locale): Promise<LessonRef | null> {
  const lessons = await getCollection('lessons');
  const found = resolveLesson(lessons, slug, locale);
  if (!found) return null;
  return { title: found.lesson.data.title, path: `/${locale}/learn/${slug}/` };
}

/**
 * `getStaticPaths` of the students' pages that exist once per scenario and locale (play, its embed view,
 * worksheet): the scenario without its teacher notes, which hold the plan that reaches the goal and would
 * otherwise travel in the page's island props for any student to read in the page source.
 */
export async function scenarioStaticPaths() {
  return paths(forStudents);
}

/** `getStaticPaths` of the teacher notes: the whole scenario. */
export async function notesStaticPaths() {
  return paths((s) => s);
}

async function paths(view: (s: Scenario) => Scenario) {
  const scenarios = await getScenarios();
  return locales.flatMap((locale) =>
    scenarios.map((scenario) => ({ params: { locale, id: scenarioInfo(scenario).id }, props: { scenario: view(scenario) } })),
  );
}
