// Typed access to the UI strings of both locales, for Astro pages (server side).
// Islands should not import this module (it carries every string); use pickStrings() + ./client.
import en from './strings/en.json';
import zhCn from './strings/zh-cn.json';
import { format, locales, message, type Locale, type MessageKey, type Params, type StringKey, type Strings } from './core';

export * from './core';

/** Plural variants other than "other" exist only where a locale's plural rules use them (English "one"). */
type PluralVariantKey = Extract<StringKey, `${string}.${'zero' | 'one' | 'two' | 'few' | 'many'}`>;
export const dictionaries: Record<Locale, Record<Exclude<StringKey, PluralVariantKey>, string> & Strings> = { en, 'zh-cn': zhCn };

export function t(locale: Locale, key: MessageKey, params?: Params): string {
  const m = message(dictionaries[locale], locale, key, params);
  if (m === undefined) throw new Error(`No string "${key}" in ${locale}`);
  return format(m.template, m.params);
}

/** The strings whose keys start with one of the prefixes, to hand to an island as a prop. */
export function pickStrings(locale: Locale, ...prefixes: string[]): Strings {
  const out: Strings = {};
  for (const [key, value] of Object.entries(dictionaries[locale]) as [StringKey, string][]) {
    if (prefixes.some((p) => key.startsWith(p))) out[key] = value;
  }
  return out;
}

/** `getStaticPaths` for a page that exists once per locale. */
export function localeStaticPaths() {
  return locales.map((locale) => ({ params: { locale } }));
}
