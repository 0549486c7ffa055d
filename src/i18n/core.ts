// Locale helpers shared by Astro pages and Svelte islands. No string tables here, so islands that
// import this stay small; the tables live in ./strings and reach islands through pickStrings().
import type en from './strings/en.json';

export const locales = ['en', 'zh-cn'] as const;
export type Locale = (typeof locales)[number];
export type StringKey = keyof typeof en;
/**
 * A string with plural variants: `key.one`, `key.other`… in the tables (each locale has the
 * categories its Intl.PluralRules uses: English one + other, Chinese other), `t(key, { count })`.
 */
export type PluralKey = StringKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;
export type MessageKey = StringKey | PluralKey;
export type Strings = Partial<Record<StringKey, string>>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** BCP 47 tag for `<html lang>` and Intl formatters. */
export function langTag(locale: Locale): 'en' | 'zh-CN' {
  return locale === 'zh-cn' ? 'zh-CN' : 'en';
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh-cn' : 'en';
}

const pluralRules = new Map<string, Intl.PluralRules>();
const countFormats = new Map<string, Intl.NumberFormat>();
function cached<T>(cache: Map<string, T>, tag: string, make: () => T): T {
  let v = cache.get(tag);
  if (!v) cache.set(tag, (v = make()));
  return v;
}

/**
 * The template for `key` in `table`. A plural key picks its variant with the locale's plural rules
 * on `params.count` (0, 1, 2 … → "other", "one", "other" in English; always "other" in Chinese), and
 * its `{count}` shows the number formatted for the locale. Undefined when the table lacks the key.
 */
export function message(
  table: Strings,
  locale: Locale,
  key: MessageKey,
  params?: Params,
): { template: string; params?: Params } | undefined {
  const direct = (table as Record<string, string | undefined>)[key];
  if (direct !== undefined) return { template: direct, params };
  if (!(`${key}.other` in table)) return undefined;
  const count = params?.count;
  if (typeof count !== 'number') throw new Error(`String "${key}" has plural forms and needs a numeric count`);
  const tag = langTag(locale);
  const category = cached(pluralRules, tag, () => new Intl.PluralRules(tag)).select(count);
  const template =
    (table as Record<string, string | undefined>)[`${key}.${category}`] ?? (table as Record<string, string>)[`${key}.other`]!;
  return { template, params: { ...params, count: cached(countFormats, tag, () => new Intl.NumberFormat(tag)).format(count) } };
}

/** Replaces `{name}` placeholders; a missing parameter is a programming error and throws. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`Missing string parameter "${name}" in "${template}"`);
    return String(params[name]);
  });
}

/** Names of the `{placeholders}` in a template, sorted, for the key-parity test. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

function baseUrl(): string {
  const base = import.meta.env?.BASE_URL ?? '/';
  return base.endsWith('/') ? base : `${base}/`;
}

/** Site-internal URL that respects Astro's `base` (the site may live under a sub-path). */
export function url(path: string): string {
  return baseUrl() + path.replace(/^\/+/, '');
}

/** The pathname without the base prefix, always starting with `/`. */
export function stripBase(pathname: string): string {
  const base = baseUrl();
  if (pathname.startsWith(base)) return `/${pathname.slice(base.length)}`;
  return pathname;
}

/** The same page in another locale: swaps the first path segment after the base. */
export function switchLocalePath(pathname: string, target: Locale): string {
  const path = stripBase(pathname);
  const parts = path.split('/');
  if (isLocale(parts[1])) parts[1] = target;
  else return url(`/${target}/`);
  return url(parts.join('/'));
}

/** A translator over a (partial) string table, for islands that received picked strings. */
export function createT(strings: Strings, locale: Locale): Translate {
  return (key, params) => {
    const m = message(strings, locale, key, params);
    if (m === undefined) throw new Error(`String "${key}" was not passed to this island`);
    return format(m.template, m.params);
  };
}
