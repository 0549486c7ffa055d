// The UI strings of both locales must match: same keys, same placeholders, no empty value.
// Also the locale helpers the language switcher relies on, and the untranslated fallback.
import { describe, expect, it } from 'vitest';
import en from '@/i18n/strings/en.json';
import zh from '@/i18n/strings/zh-cn.json';
import { format, placeholders, switchLocalePath, createT, t, pickStrings } from '@/i18n';
import { resolveLesson, courseSlugs } from '@/features/learn/lessons';

const tables = { en: en as Record<string, string>, 'zh-cn': zh as Record<string, string> };
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** Plural strings: `base` → its variants' categories, in one table (a base is a key with a `.other`). */
function pluralGroups(table: Record<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of Object.keys(table)) if (key.endsWith('.other')) groups.set(key.slice(0, -'.other'.length), []);
  for (const key of Object.keys(table)) {
    const dot = key.lastIndexOf('.');
    const base = key.slice(0, dot);
    if (groups.has(base) && CATEGORIES.includes(key.slice(dot + 1))) groups.get(base)!.push(key.slice(dot + 1));
  }
  for (const cats of groups.values()) cats.sort();
  return groups;
}
/** The keys of a table with every plural group folded to its base. */
function plainKeys(table: Record<string, string>): string[] {
  const groups = pluralGroups(table);
  const variant = (k: string) => groups.has(k.slice(0, k.lastIndexOf('.')));
  return [...new Set(Object.keys(table).map((k) => (variant(k) ? k.slice(0, k.lastIndexOf('.')) : k)))].sort();
}

