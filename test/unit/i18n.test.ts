// The UI strings of both locales must match: same keys, same placeholders, no empty value.
// Also the locale helpers the language switcher relies on, and the untranslated fallback.
import { describe, expect, it } from 'vitest';
import en from '@/i18n/strings/en.json';
import zh from '@/i18n/strings/zh-cn.json';
import { format, placeholders, switchLocalePath, createT, t, pickStrings } from '@/i18n';
import { resolveLesson, courseSlugs } from '@/features/learn/lessons';

const tables = { en: en as Record<string, string>, 'zh-cn': zh as Record<string, string> };

describe('UI strings', () => {
  it('have the same keys in both locales', () => {
    const enKeys = Object.keys(tables.en).sort();
    const zhKeys = Object.keys(tables['zh-cn']).sort();
    expect(enKeys.filter((k) => !(k in tables['zh-cn'])), 'missing in zh-cn').toEqual([]);
    expect(zhKeys.filter((k) => !(k in tables.en)), 'missing in en').toEqual([]);
  });

  it('have no empty value', () => {
    for (const [locale, table] of Object.entries(tables)) {
      const empty = Object.entries(table).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(empty.map(([k]) => k), `empty in ${locale}`).toEqual([]);
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
    const tr = createT(picked);
    expect(tr('course.nav.next')).toBe('下一课');
    expect(() => tr('site.name')).toThrow(/was not passed/);
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
