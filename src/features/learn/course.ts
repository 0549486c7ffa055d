// The course as pages see it: lessons per locale in order, previous/next, static paths, and the catalogue of what
// progress may name (for imports).
import { getCollection, type CollectionEntry } from 'astro:content';
import { locales, t, url, type Locale } from '@/i18n';
import { splitSections } from './sections';
import { courseSlugs, resolveLesson, splitLessonId, type Resolved } from './lessons';
import { reverseCardId, termCardId } from './flashcards';

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

/** What the progress page accepts in an imported file: this site's lessons, quiz questions, term cards and predictions. */
export async function progressCatalogue(): Promise<{ lessons: string[]; questions: string[]; termCards: string[]; predictions: string[] }> {
  const all = await getCollection('lessons');
  const slugs = courseSlugs(all);
  const quizzes = await getCollection('quizzes');
  const glossary = await getCollection('glossary');
  const predictions = new Set<string>();
  for (const lesson of all) {
    const { slug } = splitLessonId(lesson.id);
    for (const m of (lesson.body ?? '').matchAll(/<Predict\s+id="([^"]+)"/g)) predictions.add(`${slug}/${m[1]}`);
  }
  return {
    lessons: slugs,
    questions: quizzes.flatMap((q) => q.data.questions.map((question) => `${q.data.lesson}/${question.id}`)),
    termCards: glossary.flatMap((g) => [termCardId(g.id), reverseCardId(g.id)]),
    predictions: [...predictions].sort(),
  };
}

/** For "continue where you left off": the lessons in course order and, per lesson, its section ids and titles. */
export async function continueData(locale: Locale): Promise<{
  lessons: { slug: string; order: number; title: string; href: string }[];
  sectionTitles: Record<string, Record<string, string>>;
}> {
  const course = await getCourse(locale);
  const quizHeading = t(locale, 'learn.quiz.heading');
  return {
    lessons: course.map((c) => ({
      slug: c.slug,
      order: c.lesson.data.order,
      title: c.lesson.data.title,
      href: url(`/${locale}/learn/${c.slug}/`),
    })),
    sectionTitles: Object.fromEntries(
      course.map((c) => [
        c.slug,
        { ...Object.fromEntries(splitSections(c.lesson.body ?? '').map((s) => [s.id, s.title])), [`quiz-${c.slug}-heading`]: quizHeading },
      ]),
    ),
  };
}