describe('UI strings', () => {
  it('have the same keys in both locales (a plural string counts once)', () => {
    const enKeys = plainKeys(tables.en);
    const zhKeys = plainKeys(tables['zh-cn']);
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      'missing in zh-cn',
    ).toEqual([]);
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      'missing in en',
    ).toEqual([]);
  });

  it('give every plural string exactly the forms its locale uses (English one + other, Chinese other)', () => {
    for (const [locale, tag] of [
      ['en', 'en'],
      ['zh-cn', 'zh-CN'],
    ] as const) {
      const needed = [...new Intl.PluralRules(tag).resolvedOptions().pluralCategories].sort();
      const wrong = [...pluralGroups(tables[locale])]
        .filter(([, cats]) => cats.join() !== needed.join())
        .map(([base, cats]) => `${base}: ${cats.join('+')}`);
      expect(wrong, `${locale} needs ${needed.join('+')}`).toEqual([]);
    }
    expect(pluralGroups(tables.en).size).toBeGreaterThan(10);
  });

  it('give every form of a plural string the same placeholders, with the count among them or passed for choosing', () => {
    const mismatched: string[] = [];
    for (const [base] of pluralGroups(tables.en)) {
      const reference = placeholders(tables.en[`${base}.other`]!).join();
      for (const table of Object.values(tables)) {
        for (const [key, value] of Object.entries(table)) {
          if (key.startsWith(`${base}.`) && CATEGORIES.includes(key.slice(base.length + 1)) && placeholders(value).join() !== reference)
            mismatched.push(key);
        }
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('have no empty value', () => {
    for (const [locale, table] of Object.entries(tables)) {
      const empty = Object.entries(table).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(
        empty.map(([k]) => k),
        `empty in ${locale}`,
      ).toEqual([]);
    }
  });

  it('have the same named placeholders in both locales', () => {
    const mismatched = Object.keys(tables.en).filter(
      (k) => k in tables['zh-cn'] && placeholders(tables.en[k]).join() !== placeholders(tables['zh-cn'][k]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('keep Chinese in the Chinese table (no untranslated English sentence left behind)', () => {
    // A value identical to English and longer than a short name is almost surely untranslated.
    const same = Object.keys(tables.en).filter((k) => tables.en[k] === tables['zh-cn'][k] && /\s\w+\s\w+\s\w+/.test(tables.en[k]));
    expect(same).toEqual([]);
  });
});

describe('t() and format()', () => {
  it('fills named placeholders and refuses a missing one', () => {
    expect(t('en', 'course.lessonNumber', { n: 3 })).toBe('Lesson 3');
    expect(t('zh-cn', 'course.lessonNumber', { n: 3 })).toBe('第 3 课');
    expect(() => format('Lesson {n}', {})).toThrow(/Missing string parameter "n"/);
  });

  it('hands an island only the strings it asked for', () => {
    const picked = pickStrings('zh-cn', 'course.nav.');
    expect(Object.keys(picked).every((k) => k.startsWith('course.nav.'))).toBe(true);
    const tr = createT(picked, 'zh-cn');
    expect(tr('course.nav.next')).toBe('下一课');
    expect(() => tr('site.name')).toThrow(/was not passed/);
  });
});

describe('plurals', () => {
  const cases = [
    { locale: 'en', count: 0, expected: 'Each round plays 0 quarters.' },
    { locale: 'en', count: 1, expected: 'Each round plays 1 quarter.' },
    { locale: 'en', count: 2, expected: 'Each round plays 2 quarters.' },
    { locale: 'en', count: 1234, expected: 'Each round plays 1,234 quarters.' },
    { locale: 'zh-cn', count: 0, expected: '每轮推进 0 个季度。' },
    { locale: 'zh-cn', count: 1, expected: '每轮推进 1 个季度。' },
    { locale: 'zh-cn', count: 2, expected: '每轮推进 2 个季度。' },
  ] as const;
  for (const c of cases) {
    it(`choose the ${c.locale} form for ${c.count}`, () =>
      expect(t(c.locale, 'teach.play.quartersPerRound', { count: c.count })).toBe(c.expected));
  }

  it('fix "taken 1 quizzes" and "1 quarters per second" (the island translator too)', () => {
    expect(t('en', 'learn.overview.summary', { read: 3, total: 11, count: 1 })).toBe('You have read 3 of 11 lessons and taken 1 quiz.');
    expect(t('en', 'learn.overview.summary', { read: 3, total: 11, count: 0 })).toBe('You have read 3 of 11 lessons and taken 0 quizzes.');
    const en = createT(pickStrings('en', 'lab.play.'), 'en');
    expect(en('lab.play.speedValue', { count: 1 })).toBe('1 quarter per second');
    expect(en('lab.play.speedValue', { count: 2 })).toBe('2 quarters per second');
    expect(createT(pickStrings('zh-cn', 'lab.play.'), 'zh-cn')('lab.play.speedValue', { count: 1 })).toBe('每秒 1 个季度');
  });

  it('keep a separately formatted number while choosing by count', () => {
    expect(t('en', 'labs.common.currencyUnits', { count: 1, n: '1' })).toBe('1 unit');
    expect(t('en', 'labs.common.currencyUnits', { count: 1500, n: '1,500' })).toBe('1,500 units');
  });

  it('refuse a plural string without a numeric count', () => {
    expect(() => t('en', 'lab.play.speedValue', {})).toThrow(/needs a numeric count/);
    expect(() => t('en', 'lab.play.speedValue', { count: '2' })).toThrow(/needs a numeric count/);
  });
});

describe('switchLocalePath()', () => {
  const cases = [
    { name: 'a lesson', path: '/en/learn/what-is-crm/', target: 'zh-cn', expected: '/zh-cn/learn/what-is-crm/' },
    { name: 'back to English', path: '/zh-cn/lab/clv/', target: 'en', expected: '/en/lab/clv/' },
    { name: 'a home page', path: '/en/', target: 'zh-cn', expected: '/zh-cn/' },
    { name: 'a page outside the locales', path: '/', target: 'zh-cn', expected: '/zh-cn/' },
  ] as const;
  for (const c of cases) {
    it(`swaps the locale of ${c.name}`, () => expect(switchLocalePath(c.path, c.target)).toBe(c.expected));
  }
});

describe('lesson fallback', () => {
  const all = [
    { id: 'en/a', data: { order: 2 } },
    { id: 'zh-cn/a', data: { order: 2 } },
    { id: 'en/b', data: { order: 1 } },
  ];
  it('orders slugs by lesson order across locales', () => expect(courseSlugs(all)).toEqual(['b', 'a']));
  it('uses the own locale when it exists', () => {
    expect(resolveLesson(all, 'a', 'zh-cn')).toEqual({ lesson: all[1], untranslated: false });
  });
  it('falls back to the other language, flagged untranslated', () => {
    expect(resolveLesson(all, 'b', 'zh-cn')).toEqual({ lesson: all[2], untranslated: true });
  });
});
