// Content checks over content/: every lesson in both locales with its frontmatter valid, every quiz
// and glossary entry valid and bilingual, every glossary link resolving, and no lesson a stub.
// Reads the files directly (fs + yaml) and validates them with the site's own zod schemas.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lessonSchema } from '../../src/content/schemas/lesson';
import { glossarySchema } from '../../src/content/schemas/glossary';
import { quizSchema } from '../../src/content/schemas/quiz';

const ROOT = 'content';
const LOCALES = ['en', 'zh-cn'] as const;
/** The fixed course: slug → [order, module] (briefs/content.md; three lessons added in issue 15). */
const COURSE: Record<string, [number, number]> = {
  'what-is-crm': [1, 1],
  'customer-perceived-value': [2, 1],
  'satisfaction-and-expectations': [3, 2],
  'loyalty-and-retention': [4, 2],
  'five-levels': [5, 3],
  'clv-and-customer-equity': [6, 3],
  'customer-profitability': [7, 3],
  'customer-life-cycle': [8, 3],
  'relationship-vs-transaction': [9, 4],
  'relationship-quality': [10, 4],
  'one-to-one-marketing': [11, 4],
  'crm-systems': [12, 4],
  'customer-engagement': [13, 4],
  'service-relationships': [14, 4],
};
const SLUGS = Object.keys(COURSE);
const MIN_EN_WORDS = 1200;
const MIN_ZH_HAN = 1800;
const MIN_GLOSSARY = 120;
const PLACEHOLDER = /\b(TODO|TBD|FIXME|lorem ipsum)\b|待补充|待翻译/i;

const list = (dir: string, ext: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(ext))
        .map((f) => f.slice(0, -ext.length))
        .sort()
    : [];

interface LessonFile {
  slug: string;
  locale: (typeof LOCALES)[number];
  frontmatter: unknown;
  body: string;
}
function readLesson(locale: (typeof LOCALES)[number], slug: string): LessonFile {
  const text = readFileSync(join(ROOT, 'lessons', locale, `${slug}.mdx`), 'utf8');
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  return { slug, locale, frontmatter: match ? parse(match[1]!) : undefined, body: match ? match[2]! : text };
}

const lessonFiles = LOCALES.flatMap((locale) => list(join(ROOT, 'lessons', locale), '.mdx').map((slug) => readLesson(locale, slug)));
const glossaryIds = list(join(ROOT, 'glossary'), '.yaml');
const glossary = new Map(glossaryIds.map((id) => [id, parse(readFileSync(join(ROOT, 'glossary', `${id}.yaml`), 'utf8')) as unknown]));
const quizSlugs = list(join(ROOT, 'quizzes'), '.yaml');

