// Pure helpers over lesson entries (no astro:content import, so unit tests can load them):
// lesson ids, course order, and the fallback to the other language when a locale lacks a lesson.
import { otherLocale, type Locale } from '@/i18n/core';

export interface LessonLike {
  id: string;
  data: { order: number };
}

/** `en/what-is-crm` → { locale: 'en', slug: 'what-is-crm' } */
export function splitLessonId(id: string): { locale: string; slug: string } {
  const [locale, ...rest] = id.split('/');
  return { locale, slug: rest.join('/') };
}

export interface Resolved<T> {
  lesson: T;
  untranslated: boolean;
}

/** Picks the lesson in `locale`, else the other language's version flagged as untranslated. */
export function resolveLesson<T extends LessonLike>(all: T[], slug: string, locale: Locale): Resolved<T> | undefined {
  const find = (l: Locale) => all.find((e) => e.id === `${l}/${slug}`);
  const own = find(locale);
  if (own) return { lesson: own, untranslated: false };
  const fallback = find(otherLocale(locale));
  return fallback ? { lesson: fallback, untranslated: true } : undefined;
}

/** Every slug present in either locale, in course order. */
export function courseSlugs(all: LessonLike[]): string[] {
  const bySlug = new Map<string, number>();
  for (const e of all) bySlug.set(splitLessonId(e.id).slug, e.data.order);
  return [...bySlug.entries()].sort((a, b) => a[1] - b[1]).map(([slug]) => slug);
}
