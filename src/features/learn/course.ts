// The course as pages see it: lessons per locale in order, previous/next, and static paths.
import { getCollection, type CollectionEntry } from 'astro:content';
import { locales, type Locale } from '@/i18n';
import { courseSlugs, resolveLesson, type Resolved } from './lessons';

export type Lesson = CollectionEntry<'lessons'>;

export async function getCourse(locale: Locale): Promise<(Resolved<Lesson> & { slug: string })[]> {
  const all = await getCollection('lessons');
  return courseSlugs(all).map((slug) => ({ slug, ...resolveLesson(all, slug, locale)! }));
}

export async function lessonStaticPaths() {
  const all = await getCollection('lessons');
  const slugs = courseSlugs(all);
  return locales.flatMap((locale) =>
    slugs.map((slug, i) => ({
      params: { locale, slug },
      props: { slug, prev: slugs[i - 1], next: slugs[i + 1] },
    })),
  );
}