/** Prose only: no math, no JSX/HTML tags, no Markdown link targets. */
function prose(body: string): string {
  return body
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .replace(/\$[^$\n]*\$/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ');
}
const englishWords = (body: string) => (prose(body).match(/[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)*/g) ?? []).length;
const hanCharacters = (body: string) => (prose(body).match(/\p{Script=Han}/gu) ?? []).length;

describe('lessons', () => {
  it('all fourteen slugs exist in both locales, and nothing else', () => {
    for (const locale of LOCALES) expect(list(join(ROOT, 'lessons', locale), '.mdx')).toEqual([...SLUGS].sort());
  });

  it.each(lessonFiles.map((l) => [`${l.locale}/${l.slug}`, l] as const))('%s: frontmatter valid, in course order', (_name, l) => {
    const parsed = lessonSchema.safeParse(l.frontmatter);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const data = parsed.data!;
    expect([data.order, data.module]).toEqual(COURSE[l.slug]);
    expect(data.keyTerms.length).toBeGreaterThanOrEqual(3);
    expect(data.references.length).toBeGreaterThanOrEqual(2);
  });

  it.each(lessonFiles.map((l) => [`${l.locale}/${l.slug}`, l] as const))('%s: not a stub', (_name, l) => {
    if (l.locale === 'en') expect(englishWords(l.body)).toBeGreaterThanOrEqual(MIN_EN_WORDS);
    else expect(hanCharacters(l.body)).toBeGreaterThanOrEqual(MIN_ZH_HAN);
    expect(l.body).not.toMatch(PLACEHOLDER);
    expect(l.body).toMatch(/<Predict\b/);
  });

  it('both locales of a lesson agree on order, module and key terms', () => {
    for (const slug of SLUGS) {
      const [en, zh] = LOCALES.map((locale) => lessonFiles.find((l) => l.slug === slug && l.locale === locale));
      if (!en || !zh) continue;
      const pick = (l: LessonFile) => {
        const d = lessonSchema.safeParse(l.frontmatter).data;
        return d && { order: d.order, module: d.module, keyTerms: [...d.keyTerms].sort() };
      };
      expect(pick(zh), slug).toEqual(pick(en));
    }
  });

  it('both locales of a lesson have the same headings, level by level', () => {
    // Anchors and "keep my place" rely on the two versions having the same sections in the same order.
    const shape = (body: string) => [...body.matchAll(/^(#{2,4}) /gm)].map((m) => m[1]!.length);
    for (const slug of SLUGS) {
      const [en, zh] = LOCALES.map((locale) => lessonFiles.find((l) => l.slug === slug && l.locale === locale));
      if (!en || !zh) continue;
      expect(shape(zh.body), slug).toEqual(shape(en.body));
    }
  });

  it('every book in the references names its edition', () => {
    // Journal articles (volume(issue), pages), chapters in edited books, laws and reports are exempt;
    // what is left is a book, and a book's wording changes between editions.
    const exempt = [
      /\d+\s*\([^)]*\),\s*\d+[–-]\d+/, // journal: 49(4), 41–50
      /Advertising Age, \d+\(\d+\), \d+/,
      /\bIn .+\(Eds?\.\)/, // a chapter in an edited book
      /\[.+\]|《|Regulation \(EU\)|Directive \d/, // laws and regulations
      /Staff Paper|Doctoral thesis|Division of Research/,
    ];
    const missing: string[] = [];
    for (const l of lessonFiles) {
      for (const ref of lessonSchema.safeParse(l.frontmatter).data?.references ?? []) {
        if (!exempt.some((re) => re.test(ref)) && !/\(\d+(st|nd|rd|th) ed\.\)/.test(ref)) missing.push(`${l.locale}/${l.slug}: ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every <Term id> and key term resolves to a glossary file', () => {
    const missing: string[] = [];
    for (const l of lessonFiles) {
      const ids = [...l.body.matchAll(/<Term\s+id=["']([^"']+)["']/g)].map((m) => m[1]!);
      const keyTerms = lessonSchema.safeParse(l.frontmatter).data?.keyTerms ?? [];
      for (const id of [...ids, ...keyTerms]) if (!glossary.has(id)) missing.push(`${l.locale}/${l.slug}: ${id}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});

describe('glossary', () => {
  it(`has at least ${MIN_GLOSSARY} terms`, () => {
    expect(glossaryIds.length).toBeGreaterThanOrEqual(MIN_GLOSSARY);
  });

  it.each(glossaryIds)('%s: valid, with term and definition in both languages', (id) => {
    const parsed = glossarySchema.safeParse(glossary.get(id));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(JSON.stringify(parsed.data)).not.toMatch(PLACEHOLDER);
  });

  it('every related id and every lesson slug resolves', () => {
    const broken: string[] = [];
    for (const id of glossaryIds) {
      const data = glossarySchema.safeParse(glossary.get(id)).data;
      if (!data) continue;
      for (const r of data.related ?? []) if (!glossary.has(r)) broken.push(`${id} → related ${r}`);
      for (const s of data.lessons) if (!SLUGS.includes(s)) broken.push(`${id} → lesson ${s}`);
    }
    expect(broken).toEqual([]);
  });
});

describe('quizzes', () => {
  it('every lesson has a quiz, and every quiz belongs to a lesson', () => {
    expect(quizSlugs).toEqual([...SLUGS].sort());
  });

  it.each(quizSlugs)('%s: valid, bilingual, 6–10 questions, ids and answers consistent', (slug) => {
    const raw = parse(readFileSync(join(ROOT, 'quizzes', `${slug}.yaml`), 'utf8'));
    const parsed = quizSchema.safeParse(raw);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const quiz = parsed.data!;
    expect(quiz.lesson).toBe(slug);
    expect(quiz.questions.length).toBeGreaterThanOrEqual(6);
    expect(quiz.questions.length).toBeLessThanOrEqual(10);
    expect(new Set(quiz.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
    const qids = quiz.questions.map((q) => q.id);
    expect(new Set(qids).size).toBe(qids.length);
    for (const q of quiz.questions) {
      const inner =
        q.type === 'single' || q.type === 'multiple'
          ? q.options.map((o) => o.id)
          : q.type === 'ordering'
            ? q.items.map((i) => i.id)
            : q.type === 'matching'
              ? q.pairs.map((p) => p.id)
              : [];
      expect(new Set(inner).size, `${slug}/${q.id} ids`).toBe(inner.length);
      if (q.type === 'multiple') expect(new Set(q.answer).size, `${slug}/${q.id} answer`).toBe(q.answer.length);
      if (q.type === 'matching') {
        // Two identical right-hand texts would make the matching ambiguous.
        for (const lang of ['en', 'zh'] as const) {
          const rights = q.pairs.map((p) => p.right[lang].trim());
          expect(new Set(rights).size, `${slug}/${q.id} ${lang}`).toBe(rights.length);
        }
      }
    }
    expect(JSON.stringify(quiz)).not.toMatch(PLACEHOLDER);
  });

  it('every question type is used somewhere in the course', () => {
    const types = new Set<string>();
    for (const slug of quizSlugs) {
      const quiz = quizSchema.safeParse(parse(readFileSync(join(ROOT, 'quizzes', `${slug}.yaml`), 'utf8'))).data;
      for (const q of quiz?.questions ?? []) types.add(q.type);
    }
    expect([...types].sort()).toEqual(['matching', 'multiple', 'numeric', 'ordering', 'single', 'truefalse']);
  });
});

describe('length counters', () => {
  it('count English words and Han characters of prose only', () => {
    expect(englishWords('The CLV is $\\frac{m r}{1+i-r}$ and <Term id="x">customer equity</Term>, 266.67 units.')).toBe(8);
    expect(hanCharacters('客户关系管理（CRM）是$$x$$一种理念。')).toBe(11);
  });
});
